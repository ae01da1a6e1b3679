// The app shell: first visit, keys, settings, theme and language, deep links, and a page
// whose API goes away and comes back.
import { test, expect, signIn } from "../fixtures.js";

test("a first visit without a key asks for one and offers the sandbox's demo key", async ({ page, sandbox }) => {
  await page.goto(sandbox.base + "/rentals");
  await expect(page.getByRole("heading", { name: "My rentals" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Enter your API key" })).toBeVisible();
  await expect(page.getByTestId("balance")).toHaveText("No API key");
  await expect(page.getByRole("table")).toHaveCount(0);

  await page.getByRole("button", { name: "Use the demo key" }).click();
  await expect(page.getByText("You have no rented numbers right now.")).toBeVisible();
  await expect(page.getByTestId("balance")).toHaveText("Balance 100.00 USD");
  await expect(page.getByRole("link", { name: "Rent a number" }).last()).toHaveAttribute("href", "/");
  await expect(page.getByText(/Last refreshed: \d\d:\d\d:\d\d/)).toBeVisible();
});

test("a typed key is checked, saved, masked, survives a reload and can be forgotten", async ({ page, sandbox }) => {
  await sandbox.admin("keys", { apikey: "typed-key-4321", balance: "12.5" });
  await page.goto(sandbox.base + "/settings");
  await expect(page.getByText("No key saved.")).toBeVisible();
  const field = page.getByRole("textbox", { name: "API key", exact: true });
  await expect(field).toHaveAttribute("type", "password");
  await field.fill("typed-key-4321");
  await page.getByRole("button", { name: "Show key" }).click();
  await expect(field).toHaveAttribute("type", "text");
  await page.getByRole("button", { name: "Save" }).first().click();
  await expect(page.getByText("Key checked and saved.")).toBeVisible();
  await expect(page.getByTestId("balance")).toHaveText("Balance 12.50 USD");
  await expect(page.getByTestId("masked-key")).toHaveText("••••••••4321");
  await expect(page.locator("body")).not.toContainText("typed-key-4321");

  await page.reload();
  await expect(page.getByTestId("balance")).toHaveText("Balance 12.50 USD");
  await page.getByRole("button", { name: "Forget key" }).click();
  await expect(page.getByText("The key was removed from this browser.")).toBeVisible();
  await expect(page.getByTestId("balance")).toHaveText("No API key");
  expect(await page.evaluate(() => localStorage.getItem("rentdesk.key"))).toBeNull();
});

test("a wrong key is rejected with a clear message and not saved", async ({ page, sandbox }) => {
  await page.goto(sandbox.base + "/rentals");
  await page.getByRole("textbox", { name: "API key", exact: true }).fill("not-a-real-key");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert")).toHaveText("This API key is not valid.");
  await expect(page.getByTestId("balance")).toHaveText("No API key");
  expect(await page.evaluate(() => localStorage.getItem("rentdesk.key"))).toBeNull();
  await page.getByRole("textbox", { name: "API key", exact: true }).fill("   ");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert")).toHaveText("Please enter a key.");
});

test("theme and language are remembered across reloads, with no flash of the wrong theme", async ({ page, sandbox }) => {
  await page.goto(sandbox.base + "/settings");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /.+/);
  await page.getByRole("radio", { name: "Dark" }).check();
  await page.getByRole("radio", { name: "Deutsch" }).check();
  await expect(page.getByRole("heading", { name: "Einstellungen", level: 1 })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe("rgb(15, 17, 21)");

  await page.reload();
  await expect(page.getByRole("heading", { name: "Einstellungen", level: 1 })).toBeVisible();
  await expect(page.getByRole("radio", { name: "Dunkel" })).toBeChecked();
  await expect(page.getByRole("link", { name: "Meine Mieten" })).toBeVisible();

  // With the app's code blocked, the page is already dark and German: the theme is set
  // before the first paint, not by the app after it loads.
  await page.route(/\.wasm$/, (route) => route.abort());
  await page.goto(sandbox.base + "/rentals");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(15, 17, 21)");
});

test.describe("in a browser that prefers dark", () => {
  test.use({ colorScheme: "dark" });
  test("the theme follows the system until one is chosen", async ({ page, sandbox }) => {
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.goto(sandbox.base + "/settings");
    await expect(page.getByRole("radio", { name: "Like the system" })).toBeChecked();
    expect(await background()).toBe("rgb(15, 17, 21)");
    await page.getByRole("radio", { name: "Light" }).check();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    expect(await background()).toBe("rgb(246, 247, 249)");
    await page.reload();
    await expect(page.getByRole("radio", { name: "Light" })).toBeChecked();
    expect(await background()).toBe("rgb(246, 247, 249)");
  });
});

test.describe("in a German browser", () => {
  test.use({ locale: "de-DE" });
  test("the language follows the browser until one is chosen", async ({ page, sandbox }) => {
    await page.goto(sandbox.base + "/rentals");
    await expect(page.getByRole("heading", { name: "Meine Mieten" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "API-Schlüssel eingeben" })).toBeVisible();
    await page.getByRole("button", { name: "Demo-Schlüssel verwenden" }).click();
    await expect(page.getByText("Daten werden automatisch alle 30 Sekunden aktualisiert. Datum und Uhrzeit in der Zeitzone Ihres Browsers.")).toBeVisible();
    await expect(page.getByTestId("balance")).toHaveText("Guthaben 100,00 USD");
    await page.getByRole("link", { name: "Einstellungen" }).click();
    await page.getByRole("radio", { name: "English" }).check();
    await page.reload();
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  });
});

test("deep links load on reload, and unknown addresses say so", async ({ page, sandbox }) => {
  for (const [path, heading] of [
    ["/faq", "Frequently asked questions"],
    ["/settings", "Settings"],
    ["/archive", "Archive"],
    ["/rentals", "My rentals"],
    ["/", "Rent a number"],
  ]) {
    await page.goto(sandbox.base + path);
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
  }
  await page.goto(sandbox.base + "/no/such/page");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Go to the start page" }).click();
  await expect(page).toHaveURL(sandbox.base + "/");
  const current = page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Rent a number" });
  await expect(current).toHaveAttribute("aria-current", "page");
});

test.describe("pointing the app at another address", () => {
  // The other address is refused by the CSP (connect-src is this origin): on purpose here.
  test.use({ strictOrigin: false });
test("the API address must be an absolute http(s) URL; empty goes back to the origin", async ({ page, sandbox }) => {
  await signIn(page, sandbox, "/settings");
  const field = page.getByRole("textbox", { name: "API address" });
  await field.fill("smspva.com");
  await field.press("Enter");
  await expect(page.getByRole("alert")).toContainText("Please enter an absolute http(s) address");
  await field.fill("http://127.0.0.1:1");
  await field.press("Enter");
  await expect(page.getByText("API address saved.")).toBeVisible();
  await expect(page.getByTestId("balance")).toHaveText("Balance unknown");
  await field.fill("");
  await field.press("Enter");
  await expect(page.getByTestId("balance")).toHaveText("Balance 100.00 USD");
});
});

test("when the API goes down the page says so, keeps its data, and recovers when it is back", async ({ page, sandbox }) => {
  await signIn(page, sandbox);
  await expect(page.getByText("You have no rented numbers right now.")).toBeVisible();
  await sandbox.stop();
  // Leave and come back: the table asks again and finds nobody there.
  await page.getByRole("link", { name: "Archive" }).click();
  await page.getByRole("link", { name: "My rentals" }).click();
  await expect(page.getByRole("alert")).toContainText("The API cannot be reached.");
  await expect(page.getByRole("heading", { name: "My rentals" })).toBeVisible();

  await sandbox.restart();
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(page.getByText("You have no rented numbers right now.")).toBeVisible();
});
