// The split wasm: the rent page downloads only the main module; every other page
// and the click-only dialogs are parts, fetched on demand or by the background prefetch once
// the first page is usable; a failed download says so with a retry (never a panic); offline
// after one visit every page and dialog still opens.
import { test, expect, signIn } from "../fixtures.js";

const part = (name) => new RegExp(`/split_${name}-[0-9a-f]+\\.wasm$`);
const PARTS = ["rentals_page", "archive_page", "where_page", "faq_page", "settings_page", "key_form",
  "rent_confirm", "sms_dialog", "prolong_dialog", "add_service_dialog", "bulk_prolong", "restore_dialog", "batch_panel"];
const nav = (page, name) => page.locator("body > header.top").getByRole("link", { name }).click();

/** Every request the page makes, and every console error / page error / panic. */
function watch(page) {
  const log = { requests: [], problems: [] };
  page.on("request", (r) => log.requests.push(new URL(r.url()).pathname));
  page.on("console", (m) => {
    if (m.type() === "error" || /panicked/.test(m.text())) log.problems.push(m.text());
  });
  page.on("pageerror", (e) => log.problems.push(String(e)));
  log.wasm = () => log.requests.filter((p) => p.endsWith(".wasm"));
  log.of = (name) => log.requests.filter((p) => part(name).test(p));
  return log;
}

/** The .wasm files that came over the network: the page's own fetches not answered by the
 * service worker, and the worker's fetches (its install copying the build). */
function network(page, context) {
  const fetched = [];
  page.on("response", (r) => {
    if (r.url().endsWith(".wasm") && !r.fromServiceWorker()) fetched.push(new URL(r.url()).pathname);
  });
  context.on("request", (r) => {
    if (r.serviceWorker() && r.url().endsWith(".wasm")) fetched.push(new URL(r.url()).pathname);
  });
  return fetched;
}

/** A saved key, as a returning person has (the key prompt is a part of its own). */
async function keyed(page, sandbox) {
  await page.addInitScript((key) => localStorage.setItem("rentdesk.key", key), sandbox.key);
}

/** The browser asks to save data (`navigator.connection.saveData`): the app fetches nothing
 * ahead, so each part is requested exactly when it is needed. */
async function savingData(page) {
  await page.addInitScript(() =>
    Object.defineProperty(navigator, "connection", { value: { saveData: true }, configurable: true }),
  );
}

async function rent(sandbox) {
  const answer = await sandbox.api({ method: "create", apikey: sandbox.key, dtype: "week", dcount: "1", country: "RU", service: "opt16", rent_type: "always" });
  expect(answer.status, JSON.stringify(answer)).toBe(1);
  return answer.data.id;
}

test("the rent page is usable on the main module alone; then the worker copies every part once, and My rentals, SMS and the archive open with no download", async ({ page, context, sandbox }) => {
  const id = await rent(sandbox);
  await sandbox.admin("sms", { id, sender: "FACEBOOK", text: "Code 671094" });
  await keyed(page, sandbox);
  const log = watch(page);
  const fetched = network(page, context);
  await page.goto(sandbox.base + "/");
  await expect(page.getByRole("checkbox", { name: /^Google / })).toBeVisible();
  expect(log.wasm(), "before the page was usable").toHaveLength(1);

  // The service worker comes after the first page and copies every part; the likely next
  // ones (the confirmation, My rentals, SMS, prolong) are started from its copy.
  const copied = () =>
    page.evaluate(async () => {
      const names = [];
      for (const key of await caches.keys()) {
        for (const r of await (await caches.open(key)).keys()) names.push(new URL(r.url).pathname);
      }
      return names;
    });
  await expect
    .poll(async () => {
      const names = await copied();
      return PARTS.filter((n) => names.some((p) => part(n).test(p)));
    }, { timeout: 30_000 })
    .toEqual(PARTS);
  await expect.poll(() => ["rent_confirm", "rentals_page", "sms_dialog", "prolong_dialog"].filter((n) => log.of(n).length === 1).length, { timeout: 15_000 }).toBe(4);
  const before = fetched.length;

  await nav(page, "My rentals");
  await page.locator(`tr[data-rental="${id}"]`).getByRole("button", { name: "SMS" }).click();
  await expect(page.getByRole("dialog").locator("li.sms")).toContainText("671094");
  await page.keyboard.press("Escape");
  await nav(page, "Archive");
  await expect(page.getByRole("heading", { name: "Archive", level: 1 })).toBeVisible();
  await nav(page, "Settings");
  await expect(page.getByRole("button", { name: "Export my data" })).toBeVisible();
  expect(fetched.slice(before), "downloaded after the prefetch").toEqual([]);
  // Over the whole visit each part came over the network once.
  expect(PARTS.filter((n) => fetched.filter((p) => part(n).test(p)).length !== 1)).toEqual([]);
  expect(log.problems).toEqual([]);
});

test.describe("saving data", () => {
  test("a page's part comes with the page, a dialog's with its first opening, each once", async ({ page, sandbox }) => {
    await savingData(page);
    await keyed(page, sandbox);
    const id = await rent(sandbox);
    const log = watch(page);
    await page.goto(sandbox.base + "/");
    await expect(page.getByRole("checkbox", { name: /^Google / })).toBeVisible();
    await page.waitForTimeout(4000); // past the moment the prefetch would start
    expect(log.wasm()).toHaveLength(1);

    // The rent confirmation: its part comes with the first click on Rent.
    await page.getByRole("checkbox", { name: /^Google / }).check();
    await page.getByRole("button", { name: "Rent", exact: true }).click();
    const confirm = page.getByRole("dialog", { name: "Confirm the rental" });
    await expect(confirm).toBeVisible();
    expect(log.of("rent_confirm")).toHaveLength(1);
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Rent", exact: true }).click();
    await expect(confirm).toBeVisible();
    await page.keyboard.press("Escape");
    expect(log.of("rent_confirm")).toHaveLength(1);

    await nav(page, "My rentals");
    const row = page.locator(`tr[data-rental="${id}"]`);
    await expect(row).toBeVisible();
    expect(log.of("rentals_page")).toHaveLength(1);
    expect(log.of("sms_dialog")).toHaveLength(0);
    expect(log.of("prolong_dialog")).toHaveLength(0);

    await row.getByRole("button", { name: "SMS" }).click();
    const sms = page.getByRole("dialog");
    await expect(sms).toContainText("SMS");
    expect(log.of("sms_dialog")).toHaveLength(1);
    await sms.getByRole("button", { name: "Close" }).click();
    await row.getByRole("button", { name: "SMS" }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await page.keyboard.press("Escape");

    await nav(page, "Rent a number");
    await nav(page, "My rentals");
    await expect(row).toBeVisible();
    expect(log.of("rentals_page")).toHaveLength(1);
    expect(log.of("sms_dialog")).toHaveLength(1);
    for (const other of ["archive_page", "where_page", "faq_page", "settings_page", "restore_dialog"]) {
      expect(log.of(other), other).toHaveLength(0);
    }
    expect(log.problems).toEqual([]);
  });
});

test.describe("a failed download", () => {
  // Routes do not see what a service worker answers.
  test.use({ serviceWorkers: "block" });

  test("of a page says so with a retry, without a panic; the retry loads it", async ({ page, sandbox }) => {
    await savingData(page);
    const log = watch(page);
    await signIn(page, sandbox, "/");
    await page.route(part("settings_page"), (route) => route.fulfill({ status: 404, body: "" }));
    await nav(page, "Settings");
    const note = page.getByTestId("part-failed");
    await expect(note).toHaveText(/This part of rentdesk could not be loaded/);
    await expect(note).toHaveAttribute("role", "alert");
    // The app around it still works.
    await expect(page.getByTestId("balance")).toHaveText(/Balance/);
    expect(log.problems.filter((p) => /panicked|unreachable|RuntimeError/.test(p))).toEqual([]);

    await page.unroute(part("settings_page"));
    await note.getByRole("button", { name: "Try again" }).click();
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Export my data" })).toBeVisible();
    await expect(note).toHaveCount(0);
    expect(log.problems.filter((p) => /panicked|unreachable|RuntimeError/.test(p))).toEqual([]);
  });

  test("of a dialog says so in a dialog; closing it and opening again tries again", async ({ page, sandbox }) => {
    await savingData(page);
    const id = await rent(sandbox);
    const log = watch(page);
    await signIn(page, sandbox, "/rentals");
    await page.route(part("prolong_dialog"), (route) => route.abort("connectionreset"));
    const row = page.locator(`tr[data-rental="${id}"]`);
    await row.getByRole("button", { name: "Prolong", exact: true }).click();
    const failed = page.getByTestId("part-failed");
    await expect(failed).toBeVisible();
    await expect(failed.getByRole("alert")).toHaveText(/This part of rentdesk could not be loaded/);
    await failed.getByRole("button", { name: "Close" }).click();
    await expect(failed).toHaveCount(0);
    // Nothing was charged, and the table is still there.
    await expect(row).toBeVisible();

    await page.unroute(part("prolong_dialog"));
    await row.getByRole("button", { name: "Prolong", exact: true }).click();
    await expect(page.getByRole("dialog", { name: /Prolong/ })).toBeVisible();
    expect(log.problems.filter((p) => /panicked|unreachable|RuntimeError/.test(p))).toEqual([]);
  });
});

test("offline after one visit, every page and dialog opens", async ({ page, context, sandbox }) => {
  const id = await rent(sandbox);
  const log = watch(page);
  await signIn(page, sandbox, "/");
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await context.setOffline(true);
  for (const [path, heading] of [["/rentals", "My rentals"], ["/archive", "Archive"], ["/where", "Where can I rent a service?"], ["/faq", "Frequently asked questions"], ["/settings", "Settings"]]) {
    await page.goto(sandbox.base + path);
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
  }
  await context.setOffline(false);
  // Dialogs: their parts come from the worker's cache, the rentals from the sandbox.
  await page.goto(sandbox.base + "/rentals");
  const row = page.locator(`tr[data-rental="${id}"]`);
  await expect(row).toBeVisible();
  await context.setOffline(true);
  await row.getByRole("button", { name: "Prolong", exact: true }).click();
  await expect(page.getByRole("dialog", { name: /Prolong/ })).toBeVisible();
  await expect(page.getByTestId("part-failed")).toHaveCount(0);
  expect(log.problems.filter((p) => /panicked|unreachable|RuntimeError/.test(p))).toEqual([]);
});
