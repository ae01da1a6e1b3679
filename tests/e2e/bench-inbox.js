// Benchmark (not a test): the inbox with 10,000 stored messages against 100, in one run
// (the target: opening within 2× of 100). The messages are put straight into the
// browser's IndexedDB in the inbox's own format; then the inbox is opened (from the
// navigation's start to the first message and the count drawn) and searched for one code
// (from the input event to that one message drawn).
import { startSandbox } from "./sandbox.js";
import { DIST, QUICK, launchChromium, median, runs } from "./bench-env.js";

/** Stores `count` messages of 50 numbers in the inbox's IndexedDB store. */
function seed(count) {
  return new Promise((done, fail) => {
    const open = indexedDB.open("rentdesk", 1);
    open.onupgradeneeded = () => open.result.createObjectStore("inbox");
    open.onerror = () => fail(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction("inbox", "readwrite");
      const store = tx.objectStore("inbox");
      const now = Math.floor(Date.now() / 1000);
      for (let i = 0; i < count; i++) {
        const m = {
          key: `${1000 + (i % 50)}:${now - i * 60}:${i.toString(16)}`,
          rental: 1000 + (i % 50),
          number: `7900000${String(i % 50).padStart(4, "0")}`,
          ccode: "+7",
          service: ["Telegram", "PayPal", "Google (GMail, YTube, etc.)", "WhatsAPP"][i % 4],
          sender: ["Telegram", "PayPal", "Google", "WhatsApp"][i % 4],
          text: `Your verification code is ${String(100000 + i)}. Do not share it with anyone.`,
          date: now - i * 60,
          read: true,
        };
        store.put(JSON.stringify(m), m.key);
      }
      tx.oncomplete = () => {
        db.close();
        done();
      };
      tx.onerror = () => fail(tx.error);
    };
  });
}

// The conditions, run in the page at each frame (real functions: the page's CSP forbids
// eval); once one holds it notes in `window.benchSettled` the time after that frame.
const cond = {
  opened: (count) => {
    const shown = document.querySelector("[data-testid=inbox-count]");
    if (!document.querySelector("[data-testid=message]") || !shown || !shown.textContent.includes(` ${count} `)) return false;
    window.benchSettled ??= new Promise((settle) => setTimeout(() => settle(performance.now())));
    return true;
  },
  one: (code) => {
    const shown = document.querySelectorAll("[data-testid=message]");
    if (shown.length !== 1 || !shown[0].textContent.includes(code)) return false;
    window.benchSettled ??= new Promise((settle) => setTimeout(() => settle(performance.now())));
    return true;
  },
};

/** Waits for condition `name` and returns the page's time once it held and was drawn. */
async function settled(page, name, arg) {
  await page.evaluate(() => (window.benchSettled = undefined));
  await page.waitForFunction(cond[name], arg, { polling: "raf", timeout: 120_000 });
  return page.evaluate(() => window.benchSettled);
}

async function inboxRun(browser, count) {
  const sandbox = await startSandbox([], { dist: DIST });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(sandbox.base + "/settings");
  await page.evaluate((key) => localStorage.setItem("rentdesk.key", key), sandbox.key);
  await page.evaluate(seed, count);
  await page.goto(sandbox.base + "/inbox");
  const open = await settled(page, "opened", count);
  const drawn = await page.evaluate(() => document.querySelectorAll("[data-testid=message]").length);
  const code = String(100000 + Math.floor(count / 2));
  const typed = await page.evaluate((code) => {
    const search = document.querySelector("input[type=search]");
    search.value = code;
    const at = performance.now();
    search.dispatchEvent(new Event("input", { bubbles: true }));
    return at;
  }, code);
  const search = (await settled(page, "one", code)) - typed;
  await context.close();
  await sandbox.dispose();
  return { open, search, drawn };
}

const browser = await launchChromium();
const n = runs(3);
const figures = {};
for (const count of [100, 10_000]) {
  const all = [];
  for (let i = 0; i < n; i++) all.push(await inboxRun(browser, count));
  figures[count] = {
    open: median(all.map((f) => f.open)),
    search: median(all.map((f) => f.search)),
    drawn: median(all.map((f) => f.drawn)),
  };
}
await browser.close();
const [small, big] = [figures[100], figures[10_000]];
const ms = (x) => `${x.toFixed(0)} ms`;
console.log(`\nThe inbox, 10000 against 100 stored messages${QUICK ? " (quick mode: not a measurement)" : ""}`);
console.log(`  open the inbox, first message shown   10000 ${ms(big.open).padStart(8)}   100 ${ms(small.open).padStart(8)}   ratio ${(big.open / small.open).toFixed(2)}×`);
console.log(`  search one code, that message shown   10000 ${ms(big.search).padStart(8)}   100 ${ms(small.search).padStart(8)}`);
console.log(`  messages in the page                  10000 ${String(big.drawn).padStart(8)}   100 ${String(small.drawn).padStart(8)}`);
