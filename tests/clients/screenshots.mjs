// The README's screenshots: the HTML page's first view and one report view, and the
// built-in layout's overview SVG, drawn by headless Chromium.
// Usage: node screenshots.mjs PAGE.html OVERVIEW-BUILTIN.svg OUT_DIR
import { chromium } from "playwright-core";
import path from "node:path";

const [page_path, svg_path, out] = process.argv.slice(2).map((p) => path.resolve(p));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto("file://" + page_path);
  await page.waitForFunction(() => window.jjjReady === true, null, { timeout: 60000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(out, "html-first-view.png") });
  await page.check('#views input[value="parks"]');
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(out, "html-view-parks.png") });
  const svg = await browser.newPage({ viewport: { width: 2000, height: 1000 } });
  await svg.goto("file://" + svg_path);
  const size = await svg.evaluate(() => [document.documentElement.width.baseVal.value, document.documentElement.height.baseVal.value]);
  await svg.setViewportSize({ width: Math.ceil(size[0]), height: Math.ceil(size[1]) });
  await svg.screenshot({ path: path.join(out, "overview-builtin.png"), animations: "allow", caret: "initial" });
} finally {
  await browser.close();
}
