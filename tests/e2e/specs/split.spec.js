// The split wasm (issue 17): the backup panel on Settings is its own part, fetched only when
// Settings shows it; a failed download says so with a retry (never a panic); offline after
// one visit the service worker has it.
import { test, expect, signIn } from "../fixtures.js";

const PART = /\/split_backup_panel[-_][^/]*\.wasm$/;
const exportButton = (page) => page.getByRole("button", { name: "Export my data" });

/** Every request the page makes, and every console error / page error / panic. */
function watch(page) {
  const log = { requests: [], problems: [] };
  page.on("request", (r) => log.requests.push(new URL(r.url()).pathname));
  page.on("console", (m) => {
    if (m.type() === "error" || /panicked/.test(m.text())) log.problems.push(m.text());
  });
  page.on("pageerror", (e) => log.problems.push(String(e)));
  return log;
}

test("the rent page does not fetch the backup part; Settings fetches it and shows the panel", async ({ page, sandbox }) => {
  const log = watch(page);
  await signIn(page, sandbox, "/");
  await expect(page.getByRole("heading", { name: "Rent a number", level: 1 })).toBeVisible();
  await page.waitForTimeout(1000);
  expect(log.requests.filter((p) => PART.test(p))).toEqual([]);
  expect(log.requests.filter((p) => p.endsWith(".wasm"))).toHaveLength(1);

  await page.locator("body > header.top").getByRole("link", { name: "Settings" }).click();
  await expect(exportButton(page)).toBeVisible();
  expect(log.requests.filter((p) => PART.test(p))).toHaveLength(1);
  // Back and forth: the part is loaded once.
  await page.locator("body > header.top").getByRole("link", { name: "Rent a number" }).click();
  await page.locator("body > header.top").getByRole("link", { name: "Settings" }).click();
  await expect(exportButton(page)).toBeVisible();
  expect(log.requests.filter((p) => PART.test(p))).toHaveLength(1);
  expect(log.problems).toEqual([]);
});

test.describe("a failed download", () => {
  // Routes do not see what a service worker answers.
  test.use({ serviceWorkers: "block" });

  test("says so with a retry, without a panic; the retry loads the part", async ({ page, sandbox }) => {
    const log = watch(page);
    await signIn(page, sandbox, "/");
    await page.route(PART, (route) => route.fulfill({ status: 404, body: "" }));
    await page.locator("body > header.top").getByRole("link", { name: "Settings" }).click();
    const note = page.getByTestId("part-failed");
    await expect(note).toHaveText(/This part of rentdesk could not be loaded/);
    await expect(note).toHaveAttribute("role", "alert");
    await expect(exportButton(page)).toHaveCount(0);
    // The page still works: the rest of Settings is there.
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    expect(log.problems.filter((p) => /panicked|unreachable|RuntimeError/.test(p))).toEqual([]);

    await page.unroute(PART);
    await note.getByRole("button", { name: "Try again" }).click();
    await expect(exportButton(page)).toBeVisible();
    await expect(note).toHaveCount(0);
    expect(log.problems.filter((p) => /panicked|unreachable|RuntimeError/.test(p))).toEqual([]);
  });
});

test("offline after one visit, Settings still opens the backup panel", async ({ page, context, sandbox }) => {
  await signIn(page, sandbox, "/");
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await context.setOffline(true);
  await page.goto(sandbox.base + "/settings");
  await expect(exportButton(page)).toBeVisible();
});
