// Benchmark (not a test): the rent page's first and repeat visit on a slow profile
// (1.6 Mbit/s, 150 ms round trip, CPU slowed 4×), beside the same rendered page served as
// static HTML (a snapshot of the app's own DOM under its stylesheet) from the same server,
// and beside another build of the app (`BASELINE=dir`, e.g. the single-module build before
// the wasm split), in the same browser run. Figures: first paint (first contentful paint),
// usable (the services with their prices on screen), the code (wasm, JS, CSS) on the wire
// before usable, and, 5 s after usable, the way to My rentals and an SMS (the prefetch's
// work). Run: `bash scripts/bench-app.sh` (QUICK=1: one run; see bench-env.js).
// PAGE_LANG=de or ru: the page in that language (its texts are a file of their own, counted
// with the code); English otherwise.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import path from "node:path";
import { startSandbox } from "./sandbox.js";
import { DIST, QUICK, launchChromium, runs } from "./bench-env.js";

const RUNS = runs(3);
const PAGE_LANG = ["de", "ru"].includes(process.env.PAGE_LANG) ? process.env.PAGE_LANG : "en";
const SLOW = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 1.6e6 / 8 };
const USABLE = () => document.querySelectorAll("li.service").length > 0 && !!document.querySelector("h1");

const dist = mkdtempSync(path.join(tmpdir(), "rentdesk-bench-dist-"));
// DIST measures another build (e.g. one with fewer routes, to price a route split).
cpSync(DIST, dist, { recursive: true });
const sandbox = await startSandbox([], { dist });
// The other build, served by a sandbox of its own (same binary, same demo data).
const BASELINE = process.env.BASELINE ? path.resolve(process.env.BASELINE) : null;
const other = BASELINE ? await startSandbox([], { dist: BASELINE }) : null;
const browser = await launchChromium();

async function slowPage(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", SLOW);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  return page;
}

/** Notes in the page the frame in which it became usable: a mutation observer sees the
 * services arrive, and the next animation frame (the one that paints them) gives the time.
 * (Timing the moment a poll from here succeeded added the reply's wait on a busy page: up
 * to 0.6 s on a repeat visit, measured in the trace.) */
function watchUsable(usable) {
  const check = () => {
    if (window.__usableAt !== undefined || !usable()) return;
    window.__usableAt = null;
    requestAnimationFrame(() => (window.__usableAt = performance.now()));
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
}

/** Opens `url`; first contentful paint, the moment the page was usable (ms), and the bytes
 * of code (wasm, JS, CSS) and texts that had arrived by then, headers included. */
async function visit(page, url) {
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => typeof window.__usableAt === "number", null, { timeout: 120_000 });
  // The first paint's entry is written after that frame: give it a moment.
  await page
    .waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0, null, { timeout: 3_000 })
    .catch(() => {});
  return page.evaluate(() => {
    const usable = window.__usableAt;
    const code = performance
      .getEntriesByType("resource")
      .filter((e) => /\.(wasm|js|css)$|\/texts-\w+-\w+\.json$/.test(new URL(e.name).pathname) && e.responseEnd <= usable)
      .reduce((sum, e) => sum + e.transferSize, 0);
    const paint = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN;
    return { paint, usable, code };
  });
}

/** After the page was usable for 5 s: from the click on My rentals until its first row shows,
 * then from the click on the row's SMS button until the message shows, in ms. */
async function onwards(page) {
  await page.waitForTimeout(5000);
  const nav = page.locator('body > header.top a[href$="/rentals"]');
  const started = Date.now();
  await nav.click();
  await page.locator("tr[data-rental]").first().waitFor({ timeout: 120_000 });
  const rentals = Date.now() - started;
  const sms = Date.now();
  await page.locator("tr[data-rental]").first().getByRole("button", { name: "SMS" }).click();
  await page.locator("dialog li.sms").first().waitFor({ timeout: 120_000 });
  return { rentals, sms: Date.now() - sms, onwards: Date.now() - started };
}

async function keyed(context, key) {
  await context.addInitScript(
    ([key, lang]) => {
      localStorage.setItem("rentdesk.key", key);
      localStorage.setItem("rentdesk.lang", lang);
    },
    [key, PAGE_LANG],
  );
}

// One rental with an SMS on each server, for the way onwards.
for (const server of [sandbox, other].filter(Boolean)) {
  const answer = await server.api({ method: "create", apikey: server.key, dtype: "week", dcount: "1", country: "RU", service: "opt16", rent_type: "always" });
  await server.admin("sms", { id: answer.data.id, sender: "FACEBOOK", text: "Code 671094" });
}

// The snapshot: the app's rendered rent page, scripts and preloads removed, under the
// app's own stylesheet, compressed as the build compresses.
{
  const context = await browser.newContext();
  await keyed(context, sandbox.key);
  const page = await context.newPage();
  await page.goto(sandbox.base + "/");
  await page.waitForFunction(USABLE);
  const html = await page.evaluate(() => {
    const doc = document.documentElement.cloneNode(true);
    doc.querySelectorAll("script, link[rel=modulepreload], link[rel=preload], link[rel=manifest]").forEach((e) => e.remove());
    return "<!doctype html>\n" + doc.outerHTML;
  });
  await context.close();
  const file = path.join(dist, "snapshot.html");
  writeFileSync(file, html);
  writeFileSync(file + ".br", brotliCompressSync(Buffer.from(html)));
  writeFileSync(file + ".gz", gzipSync(Buffer.from(html)));
}

// Chromium now and then records no first-contentful-paint entry for a page: that run is
// left out of the first-paint median rather than making it NaN.
const median = (xs) => {
  const known = xs.filter((x) => x !== undefined && !Number.isNaN(x)).sort((a, b) => a - b);
  return known[Math.floor(known.length / 2)];
};
const builds = [
  ["app", sandbox, sandbox.base + "/"],
  ["html", sandbox, sandbox.base + "/snapshot.html"],
  ...(other ? [["other", other, other.base + "/"]] : []),
];
const results = Object.fromEntries(builds.map(([name]) => [name, { first: [], repeat: [] }]));
for (let run = 0; run < RUNS; run++) {
  for (const [name, server, url] of builds) {
    const context = await browser.newContext();
    await keyed(context, server.key);
    await context.addInitScript(`(${watchUsable})(${USABLE})`);
    const page = await slowPage(context);
    const first = await visit(page, url);
    if (name !== "html") Object.assign(first, await onwards(page));
    results[name].first.push(first);
    if (name !== "html") await page.evaluate(() => navigator.serviceWorker.ready);
    await page.close();
    // A repeat visit: a new tab of the same browser profile (HTTP cache, service worker).
    const again = await slowPage(context);
    results[name].repeat.push(await visit(again, url));
    await context.close();
  }
}
await browser.close();
await sandbox.dispose();
await other?.dispose();
rmSync(dist, { recursive: true, force: true });

console.log(`rent page in "${PAGE_LANG}" on 1.6 Mbit/s, 150 ms RTT, CPU 4× slower; median of ${RUNS} runs${QUICK ? " (quick mode: not a measurement)" : ""}`);
if (other) console.log(`  "other build" is ${BASELINE}`);
const each = (xs) => xs.map((x) => x.toFixed(0)).join(" ");
for (const [name] of builds) {
  for (const visitKind of ["first", "repeat"]) {
    console.log(`  ${name} ${visitKind} usable, each run: ${each(results[name][visitKind].map((r) => r.usable))} ms`);
  }
}
const ms = (x) => (x === undefined ? "n/a" : x.toFixed(0)).padStart(6);
const ratio = (a, b) => (a === undefined || b === undefined ? "n/a" : `${(a / b).toFixed(2)}×`);
const figureOf = (name, visitKind, figure) => median(results[name][visitKind].map((r) => r[figure]));
for (const visitKind of ["first", "repeat"]) {
  for (const figure of ["paint", "usable"]) {
    const app = figureOf("app", visitKind, figure);
    const html = figureOf("html", visitKind, figure);
    const against = other
      ? `   other build ${ms(figureOf("other", visitKind, figure))} ms   ratio ${ratio(app, figureOf("other", visitKind, figure))}`
      : "";
    console.log(
      `${`${visitKind} visit, ${figure === "paint" ? "first paint" : "usable"}`.padEnd(26)} rentdesk ${ms(app)} ms   static HTML ${ms(html)} ms   ratio ${ratio(app, html)}${against}`,
    );
  }
}
const bytes = (x) => (x === undefined ? "n/a" : String(x)).padStart(7);
for (const [label, figure, unit] of [
  ["code before usable (first)", "code", "bytes"],
  ["then My rentals shown", "rentals", "ms"],
  ["then its SMS shown", "sms", "ms"],
]) {
  const app = figureOf("app", "first", figure);
  const against = other
    ? `   other build ${bytes(figureOf("other", "first", figure))} ${unit}   ratio ${ratio(app, figureOf("other", "first", figure))}`
    : "";
  console.log(`${label.padEnd(26)} rentdesk ${bytes(app)} ${unit}${against}`);
}
