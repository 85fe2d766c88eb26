// Open jjj's HTML export in headless Chromium (playwright-core driving Debian's chromium)
// and check what a reader would: the graph draws (non-blank canvas), the search finds
// 雄安新区 and shows its card with evidence, the zh/en toggle relabels nodes, the kind and
// provenance filters hide what they uncheck, and no request leaves the page. The first view:
// the labels drawn (read back from Cytoscape's label boxes) do not overlap. With
// VIEWS.json ({slug: [node ids of that view's SVG]}): selecting each report view shows
// exactly those nodes, and a click in a view adds neighbours. Save PNG/SVG download files.
// Prints a JSON report; exits 1 on any failure.
// Usage: node html_check.mjs PAGE.html [VIEWS.json] [SCREENSHOT.png]
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import path from "node:path";

const page_path = path.resolve(process.argv[2]);
const extra = process.argv.slice(3);
const shot = extra.find((a) => a.endsWith(".png"));
const views_file = extra.find((a) => a.endsWith(".json"));
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
  // The labels drawn in the first view (entities and region boxes) overlap nowhere.
  const labels = () => page.evaluate(() => {
    const drawn = window.cy.nodes().filter((n) => n.visible() && n.hasClass("labelled"));
    const box = (n) => n.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false });
    const boxes = drawn.map((n) => [n.data("label"), box(n)]);
    const overlapping = [];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i][1], b = boxes[j][1];
      if (a.x1 < b.x2 - 0.5 && b.x1 < a.x2 - 0.5 && a.y1 < b.y2 - 0.5 && b.y1 < a.y2 - 0.5) overlapping.push(boxes[i][0] + " / " + boxes[j][0]);
    }
    const fonts = drawn.map((n) => parseFloat(n.style("font-size")) * window.cy.zoom());
    return { drawn: boxes.length, overlapping, smallest_px: Math.min(...fonts) };
  });
  report.first_view = await labels();
  if (report.first_view.overlapping.length) failures.push("first view: overlapping labels " + report.first_view.overlapping.join(", "));
  // Zooming in makes room for more labels.
  // Wait for the labels to be placed again (the page does it 80 ms after the zoom stops).
  const relabels = () => page.evaluate(() => Number(document.body.dataset.relabels));
  const before = await relabels();
  await page.evaluate(() => { window.cy.zoom({ level: window.cy.zoom() * 2, renderedPosition: { x: 570, y: 450 } }); });
  await page.waitForFunction((n) => Number(document.body.dataset.relabels) > n, before, { timeout: 30000 });
  await page.waitForTimeout(200);
  report.zoomed_in = await labels();
  if (report.zoomed_in.overlapping.length) failures.push("zoomed in: overlapping labels " + report.zoomed_in.overlapping.join(", "));
  const fitted = await relabels();
  await page.click("#fit");
  await page.waitForFunction((n) => Number(document.body.dataset.relabels) > n, fitted, { timeout: 30000 });
  // Report views: the same nodes as the view's SVG.
  if (views_file) {
    const expected = JSON.parse(readFileSync(views_file, "utf8"));
    report.views = {};
    for (const [slug, ids] of Object.entries(expected)) {
      await page.check(`#views input[value="${slug}"]`);
      await page.waitForTimeout(200);
      const shown = await page.evaluate(() => window.cy.nodes().filter((n) => n.visible() && n.data("kind") !== "box").map((n) => n.id()).sort());
      const want = [...ids].sort();
      const same = JSON.stringify(shown) === JSON.stringify(want);
      const l = await labels();
      report.views[slug] = { nodes: shown.length, same, labels: l.drawn, overlapping: l.overlapping.length };
      if (!same) failures.push(`view ${slug}: shows ${shown.length} nodes, its SVG ${want.length}`);
      if (shot) await page.screenshot({ path: shot.replace(/\.png$/, `-${slug}.png`) });
    }
    // A click in a view adds the node's neighbours.
    const [slug, ids] = Object.entries(expected).find(([s]) => s.startsWith("path-"));
    await page.check(`#views input[value="${slug}"]`);
    await page.waitForTimeout(200);
    report.expanded = await page.evaluate((id) => {
      const before = window.cy.nodes().length;
      window.cy.getElementById(id).emit("tap");
      return { added: window.cy.nodes().length - before, said: Number(document.body.dataset.expanded) };
    }, ids.includes("region/xiongan") ? "region/xiongan" : ids[0]);
    if (!(report.expanded.added > 0 && report.expanded.added === report.expanded.said)) failures.push("a click in a view added no neighbours");
    await page.check('#views input[value="graph"]');
    await page.waitForTimeout(200);
  }
  // Save the picture: PNG and SVG downloads; the SVG is well-formed and carries the labels.
  for (const [button, ext] of [["#save-png", "png"], ["#save-svg", "svg"]]) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
    report["saved_" + ext] = download.suggestedFilename();
    if (report["saved_" + ext] !== "jjj-graph." + ext) failures.push("save " + ext + ": " + report["saved_" + ext]);
  }
  report.svg = await page.evaluate(() => {
    const doc = new DOMParser().parseFromString(window.jjjSvg(), "image/svg+xml");
    return { error: !!doc.querySelector("parsererror"), texts: doc.querySelectorAll("text").length, nodes: doc.querySelectorAll("ellipse").length };
  });
  if (report.svg.error || report.svg.texts < report.first_view.drawn) failures.push("saved SVG: " + JSON.stringify(report.svg));
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
