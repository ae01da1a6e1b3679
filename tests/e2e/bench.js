// Benchmark (not a test): the rentals table with 1,000 rentals in headless Chromium, the
// first render and a refresh where 10 rows change, each beside a minimal plain-JS page
// that renders the same JSON in the same browser run; and requests per refresh.
// Run: `bash scripts/bench-app.sh`.
import { chromium } from "@playwright/test";
import { startSandbox } from "./sandbox.js";

const ROWS = 1000;
const RUNS = Number(process.env.RUNS || 5);
const sandbox = await startSandbox();
await sandbox.admin("rentals", { apikey: sandbox.key, count: ROWS });
const ids = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data.map((r) => r.id);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
});

// The time from the orders answer's last byte to `done()` holding, in the page's clock.
async function timeAfterOrders(page, done, action, arg = null) {
  await page.evaluate(() => performance.clearResourceTimings());
  const requests = [];
  const listener = (r) => r.url().includes("method=orders") && requests.push(r.url());
  page.on("request", listener);
  await action();
  await page.waitForFunction(done, arg, { polling: "raf", timeout: 60_000 });
  const end = await page.evaluate(() => performance.now());
  const answered = await page.evaluate(() =>
    performance.getEntriesByType("resource").filter((e) => e.name.includes("method=orders")).pop()?.responseEnd,
  );
  page.off("request", listener);
  return { ms: end - answered, requests: requests.length };
}

async function changeTenRows(round) {
  for (const id of ids.slice(round * 10, round * 10 + 10)) {
    await sandbox.admin("sms", { id, sender: "bench", text: `code ${100000 + round}` });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const app = { first: [], refresh: [], requests: [] };
const plain = { first: [], refresh: [] };
let stylesheet = "";

for (let run = 0; run < RUNS; run++) {
  // rentdesk
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(sandbox.base + "/settings");
  await page.evaluate((key) => localStorage.setItem("rentdesk.key", key), sandbox.key);
  const first = await timeAfterOrders(
    page,
    (n) => document.querySelectorAll("tbody tr").length === 1000,
    () => page.goto(sandbox.base + "/rentals"),
  );
  app.first.push(first.ms);
  stylesheet = await page.evaluate(() => [...document.styleSheets].map((s) => s.href).find(Boolean));
  // Rows flagged so far: this run's ten and the ten of every earlier round.
  await changeTenRows(run * 2);
  const flagged = (run * 2 + 1) * 10;
  const refresh = await timeAfterOrders(
    page,
    (n) => document.querySelectorAll("tr.has-sms").length === n,
    // A plain DOM click: Playwright's role lookup would compute accessible names over
    // 1,000 rows on the page's main thread and be timed as if it were the app's work.
    () => page.evaluate(() => document.querySelector(".refresh-bar button").click()),
    flagged,
  );
  app.refresh.push(refresh.ms);
  app.requests.push(refresh.requests);
  await page.evaluate(() => 0);
  await context.close();

  // The same JSON, rendered by a plain-JS page keyed by id into the same markup (cells,
  // badges, buttons, the "why" link) under the app's own stylesheet, so the ratio compares
  // the same work: rebuilding a row whose data changed, one delegated click listener.
  const plainPage = await browser.newPage();
  await plainPage.goto(sandbox.base + "/missing-page-for-plain-js");
  await plainPage.setContent(
    `<link rel="stylesheet" href="${stylesheet}"><main><div class="table-wrap"><table class="rentals"><tbody></tbody></table></div></main>`,
  );
  await plainPage.evaluate(([base, key]) => {
    const rows = new Map();
    const el = (tag, attrs, ...children) => {
      const e = document.createElement(tag);
      for (const [k, v] of Object.entries(attrs)) if (v !== false) e.setAttribute(k, v === true ? "" : v);
      e.append(...children.filter((c) => c != null));
      return e;
    };
    const states = { 0: "Not active", 1: "Active", 2: "Activating", "-1": "Not in the system" };
    const render = (r, now) => {
      const p = r.pnumber;
      const number = `${r.ccode} ${p.slice(0, 3)} ${p.slice(3, 6)} ${p.slice(6)}`;
      const left = Math.max(0, r.until - now);
      const why = r.canprolong ? "" : "You can prolong a number only when fewer than 7 days are left until it expires";
      return el("tr", { "data-rental": r.id, class: r.hasnewsms ? "has-sms" : false },
        el("td", { "data-label": "Status" },
          el("span", { class: `state state-${r.state}` }, states[r.state] ?? "Unknown"),
          r.hasnewsms ? el("span", { class: "badge sms" }, "New SMS") : null),
        el("td", { class: "number", "data-label": "Phone number" },
          el("button", { type: "button", class: "copy", "aria-label": `Copy number: ${number}` }, number),
          el("span", { class: "copied", "aria-live": "polite" })),
        el("td", { "data-label": "Service" }, r.sname),
        el("td", { "data-label": "Expires" }, new Date(r.until * 1000).toLocaleString(),
          el("span", { class: "left" }, `in ${Math.floor(left / 86400)} d ${Math.floor((left % 86400) / 3600)} h`)),
        el("td", { class: "actions-cell" },
          r.state === 0 ? el("button", { type: "button" }, "Activate") : null,
          el("button", { type: "button", class: "secondary" }, "SMS"),
          el("button", { type: "button", class: "secondary", disabled: !r.canprolong, title: why }, "Prolong"),
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
        else body.appendChild(tr);
        rows.set(r.id, { json, tr });
      }
    };
  }, [sandbox.base, sandbox.key]);
  plain.first.push((await timeAfterOrders(plainPage, () => document.querySelectorAll("tbody tr").length === 1000, () => plainPage.evaluate(() => load()))).ms);
  await changeTenRows(run * 2 + 1);
  plain.refresh.push((await timeAfterOrders(plainPage, (n) => document.querySelectorAll("tr.has-sms").length === n, () => plainPage.evaluate(() => load()), flagged + 10)).ms);
  await plainPage.close();
}

await browser.close();
await sandbox.dispose();
const row = (name, a, p) =>
  console.log(`${name.padEnd(34)} rentdesk ${median(a).toFixed(1).padStart(7)} ms   plain JS ${median(p).toFixed(1).padStart(7)} ms   ratio ${(median(a) / median(p)).toFixed(2)}×`);
console.log(`rentals table, ${ROWS} rentals, median of ${RUNS} runs in headless Chromium`);
row("first render after orders answer", app.first, plain.first);
row("refresh with 10 changed rows", app.refresh, plain.refresh);
console.log(`orders requests per refresh: ${[...new Set(app.requests)].join(", ")}`);
