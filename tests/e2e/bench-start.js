// Benchmark (not a test): what the main thread does while the app starts, at 4× CPU.
// A Chromium trace of `/` (first visit: no key; repeat visit: key saved, one visit before)
// and of `/rentals` (repeat, 50 rentals), each long task (≥ 50 ms) listed with what it ran:
// the script it started in, the wasm compile and instantiation, style and layout, and the
// app's own marks inside it (`rentdesk start:*`, src/main.rs). Beside another build
// (`BASELINE=dir`) in the same run, the builds taking turns. Figures: the longest task and
// the total blocking time (each task's time past 50 ms, summed) up to 5 s after the page is
// usable. Run: `cd tests/e2e && node bench-start.js` (QUICK=1: one run; see bench-env.js).
import path from "node:path";
import { startSandbox } from "./sandbox.js";
import { DIST, QUICK, launchChromium, median, runs, signInPage } from "./bench-env.js";

const RUNS = runs(3);
const BASELINE = process.env.BASELINE ? path.resolve(process.env.BASELINE) : null;
const CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "v8.wasm", "blink.user_timing"];
const USABLE = {
  "/": () => document.querySelectorAll("li.service").length > 0 || !!document.querySelector("#api-key, input[type=password]"),
  "/rentals": () => document.querySelectorAll("tbody tr[data-rental], .rental-card").length > 0,
};

const builds = [{ name: "rentdesk", sandbox: await startSandbox([], { dist: DIST }) }];
if (BASELINE) builds.push({ name: path.basename(BASELINE), sandbox: await startSandbox([], { dist: BASELINE }) });
for (const { sandbox } of builds) {
  const held = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data?.length ?? 0;
  if (held < 50) await sandbox.admin("rentals", { apikey: sandbox.key, count: 50 - held, days: 30 });
}
const browser = await launchChromium();

/** The trace's long tasks on the page's main thread, each with what ran in it. */
function longTasks(events) {
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
  const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid);
  const tasks = onMain.filter((e) => e.name === "RunTask" && e.ph === "X" && e.dur >= 50_000);
  const inside = (t, e) => e.ts >= t.ts && e.ts <= t.ts + t.dur;
  return tasks.map((t) => {
    const parts = {};
    for (const e of onMain) {
      if (e === t || !inside(t, e) || e.ph !== "X" || !e.dur) continue;
      // What a task spends its time on; the script calls themselves are the task's whole.
      if (/Layout|RecalcStyle|Paint|ParseHTML|wasm|Compile|GC|TimerFire|FireAnimationFrame|EventDispatch|RunMicrotasks/.test(e.name)) {
        parts[e.name] = (parts[e.name] || 0) + e.dur / 1000;
      }
    }
    const script = onMain.find((e) => inside(t, e) && (e.name === "FunctionCall" || e.name === "EvaluateScript") && e.args?.data);
    const marks = onMain
      .filter((e) => inside(t, e) && e.cat?.includes("blink.user_timing") && String(e.name).startsWith("rentdesk start"))
      .map((e) => `${e.name}@${((e.ts - t.ts) / 1000).toFixed(0)}`);
    const url = script?.args?.data?.url || script?.args?.data?.functionName || "";
    return { ms: t.dur / 1000, at: t.ts, script: url.split("/").pop().slice(0, 40), parts, marks: [...new Set(marks)] };
  });
}

async function visit(build, where, repeat) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  if (repeat) {
    await page.goto(`${build.sandbox.base}/`);
    await signInPage(page, build.sandbox.key);
    await page.goto(`${build.sandbox.base}${where}`);
    await page.waitForFunction(USABLE[where], null, { timeout: 60_000 });
    await page.waitForTimeout(1_500);
    await page.goto("about:blank");
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  const events = [];
  cdp.on("Tracing.dataCollected", ({ value }) => events.push(...value));
  const done = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
  await cdp.send("Tracing.start", { categories: CATEGORIES.join(","), transferMode: "ReportEvents" });
  await page.goto(`${build.sandbox.base}${where}`, { waitUntil: "commit" });
  await page.waitForFunction(USABLE[where], null, { timeout: 120_000, polling: 200 });
  await page.waitForTimeout(5_000);
  await cdp.send("Tracing.end");
  await done;
  await context.close();
  const tasks = longTasks(events);
  const tbt = tasks.reduce((s, t) => s + t.ms - 50, 0);
  return { tasks, tbt, longest: Math.max(0, ...tasks.map((t) => t.ms)) };
}

const cases = [
  ["/", false],
  ["/", true],
  ["/rentals", true],
];
const ms = (x) => `${x.toFixed(0)} ms`;
for (const [where, repeat] of cases) {
  const got = new Map(builds.map((b) => [b.name, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const build of builds) got.get(build.name).push(await visit(build, where, repeat));
  }
  console.log(`${where} ${repeat ? "repeat" : "first"} visit, CPU ×4:`);
  for (const [name, results] of got) {
    const tbt = median(results.map((r) => r.tbt));
    const longest = median(results.map((r) => r.longest));
    console.log(`  ${name}: longest task ${ms(longest)}, blocking ${ms(tbt)} (median of ${results.length})`);
    const shown = results.find((r) => r.tbt === tbt);
    for (const t of shown.tasks) {
      const parts = Object.entries(t.parts)
        .filter(([, v]) => v >= 5)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(", ");
      console.log(`    task ${ms(t.ms)} in ${t.script || "?"}: ${parts}${t.marks.length ? ` | ${t.marks.join(" ")}` : ""}`);
    }
  }
}
await browser.close();
for (const { sandbox } of builds) await sandbox.stop();
if (QUICK) console.log("(quick mode: one run, not a measurement)");
