// Renting a number: choices, total against balance, one confirmation, one charge.
import { test, expect, signIn } from "../fixtures.js";

const cents = (text) => Math.round(parseFloat(text.replace(/[^0-9.]/g, "")) * 100);

async function choose(page, { type, country, unit, count, service }) {
  if (type) await page.getByRole("radio", { name: type }).check();
  if (country) await page.getByLabel("Choose a country").selectOption({ label: country });
  if (unit) await page.getByLabel("Unit").selectOption({ label: unit });
  if (count) await page.getByLabel("How many").selectOption({ index: count - 1 });
  await expect(page.getByText("Updating for the new choice")).toHaveCount(0);
  if (service) {
    // One service at a time here: what was picked before is cleared first.
    const clear = page.getByRole("button", { name: "Clear selection" });
    if (await clear.isVisible()) await clear.click();
    await page.getByRole("checkbox", { name: new RegExp(`^${service} `) }).check();
  }
}

for (const [type, label, state] of [
  ["always", "Always-active numbers", 1],
  ["on_request", "Numbers activated on request, from 10 minutes", 0],
  ["any", "Both kinds of numbers, always-active first", 1],
]) {
  test(`renting a number of type ${type} charges exactly the shown total`, async ({ page, sandbox }) => {
    await signIn(page, sandbox, "/");
    await choose(page, { type: label, country: "Germany", unit: "Weeks", count: 2, service: "Telegram" });
    const total = await page.getByTestId("total").textContent();
    expect(total).toMatch(/^\d+\.\d{2} USD$/);
    await page.getByRole("button", { name: "Rent", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Confirm the rental" });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(label);
    await expect(dialog).toContainText("Germany");
    await expect(dialog).toContainText("Telegram");
    await expect(dialog).toContainText("2 weeks (14 days)");
    await expect(dialog.getByTestId("confirm-total")).toHaveText(total);
    await dialog.getByRole("button", { name: "Rent now" }).click();

    await expect(page).toHaveURL(/\/rentals\?new=\d+$/);
    const id = new URL(page.url()).searchParams.get("new");
    const row = page.locator(`tr[data-rental="${id}"]`);
    await expect(row).toContainText("Just rented");
    await expect(row).toContainText("+49");
    await expect(row).toContainText("Telegram");
    const expected = (10000 - cents(total)) / 100;
    await expect(page.getByTestId("balance")).toHaveText(`Balance ${expected.toFixed(2)} USD`);
    expect(await sandbox.balance()).toBe(expected.toFixed(2));
    const orders = await sandbox.api({ method: "orders", apikey: sandbox.key });
    expect(orders.data).toHaveLength(1);
    expect(orders.data[0].state).toBe(state);
    expect(orders.data[0].until - Date.now() / 1000).toBeGreaterThan(14 * 86400 - 120);
  });
}

test("a double click and a double Enter on the confirmation charge once", async ({ page, sandbox }) => {
  await signIn(page, sandbox, "/");
  await choose(page, { country: "Poland", service: "Viber" });
  const total = cents(await page.getByTestId("total").textContent());
  await page.getByRole("button", { name: "Rent", exact: true }).click();
  await page.getByRole("button", { name: "Rent now" }).dblclick();
  await expect(page).toHaveURL(/\/rentals\?new=/);
  expect(await sandbox.balance()).toBe(((10000 - total) / 100).toFixed(2));

  await page.goto(sandbox.base + "/?type=always&country=PL&period=week-1&service=opt11");
  await page.getByRole("button", { name: "Rent", exact: true }).click();
  const confirm = page.getByRole("button", { name: "Rent now" });
  await expect(confirm).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/rentals\?new=/);
  expect(await sandbox.balance()).toBe(((10000 - 2 * total) / 100).toFixed(2));
  const orders = await sandbox.api({ method: "orders", apikey: sandbox.key });
  expect(orders.data).toHaveLength(2);
});

test("a balance that does not cover the total blocks renting, and a refusal changes nothing", async ({ page, sandbox }) => {
  await sandbox.admin("keys", { apikey: "small-balance", balance: "1.00" });
  await page.goto(sandbox.base + "/");
  await page.getByRole("textbox", { name: "API key", exact: true }).fill("small-balance");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("balance")).toHaveText("Balance 1.00 USD");
  await choose(page, { country: "United States", unit: "Months", count: 1, service: "WhatsAPP" });
  await expect(page.getByRole("alert")).toHaveText("Your balance does not cover this rental.");
  await expect(page.getByRole("button", { name: "Rent", exact: true })).toBeDisabled();

  // Affordable on screen, but spent elsewhere before the confirmation: the API refuses.
  await choose(page, { country: "Russia", unit: "Weeks", count: 1, service: "OTHER" });
  await page.getByRole("button", { name: "Rent", exact: true }).click();
  for (const service of ["opt65", "opt89"]) {
    const spent = await sandbox.api({ method: "create", apikey: "small-balance", dtype: "week", dcount: "1", country: "RU", service });
    expect(spent.status).toBe(1);
  }
  const left = await sandbox.balance("small-balance");
  expect(parseFloat(left)).toBeLessThan(0.35);
  await page.getByRole("button", { name: "Rent now" }).click();
  await expect(page.getByRole("dialog").getByRole("alert")).toContainText("The API refused the request: Not enough balance");
  expect(await sandbox.balance("small-balance")).toBe(left);
  const orders = await sandbox.api({ method: "orders", apikey: "small-balance" });
  expect(orders.data).toHaveLength(2);
});

test("a sold-out service cannot be picked, and one that sells out meanwhile is refused", async ({ page, sandbox }) => {
  await signIn(page, sandbox, "/");
  await choose(page, { country: "Germany" });
  const avito = page.getByRole("checkbox", { name: /^Avito / });
  await expect(avito).toBeDisabled();
  await expect(page.locator("li.service[data-service=opt59]")).toContainText("No numbers free");

  await choose(page, { service: "ourtime.com" });
  await page.getByRole("button", { name: "Rent", exact: true }).click();
  await sandbox.admin("stock", { country: "DE", service: "opt27", remaining: 0 });
  await page.getByRole("button", { name: "Rent now" }).click();
  await expect(page.getByRole("dialog").getByRole("alert")).toHaveText("The API refused the request: No free numbers for this service");
  expect(await sandbox.balance()).toBe("100.00");
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.locator("li.service[data-service=opt27]")).toContainText("No numbers free");
});

test("a network failure while renting says so and charges nothing", async ({ page, sandbox }) => {
  await signIn(page, sandbox, "/");
  await choose(page, { country: "Spain", service: "Amazon" });
  await page.getByRole("button", { name: "Rent", exact: true }).click();
  // The confirmation is a part of its own: it must be here before the API goes away.
  await expect(page.getByRole("button", { name: "Rent now" })).toBeEnabled();
  await sandbox.stop();
  await page.getByRole("button", { name: "Rent now" }).click();
  await expect(page.getByRole("dialog").getByRole("alert")).toContainText("The API cannot be reached.");
  await sandbox.restart();
  expect(await sandbox.balance()).toBe("100.00");
  expect((await sandbox.api({ method: "orders", apikey: sandbox.key })).data).toHaveLength(0);
});

test("favourites and choices survive a reload, and a shared link restores the choice", async ({ page, sandbox, browser }) => {
  await signIn(page, sandbox, "/");
  await choose(page, { type: "Numbers activated on request, from 10 minutes", country: "Sweden", unit: "Months", count: 2 });
  const star = page.getByRole("button", { name: "Add to favourites: BITSA" });
  await star.click();
  await expect(page.getByRole("button", { name: "Remove from favourites: BITSA" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator("li.service").first()).toHaveAttribute("data-service", "opt57");
  await expect(page).toHaveURL(/type=on_request&period=month-2&country=SE/);

  await page.goto(sandbox.base + "/");
  await expect(page.getByRole("radio", { name: "Numbers activated on request, from 10 minutes" })).toBeChecked();
  await expect(page.getByLabel("Choose a country")).toHaveValue("SE");
  await expect(page.getByLabel("Unit")).toHaveValue("month");
  await expect(page.getByLabel("How many")).toHaveValue("2");
  await expect(page.locator("li.service").first()).toHaveAttribute("data-service", "opt57");

  const other = await browser.newContext();
  const fresh = await other.newPage();
  await signIn(fresh, sandbox, "/settings");
  await fresh.goto(sandbox.base + "/?type=any&period=week-3&country=US&service=opt1");
  await expect(fresh.getByRole("radio", { name: "Both kinds of numbers, always-active first" })).toBeChecked();
  await expect(fresh.getByLabel("Choose a country")).toHaveValue("US");
  await expect(fresh.getByLabel("How many")).toHaveValue("3");
  await expect(fresh.getByRole("checkbox", { name: /^Google / })).toBeChecked();
  await expect(fresh.getByTestId("total")).toHaveText(/\d+\.\d{2} USD/);
  await other.close();
});

test("searching and sorting the services", async ({ page, sandbox }) => {
  await signIn(page, sandbox, "/");
  await page.getByRole("searchbox", { name: "Find a service" }).fill("tele");
  await expect(page.locator("li.service")).toHaveCount(1);
  await expect(page.locator("li.service")).toHaveAttribute("data-service", "opt29");
  await page.getByRole("searchbox", { name: "Find a service" }).fill("nothing like this");
  await expect(page.getByText("No service matches the search.")).toBeVisible();
  await page.getByRole("searchbox", { name: "Find a service" }).fill("");
  await page.getByLabel("Sort").selectOption("price");
  const prices = await page.locator(".service-price").allTextContents();
  const values = prices.map((p) => parseFloat(p));
  expect([...values].sort((a, b) => a - b)).toEqual(values);
  await page.getByLabel("Sort").selectOption("name");
  const names = await page.locator(".service-name").allTextContents();
  expect([...names].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" }))).toEqual(names);
});

test("an old answer arriving late never overwrites a newer choice", async ({ page, sandbox }) => {
  await signIn(page, sandbox, "/");
  await choose(page, { country: "Russia" });
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(/method=getdata.*country=FR/, async (route) => {
    await held;
    await route.continue();
  });
  await page.getByLabel("Choose a country").selectOption({ label: "France" });
  await expect(page.getByText("Updating for the new choice")).toBeVisible();
  await expect(page.locator("ul.service-list")).toHaveClass(/stale/);
  await page.getByLabel("Choose a country").selectOption({ label: "Germany" });
  await expect(page.locator("li.service[data-service=opt59]")).toContainText("No numbers free");
  release();
  await page.waitForResponse(/country=FR/);
  await page.waitForTimeout(300);
  await expect(page.getByLabel("Choose a country")).toHaveValue("DE");
  await expect(page.locator("li.service[data-service=opt59]")).toContainText("No numbers free");
  await expect(page.getByText("Updating for the new choice")).toHaveCount(0);
});

test("renting works with the keyboard alone and at 360 px", async ({ page, sandbox }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, sandbox, "/");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.getByLabel("Choose a country").focus();
  await page.keyboard.press("Tab"); // unit
  await page.keyboard.press("Tab"); // count
  await page.getByRole("searchbox", { name: "Find a service" }).focus();
  await page.keyboard.type("yandex");
  await page.keyboard.press("Tab"); // sort
  await page.keyboard.press("Tab"); // the Yandex checkbox
  await page.keyboard.press("Space");
  await expect(page.getByRole("checkbox", { name: /^Yandex&YooMoney / })).toBeChecked();
  await page.getByRole("button", { name: "Rent", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Rent now" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(page.getByRole("button", { name: "Rent", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/rentals\?new=/);
});

test.describe("against the live API's answer shapes", () => {
  test.use({ sandboxArgs: ["--real-api-variants"] });
  test("the rent page works the same", async ({ page, sandbox }) => {
    await signIn(page, sandbox, "/");
    await choose(page, { country: "United Kingdom", service: "Google" });
    const total = cents(await page.getByTestId("total").textContent());
    await page.getByRole("button", { name: "Rent", exact: true }).click();
    await page.getByRole("button", { name: "Rent now" }).click();
    await expect(page).toHaveURL(/\/rentals\?new=\d+/);
    await expect(page.locator("tr.new")).toContainText("+44");
    expect(await sandbox.balance()).toBe(((10000 - total) / 100).toFixed(2));
  });
});
