// Benchmark (not a test), part of bench.js: My rentals with 20,000 rentals against 200 of
// the same key, in this build and (BASELINE=dir) another one, in one run: opening the page,
// a refresh in which ten rentals get an SMS, the rows in the page, the longest main-thread
// task while scrolling from the top to the end, and filtering to one number.
import { startSandbox } from "./sandbox.js";
import { QUICK, median, nodesPerRow, runs, signInPage } from "./bench-env.js";

// The conditions, run in the page at each frame: once one holds, it notes in
// `window.benchSettled` the time after that frame was drawn.
const cond = {
  // The first row is drawn (and, where the build shows it, the count of all).
  opened: () => {
    const first = document.querySelector("tbody tr[data-rental]");
    const count = document.querySelector("[data-testid=rental-count]");
    if (!first || (!count && document.querySelector("[data-testid=find-hint]"))) return false;
    window.benchSettled ??= new Promise((settle) => setTimeout(() => settle(performance.now())));
    return true;
  },
  // The changed rentals are the first rows drawn.
  onTop: (changed) => {
    const rows = [...document.querySelectorAll("tbody tr[data-rental]")].slice(0, changed.length);
    if (rows.length !== changed.length || !rows.every((r) => changed.includes(Number(r.dataset.rental)))) return false;
    window.benchSettled ??= new Promise((settle) => setTimeout(() => settle(performance.now())));
    return true;
  },
  oneRow: (id) => {
    const rows = document.querySelectorAll("tbody tr[data-rental]");
    if (rows.length !== 1 || Number(rows[0].dataset.rental) !== id) return false;
    window.benchSettled ??= new Promise((settle) => setTimeout(() => settle(performance.now())));
    return true;
  },
  many: (n) => document.querySelectorAll("tbody tr[data-rental]").length >= n,
};

/** Waits for condition `name` and returns the page's time once it held and was drawn. */
async function settled(page, name, arg = null) {
  await page.evaluate(() => (window.benchSettled = undefined));
  await page.waitForFunction(cond[name], arg, { polling: "raf", timeout: 120_000 });
  return page.evaluate(() => window.benchSettled);
}

/** One build with `count` rentals: the figures of one run. */
async function deskRun(browser, dist, count) {
  const sandbox = await startSandbox([], { dist });
  await sandbox.admin("rentals", { apikey: sandbox.key, count, days: 30 });
  const list = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data;
  const byExpiry = [...list].sort((a, b) => a.until - b.until || a.id - b.id);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // Every long task of the page (≥ 50 ms), from its start: the longest of opening and of a refresh.
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((l) => window.__longTasks.push(...l.getEntries().map((e) => e.duration))).observe({ type: "longtask", buffered: true });
  });
  const longest = () => page.evaluate(() => Math.max(0, ...window.__longTasks.splice(0)));
  await page.goto(sandbox.base + "/settings");
  await signInPage(page, sandbox.key);
  const figures = {};

  // Open My rentals: from the navigation's start to the first row (and the count) drawn.
  await page.goto(sandbox.base + "/rentals");
  figures.open = await settled(page, "opened");
  figures.decode = await page.evaluate(() => performance.getEntriesByName("rentdesk orders decode").pop()?.duration ?? null);
  // Let the page finish its first lookups before counting and refreshing.
  await page.waitForTimeout(QUICK ? 300 : 1500);
  figures.openLongest = await longest();
  figures.rows = await page.evaluate(() => document.querySelectorAll("tbody tr[data-rental]").length);
  figures.elements = await page.evaluate(() => document.getElementsByTagName("*").length);
  figures.perRow = await nodesPerRow(page);

  // A refresh in which ten rentals from the middle of the list get an SMS: from the click
  // to the last of them drawn on top.
  const changed = byExpiry.slice(Math.floor(count / 2), Math.floor(count / 2) + 10).map((r) => r.id);
  for (const id of changed) await sandbox.admin("sms", { id, sender: "bench", text: "code 271828" });
  const clicked = await page.evaluate(() => {
    document.querySelector(".refresh-bar button").click();
    return performance.now();
  });
  figures.refresh = (await settled(page, "onTop", changed)) - clicked;
  await page.waitForTimeout(100);
  figures.refreshLongest = await longest();
  figures.refreshDecode = await page.evaluate(() => performance.getEntriesByName("rentdesk orders decode").pop()?.duration ?? null);
  figures.apply = await page.evaluate(() => performance.getEntriesByName("rentdesk orders apply").pop()?.duration ?? null);
  figures.arrange = await page.evaluate(() => performance.getEntriesByName("rentdesk rentals arrange").pop()?.duration ?? null);
  figures.share = await page.evaluate(() => performance.getEntriesByName("rentdesk orders share").pop()?.duration ?? null);
  figures.answer = await page.evaluate(() => {
    const e = performance.getEntriesByType("resource").filter((r) => r.name.includes("method=orders")).pop();
    return e ? e.responseEnd - e.requestStart : null;
  });

  // Filter to one number: from the last key (the input event) to that one row drawn.
  const target = byExpiry[Math.floor(count / 3)];
  const typed = await page.evaluate((number) => {
    const search = document.querySelector("input[type=search]");
    search.value = number;
    const at = performance.now();
    search.dispatchEvent(new Event("input", { bubbles: true }));
    return at;
  }, target.pnumber);
  figures.filter = (await settled(page, "oneRow", target.id)) - typed;
  await page.evaluate(() => {
    const search = document.querySelector("input[type=search]");
    search.value = "";
    search.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await settled(page, "many", Math.min(5, count));

  // Scroll from the top to the end (a screen a frame; quick mode: 150 screens), noting
  // long tasks and the longest frame.
  figures.scroll = await page.evaluate(async (limit) => {
    window.scrollTo(0, 0);
    const long = [];
    const observer = new PerformanceObserver((l) => long.push(...l.getEntries().map((e) => e.duration)));
    observer.observe({ type: "longtask" });
    let worst = 0;
    let last = performance.now();
    let steps = 0;
    await new Promise((finished) => {
      const step = () => {
        const now = performance.now();
        worst = Math.max(worst, now - last);
        last = now;
        const end = document.documentElement.scrollHeight - innerHeight;
        if (window.scrollY >= end - 1 || steps >= limit) return finished();
        steps++;
        window.scrollBy(0, innerHeight);
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
    await new Promise((r) => setTimeout(r, 200));
    observer.disconnect();
    const rows = document.querySelectorAll("tbody tr[data-rental]").length;
    const lastIndex = Math.max(...[...document.querySelectorAll("tbody tr[data-rental]")].map((r) => Number(r.getAttribute("aria-rowindex") || 0)));
    return { steps, worstFrame: worst, longest: long.length ? Math.max(...long) : 0, longCount: long.length, rows, lastIndex };
  }, QUICK ? 150 : 100_000);
  await context.close();
  await sandbox.dispose();
  return figures;
}

/** Every figure for one build, 20,000 and 200 rentals, `RUNS` runs each (medians). */
async function deskFigures(browser, dist) {
  const n = runs(3);
  const out = {};
  for (const count of [200, QUICK ? Number(process.env.SCALE_ROWS || 20_000) : 20_000]) {
    const all = [];
    for (let i = 0; i < n; i++) all.push(await deskRun(browser, dist, count));
    const mid = (f) => median(all.map(f).filter((x) => x != null));
    out[count] = {
      open: mid((f) => f.open),
      refresh: mid((f) => f.refresh),
      filter: mid((f) => f.filter),
      decode: mid((f) => f.decode),
      apply: mid((f) => f.apply),
      arrange: mid((f) => f.arrange),
      share: mid((f) => f.share),
      refreshDecode: mid((f) => f.refreshDecode),
      answer: mid((f) => f.answer),
      rows: mid((f) => f.rows),
      elements: mid((f) => f.elements),
      perRow: { nodes: mid((f) => f.perRow?.nodes), elements: mid((f) => f.perRow?.elements) },
      openLongest: Math.max(...all.map((f) => f.openLongest)),
      refreshLongest: Math.max(...all.map((f) => f.refreshLongest)),
      longest: Math.max(...all.map((f) => f.scroll.longest)),
      longCount: Math.max(...all.map((f) => f.scroll.longCount)),
      worstFrame: Math.max(...all.map((f) => f.scroll.worstFrame)),
      steps: all[0].scroll.steps,
      reached: all[0].scroll.lastIndex,
    };
  }
  return out;
}

const ms = (x) => (x == null || Number.isNaN(x) ? "n/a" : `${x.toFixed(0)} ms`);

/** Measures this build (and `baseline`, when given) and prints the figures. */
export async function measureScale(browser, dist, baseline) {
  const builds = [["rentdesk", dist], ...(baseline ? [["other build", baseline]] : [])];
  const results = [];
  for (const [name, d] of builds) results.push([name, await deskFigures(browser, d)]);
  console.log(`\nMy rentals at scale, 20000 against 200 rentals of one key${QUICK ? " (quick mode: not a measurement)" : ""}`);
  for (const [name, r] of results) {
    const [small, big] = [r[200], r[20000] ?? Object.values(r)[1]];
    const ratio = (k) => (big[k] / small[k]).toFixed(2);
    console.log(`${name}:`);
    console.log(`  open My rentals, first row shown   20000 ${ms(big.open).padStart(8)}   200 ${ms(small.open).padStart(8)}   ratio ${ratio("open")}×`);
    console.log(`  refresh, ten get an SMS            20000 ${ms(big.refresh).padStart(8)}   200 ${ms(small.refresh).padStart(8)}   ratio ${ratio("refresh")}×`);
    console.log(`  filter to one number               20000 ${ms(big.filter).padStart(8)}   200 ${ms(small.filter).padStart(8)}`);
    console.log(`  rows in the page                   20000 ${String(big.rows).padStart(8)}   200 ${String(small.rows).padStart(8)}   elements ${big.elements} / ${small.elements}, per row ${big.perRow ? `${big.perRow.nodes.toFixed(1)} nodes, ${big.perRow.elements.toFixed(1)} elements` : "n/a"}`);
    console.log(`  scrolling top to end (${big.steps} screens, reached row ${big.reached}): longest task ${big.longCount ? ms(big.longest) : "none ≥ 50 ms"}, ${big.longCount} long tasks, longest frame ${ms(big.worstFrame)}`);
    const task = (x) => (x ? ms(x) : "none ≥ 50 ms");
    console.log(`  longest task at 20000 (worst of the runs): opening ${task(big.openLongest)}, the refresh ${task(big.refreshLongest)} (200: ${task(small.openLongest)}, ${task(small.refreshLongest)})`);
    console.log(`  at 20000: orders decode on opening ${ms(big.decode)}, in the refresh ${ms(big.refreshDecode)}; apply ${ms(big.apply)}; arrange ${ms(big.arrange)}`);
    console.log(`  in the refresh at 20000: the answer on the wire ${ms(big.answer)} (200: ${ms(small.answer)}), shared with other tabs ${ms(big.share)}`);
  }
}
