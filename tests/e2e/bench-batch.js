// Benchmark (not a test): a batch of 100 numbers against the sandbox with the spacing
// between paid calls set to 0 (the test-only switch `window.__rdBatchSpacing`), watched on
// My rentals in the tab that runs it, with ROWS (default 1,000) rentals already there:
// the longest main-thread task while it runs beside the longest of a refresh of the same
// table at rest, the table's refreshes during the batch and what each cost (the app's own
// decode and apply measures), and the bytes the rent page fetches at start in this build
// and (BASELINE=dir) another one.
// Run: `cd tests/e2e && node bench-batch.js` after the app is built (QUICK=1: 20 numbers;
// CPU=4: the page on a CPU slowed four times).
import { startSandbox } from "./sandbox.js";
import { DIST, QUICK, launchChromium, median, signInPage } from "./bench-env.js";

const ROWS = Number(process.env.ROWS || 1000);
const COUNT = QUICK ? 20 : 100;
const CHOICE = "type=always&country=DE&period=week-1&service=opt29";
/** `CPU=4`: the batch's page on a CPU slowed four times, as Lighthouse's mobile profile. */
const CPU = Number(process.env.CPU || 1);

/** The app's measures named `name` since `since` (page ms): their durations (the app keeps
 * only the latest in the timeline; the page's observer keeps them all). */
const measures = (page, name, since) =>
  page.evaluate(([n, s]) => window.__measures.filter((e) => e.name === n && e.start >= s).map((e) => e.duration), [name, since]);

/** The longest task since the last call: the longest reported long task (≥ 50 ms), or
 * the longest gap of the page's loop (a task and a zero timeout's turn: an upper bound). */
const longest = (page) =>
  page.evaluate(() => {
    const gap = window.__gap;
    window.__gap = 0;
    return Math.max(gap, ...window.__longTasks.splice(0));
  });

async function batchRun(browser) {
  const sandbox = await startSandbox([], { dist: DIST });
  await sandbox.admin("rentals", { apikey: sandbox.key, count: ROWS, days: 30 });
  await sandbox.admin("balance", { apikey: sandbox.key, amount: "5000" });
  await sandbox.admin("numbers", { country: "DE", count: 2 * COUNT + 10 });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    window.__rdBatchSpacing = 0;
    window.__longTasks = [];
    window.__measures = [];
    new PerformanceObserver((l) => window.__measures.push(...l.getEntries().map((e) => ({ name: e.name, start: e.startTime, duration: e.duration })))).observe({ type: "measure" });
    new PerformanceObserver((l) => window.__longTasks.push(...l.getEntries().map((e) => e.duration))).observe({ type: "longtask", buffered: true });
    // The longest wait between two turns of a message-channel loop: the longest task,
    // also under the 50 ms a long task needs to be reported.
    window.__gap = 0;
    const channel = new MessageChannel();
    let last = performance.now();
    channel.port1.onmessage = () => {
      const now = performance.now();
      window.__gap = Math.max(window.__gap, now - last);
      last = now;
      setTimeout(() => channel.port2.postMessage(0), 0);
    };
    channel.port2.postMessage(0);
  });
  const page = await context.newPage();
  if (CPU > 1) await (await context.newCDPSession(page)).send("Emulation.setCPUThrottlingRate", { rate: CPU });
  await page.goto(sandbox.base + "/settings");
  await signInPage(page, sandbox.key);

  // At rest: three refreshes of the same table in which ten rentals get an SMS (a batch's
  // refresh brings new rentals: some change either way).
  await page.goto(sandbox.base + "/rentals");
  await page.waitForFunction((n) => document.querySelector("[data-testid=rental-count]")?.textContent.startsWith(String(n)), ROWS, { timeout: 60_000 });
  await page.waitForTimeout(1500);
  await longest(page);
  const restSince = await page.evaluate(() => performance.now());
  const ids = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data.map((r) => r.id);
  for (let i = 0; i < 3; i++) {
    for (const id of ids.slice(i * 10, i * 10 + 10)) await sandbox.admin("sms", { id, sender: "bench", text: `code ${100 + i}` });
    const answered = page.waitForResponse((r) => r.url().includes("method=orders"));
    await page.locator(".refresh-bar button").click();
    await answered;
    await page.waitForTimeout(700);
  }
  const rest = {
    longest: await longest(page),
    decode: median(await measures(page, "rentdesk orders decode", restSince)),
    apply: median(await measures(page, "rentdesk orders apply", restSince)),
  };

  // The batches, confirmed on the rent page: the first watched there (the runner's own
  // cost), the second on My rentals from once its table is drawn (the table's cost too).
  await page.goto(`${sandbox.base}/?${CHOICE}&count=${COUNT}`);
  let orders = 0;
  page.on("request", (r) => r.url().includes("method=orders") && orders++);
  const headline = () => page.evaluate(() => document.querySelector("[data-testid=batch-headline]")?.textContent ?? "");
  const finished = (n) => page.waitForFunction((n) => document.querySelector("[data-testid=batch-headline]")?.textContent.startsWith(`${n} of ${n} rented`), n, { timeout: 300_000, polling: 200 });
  const batch = async (watchTable) => {
    await page.getByRole("button", { name: "Rent", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: `Rent ${COUNT} numbers` }).click();
    const started = Date.now();
    if (watchTable) {
      await page.getByRole("link", { name: "My rentals" }).first().click();
      await page.locator("[data-testid=rental-count]").waitFor();
    }
    await longest(page);
    const since = await page.evaluate(() => performance.now());
    const doneAtStart = parseInt((await headline()).match(/(\d+) of/)?.[1] ?? "0", 10);
    orders = 0;
    await finished(COUNT);
    const out = { seconds: (Date.now() - started) / 1000, longest: await longest(page), orders, doneAtStart };
    if (watchTable) {
      // The table catches up with the batch's last numbers.
      await page.waitForFunction((n) => document.querySelector("[data-testid=rental-count]")?.textContent.startsWith(String(n)), ROWS + 2 * COUNT, { timeout: 60_000 });
      out.decodes = await measures(page, "rentdesk orders decode", since);
      out.applies = await measures(page, "rentdesk orders apply", since);
    }
    return out;
  };
  const onRent = await batch(false);
  await page.getByTestId("batch-close").click();
  const onTable = await batch(true);
  const rented = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data.length - ROWS;
  await context.close();
  await sandbox.dispose();
  return { rest, onRent, onTable, rented };
}

/** The bytes a first visit to the rent page fetches until it can rent, and 5 s later
 * (the parts the app prefetches once idle). */
async function startBytes(browser, dist) {
  const sandbox = await startSandbox([], { dist });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(sandbox.base + "/settings");
  await signInPage(page, sandbox.key);
  const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 }, storageState: await context.storageState() });
  const visit = await fresh.newPage();
  const bytes = () => visit.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0]?.transferSize ?? 0;
    return nav + performance.getEntriesByType("resource").reduce((n, e) => n + e.transferSize, 0);
  });
  await visit.goto(`${sandbox.base}/?${CHOICE}`);
  await visit.locator(".rent-button:not([disabled])").waitFor({ timeout: 60_000 });
  const ready = await bytes();
  await visit.waitForTimeout(5000);
  const idle = await bytes();
  await fresh.close();
  await context.close();
  await sandbox.dispose();
  return { ready, idle };
}

const browser = await launchChromium();
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`A batch of ${COUNT} at spacing 0, watched on My rentals with ${ROWS} rentals, headless Chromium, CPU ×${CPU}${QUICK ? " (quick mode)" : ""}`);
const run = await batchRun(browser);
const show = (xs) => (xs.length ? `${xs.length} × median ${median(xs).toFixed(1)} ms, longest ${Math.max(...xs).toFixed(1)} ms` : "none");
console.log(`  rented ${run.rented} of ${2 * COUNT} in two batches`);
console.log(`  on the rent page: ${run.onRent.seconds.toFixed(1)} s, longest task ${run.onRent.longest.toFixed(0)} ms, ${run.onRent.orders} orders requests`);
console.log(`  on My rentals (from ${run.onTable.doneAtStart} rented, once the table was drawn): longest task ${run.onTable.longest.toFixed(0)} ms, ${run.onTable.orders} orders requests`);
console.log(`  longest task while it ran: ${Math.max(run.onRent.longest, run.onTable.longest).toFixed(0)} ms; during three refreshes of the table at rest: ${run.rest.longest.toFixed(0)} ms (ratio ${(Math.max(run.onRent.longest, run.onTable.longest) / run.rest.longest).toFixed(2)})`);
console.log(`  the table's decode during the batch: ${show(run.onTable.decodes)}; at rest: median ${run.rest.decode?.toFixed(1)} ms`);
console.log(`  the table's apply during the batch: ${show(run.onTable.applies)}; at rest: median ${run.rest.apply?.toFixed(1)} ms`);
const builds = [["this build", DIST]];
if (process.env.BASELINE) builds.push(["other build", process.env.BASELINE]);
console.log("Bytes the rent page fetches on a first visit (transfer sizes)");
for (const [name, dist] of builds) {
  const b = await startBytes(browser, dist);
  console.log(`  ${name}: ${kb(b.ready)} until Rent can be clicked, ${kb(b.idle)} after 5 s idle`);
}
await browser.close();
