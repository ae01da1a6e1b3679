// A repeat visit shows the rent page's last catalogue at once, marked as being updated,
// until the fresh answer replaces it: renting waits for the fresh answer, a price that
// changed in between is said, and the confirmation and the charge are the fresh price.
import { test, expect, signIn } from "../fixtures.js";

const CHOICE = "/?type=always&country=RU&period=week-1&service=opt6";
const cents = (text) => Math.round(parseFloat(text.replace(/[^0-9.]/g, "")) * 100);

test("a repeat visit shows the last catalogue at once; renting waits for the fresh one, whose changed price is said and charged", async ({ page, sandbox }) => {
  await signIn(page, sandbox, CHOICE);
  const total = page.getByTestId("total");
  await expect(total).toHaveText(/^\d+\.\d{2} USD$/);
  await expect(page.getByRole("button", { name: "Rent", exact: true })).toBeEnabled();
  const before = cents(await total.textContent());

  // The price changes between two visits; the fresh getdata is held back on the way.
  await sandbox.admin("catalogue", { service: "opt6", price_mills: 900 });
  const held = [];
  let getdata = 0;
  await page.route(/method=getdata&/, (route) => {
    getdata += 1;
    held.push(route);
  });
  await page.reload();
  await expect(page.locator("li.service[data-service=opt6]")).toBeVisible();
  await expect(total).toHaveText(`${(before / 100).toFixed(2)} USD`);
  await expect(page.getByRole("status").filter({ hasText: "Prices from your last visit" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Rent", exact: true })).toBeDisabled();
  expect(getdata, "one getdata for the page (boot.js's, taken by the app)").toBe(1);

  for (const route of held) await route.continue();
  await expect(page.getByRole("status").filter({ hasText: "Prices from your last visit" })).toHaveCount(0);
  await expect(total).not.toHaveText(`${(before / 100).toFixed(2)} USD`);
  const now = cents(await total.textContent());
  await expect(page.getByTestId("price-changed")).toHaveText(
    `The price changed since your last visit: ${(before / 100).toFixed(2)} USD then, ${(now / 100).toFixed(2)} USD now.`,
  );
  expect(getdata).toBe(1);

  await page.getByRole("button", { name: "Rent", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`${(now / 100).toFixed(2)} USD`);
  await dialog.getByRole("button", { name: "Rent now" }).click();
  await expect(page).toHaveURL(/\/rentals\?new=/);
  expect(cents(await sandbox.balance())).toBe(10000 - now);
});

test("a kept catalogue of another choice is not shown: the page waits for its own", async ({ page, sandbox }) => {
  await signIn(page, sandbox, CHOICE);
  await expect(page.getByTestId("total")).toHaveText(/^\d+\.\d{2} USD$/);
  const held = [];
  await page.route(/method=getdata&/, (route) => held.push(route));
  await page.goto(sandbox.base + "/?type=always&country=DE&period=week-1&service=opt6");
  await expect(page.getByRole("status").filter({ hasText: "Loading services" })).toBeVisible();
  await expect(page.locator("li.service")).toHaveCount(0);
  for (const route of held) await route.continue();
  await expect(page.locator("li.service[data-service=opt6]")).toBeVisible();
});
