// Benchmark (not a test): how many rentals a person sees on My rentals. With 60 rentals of
// 30 days, at 1280 × 900 and 390 × 844 in each language, it counts the rows wholly on the
// first screen, where the first row starts, the height of the controls above it and of the
// tallest row, and the rows on a screen once the list fills it; compact and comfortable,
// and `BASELINE=dir` (another build, drawn in its own default) beside them.
// Run: `cd tests/e2e && node bench-density.js` after the app is built.
import { startSandbox } from "./sandbox.js";
import { DIST, QUICK, launchChromium } from "./bench-env.js";

const RENTALS = 60;
const SIZES = [[1280, 900], [390, 844]];
const LANGS = QUICK ? ["en"] : ["en", "de", "ru"];

// Run in the page: the rows inside the window, the first row's top, the controls' height.
const count = () => {
  const rows = [...document.querySelectorAll("tbody tr[data-rental]")].map((r) => r.getBoundingClientRect());
  const tools = document.querySelector(".rentals-tools");
  return {
    whole: rows.filter((r) => r.top >= 0 && r.bottom <= innerHeight).length,
    firstTop: Math.round(rows[0]?.top ?? -1),
    tallest: Math.round(Math.max(...rows.map((r) => r.height))),
    tools: tools ? Math.round(tools.getBoundingClientRect().height) : null,
  };
};

async function measure(browser, dist, density) {
  const sandbox = await startSandbox([], { dist });
  await sandbox.admin("rentals", { apikey: sandbox.key, count: RENTALS, days: 30 });
  const out = [];
  for (const [width, height] of SIZES) {
    for (const lang of LANGS) {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.addInitScript(([key, l, d]) => {
        localStorage.setItem("rentdesk.key", key);
        localStorage.setItem("rentdesk.lang", l);
        if (d) localStorage.setItem("rentdesk.density", d);
      }, [sandbox.key, lang, density]);
      await page.goto(sandbox.base + "/rentals");
      await page.waitForSelector("tbody tr[data-rental]");
      // The row window replaces its estimates with measured heights after a frame or two.
      await page.waitForTimeout(QUICK ? 300 : 800);
      const first = await page.evaluate(count);
      await page.evaluate(() => {
        const row = document.querySelector("tbody tr[data-rental]");
        window.scrollTo(0, row.getBoundingClientRect().top + scrollY);
      });
      await page.waitForTimeout(300);
      const list = await page.evaluate(count);
      out.push({ size: `${width}×${height}`, lang, first, list: list.whole });
      await page.close();
    }
  }
  await sandbox.dispose();
  return out;
}

const browser = await launchChromium();
const builds = [["compact", DIST, "compact"], ["comfortable", DIST, "comfortable"]];
if (process.env.BASELINE) builds.push(["other build", process.env.BASELINE, ""]);
console.log(`My rentals on a screen, ${RENTALS} rentals, headless Chromium${QUICK ? " (quick mode)" : ""}`);
for (const [name, dist, density] of builds) {
  for (const f of await measure(browser, dist, density)) {
    console.log(`  ${name.padEnd(11)} ${f.size.padEnd(8)} ${f.lang}: first screen ${String(f.first.whole).padStart(2)} rows, first row at ${f.first.firstTop} px, controls ${f.first.tools ?? "n/a"} px, tallest row ${f.first.tallest} px; a screen of the list ${f.list} rows`);
  }
}
if (process.env.BASELINE) console.log(`  "other build" is ${process.env.BASELINE}`);
await browser.close();
