// What the benchmarks share: quick mode, the build they measure, the browser, the median.
// `QUICK=1`: one run each, short windows; a check that a benchmark still runs to the end
// and prints its figures (scripts/bench-quick.sh), never a measurement to record.
// `RUNS=n` overrides the number of runs; `DIST=dir` measures another build than dist/;
// `SANDBOX_BIN=path` (read by sandbox.js) another sandbox binary; `DENSITY=compact|
// comfortable` the rows of My rentals (a build without the choice ignores it).
import { chromium } from "@playwright/test";
import path from "node:path";
import { root } from "./servers.js";

/** Quick mode: one run each, shorter windows. */
export const QUICK = process.env.QUICK === "1";

/** The number of runs: `RUNS`, else one in quick mode, else `full`. */
export function runs(full) {
  return Number(process.env.RUNS || (QUICK ? 1 : full));
}

/** The built app to measure. */
export const DIST = path.resolve(process.env.DIST || path.join(root, "dist"));

/** Signs the page in with `key`, and chooses the density of My rentals when `DENSITY` says. */
export function signInPage(page, key) {
  return page.evaluate(([k, density]) => {
    localStorage.setItem("rentdesk.key", k);
    if (density) localStorage.setItem("rentdesk.density", density);
  }, [key, process.env.DENSITY || ""]);
}

/** The DOM nodes (elements, text and comments) of a drawn row of My rentals, the row
 * included, on average; and its elements alone. */
export const nodesPerRow = (page) =>
  page.evaluate(() => {
    const rows = [...document.querySelectorAll("tbody tr[data-rental]")];
    if (!rows.length) return null;
    const count = (r, what) => {
      const walk = document.createTreeWalker(r, what);
      let n = 1;
      while (walk.nextNode()) n++;
      return n;
    };
    const mean = (what) => rows.reduce((n, r) => n + count(r, what), 0) / rows.length;
    return { nodes: mean(NodeFilter.SHOW_ALL), elements: mean(NodeFilter.SHOW_ELEMENT) };
  });

/** Headless Debian Chromium (never a downloaded browser). */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
  });
}

/** The median of `xs` (the upper one of an even count). */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
