// Benchmark (not a test): the rentals table with 1,000 rentals in headless Chromium, the
// first render and a refresh where 10 rows change, each beside a minimal plain-JS page
// that renders the same JSON in the same browser run; requests per refresh; then My
// rentals at 20,000 rentals against 200 (bench-scale.js), beside another build when
// BASELINE=dir is given.
// Run: `bash scripts/bench-app.sh`, or `cd tests/e2e && node bench.js` (QUICK=1: one run).
import { startSandbox } from "./sandbox.js";
import path from "node:path";
import { DIST, QUICK, launchChromium, median, nodesPerRow, runs, signInPage } from "./bench-env.js";
import { measureScale } from "./bench-scale.js";

const ROWS = Number(process.env.ROWS || 1000);
const RUNS = runs(5);
const sandbox = await startSandbox([], { dist: DIST });
await sandbox.admin("rentals", { apikey: sandbox.key, count: ROWS });
const ids = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data.map((r) => r.id);
const browser = await launchChromium();

// The time from the orders answer's last byte to the frame in which `done()` first holds
// having been drawn, in the page's clock. `done` is checked at each frame and, once it
// holds, notes the time in a task after that frame's style, layout and paint (`settled`),
// so neither side is timed with Playwright's round trips.
async function timeAfterOrders(page, done, action, arg = null) {
  await page.evaluate(() => {
    performance.clearResourceTimings();
    window.benchSettled = undefined;
  });
  const requests = [];
  const listener = (r) => r.url().includes("method=orders") && requests.push(r.url());
  page.on("request", listener);
  await action();
  await page.waitForFunction(done, arg, { polling: "raf", timeout: 60_000 });
  const end = await page.evaluate(() => window.benchSettled);
  const answered = await page.evaluate(() =>
    performance.getEntriesByType("resource").filter((e) => e.name.includes("method=orders")).pop()?.responseEnd,
  );
  page.off("request", listener);
  return { ms: end - answered, requests: requests.length };
}

// Each round gives ten rentals of its own a new SMS. Afterwards their SMS are read (which
// clears `hasnewsms`, as on the live API), so every first render starts with no rental
// flagged and every refresh changes exactly these ten. (Waiting for a count of flagged
// rows across rounds never ended: the app reads a flagged rental's SMS for its "Latest SMS"
// cell, one every 5 s, and so clears some of the earlier rounds' flags.)
const roundIds = (round) => ids.slice(round * 10, round * 10 + 10);
async function changeTenRows(round) {
  for (const id of roundIds(round)) {
    await sandbox.admin("sms", { id, sender: "bench", text: `code ${100000 + round}` });
  }
}
async function readTenRows(round) {
  for (const id of roundIds(round)) await sandbox.api({ method: "sms", apikey: sandbox.key, id });
}
// The conditions: each, once it holds, starts `window.benchSettled` (see timeAfterOrders).
// The plain page draws every row; rentdesk draws the rows near the screen (its row window),
// and is done when they are drawn and the count of all is shown.
const allRows = (n) => {
  if (document.querySelectorAll("tbody tr[data-rental]").length !== n) return false;
  window.benchSettled ??= new Promise((settle) => setTimeout(() => settle(performance.now())));
  return true;
};
const screenDrawn = (n) => {
  const rows = document.querySelectorAll("tbody tr[data-rental]");
  const count = document.querySelector("[data-testid=rental-count]")?.textContent ?? "";
  const last = rows[rows.length - 1];
  if (!count.startsWith(String(n)) || !last || last.getBoundingClientRect().bottom < innerHeight) return false;
  window.benchSettled ??= new Promise((settle) => setTimeout(() => settle(performance.now())));
  return true;
};
// Both tables show rentals with new SMS first: done when the changed ones are on top.
const changedOnTop = (changed) => {
  const rows = document.querySelectorAll("tbody tr[data-rental]");
  const on = changed.every((_, i) => rows[i]?.classList.contains("has-sms") && changed.includes(Number(rows[i].dataset.rental)));
  if (on) window.benchSettled ??= new Promise((settle) => setTimeout(() => settle(performance.now())));
  return on;
};

const app = { first: [], refresh: [], requests: [] };
const plain = { first: [], refresh: [] };
let stylesheet = "";

for (let run = 0; run < RUNS; run++) {
  // rentdesk
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(sandbox.base + "/settings");
  await signInPage(page, sandbox.key);
  const first = await timeAfterOrders(page, screenDrawn, () => page.goto(sandbox.base + "/rentals"), ROWS);
  app.first.push(first.ms);
  app.perRow = await nodesPerRow(page);
  stylesheet = await page.evaluate(() => [...document.styleSheets].map((s) => s.href).find(Boolean));
  await changeTenRows(run * 2);
  const refresh = await timeAfterOrders(
    page,
    changedOnTop,
    // A plain DOM click: Playwright's role lookup would compute accessible names over
    // 1,000 rows on the page's main thread and be timed as if it were the app's work.
    () => page.evaluate(() => document.querySelector(".refresh-bar button").click()),
    roundIds(run * 2),
  );
  app.refresh.push(refresh.ms);
  app.requests.push(refresh.requests);
  await context.close();
  await readTenRows(run * 2);

  // The same JSON, rendered by a plain-JS page keyed by id into the same markup (cells,
  // badges, buttons, the "why" link) in the same order (new SMS first, then by expiry)
  // under the app's own stylesheet, so the ratio compares the same work: rebuilding a row
  // whose data changed, moving it, one delegated click listener. The page is served on
  // the sandbox's origin by the browser itself: the app's index.html would boot the app
  // (wasm, service worker) under it.
  const plainContext = await browser.newContext();
  const plainUrl = sandbox.base + "/plain-js-table";
  await plainContext.route(plainUrl, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="stylesheet" href="${stylesheet}"></head>
<body><main><div class="table-wrap"><table class="rentals"><thead><tr><th scope="col"><span class="visually-hidden">Select</span></th>
<th scope="col">Status</th><th scope="col">Phone number</th><th scope="col">Service</th><th scope="col">Latest SMS</th>
<th scope="col">Expires</th><th scope="col">Actions</th></tr></thead><tbody></tbody></table></div></main></body></html>`,
    }),
  );
  const plainPage = await plainContext.newPage();
  await plainPage.goto(plainUrl);
  await plainPage.evaluate(([base, key]) => {
    const rows = new Map();
    const el = (tag, attrs, ...children) => {
      const e = document.createElement(tag);
      for (const [k, v] of Object.entries(attrs)) if (v !== false) e.setAttribute(k, v === true ? "" : v);
      e.append(...children.filter((c) => c != null));
      return e;
    };
    const states = { 0: "Not active", 1: "Active", 2: "Activating", "-1": "Not in the system" };
    const when = new Intl.DateTimeFormat("en-US", {
      year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    });
    const phone = (ccode, p) => {
      const groups = [];
      let rest = p.replace(/\D/g, "");
      while (rest.length > 4) {
        const take = rest.length === 5 ? 2 : rest.length === 8 ? 4 : 3;
        groups.push(rest.slice(0, take));
        rest = rest.slice(take);
      }
      if (rest) groups.push(rest);
      return `${ccode.startsWith("+") ? ccode : "+" + ccode} ${groups.join(" ")}`;
    };
    const left = (s) => (s <= 0 ? "expired" : `in ${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`);
    const render = (r, now) => {
      const number = phone(r.ccode, r.pnumber);
      const why = r.canprolong || r.canprolongmax > 0
        ? ""
        : "You can prolong a number only when fewer than 7 days are left until it expires";
      const classes = [r.hasnewsms && "has-sms", r.until - now < 7 * 86400 && "expiring"].filter(Boolean).join(" ");
      return el("tr", { "data-rental": r.id, class: classes || false },
        el("td", { class: "select-cell" }, el("input", { type: "checkbox", "aria-label": `Select: ${number}` })),
        el("td", { "data-label": "Status" },
          el("span", { class: `state state-${r.state}` }, states[r.state] ?? "Unknown"),
          r.hasnewsms ? el("span", { class: "badge sms" }, "New SMS") : null),
        el("td", { class: "number", "data-label": "Phone number" },
          el("button", { type: "button", class: "copy", "aria-label": `Copy number: ${number}` }, number),
          r.provider ? el("span", { class: "operator" }, r.provider) : null,
          el("span", { class: "copied", "aria-live": "polite" })),
        el("td", { "data-label": "Service" },
          el("ul", { class: "service-names" }, ...r.sname.split(/,(?![^(]*\))/).map((name) => el("li", {}, name)))),
        el("td", { class: "latest-sms", "data-label": "Latest SMS" }),
        el("td", { class: "expires", "data-label": "Expires" }, when.format(new Date(r.until * 1000)),
          el("span", { class: "left" }, left(r.until - now))),
        el("td", { class: "actions-cell" },
          r.state === 0 ? el("button", { type: "button" }, "Activate") : null,
          el("button", { type: "button", class: "secondary" }, "SMS"),
          el("button", { type: "button", class: "secondary", disabled: !!why, title: why }, "Prolong"),
          why ? el("a", { href: "/faq#prolong-disabled", class: "why", title: why },
            el("span", { "aria-hidden": "true" }, "?"), el("span", { class: "visually-hidden" }, "Why is prolonging disabled?")) : null,
          el("button", { type: "button", class: "secondary" }, "Add service"),
          el("button", { type: "button", class: "secondary danger" }, "Delete")));
    };
    const body = document.querySelector("tbody");
    body.addEventListener("click", (ev) => ev.target.closest("button"));
    window.load = async () => {
      const data = (await (await fetch(`${base}/api/rent.php?method=orders&apikey=${key}`)).json()).data;
      const now = Date.now() / 1000;
      for (const r of data) {
        const json = JSON.stringify(r);
        const known = rows.get(r.id);
        if (known && known.json === json) continue;
        const tr = render(r, now);
        if (known) known.tr.replaceWith(tr);
        rows.set(r.id, { json, tr, r });
      }
      // New SMS first, then by expiry; only rows out of place are moved.
      const order = data.map((r) => rows.get(r.id)).sort((a, b) =>
        b.r.hasnewsms - a.r.hasnewsms || a.r.until - b.r.until || a.r.id - b.r.id);
      order.forEach(({ tr }, i) => {
        if (body.rows[i] !== tr) body.insertBefore(tr, body.rows[i] ?? null);
      });
    };
  }, [sandbox.base, sandbox.key]);
  plain.first.push((await timeAfterOrders(plainPage, allRows, () => plainPage.evaluate(() => load()), ROWS)).ms);
  await changeTenRows(run * 2 + 1);
  plain.refresh.push(
    (await timeAfterOrders(plainPage, changedOnTop, () => plainPage.evaluate(() => load()), roundIds(run * 2 + 1))).ms,
  );
  await plainContext.close();
  await readTenRows(run * 2 + 1);
}

await sandbox.dispose();
const row = (name, a, p) =>
  console.log(`${name.padEnd(34)} rentdesk ${median(a).toFixed(1).padStart(7)} ms   plain JS ${median(p).toFixed(1).padStart(7)} ms   ratio ${(median(a) / median(p)).toFixed(2)}×`);
console.log(`rentals table, ${ROWS} rentals, median of ${RUNS} runs in headless Chromium${QUICK ? " (quick mode: not a measurement)" : ""}`);
console.log(`  each run, rentdesk first/refresh: ${app.first.map((x) => x.toFixed(0)).join(" ")} / ${app.refresh.map((x) => x.toFixed(0)).join(" ")} ms`);
console.log(`  each run, plain JS first/refresh: ${plain.first.map((x) => x.toFixed(0)).join(" ")} / ${plain.refresh.map((x) => x.toFixed(0)).join(" ")} ms`);
row("first render after orders answer", app.first, plain.first);
row("refresh with 10 changed rows", app.refresh, plain.refresh);
console.log(`orders requests per refresh: ${[...new Set(app.requests)].join(", ")}`);
const perRow = app.perRow ? `${app.perRow.nodes.toFixed(1)} DOM nodes, ${app.perRow.elements.toFixed(1)} of them elements` : "n/a";
console.log(`per drawn row: ${perRow} (density: ${process.env.DENSITY || "the app's default"})`);

const BASELINE = process.env.BASELINE ? path.resolve(process.env.BASELINE) : null;
await measureScale(browser, DIST, BASELINE);
if (BASELINE) console.log(`  "other build" is ${BASELINE}`);
await browser.close();
