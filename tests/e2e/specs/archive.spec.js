// Archive, restore and FAQ, against the sandbox's clock.
import { test, expect, signIn } from "../fixtures.js";

async function rent(sandbox, service = "opt59", key) {
  const answer = await sandbox.api({ method: "create", apikey: key || sandbox.key, dtype: "week", dcount: "1", country: "RU", service, rent_type: "always" });
  expect(answer.status, JSON.stringify(answer)).toBe(1);
  return answer.data.id;
}
const cents = (text) => Math.round(parseFloat(text.replace(/[^0-9.]/g, "")) * 100);

test("a new key has an empty archive; an expired rental shows on the first page", async ({ page, sandbox }) => {
  await signIn(page, sandbox, "/archive");
  await expect(page.getByText("No matching records found")).toBeVisible();
  await expect(page.getByTestId("page")).toHaveText("Page 1");
  const id = await rent(sandbox);
  await sandbox.admin("clock", { advance_days: 8 });
  await page.reload();
  const row = page.locator(`tr[data-order="${id}"]`);
  await expect(row).toContainText("Avito");
  // Grouped like the rentals table, split at the country's dialling code.
  await expect(row.locator("td.number .phone")).toHaveText(/^\+7 9\d\d \d{3} \d{4}$/);
  await expect(page.getByRole("button", { name: "Next page" })).toBeDisabled();
});

test("45 archived rentals page as 20, 20 and 5, with the page in the URL", async ({ page, sandbox }) => {
  await sandbox.admin("rentals", { apikey: sandbox.key, count: 45, expired: true });
  const all = (await sandbox.api({ method: "get_rent_history", apikey: sandbox.key, skip: 0, take: 100 })).data.map((r) => String(r.orderId));
  await signIn(page, sandbox, "/archive");
  const ids = () => page.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.dataset.order));
  await expect(page.locator("tbody tr")).toHaveCount(20);
  expect(await ids()).toEqual(all.slice(0, 20));
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page).toHaveURL(/page=2&size=20/);
  await expect(page.getByTestId("page")).toHaveText("Page 2");
  await expect.poll(ids).toEqual(all.slice(20, 40));
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(5);
  expect(await ids()).toEqual(all.slice(40));
  await expect(page.getByRole("button", { name: "Next page" })).toBeDisabled();
  await page.reload();
  await expect(page.getByTestId("page")).toHaveText("Page 3");
  await page.goBack();
  await expect(page.getByTestId("page")).toHaveText("Page 2");
  await expect.poll(ids).toEqual(all.slice(20, 40));
  await page.getByLabel("Rows per page").selectOption("50");
  await expect(page.locator("tbody tr")).toHaveCount(45);
  const filterBox = page.getByRole("searchbox", { name: "Filter this page by number, service or label" });
  await filterBox.fill("Instagram");
  await expect(page.locator("tbody tr")).toHaveCount(45);
  await filterBox.fill("no such service");
  await expect(page.getByText("No matching records found")).toBeVisible();
});

test("restore shows the precalculated cost, charges exactly it once, and the rental returns with 30 days", async ({ page, sandbox }) => {
  const id = await rent(sandbox);
  await sandbox.admin("clock", { advance_minutes: 10 * 24 * 60 - 60 });
  await signIn(page, sandbox, "/archive");
  await page.locator(`tr[data-order="${id}"]`).getByRole("button", { name: "Restore" }).click();
  const dialog = page.getByRole("dialog", { name: "Restore the rental" });
  await expect(dialog).toContainText("Note that this is not always possible, only when it is technically feasible.");
  await expect(dialog).toContainText("Restore cost = cost of the overdue days (without discount) + 30 days of rent paid ahead");
  // An hour short of ten days after renting for seven: three started days overdue.
  await expect(dialog.getByTestId("restore-overdue")).toHaveText(/^3 × 0\.10 USD = 0\.30 USD$/);
  await expect(dialog.getByTestId("restore-prepaid")).toHaveText(/^30 × \d+\.\d{2} USD = \d+\.\d{2} USD$/);
  const quoted = cents(await dialog.getByTestId("restore-total").textContent());
  const parts = cents((await dialog.getByTestId("restore-overdue").textContent()).split("=")[1]) +
    cents((await dialog.getByTestId("restore-prepaid").textContent()).split("=")[1]);
  expect(parts).toBe(quoted);
  const before = cents(await sandbox.balance());
  await dialog.getByRole("button", { name: "Restore", exact: true }).dblclick();
  await expect(page).toHaveURL(new RegExp(`/rentals\\?new=${id}$`));
  await expect(page.locator(`tr[data-rental="${id}"]`)).toContainText("Just rented");
  expect(cents(await sandbox.balance())).toBe(before - quoted);
  const order = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data.find((o) => o.id === id);
  const now = (await sandbox.admin("clock", { advance_minutes: 0 })).now;
  expect(order.until - now).toBeGreaterThan(30 * 86400 - 60);
  expect(order.until - now).toBeLessThanOrEqual(30 * 86400);
});

test("each restore error the sandbox can produce shows its own explanation", async ({ page, sandbox }) => {
  const retired = await rent(sandbox, "opt16");
  const noService = await rent(sandbox, "opt46");
  const deleted = await rent(sandbox, "opt1");
  await sandbox.api({ method: "delete", apikey: sandbox.key, id: deleted });
  await sandbox.admin("clock", { advance_days: 8 });
  await sandbox.admin("retire", { id: retired });
  await sandbox.admin("catalogue", { service: "opt46", enabled: false });
  await signIn(page, sandbox, "/archive");
  const open = async (id) => {
    await page.locator(`tr[data-order="${id}"]`).getByRole("button", { name: "Restore" }).click();
    return page.getByRole("dialog", { name: "Restore the rental" });
  };
  let dialog = await open(retired);
  await expect(dialog.getByRole("alert")).toHaveText("The number cannot be restored automatically: there are not enough working days left for it.");
  await expect(dialog.getByRole("button", { name: "Restore", exact: true })).toBeDisabled();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  dialog = await open(noService);
  await expect(dialog.getByRole("alert")).toHaveText("The details of the service could not be loaded. Please write in the live chat on the website to restore the rental.");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  dialog = await open(deleted);
  await expect(dialog.getByRole("alert")).toHaveText("This rental does not seem to have expired. Check that the rental has expired.");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await sandbox.admin("catalogue", { country: "RU", enabled: false });
  dialog = await open(noService);
  await expect(dialog.getByRole("alert")).toHaveText("We could not find all the details of the rental. Please write in the live chat on the website to restore the rental.");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await sandbox.admin("catalogue", { country: "RU", enabled: true });

  // Too little balance: the cost is shown, the restore is refused, nothing is charged.
  await sandbox.admin("catalogue", { service: "opt46", enabled: true });
  await sandbox.admin("keys", { apikey: "poor", balance: "0.70" });
  const poorRental = await rent(sandbox, "opt65", "poor");
  await sandbox.admin("clock", { advance_days: 8 });
  await page.goto(sandbox.base + "/settings");
  await page.getByRole("button", { name: "Forget key" }).click();
  await page.getByRole("textbox", { name: "API key", exact: true }).fill("poor");
  await page.getByRole("button", { name: "Save" }).first().click();
  await expect(page.getByTestId("balance")).toHaveText(/Balance 0\.\d\d USD/);
  await page.goto(sandbox.base + "/archive");
  dialog = await open(poorRental);
  await expect(dialog.getByTestId("restore-total")).toHaveText(/USD/);
  const left = await sandbox.balance("poor");
  await dialog.getByRole("button", { name: "Restore", exact: true }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Your balance is not enough to restore the rental.");
  expect(await sandbox.balance("poor")).toBe(left);
});

test.describe("in German", () => {
  test.use({ locale: "de-DE" });
  test("FAQ anchors open the right answer on load", async ({ page, sandbox }) => {
    await page.goto(sandbox.base + "/faq#restore-cost");
    await expect(page.getByRole("heading", { name: "Häufige Fragen" })).toBeVisible();
    const item = page.locator("details#restore-cost");
    await expect(item).toHaveAttribute("open", "");
    await expect(item).toContainText("Kosten für überfällige Tage (ohne Rabatt) + Vorauszahlung für 30 Tage der Miete");
    await expect(page.locator("details[open]")).toHaveCount(1);
  });
  test("the archive says so in German when empty", async ({ page, sandbox }) => {
    await page.goto(sandbox.base + "/archive");
    await page.getByRole("button", { name: "Demo-Schlüssel verwenden" }).click();
    await expect(page.getByText("Keine passenden Aufzeichnungen gefunden")).toBeVisible();
    await expect(page.getByTestId("page")).toHaveText("Seite 1");
  });
});

test("FAQ anchors open the right answer in English, and the rentals view links to them", async ({ page, sandbox }) => {
  await page.goto(sandbox.base + "/faq#prolong-disabled");
  const item = page.locator("details#prolong-disabled");
  await expect(item).toHaveAttribute("open", "");
  await expect(item).toContainText("You can prolong a number only when fewer than 7 days are left");
  await page.getByText("Why don't I receive SMS?").click();
  await expect(page.locator("details#no-sms")).toHaveAttribute("open", "");
  await expect(page.locator("details#no-sms")).not.toContainText("proxy");
  await expect(page.locator("details")).toHaveCount(7);
});
