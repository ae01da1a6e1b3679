// Benchmark (not a test): Lighthouse's mobile profile (simulated 4× slower CPU and a slow 4G
// link) on the rent page, My rentals (50 rentals) and the inbox, first visit (storage and
// cache cleared, so no key) and repeat visit (key saved, a visit before it), in Debian's
// Chromium against the sandbox; `BASELINE=dir` (another build) beside it in the same run.
// Prints each visit's scores, Total Blocking Time, LCP, TTI and CLS, and the longest tasks
// with the script they ran in. `QUICK=1`: one run of two visits, a check that it still runs.
// Run: `cd tests/lighthouse && node bench-lighthouse.mjs` after the app is built.
import lighthouse from "lighthouse";
import puppeteer from "puppeteer-core";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startSandbox } from "../e2e/sandbox.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const QUICK = process.env.QUICK === "1";
const RUNS = Number(process.env.RUNS || (QUICK ? 1 : 3));
const DIST = path.resolve(process.env.DIST || path.join(root, "dist"));
const RENTALS = 50;
const VISITS = QUICK
  ? [["/", "first"], ["/rentals", "repeat"]]
  : [["/", "first"], ["/", "repeat"], ["/rentals", "first"], ["/rentals", "repeat"], ["/inbox", "first"], ["/inbox", "repeat"]];

/** One Lighthouse run of `url` in a browser of its own; `repeat`: after a visit with the key. */
async function audit(url, repeat, key) {
  const profile = mkdtempSync(path.join(tmpdir(), "rentdesk-lh-"));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    userDataDir: profile,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
  });
  try {
    const page = await browser.newPage();
    if (repeat) {
      await page.goto(url);
      await page.evaluate((k) => localStorage.setItem("rentdesk.key", k), key);
      await page.reload({ waitUntil: "networkidle0" });
      // The service worker installs and the catalogue the next start shows is kept.
      await new Promise((r) => setTimeout(r, 1500));
    }
    const { lhr } = await lighthouse(
      url,
      {
        logLevel: "error",
        output: "json",
        onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
        disableStorageReset: repeat,
      },
      undefined,
      page,
    );
    return lhr;
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const score = (lhr, id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
const value = (lhr, id) => lhr.audits[id]?.numericValue ?? NaN;
/** The figures of one run. */
function figures(lhr) {
  const tasks = lhr.audits["long-tasks"]?.details?.items ?? [];
  return {
    performance: score(lhr, "performance"),
    accessibility: score(lhr, "accessibility"),
    practices: score(lhr, "best-practices"),
    seo: score(lhr, "seo"),
    tbt: value(lhr, "total-blocking-time"),
    lcp: value(lhr, "largest-contentful-paint"),
    tti: value(lhr, "interactive"),
    cls: value(lhr, "cumulative-layout-shift"),
    tasks: tasks.slice(0, 3).map((t) => `${Math.round(t.duration)} ms ${path.basename(String(t.url || "?"))}`),
    failed: Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && ["seo", "best-practices"].some((c) => lhr.categories[c]?.auditRefs.some((r) => r.id === a.id && r.weight > 0)))
      .map((a) => a.id),
  };
}

/** The run whose performance score is the median, as Lighthouse recommends reporting. */
const medianRun = (runs) => [...runs].sort((a, b) => a.performance - b.performance)[Math.floor(runs.length / 2)];

/** A sandbox serving `dist`, its demo key holding 50 rentals. */
async function serve(dist) {
  const sandbox = await startSandbox([], { dist });
  const held = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data?.length ?? 0;
  if (held < RENTALS) await sandbox.admin("rentals", { apikey: sandbox.key, count: RENTALS - held, days: 30 });
  return sandbox;
}

const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");
const version = JSON.parse(readFileSync(path.join(root, "tests/lighthouse/node_modules/lighthouse/package.json"))).version;
const builds = [["rentdesk", DIST]];
if (process.env.BASELINE) builds.push(["other build", path.resolve(process.env.BASELINE)]);
console.log(`Lighthouse ${version}, mobile profile, median of ${RUNS} run(s)${QUICK ? " (quick mode)" : ""}; load before: ${load()}`);
// The builds take turns, run by run, so a load that rises or falls during the run weighs
// on each alike.
const served = [];
for (const [name, dist] of builds) served.push([name, await serve(dist)]);
const runsOf = served.map(() => ({}));
for (const [where, visit] of VISITS) {
  for (let i = 0; i < RUNS; i++) {
    for (const [b, [, sandbox]] of served.entries()) {
      const lhr = await audit(sandbox.base + where, visit === "repeat", sandbox.key);
      (runsOf[b][`${where} ${visit}`] ??= []).push(figures(lhr));
    }
  }
}
for (const [, sandbox] of served) await sandbox.dispose();
const results = served.map(([name], b) => [name, Object.fromEntries(Object.entries(runsOf[b]).map(([k, runs]) => [k, medianRun(runs)]))]);
const ms = (x) => `${Math.round(x)} ms`;
const s = (x) => `${(x / 1000).toFixed(1)} s`;
for (const visit of VISITS.map(([w, v]) => `${w} ${v}`)) {
  console.log(`${visit} visit`);
  for (const [name, r] of results) {
    const f = r[visit];
    console.log(
      `  ${name.padEnd(12)} performance ${f.performance}  TBT ${ms(f.tbt)}  LCP ${s(f.lcp)}  TTI ${s(f.tti)}  CLS ${f.cls.toFixed(3)}  ` +
        `accessibility ${f.accessibility}  best practices ${f.practices}  SEO ${f.seo}`,
    );
    console.log(`  ${" ".repeat(12)} longest tasks: ${f.tasks.join(", ") || "none"}${f.failed.length ? `; not passed: ${f.failed.join(", ")}` : ""}`);
  }
  if (results.length === 2) {
    const [a, b] = results.map(([, r]) => r[visit]);
    console.log(`  ratio        TBT ${(a.tbt / Math.max(b.tbt, 1)).toFixed(2)}×  TTI ${(a.tti / b.tti).toFixed(2)}×`);
  }
}
console.log(`load after: ${load()}`);
