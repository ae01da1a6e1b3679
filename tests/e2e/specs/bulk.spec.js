// Numbers you never lose: the expiry banner, prolonging several rentals in one go (exactly
// the shown total, once), and the CSV and iCalendar exports.
import { readFileSync } from "node:fs";
import { test, expect, signIn, menuPick } from "../fixtures.js";

const cents = (text) => Math.round(parseFloat(String(text).replace(/[^0-9.]/g, "")) * 100);
const row = (page, id) => page.locator(`tr[data-rental="${id}"]`);
const orders = async (sandbox) => (await sandbox.api({ method: "orders", apikey: sandbox.key })).data;

async function rent(sandbox, service, dcount = "1") {
  const answer = await sandbox.api({ method: "create", apikey: sandbox.key, dtype: "week", dcount, country: "RU", service, rent_type: "always" });
  expect(answer.status, JSON.stringify(answer)).toBe(1);
  return answer.data.id;
}

test("the banner counts rentals expiring within 7 days and filters to them", async ({ page, sandbox }) => {
  const soon = [await rent(sandbox, "opt1"), await rent(sandbox, "opt6"), await rent(sandbox, "opt16")];
  const later = await rent(sandbox, "opt2", "3");
  await sandbox.admin("clock", { advance_days: 2 });
  // A week's rental is exactly 7 days from the sandbox's second of renting: an hour later
  // in the browser, it is clearly inside the 7-day window whatever the seconds.
  await page.clock.install({ time: Date.now() + 3_600_000 });
  await signIn(page, sandbox);
  const first = Math.min(...(await orders(sandbox)).map((o) => o.until));
  // The date in the browser's time zone (Berlin), not the test runner's.
  const earliest = await page.evaluate((t) => new Date(t * 1000).toLocaleDateString("en-US", { month: "short", day: "numeric" }), first);
  const banner = page.getByTestId("expiring-banner");
  await expect(banner).toContainText(`3 numbers expire within 7 days — earliest ${earliest}`);
  await expect(page.locator("tbody tr")).toHaveCount(4);
  await banner.getByRole("button", { name: "Show them" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(3);
  for (const id of soon) await expect(row(page, id)).toHaveClass(/expiring/);
  await expect(row(page, later)).toHaveCount(0);
  await banner.getByRole("button", { name: "Show all" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(4);
  await expect(row(page, later)).not.toHaveClass(/expiring/);
});

test("bulk prolong lists each price, charges exactly the shown total once, and shows each result", async ({ page, sandbox }) => {
  const ids = [await rent(sandbox, "opt1"), await rent(sandbox, "opt6"), await rent(sandbox, "opt16")];
  await rent(sandbox, "opt2", "3");
  await sandbox.admin("clock", { advance_days: 1 });
  await signIn(page, sandbox);
  const before = Object.fromEntries((await orders(sandbox)).map((o) => [o.id, o.until]));
  await menuPick(page, "Select", "Select all that can be prolonged");
  for (const id of ids) await expect(row(page, id).getByRole("checkbox")).toBeChecked();
  await page.getByRole("button", { name: "Prolong selected (3)" }).click();
  const dialog = page.getByRole("dialog", { name: "Prolong several rentals" });
  const prices = dialog.getByTestId("bulk-price");
  await expect(prices).toHaveCount(3);
  await expect(prices).toHaveText([/^\d+\.\d{2} USD$/, /^\d+\.\d{2} USD$/, /^\d+\.\d{2} USD$/]);
  const listed = (await prices.allTextContents()).map(cents);
  const total = cents(await dialog.getByTestId("bulk-total").textContent());
  expect(listed.reduce((a, b) => a + b, 0)).toBe(total);
  const balance = cents(await sandbox.balance());

  await dialog.getByRole("button", { name: "Prolong all" }).dblclick();
  await expect(dialog.getByTestId("bulk-result")).toHaveText(["Prolonged", "Prolonged", "Prolonged"]);
  expect(cents(await sandbox.balance())).toBe(balance - total);
  const after = await orders(sandbox);
  for (const id of ids) expect(after.find((o) => o.id === id).until - before[id]).toBe(7 * 86400);
  await expect(page.getByTestId("balance")).toHaveText(`Balance ${((balance - total) / 100).toFixed(2)} USD`);

  // Pressing again after the run does nothing: the batch is done.
  await expect(dialog.getByRole("button", { name: "Prolong all" })).toBeDisabled();
});

test("bulk prolong explains a failure on one rental and prolongs the others", async ({ page, sandbox }) => {
  const ids = [await rent(sandbox, "opt1"), await rent(sandbox, "opt6")];
  await sandbox.admin("clock", { advance_days: 1 });
  await signIn(page, sandbox);
  await menuPick(page, "Select", "Select all shown");
  await page.getByRole("button", { name: "Prolong selected (2)" }).click();
  const dialog = page.getByRole("dialog", { name: "Prolong several rentals" });
  await expect(dialog.getByTestId("bulk-price")).toHaveText([/USD/, /USD/]);
  const listed = (await dialog.getByTestId("bulk-price").allTextContents()).map(cents);
  const balance = cents(await sandbox.balance());
  await sandbox.admin("fault", { method: "prolong", kind: "unknown_msg", times: 1 });
  await dialog.getByRole("button", { name: "Prolong all" }).click();
  const results = dialog.getByTestId("bulk-result");
  await expect(results.nth(1)).toHaveText("Prolonged");
  await expect(results.nth(0)).toContainText("The API refused the request: Υπηρεσία μη διαθέσιμη");
  expect(cents(await sandbox.balance())).toBe(balance - listed[1]);
  expect(ids).toHaveLength(2);
});

test("bulk prolong checks a lost answer in orders: prolonged once, charged once", async ({ page, sandbox }) => {
  const ids = [await rent(sandbox, "opt1"), await rent(sandbox, "opt6")];
  await sandbox.admin("clock", { advance_days: 1 });
  await signIn(page, sandbox);
  const before = Object.fromEntries((await orders(sandbox)).map((o) => [o.id, o.until]));
  await menuPick(page, "Select", "Select all shown");
  await page.getByRole("button", { name: "Prolong selected (2)" }).click();
  const dialog = page.getByRole("dialog", { name: "Prolong several rentals" });
  await expect(dialog.getByTestId("bulk-price")).toHaveText([/USD/, /USD/]);
  const total = cents(await dialog.getByTestId("bulk-total").textContent());
  const balance = cents(await sandbox.balance());
  await sandbox.admin("fault", { method: "prolong", kind: "drop_after", times: 1 });
  await dialog.getByRole("button", { name: "Prolong all" }).click();
  await expect(dialog.getByTestId("bulk-result")).toHaveText(["Prolonged", "Prolonged"]);
  expect(cents(await sandbox.balance())).toBe(balance - total);
  const after = await orders(sandbox);
  for (const id of ids) expect(after.find((o) => o.id === id).until - before[id]).toBe(7 * 86400);
});

test("bulk prolong stops before the rental the balance no longer covers", async ({ page, sandbox }) => {
  // What a week of each costs, measured on the demo key.
  const cost = {};
  for (const service of ["opt1", "opt6"]) {
    const before = cents(await sandbox.balance());
    await rent(sandbox, service);
    cost[service] = before - cents(await sandbox.balance());
  }
  // A key that can rent both and then prolong only the first.
  const week = cost.opt1 + cost.opt6;
  const key = "bulk-short-key";
  await sandbox.admin("keys", { apikey: key, balance: ((2 * week - 1) / 100).toFixed(2) });
  for (const service of ["opt1", "opt6"]) {
    const answer = await sandbox.api({ method: "create", apikey: key, dtype: "week", dcount: "1", country: "RU", service, rent_type: "always" });
    expect(answer.status).toBe(1);
  }
  await sandbox.admin("clock", { advance_days: 1 });
  await page.addInitScript((key) => localStorage.setItem("rentdesk.key", key), key);
  await page.goto(sandbox.base + "/rentals");
  await expect(page.locator("tbody tr")).toHaveCount(2);
  await menuPick(page, "Select", "Select all shown");
  await page.getByRole("button", { name: "Prolong selected (2)" }).click();
  const dialog = page.getByRole("dialog", { name: "Prolong several rentals" });
  await expect(dialog.getByTestId("bulk-price")).toHaveText([/USD/, /USD/]);
  const listed = (await dialog.getByTestId("bulk-price").allTextContents()).map(cents);
  await expect(dialog.getByRole("alert")).toContainText("Your balance does not cover all of them");
  await dialog.getByRole("button", { name: "Prolong all" }).click();
  await expect(dialog.getByTestId("bulk-result")).toHaveText(["Prolonged", "Not prolonged: the balance does not cover it."]);
  expect(cents(await sandbox.balance(key))).toBe(week - 1 - listed[0]);
});

test("rentals export as CSV and their expiry dates as iCalendar with a reminder two days before", async ({ page, sandbox }) => {
  const ids = [await rent(sandbox, "opt1"), await rent(sandbox, "opt6")];
  await signIn(page, sandbox);
  await expect(page.locator("tbody tr")).toHaveCount(2);
  const list = await orders(sandbox);

  const [csvFile] = await Promise.all([page.waitForEvent("download"), menuPick(page, "Export", "Export CSV")]);
  expect(csvFile.suggestedFilename()).toBe("rentals.csv");
  const csv = readFileSync(await csvFile.path(), "utf8").split("\r\n");
  expect(csv[0]).toBe("id,number,label,services,state,country,expires_utc");
  expect(csv).toHaveLength(list.length + 2);
  for (const o of list) {
    const line = csv.find((l) => l.startsWith(`${o.id},`));
    // A field with a comma (Google (GMail, YTube, etc.)) is quoted, as RFC 4180 says.
    const field = (v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
    expect(line).toBe(`${o.id},${o.ccode.replace("+", "")}${o.pnumber},,${field(o.sname)},${o.state},${field(o.cname)},${new Date(o.until * 1000).toISOString().replace(".000", "")}`);
  }

  const [icsFile] = await Promise.all([page.waitForEvent("download"), menuPick(page, "Export", "Export expiry dates (.ics)")]);
  expect(icsFile.suggestedFilename()).toBe("rental-expiry.ics");
  const ics = readFileSync(await icsFile.path(), "utf8");
  expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
  expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(ids.length);
  expect(ics.match(/TRIGGER:-P2D/g)).toHaveLength(ids.length);
  for (const o of list) {
    const stamp = new Date(o.until * 1000).toISOString().replace(/[-:]/g, "").replace(".000", "");
    expect(ics).toContain(`UID:rental-${o.id}-${o.until}@rentdesk`);
    expect(ics).toContain(`DTSTART:${stamp}`);
    // Commas, semicolons and backslashes in a TEXT value are escaped (RFC 5545, 3.3.11).
    const text = (v) => v.replace(/([,;\\])/g, "\\$1");
    expect(ics).toContain(`SUMMARY:Rental expires: +${o.ccode.replace("+", "")}${o.pnumber} (${text(o.sname)})`);
  }
});
