// Benchmark (not a test): the rent page's first and repeat visit on a slow profile
// (1.6 Mbit/s, 150 ms round trip, CPU slowed 4×), beside the same rendered page served as
// static HTML (a snapshot of the app's own DOM under its stylesheet) from the same server,
// in the same browser run. Figures: first paint (first contentful paint) and usable (the
// services with their prices on screen). Run: `bash scripts/bench-app.sh` (QUICK=1: one
// run; see bench-env.js).
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import path from "node:path";
import { startSandbox } from "./sandbox.js";
import { DIST, QUICK, launchChromium, runs } from "./bench-env.js";

const RUNS = runs(3);
const SLOW = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 1.6e6 / 8 };
const USABLE = () => document.querySelectorAll("li.service").length > 0 && !!document.querySelector("h1");

const dist = mkdtempSync(path.join(tmpdir(), "rentdesk-bench-dist-"));
// DIST measures another build (e.g. one with fewer routes, to price a route split).
cpSync(DIST, dist, { recursive: true });
const sandbox = await startSandbox([], { dist });
const browser = await launchChromium();

async function slowPage(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", SLOW);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  return page;
}

/** Opens `url`; first contentful paint and the moment the page was usable, in ms. */
async function visit(page, url) {
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(USABLE, null, { polling: "raf", timeout: 120_000 });
  const usable = await page.evaluate(() => performance.now());
  const paint = await page.evaluate(
    () => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
  );
  return { paint, usable };
}

async function keyed(context) {
  await context.addInitScript((key) => localStorage.setItem("rentdesk.key", key), sandbox.key);
}

// The snapshot: the app's rendered rent page, scripts and preloads removed, under the
// app's own stylesheet, compressed as the build compresses.
{
  const context = await browser.newContext();
  await keyed(context);
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
  const known = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  return known[Math.floor(known.length / 2)];
};
const results = { app: { first: [], repeat: [] }, html: { first: [], repeat: [] } };
for (let run = 0; run < RUNS; run++) {
  for (const [name, url] of [["app", sandbox.base + "/"], ["html", sandbox.base + "/snapshot.html"]]) {
    const context = await browser.newContext();
    await keyed(context);
    const page = await slowPage(context);
    results[name].first.push(await visit(page, url));
    if (name === "app") await page.evaluate(() => navigator.serviceWorker.ready);
    await page.close();
    // A repeat visit: a new tab of the same browser profile (HTTP cache, service worker).
    const again = await slowPage(context);
    results[name].repeat.push(await visit(again, url));
    await context.close();
  }
}
await browser.close();
await sandbox.dispose();
rmSync(dist, { recursive: true, force: true });

console.log(`rent page on 1.6 Mbit/s, 150 ms RTT, CPU 4× slower; median of ${RUNS} runs${QUICK ? " (quick mode: not a measurement)" : ""}`);
const each = (xs) => xs.map((x) => x.toFixed(0)).join(" ");
for (const name of ["app", "html"]) {
  for (const visitKind of ["first", "repeat"]) {
    console.log(`  ${name} ${visitKind} usable, each run: ${each(results[name][visitKind].map((r) => r.usable))} ms`);
  }
}
for (const visitKind of ["first", "repeat"]) {
  for (const figure of ["paint", "usable"]) {
    const app = median(results.app[visitKind].map((r) => r[figure]));
    const html = median(results.html[visitKind].map((r) => r[figure]));
    const ms = (x) => (x === undefined ? "n/a" : x.toFixed(0)).padStart(6);
    const ratio = app === undefined || html === undefined ? "n/a" : `${(app / html).toFixed(2)}×`;
    console.log(
      `${`${visitKind} visit, ${figure === "paint" ? "first paint" : "usable"}`.padEnd(26)} rentdesk ${ms(app)} ms   static HTML ${ms(html)} ms   ratio ${ratio}`,
    );
  }
}
