// Benchmark (not a test): the rent page with the live catalogue (about 150 services in a
// country) in headless Chromium: the service list on screen after getdata's answer, a
// search narrowing it, and picking a service until the summary beside the total shows.
// Run after `trunk build --release` and `cargo build -p rentdesk-sandbox`:
// `cd tests/e2e && node bench-rent.js` (QUICK=1: one run; see bench-env.js).
import { startSandbox } from "./sandbox.js";
import { DIST, QUICK, launchChromium, median, runs } from "./bench-env.js";

const RUNS = runs(5);
const sandbox = await startSandbox([], { dist: DIST });
const browser = await launchChromium();
const times = { list: [], search: [], pick: [] };
let services = 0;

for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(sandbox.base + "/settings");
  await page.evaluate((key) => localStorage.setItem("rentdesk.key", key), sandbox.key);
  await page.goto(sandbox.base + "/?type=always&country=RU&period=week-1");
  await page.waitForFunction(() => document.querySelectorAll("li.service").length > 100, null, { polling: "raf" });
  times.list.push(
    await page.evaluate(() => {
      const answer = performance.getEntriesByType("resource").filter((e) => e.name.includes("method=getdata&")).pop();
      return performance.now() - answer.responseEnd;
    }),
  );
  services = await page.evaluate(() => document.querySelectorAll("li.service").length);
  // Plain DOM events and frame polling: Playwright's own lookups would be timed as the app's.
  times.search.push(
    await page.evaluate(async () => {
      const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
      const input = document.getElementById("service-search");
      const start = performance.now();
      input.value = "tele";
      input.dispatchEvent(new Event("input", { bubbles: true }));
      while (document.querySelectorAll("li.service").length > 3) await frame();
      return performance.now() - start;
    }),
  );
  times.pick.push(
    await page.evaluate(async () => {
      const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
      const box = document.querySelector("li.service input[type=checkbox]");
      const start = performance.now();
      box.click();
      while (!document.querySelector("[data-testid=picked]")) await frame();
      return performance.now() - start;
    }),
  );
  await context.close();
}

await browser.close();
await sandbox.dispose();
console.log(`rent page, ${services} services in RU, median of ${RUNS} runs in headless Chromium${QUICK ? " (quick mode: not a measurement)" : ""}`);
console.log(`service list on screen after getdata's answer   ${median(times.list).toFixed(1).padStart(7)} ms`);
console.log(`search "tele" narrows the list                  ${median(times.search).toFixed(1).padStart(7)} ms`);
console.log(`pick a service until the summary shows          ${median(times.pick).toFixed(1).padStart(7)} ms`);
