// Runs axe-core (WCAG 2.0/2.1 A and AA rules) over every .html file under a
// folder, in one headless Debian Chromium, page after page, and prints JSON:
// {"pages": {"<relative path>": [{"id", "impact", "help", "targets": [...]}, ...]}}.
//   node tests/axe_pages.mjs FOLDER
// CHROMIUM names the browser (default /usr/bin/chromium).
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

function pages(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...pages(p));
    else if (e.name.endsWith(".html")) out.push(p);
  }
  return out.sort();
}

const root = resolve(process.argv[2] ?? ".");
// /dev/shm is small in containers: Chromium then uses /tmp for its shared memory.
const args = ["--disable-gpu", "--disable-dev-shm-usage"];
if (process.getuid && process.getuid() === 0) args.push("--no-sandbox");
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args,
});
const result = { axe: null, pages: {}, incomplete: {} };
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  for (const file of pages(root)) {
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    await page.addScriptTag({ content: AXE });
    const r = await page.evaluate(async (tags) => {
      const res = await axe.run(document, { runOnly: { type: "tag", values: tags } });
      return {
        version: axe.version,
        violations: res.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          targets: v.nodes.map((n) => n.target.join(" ")),
        })),
        incomplete: res.incomplete.map((v) => ({
          id: v.id,
          targets: v.nodes.map((n) => n.target.join(" ")),
        })),
      };
    }, TAGS);
    result.axe = r.version;
    const name = relative(root, file).split(sep).join("/");
    result.pages[name] = r.violations;
    if (r.incomplete.length) result.incomplete[name] = r.incomplete;
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(result, null, 1) + "\n");
