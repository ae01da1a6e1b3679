// The cross-engine harness: `flow(name, body)` is one node:test test with a fresh sandbox
// (tests/e2e/sandbox.js) and a fresh browser session, and fails on any page error, console
// error, wasm panic or Content-Security-Policy violation the page reports.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startSandbox } from "../../e2e/sandbox.js";
import { ENGINE, newSession, startDriver } from "./driver.js";

export { ENGINE, assert };
const here = path.dirname(fileURLToPath(import.meta.url));
const RESULTS = path.join(here, "..", "results", ENGINE);

// The driver starts with the file's first test that runs (a file whose tests this engine
// skips starts none) and stops after its last.
let driver;
after(async () => {
  await driver?.stop();
});

/** Runs in every page before the app (Firefox: a BiDi preload script; WebKit, whose
 *  WebDriver has no preload: injected after each navigation). Collects what a person
 *  would call a broken page: uncaught errors, rejected promises, console errors (a wasm
 *  panic prints there through console_error_panic_hook) and CSP violations. */
export const COLLECTOR = `() => {
  if (window.__rd) return;
  const errors = [];
  const push = (kind, text) => errors.push(kind + ": " + String(text).slice(0, 400));
  window.__rd = { errors, notes: [], visibility: [document.visibilityState] };
  addEventListener("error", (e) => push("error", e.message || e.error), false);
  addEventListener("unhandledrejection", (e) => push("unhandled rejection", (e.reason && e.reason.message ? e.reason.message + " " + (e.reason.stack || "") : e.reason)));
  document.addEventListener("securitypolicyviolation", (e) => push("csp", e.violatedDirective + " " + e.blockedURI));
  document.addEventListener("visibilitychange", () => window.__rd.visibility.push(document.visibilityState));
  const consoleError = console.error;
  console.error = function (...args) {
    push("console.error", args.map(String).join(" "));
    return consoleError.apply(this, args);
  };
  // Counts notifications the page makes (the real constructor still runs).
  if (window.Notification) {
    const Real = window.Notification;
    const Counted = function (title, options) {
      const note = new Real(title, options);
      window.__rd.notes.push({ title, body: options && options.body, hidden: document.visibilityState === "hidden", note });
      return note;
    };
    Object.setPrototypeOf(Counted, Real);
    Counted.prototype = Real.prototype;
    window.Notification = Counted;
  }
}`;

/** Page-side helpers, sent with each script: `find(q)` finds an element by CSS and its
 *  accessible-ish name (aria-label, label, text), `text(el)` its normalised text. */
const HELPERS = `
const norm = (s) => String(s || "").replace(/\\s+/g, " ").trim();
const text = (el) => norm(el && el.textContent);
function nameOf(el) {
  if (el.getAttribute("aria-label")) return norm(el.getAttribute("aria-label"));
  const by = el.getAttribute("aria-labelledby");
  if (by) return norm(by.split(/\\s+/).map((id) => text(document.getElementById(id))).join(" "));
  if (el.id) {
    const label = document.querySelector('label[for="' + el.id + '"]');
    if (label) return text(label);
  }
  const wrap = el.closest("label");
  if (wrap && wrap !== el) return text(wrap);
  return text(el);
}
const matches = (value, want) => (want && want.re ? new RegExp(want.re, want.flags).test(value) : value === want);
const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden"; };
function findAll(q) {
  const root = q.within ? document.querySelector(q.within) : document;
  if (!root) return [];
  let list = [...root.querySelectorAll(q.css || "*")];
  if (q.name !== undefined) list = list.filter((el) => matches(nameOf(el), q.name));
  if (q.text !== undefined) list = list.filter((el) => matches(text(el), q.text));
  if (q.hidden !== true) list = list.filter(shown);
  return list;
}
const find = (q) => findAll(q)[q.nth || 0] || null;
`;

const wire = (q) => {
  const out = { ...q };
  for (const k of ["name", "text"]) if (q[k] instanceof RegExp) out[k] = { re: q[k].source, flags: q[k].flags };
  return out;
};
const describe = (q) => JSON.stringify(q, (k, v) => (v instanceof RegExp ? String(v) : v));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** What a test drives: the sandbox and the browser session, with helpers. */
class Browser {
  constructor(session, sandbox, downloads) {
    this.d = session;
    this.sandbox = sandbox;
    this.downloads = downloads;
    this.bidiErrors = [];
    this.allowed = [];
  }

  /** Runs `body` (a function body using the page helpers and `args`) in the page. */
  exec(body, ...args) {
    return this.d.executeScript(`${HELPERS}\nconst args = arguments;\n${body}`, ...args);
  }

  /** Polls `body` until it returns something truthy; returns it. */
  async until(body, args = [], message = body, timeout = 15_000) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await this.exec(body, ...args);
        if (last) return last;
      } catch (e) {
        last = e;
        if (/no such window|session deleted|invalid session/i.test(String(e))) throw e;
      }
      if (Date.now() > deadline) throw new Error(`timed out: ${message} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
      await sleep(120);
    }
  }

  async installCollector() {
    if (ENGINE !== "firefox") await this.d.executeScript(`(${COLLECTOR})()`);
  }

  /** Opens `route` of the sandbox and waits until the app has replaced the static shell. */
  async go(route) {
    this.leftAt = Date.now();
    await this.d.get(this.sandbox.base + route);
    await this.installCollector();
    await this.mounted();
  }

  /** Reloads as a person does (F5: location.reload()). WebDriver's own refresh is not
   *  that in Firefox: geckodriver's reload bypasses the service worker. */
  async reload() {
    this.leftAt = Date.now();
    await this.d.executeScript(`window.__leaving = true; location.reload()`);
    await this.until(`return !window.__leaving && document.readyState !== "loading"`, [], "the reloaded page", 30_000);
    await this.installCollector();
    await this.mounted();
  }

  mounted() {
    return this.until(`return !document.getElementById("shell") && !!document.querySelector("body > header.top")`, [], "the app mounted", 30_000);
  }

  /** The first shown element matching `q`, waited for. */
  async el(q, timeout) {
    await this.until(`return !!find(args[0])`, [wire(q)], `element ${describe(q)}`, timeout);
    return this.exec(`return find(args[0])`, wire(q));
  }

  /** WebDriver click (real pointer input) on `q`, once it is enabled and not covered. */
  async click(q, timeout = 15_000) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const el = await this.el({ ...q }, timeout);
      try {
        if (await el.isEnabled()) {
          await el.click();
          return;
        }
      } catch (e) {
        if (Date.now() > deadline) throw e;
      }
      if (Date.now() > deadline) throw new Error(`still disabled: ${describe(q)}`);
      await sleep(150);
    }
  }

  async text(q) {
    return this.exec(`const el = find(args[0]); return el ? text(el) : null`, wire(q));
  }

  /** Waits until the text of `q` equals (string) or matches (RegExp) `want`; returns it. */
  async waitText(q, want, timeout) {
    const w = want instanceof RegExp ? { re: want.source, flags: want.flags } : want;
    return this.until(`const el = find(args[0]); const t = el && text(el); return t !== null && t !== undefined && matches(t, args[1]) ? t : null`, [wire(q), w], `${describe(q)} to have text ${want}`, timeout);
  }

  /** Waits for a text anywhere in `within` (default: main). */
  waitFor(want, within = "body", timeout) {
    const w = want instanceof RegExp ? { re: want.source, flags: want.flags } : want;
    return this.until(`const el = document.querySelector(args[0]); if (!el) return false; const t = norm(el.textContent); return args[1].re ? new RegExp(args[1].re, args[1].flags).test(t) : t.includes(args[1])`, [within, w], `text ${want} in ${within}`, timeout);
  }

  /** Picks an option of the <select> `q` by its visible label (a click on the option, as
   *  WebDriver defines it: the select's input and change events fire). */
  async select(q, label) {
    const select = await this.el(q);
    const want = label instanceof RegExp ? { re: label.source, flags: label.flags } : label;
    const option = await this.until(
      `const s = args[0]; return [...s.options].find((o) => matches(norm(o.textContent), args[1]) || o.value === args[1]) || null`,
      [select, want],
      `option ${label} in ${describe(q)}`,
    );
    await option.click();
    await this.until(`return args[0].selected`, [option], `option ${label} selected`);
  }

  /** Types into a field after clearing it. */
  async type(q, value) {
    const el = await this.el(q);
    await el.clear();
    if (value) await el.sendKeys(value);
  }

  /** The engine's own Intl, evaluated in the page. */
  usd(amount, locale) {
    return this.d.executeScript(
      `return new Intl.NumberFormat(arguments[1], { minimumFractionDigits: 2, maximumFractionDigits: 3, useGrouping: false }).format(arguments[0]) + " USD"`,
      amount,
      locale,
    );
  }
  plural(n, locale) {
    return this.d.executeScript(`return new Intl.PluralRules(arguments[1]).select(arguments[0])`, n, locale);
  }
  dateTime(seconds, locale, options) {
    return this.d.executeScript(`return new Intl.DateTimeFormat(arguments[1], arguments[2]).format(new Date(arguments[0] * 1000))`, seconds, locale, options);
  }

  /** Sets the viewport's inner width and height (the window's outer size adjusted). */
  async viewport(width, height) {
    await this.d.manage().window().setRect({ width, height });
    for (let i = 0; i < 3; i++) {
      const [w, h] = await this.d.executeScript("return [innerWidth, innerHeight]");
      if (w === width && h === height) return;
      const rect = await this.d.manage().window().getRect();
      await this.d.manage().window().setRect({ width: rect.width + (width - w), height: rect.height + (height - h) });
    }
  }

  /** Errors the page collected, less those a test expects (`allow`). */
  async errors() {
    const page = await this.d.executeScript("return window.__rd ? window.__rd.errors.slice() : []").catch(() => []);
    return [...page, ...this.bidiErrors].filter((e) => !this.allowed.some((re) => re.test(e)));
  }

  /** An error text this test provokes on purpose (a stopped sandbox, say). */
  allow(re) {
    this.allowed.push(re);
  }

  async screenshot(file) {
    const png = await this.d.takeScreenshot();
    writeFileSync(file, png, "base64");
  }
}

/** Firefox: the collector as a preload script (before any page script), and the browser's
 *  own log through WebDriver BiDi (errors a page cannot see itself, like a failed wasm
 *  compile or a CSP report). */
async function attachBidi(b) {
  const bidi = await b.d.getBidi();
  await bidi.send({ method: "script.addPreloadScript", params: { functionDeclaration: COLLECTOR } });
  await bidi.subscribe("log.entryAdded");
  bidi.socket.on("message", (raw) => {
    let msg;
    try {
      msg = JSON.parse(raw.toString());
    } catch {
      return;
    }
    if (msg.method !== "log.entryAdded") return;
    const p = msg.params;
    // Leaving a page cuts off the fetches of its wasm parts still under way, and Firefox
    // logs each as "A ServiceWorker intercepted the request and encountered an unexpected
    // error" (measured: within 50 ms of the navigation). That is the old page's teardown, not
    // an error of the app; the same text at any other moment still fails the test.
    const cutOff = /A ServiceWorker intercepted the request and encountered an unexpected error/;
    if (cutOff.test(String(p.text)) && b.leftAt && p.timestamp - b.leftAt >= 0 && p.timestamp - b.leftAt < 1000) return;
    if (p.level === "error") b.bidiErrors.push(`${p.type === "javascript" ? "exception" : "console"} (BiDi): ${String(p.text).slice(0, 400)}`);
  });
}

/** One test: a fresh sandbox and a fresh browser, `body(b, sandbox)`; then no page error.
 *  `options.skip`: a reason this engine does not run it. `options.prefs`: extra Firefox
 *  preferences for this session. */
export function flow(name, options, body) {
  if (typeof options === "function") [options, body] = [{}, options];
  const { skip, timeout = 180_000, prefs, sandboxArgs = [] } = options;
  test(name, { skip, timeout: timeout * 2 }, async () => {
    try {
      await attempt(name, { timeout, prefs, sandboxArgs }, body);
    } catch (e) {
      // WebKitGTK's web process now and then crashes or hangs under Xvfb on these shared
      // cores ("session deleted because of page crash or hang"). That is the browser
      // going away, not an assertion: once, with a fresh driver and browser, the whole
      // flow runs again, and the crash is printed. Any other failure fails at once.
      if (!(ENGINE === "webkit" && crashed(e))) throw e;
      console.log(`# ${name}: the browser crashed or hung (${String(e.message).split("\n")[0]}); one more run`);
      await driver?.stop();
      driver = undefined;
      await attempt(name, { timeout, prefs, sandboxArgs }, body);
    }
  });
}

/** Whether an error is the browser (or its driver) going away rather than a failed check. */
const crashed = (e) =>
  /session deleted|page crash|NoSuchSession|invalid session id|ECONNREFUSED|ECONNRESET|socket hang up|timed out after \d+ s/i.test(
    `${e && e.name} ${e && e.message}`,
  );

/** One run of a flow, given up after `timeout` (a hung browser answers nothing). */
async function attempt(name, { timeout, prefs, sandboxArgs }, body) {
  let timer;
  const run = runFlow(name, { prefs, sandboxArgs }, body);
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${Math.round(timeout / 1000)} s`)), timeout);
  });
  try {
    await Promise.race([run, limit]);
  } finally {
    clearTimeout(timer);
  }
}

async function runFlow(name, { prefs, sandboxArgs }, body) {
  {
    const sandbox = await startSandbox(sandboxArgs);
    const downloads = mkdtempSync(path.join(tmpdir(), `rentdesk-${ENGINE}-dl-`));
    let session;
    let b;
    try {
      driver ??= await startDriver();
      session = await newSession(driver.url, { downloads, prefs });
      b = new Browser(session, sandbox, downloads);
      if (ENGINE === "firefox") await attachBidi(b);
      await b.viewport(1280, 900);
      await body(b, sandbox);
      const errors = await b.errors();
      assert.deepEqual(errors, [], "errors in the page (page errors, console errors, panics, CSP)");
    } catch (e) {
      if (b) {
        mkdirSync(RESULTS, { recursive: true });
        const file = path.join(RESULTS, name.replace(/[^a-z0-9]+/gi, "-").slice(0, 80));
        await b.screenshot(`${file}.png`).catch(() => {});
        const html = await session.getPageSource().catch(() => "");
        writeFileSync(`${file}.html`, html);
        const errors = await b.errors().catch(() => []);
        if (errors.length) e.message += `\npage errors: ${JSON.stringify(errors)}`;
      }
      throw e;
    } finally {
      await session?.quit().catch(() => {});
      await sandbox.dispose();
      rmSync(downloads, { recursive: true, force: true });
    }
  }
}

/** Opens `route` and saves the sandbox's demo key through the key prompt. */
export async function signIn(b, route = "/rentals") {
  await b.go(route);
  await b.click({ css: "button", text: "Use the demo key" });
  await b.waitText({ css: "[data-testid=balance]" }, /^Balance \d+\.\d{2} USD$/);
}

/** Rents through the API, as a second client would; the rental's id. */
export async function rent(sandbox, params = {}) {
  const answer = await sandbox.api({ method: "create", apikey: sandbox.key, dtype: "week", dcount: "1", country: "RU", service: "opt16", rent_type: "always", ...params });
  assert.equal(answer.status, 1, JSON.stringify(answer));
  return answer.data.id;
}

export const cents = (text) => Math.round(parseFloat(String(text).replace(/[^0-9.,]/g, "").replace(",", ".")) * 100);
export { sleep };
