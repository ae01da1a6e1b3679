// Kept numbers prolong themselves: with automatic prolonging on, the leading tab
// prolongs a rental once it is within its days-left, exactly once per expiry, within the
// monthly limit and the balance; anything that stops it charges nothing and says why. The
// rentals are made with /admin/rentals at 1 and 3 days left, so no clock has to move.
import { readFileSync } from "node:fs";
import { test, expect, signIn } from "../fixtures.js";

const cents = (text) => Math.round(parseFloat(String(text).replace(/[^0-9.]/g, "")) * 100);
const orders = async (sandbox) => (await sandbox.api({ method: "orders", apikey: sandbox.key })).data;
const row = (page, id) => page.locator(`tr[data-rental="${id}"]`);
const SERVICE = "opt16";

/** A rental with 1 day left and one with 3; and what a week of the service costs (cents). */
async function twoRentals(sandbox) {
  const make = async (days) => {
    const { ids } = await sandbox.admin("rentals", { apikey: sandbox.key, count: 1, days, service: SERVICE });
    return (await orders(sandbox)).find((o) => o.id === ids[0]);
  };
  const soon = await make(1);
  const later = await make(3);
  const quote = await sandbox.api({ method: "getdata", country: "RU", dtype: "week", dcount: "1", rent_type: "always" });
  const week = cents(String(quote.data.services.find((s) => s.service === SERVICE).price_day)) * 7;
  return { soon, later, week };
}

/** Turns automatic prolonging on for a rental (1 week, at 2 days left), with `limit` when given. */
async function turnOn(page, id, limit) {
  await row(page, id).getByRole("button", { name: "Auto-prolong" }).click();
  const dialog = page.getByRole("dialog", { name: "Automatic prolonging" });
  await expect(dialog.getByLabel("Prolong this number automatically")).toBeChecked();
  await expect(dialog.getByLabel("Prolong by")).toHaveValue("0");
  await expect(dialog.getByLabel("When this many days are left")).toHaveValue("2");
  if (limit !== undefined) await dialog.getByLabel(/At most this much a month/).fill(limit);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(row(page, id).getByTestId("auto-badge")).toBeVisible();
}

/** A refresh of My rentals asked and drawn: the watcher has seen the fresh list. */
async function refreshOnce(page) {
  const button = page.getByRole("button", { name: "Refresh now" });
  await expect(button).toBeEnabled();
  await Promise.all([page.waitForResponse((r) => r.url().includes("method=orders")), button.click()]);
  await expect(button).toBeEnabled();
}

/** The rental expiries automatic prolonging tried in this browser. */
const attempts = (page) => page.evaluate(() => Object.keys(JSON.parse(localStorage.getItem("rentdesk.auto-prolong-attempts") || "{}")));

/** Lines in the automatic prolonging log, as stored. */
const logLines = (page) => page.evaluate(() => JSON.parse(localStorage.getItem("rentdesk.auto-prolong-log") || "[]").length);

/** The outcome of the newest log line once the paid call has answered (or was settled). */
const newestOutcome = (page) =>
  expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem("rentdesk.auto-prolong-log") || "[]")[0]?.outcome), { timeout: 15_000 });

/** Saves the monthly limit in Settings. */
async function saveLimit(page, amount) {
  const form = page.locator("form", { has: page.getByLabel(/At most this much a month/) });
  await form.getByLabel(/At most this much a month/).fill(amount);
  await form.getByRole("button", { name: "Save" }).click();
}

const untilOf = async (sandbox, id) => (await orders(sandbox)).find((o) => o.id === id).until;
const balance = async (sandbox) => cents(await sandbox.balance());

test("three tabs: the rental with 1 day left is prolonged once by a week, the other is not touched, and reloads do not prolong again", async ({ page, sandbox }) => {
  const { soon, later, week } = await twoRentals(sandbox);
  const before = await balance(sandbox);
  await signIn(page, sandbox);
  const tabs = [page, await page.context().newPage(), await page.context().newPage()];
  for (const tab of tabs.slice(1)) {
    await tab.goto(sandbox.base + "/rentals");
    await expect(row(tab, soon.id)).toBeVisible();
  }
  // Without a limit it cannot be turned on.
  await row(page, later.id).getByRole("button", { name: "Auto-prolong" }).click();
  const dialog = page.getByRole("dialog", { name: "Automatic prolonging" });
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Set a monthly limit to turn automatic prolonging on.");
  await dialog.getByLabel(/At most this much a month/).fill("20");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(row(page, later.id).getByTestId("auto-badge")).toBeVisible();
  await turnOn(page, soon.id);

  await expect.poll(() => untilOf(sandbox, soon.id), { timeout: 15_000 }).toBe(soon.until + 7 * 86400);
  // One tab acted, and says so.
  const told = async () => {
    let n = 0;
    for (const tab of tabs) n += await tab.getByTestId("notice").filter({ hasText: /^Prolonged automatically: \+7\d+ by 1 week \(7 days\)/ }).count();
    return n;
  };
  await expect.poll(told).toBe(1);
  expect(await balance(sandbox)).toBe(before - week);
  expect(await untilOf(sandbox, later.id)).toBe(later.until);
  // Every tab shows the rule and the new expiry; the kept mark came with it.
  for (const tab of tabs) {
    await expect(row(tab, soon.id).getByTestId("auto-badge")).toBeVisible();
    await expect(row(tab, later.id).getByTestId("auto-badge")).toBeVisible();
  }
  await expect(row(page, soon.id).getByTestId("auto-badge")).toHaveCount(1);
  await expect(row(page, soon.id).getByTestId("auto-last")).toHaveText(/^Last automatic prolong: /);

  for (const tab of tabs) await tab.reload();
  for (const tab of tabs) await expect(row(tab, soon.id)).toBeVisible();
  await refreshOnce(page);
  expect(await attempts(page)).toEqual([`${soon.id}:${soon.until}`]);
  await page.goto(sandbox.base + "/settings");
  const log = page.getByTestId("auto-log").locator("li");
  await expect(log).toHaveCount(1);
  await expect(log.first()).toHaveText(/^Prolonged automatically: \+7\d+ by 1 week \(7 days\), \d+\.\d\d USD · /);
  await expect(page.getByTestId("auto-spent")).toHaveText(`Spent this month: ${(week / 100).toFixed(2)} USD of 20.00 USD`);
  expect(await balance(sandbox)).toBe(before - week);
  expect(await untilOf(sandbox, soon.id)).toBe(soon.until + 7 * 86400);
});

test("a monthly limit below the price stops the prolong, charges nothing, says so, and is not tried again on a reload; a higher limit lets it through", async ({ page, sandbox }) => {
  const { soon, week } = await twoRentals(sandbox);
  const before = await balance(sandbox);
  await signIn(page, sandbox);
  await expect(row(page, soon.id)).toBeVisible();
  await turnOn(page, soon.id, ((week - 1) / 100).toFixed(2));
  await expect(page.getByTestId("notice")).toContainText(/^Not prolonged: \+7\d+: \d+\.\d\d USD would pass this month's limit/);
  await expect.poll(() => logLines(page)).toBe(1);
  await page.goto(sandbox.base + "/settings");
  const log = page.getByTestId("auto-log").locator("li");
  await expect(log.first()).toHaveText(/^Not prolonged: \+7\d+: \d+\.\d\d USD would pass this month's limit of \d+\.\d\d USD \(0\.00 USD spent\)\. Nothing was charged/);
  expect(await balance(sandbox)).toBe(before);
  expect(await untilOf(sandbox, soon.id)).toBe(soon.until);

  // Not tried again on a reload of My rentals: the attempt is remembered.
  await page.goto(sandbox.base + "/rentals");
  await expect(row(page, soon.id)).toBeVisible();
  await refreshOnce(page);
  expect(await logLines(page)).toBe(1);

  // A higher limit is a new permission: tried at once, prolonged.
  await page.goto(sandbox.base + "/settings");
  await saveLimit(page, "50");
  await expect(page.getByTestId("auto-spent")).toHaveText("Spent this month: 0.00 USD of 50.00 USD");
  await page.goto(sandbox.base + "/rentals");
  await expect.poll(() => untilOf(sandbox, soon.id), { timeout: 15_000 }).toBe(soon.until + 7 * 86400);
  expect(await balance(sandbox)).toBe(before - week);
});

test("a balance below the price stops the prolong and charges nothing; topped up and saved again, it prolongs", async ({ page, sandbox }) => {
  const { week } = await twoRentals(sandbox);
  // A key whose balance is a cent short of a week.
  const key = "auto-short-key";
  await sandbox.admin("keys", { apikey: key, balance: ((week - 1) / 100).toFixed(2) });
  const { ids } = await sandbox.admin("rentals", { apikey: key, count: 1, days: 1, service: SERVICE });
  const mine = async () => (await sandbox.api({ method: "orders", apikey: key })).data.find((o) => o.id === ids[0]);
  const soon = await mine();
  await page.addInitScript((k) => localStorage.getItem("rentdesk.key") || localStorage.setItem("rentdesk.key", k), key);
  await page.goto(sandbox.base + "/rentals");
  await expect(row(page, soon.id)).toBeVisible();
  await turnOn(page, soon.id, "20");
  await expect.poll(() => logLines(page)).toBe(1);
  await page.goto(sandbox.base + "/settings");
  const log = page.getByTestId("auto-log").locator("li");
  await expect(log.first()).toHaveText(/^Not prolonged: \+7\d+: the balance \d+\.\d\d USD does not cover \d+\.\d\d USD\. Nothing was charged/);
  expect(cents(await sandbox.balance(key))).toBe(week - 1);
  expect((await mine()).until).toBe(soon.until);

  await sandbox.admin("balance", { apikey: key, amount: "1" });
  await page.goto(sandbox.base + "/rentals");
  await row(page, soon.id).getByRole("button", { name: "Auto-prolong" }).click();
  await page.getByRole("dialog", { name: "Automatic prolonging" }).getByRole("button", { name: "Save" }).click();
  await expect.poll(async () => (await mine()).until, { timeout: 15_000 }).toBe(soon.until + 7 * 86400);
  expect(cents(await sandbox.balance(key))).toBe(99);
});

test("a prolong whose answer is lost (drop_after) charges once and the log tells the truth", async ({ page, sandbox }) => {
  const { soon, week } = await twoRentals(sandbox);
  const before = await balance(sandbox);
  await signIn(page, sandbox);
  await expect(row(page, soon.id)).toBeVisible();
  await sandbox.admin("fault", { method: "prolong", kind: "drop_after", times: 1 });
  await turnOn(page, soon.id, "20");
  await expect.poll(() => untilOf(sandbox, soon.id), { timeout: 15_000 }).toBe(soon.until + 7 * 86400);
  await newestOutcome(page).toBe("prolonged_answer_lost");
  await page.goto(sandbox.base + "/settings");
  const log = page.getByTestId("auto-log").locator("li");
  await expect(log).toHaveCount(1);
  await expect(log.first()).toHaveText(/^Prolonged automatically: .* \(the answer was lost; My rentals confirms it\)/);
  expect(await balance(sandbox)).toBe(before - week);
});

test("the switch in Settings stops it; turned on again it prolongs; the rule and the log survive export and import", async ({ page, sandbox, browser }) => {
  const { soon, week } = await twoRentals(sandbox);
  const before = await balance(sandbox);
  await signIn(page, sandbox, "/settings");
  await page.getByTestId("auto-running").uncheck();
  await expect(page.getByText("Automatic prolonging is stopped for every number.")).toBeVisible();
  await page.goto(sandbox.base + "/rentals");
  await row(page, soon.id).getByRole("button", { name: "Auto-prolong" }).click();
  const dialog = page.getByRole("dialog", { name: "Automatic prolonging" });
  await dialog.getByLabel(/At most this much a month/).fill("20");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  // Stopped: the rule is kept but not shown as running, and nothing is charged.
  await row(page, soon.id).getByRole("button", { name: "Auto-prolong" }).click();
  await expect(dialog.getByText("Automatic prolonging is stopped for every number.")).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(row(page, soon.id).getByTestId("auto-badge")).toHaveCount(0);
  await refreshOnce(page);
  expect(await attempts(page)).toEqual([]);
  expect(await balance(sandbox)).toBe(before);

  await page.goto(sandbox.base + "/settings");
  await page.getByTestId("auto-running").check();
  await page.goto(sandbox.base + "/rentals");
  await expect.poll(() => untilOf(sandbox, soon.id), { timeout: 15_000 }).toBe(soon.until + 7 * 86400);
  await newestOutcome(page).toBe("prolonged");
  expect(await balance(sandbox)).toBe(before - week);

  // The backup carries the rule, the limit and the log to a fresh browser.
  await page.goto(sandbox.base + "/settings");
  await expect(page.getByTestId("auto-log").locator("li")).toHaveCount(1);
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-data").click()]);
  const backup = JSON.parse(readFileSync(await file.path(), "utf8"));
  expect(backup.auto_prolong.limit).toBe(20);
  expect(backup.auto_log).toHaveLength(1);
  const fresh = await browser.newPage();
  await signIn(fresh, sandbox, "/settings");
  await fresh.getByTestId("import-data").setInputFiles(await file.path());
  await expect(fresh.getByTestId("import-report")).toBeVisible();
  await expect(fresh.getByTestId("auto-log").locator("li")).toHaveCount(1);
  await expect(fresh.getByTestId("auto-spent")).toHaveText(`Spent this month: ${(week / 100).toFixed(2)} USD of 20.00 USD`);
  await fresh.goto(sandbox.base + "/rentals");
  await expect(row(fresh, soon.id).getByTestId("auto-badge")).toBeVisible();
  await fresh.close();
});
