// Benchmark (not a test): API requests per refresh period with My rentals open in one tab
// and in three tabs of one browser (one Chromium context: shared storage, locks and
// channels). Counts every rent.php and getBalance request over a window after the tabs
// have loaded, with three rentals, two of them with an SMS. Run after `trunk build
// --release` and `cargo build -p rentdesk-sandbox`: `cd tests/e2e && node bench-tabs.js`
// (`WINDOW_S=65` by default; `WINDOW_S=35` for a shorter run). `BASELINE_DIST=…` measures
// another build the same way in the same run (e.g. one from before tabs shared the work).
// QUICK=1 (see bench-env.js) counts for 10 s after 2 s: the figures are printed, but the
// window holds no 30 s refresh, so they say nothing about sharing the work.
import { startSandbox } from "./sandbox.js";
import { DIST, QUICK, launchChromium } from "./bench-env.js";

const WINDOW_S = Number(process.env.WINDOW_S || (QUICK ? 10 : 65));
// Counting starts this long after the tabs have loaded: by default once the first
// look-ups of each rental's SMS (5 s apart) are over.
const SETTLE_S = Number(process.env.SETTLE_S || (QUICK ? 2 : 16));
const browser = await launchChromium();

async function measure(tabs, dist) {
  const sandbox = await startSandbox([], { dist });
  for (let i = 0; i < 3; i++) {
    const answer = await sandbox.api({ method: "create", apikey: sandbox.key, dtype: "week", dcount: "1", country: "RU", service: "opt16", rent_type: "always" });
    if (i < 2) await sandbox.admin("sms", { id: answer.data.id, sender: "Bench", text: `Code ${100000 + i}` });
  }
  const context = await browser.newContext();
  const counts = new Map();
  let counting = false;
  context.on("request", (request) => {
    const url = new URL(request.url());
    const method = url.searchParams.get("method") || url.searchParams.get("action");
    if (!counting || !method) return;
    counts.set(method, (counts.get(method) || 0) + 1);
  });
  const pages = [];
  for (let i = 0; i < tabs; i++) {
    const page = await context.newPage();
    if (i === 0) {
      await page.goto(sandbox.base + "/settings");
      await page.evaluate((key) => localStorage.setItem("rentdesk.key", key), sandbox.key);
    }
    await page.goto(sandbox.base + "/rentals");
    await page.waitForSelector("tr[data-rental]");
    pages.push(page);
  }
  await pages[0].waitForTimeout(SETTLE_S * 1000);
  counting = true;
  await pages[0].waitForTimeout(WINDOW_S * 1000);
  counting = false;
  await context.close();
  await sandbox.dispose();
  return Object.fromEntries([...counts].sort());
}

const total = (c) => Object.values(c).reduce((a, b) => a + b, 0);
const periods = WINDOW_S / 30;
const builds = [["this build", DIST]];
if (process.env.BASELINE_DIST) builds.push(["baseline", process.env.BASELINE_DIST]);
for (const [name, dist] of builds) {
  const one = await measure(1, dist);
  const three = await measure(3, dist);
  console.log(`${name}: requests in ${WINDOW_S} s (${periods.toFixed(2)} refresh periods) with My rentals open${QUICK ? " (quick mode: not a measurement)" : ""}:`);
  console.log(`  1 tab : ${total(one)} ${JSON.stringify(one)}  = ${(total(one) / periods).toFixed(2)} per refresh`);
  console.log(`  3 tabs: ${total(three)} ${JSON.stringify(three)}  = ${(total(three) / periods).toFixed(2)} per refresh`);
  console.log(`  ratio 3 tabs / 1 tab: ${(total(three) / Math.max(1, total(one))).toFixed(2)}`);
}
await browser.close();
