// Open jjj's HTML export in headless Chromium (playwright-core driving Debian's chromium)
// and check what a reader would: the graph draws (non-blank canvas), the search finds
// 雄安新区 and shows its card with evidence, the zh/en toggle relabels nodes, the kind and
// provenance filters hide what they uncheck, and no request leaves the page. Prints a JSON report; exits 1 on any failure.
// Usage: node html_check.mjs PAGE.html [SCREENSHOT.png]
import { chromium } from "playwright-core";
import path from "node:path";

const page_path = path.resolve(process.argv[2]);
const shot = process.argv[3];
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
const failures = [];
const report = {};
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto("file://" + page_path);
  await page.waitForFunction(() => window.jjjReady === true, null, { timeout: 60000 });
  await page.waitForTimeout(500);
  report.nodes = await page.evaluate(() => window.cy.nodes().filter((n) => n.data("kind") !== "box").length);
  report.edges = await page.evaluate(() => window.cy.edges().length);
  // Non-blank: painted pixels on Cytoscape's canvases.
  report.painted = await page.evaluate(() => {
    let painted = 0;
    document.querySelectorAll("#cy canvas").forEach((c) => {
      const ctx = c.getContext("2d");
      if (!ctx || !c.width || !c.height) return;
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
    });
    return painted;
  });
  if (report.painted < 5000) failures.push(`canvas nearly blank: ${report.painted} painted pixels`);
  if (shot) await page.screenshot({ path: shot });
  // Search.
  await page.fill("#search", "雄安新区");
  await page.press("#search", "Enter");
  await page.waitForTimeout(400);
  report.first_hit = await page.evaluate(() => document.querySelector("#results div")?.dataset.id || null);
  report.selected = await page.evaluate(() => document.body.dataset.selected || null);
  report.card_title = await page.textContent("#card h2");
  report.card_evidence = await page.evaluate(() => document.querySelectorAll("#card .evidence").length);
  if (report.first_hit !== "region/xiongan" || report.selected !== "region/xiongan") failures.push("search did not find 雄安新区");
  if (report.card_title !== "雄安新区" || report.card_evidence < 3) failures.push("card without evidence");
  if (shot) await page.screenshot({ path: shot.replace(/\.png$/, "-card.png") });
  // Traditional characters and English find it too.
  await page.fill("#search", "雄安新區");
  report.traditional_hits = Number(await page.evaluate(() => document.body.dataset.hits));
  if (!(report.traditional_hits > 0)) failures.push("traditional search found nothing");
  // Language toggle.
  await page.click("#lang");
  report.english_label = await page.evaluate(() => window.cy.getElementById("region/xiongan").data("label"));
  if (report.english_label !== "Xiong'an New Area") failures.push("zh/en toggle did not relabel");
  // Filters: unchecking a kind hides its nodes.
  await page.uncheck('#kinds input[data-name="park"]');
  report.parks_visible = await page.evaluate(() => window.cy.nodes('[kind = "park"]').filter((n) => n.visible()).length);
  if (report.parks_visible !== 0) failures.push("kind filter did not hide parks");
  // Provenance filter: unchecking "discovered" hides the entities not in the catalogue.
  report.discovered = await page.evaluate(() => window.cy.nodes("[?discovered]").length);
  if (report.discovered > 0) {
    await page.uncheck("#provenance input");
    report.discovered_visible = await page.evaluate(() => window.cy.nodes("[?discovered]").filter((n) => n.visible()).length);
    if (report.discovered_visible !== 0) failures.push("provenance filter did not hide discovered nodes");
  }
  report.errors = errors;
  if (errors.length) failures.push("page errors: " + errors.join("; "));
  report.outside_requests = requests.filter((u) => !u.startsWith("file://") && !u.startsWith("data:") && !u.startsWith("blob:"));
  if (report.outside_requests.length) failures.push("requests left the page: " + report.outside_requests.join(", "));
} finally {
  await browser.close();
}
report.failures = failures;
console.log(JSON.stringify(report));
process.exit(failures.length ? 1 : 0);
