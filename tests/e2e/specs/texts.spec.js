// German and Russian texts are files of their own (src/i18n/files.rs): a page in English
// fetches none, a page in German fetches the German file once, asked by boot.js while the
// wasm still downloads, and speaks German from the app's first frame. A file that cannot
// be had leaves the app working in English, saying so in Settings, with a way to retry.
import { test, expect } from "../fixtures.js";

/** Counts requests for each language's texts file. */
function countTexts(page) {
  const asked = { de: 0, ru: 0 };
  page.on("request", (r) => {
    const lang = new URL(r.url()).pathname.match(/\/texts-(de|ru)-[0-9a-f]{16}\.json$/)?.[1];
    if (lang) asked[lang] += 1;
  });
  return asked;
}

test("a page in German asks for the German texts once, before the wasm has arrived, and speaks German; English needs none", async ({ page, sandbox }) => {
  await page.addInitScript((key) => {
    localStorage.setItem("rentdesk.key", key);
    if (!sessionStorage.getItem("started")) localStorage.setItem("rentdesk.lang", "de");
    sessionStorage.setItem("started", "1");
  }, sandbox.key);
  const asked = countTexts(page);
  let release;
  const released = new Promise((resolve) => (release = resolve));
  await page.route(/_bg\.wasm$/, async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(sandbox.base + "/");
  // Asked while the wasm is held: by boot.js, not by the app.
  await expect.poll(() => asked.de).toBe(1);
  release();
  await expect(page.locator("#shell")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Hauptnavigation" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Nummer mieten" })).toBeVisible();
  await expect(page.locator("li.service").first()).toBeVisible();
  expect(asked).toEqual({ de: 1, ru: 0 });
  // What search engines show says the same in the page's language, and follows a change.
  const description = page.locator('meta[name="description"]');
  await expect(description).toHaveAttribute("content", /^Telefonnummern für SMS mieten/);
  // Named by its content: compressed, and kept for a year like the wasm.
  const file = await page.evaluate(() => document.querySelector('meta[name="rentdesk-texts-de"]').content);
  const served = await page.request.get(sandbox.base + file, { headers: { "accept-encoding": "br" } });
  expect(served.headers()["content-encoding"]).toBe("br");
  expect(served.headers()["cache-control"]).toContain("immutable");

  // English is in the wasm: choosing it fetches nothing; Russian is fetched once, when chosen.
  await page.getByRole("link", { name: "Einstellungen" }).click();
  await page.getByRole("radio", { name: "English" }).check();
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  await expect(description).toHaveAttribute("content", /^Rent phone numbers that receive SMS/);
  await page.getByRole("radio", { name: "Русский" }).check();
  await expect(page.getByRole("heading", { name: "Настройки" })).toBeVisible();
  await expect(description).toHaveAttribute("content", /^Аренда номеров для приёма SMS/);
  await expect(page.getByRole("radio", { name: "Русский" })).toBeChecked();
  expect(asked).toEqual({ de: 1, ru: 1 });

  // The choice is kept: the next start speaks Russian.
  await page.reload();
  await expect(page.locator("#shell")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Настройки" })).toBeVisible();
});

test("when the texts cannot be had, the app works in English, says so in Settings, and Try again brings them", async ({ page, sandbox }) => {
  await page.addInitScript((key) => {
    localStorage.setItem("rentdesk.key", key);
    localStorage.setItem("rentdesk.lang", "de");
  }, sandbox.key);
  const asked = countTexts(page);
  const german = /\/texts-de-[0-9a-f]{16}\.json$/;
  await page.route(german, (route) => route.abort("connectionreset"));
  await page.goto(sandbox.base + "/settings");
  await expect(page.locator("#shell")).toHaveCount(0);
  // boot.js's request and the app's own second try both failed.
  expect(asked.de).toBe(2);
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  await expect(page.getByRole("radio", { name: "Deutsch" })).toBeChecked();
  const missing = page.getByTestId("texts-missing");
  await expect(missing).toContainText("could not be loaded");
  await expect(missing).toHaveAttribute("role", "alert");

  await page.unroute(german);
  await missing.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { name: "Einstellungen" })).toBeVisible();
  await expect(missing).toHaveCount(0);
  await page.getByRole("link", { name: "Nummer mieten" }).click();
  await expect(page.locator("li.service").first()).toBeVisible();
});

test("a texts request that never answers does not leave the page standing: it starts in English, and Try again brings the texts", async ({ page, sandbox }) => {
  await page.clock.install();
  await page.addInitScript((key) => {
    localStorage.setItem("rentdesk.key", key);
    localStorage.setItem("rentdesk.lang", "ru");
  }, sandbox.key);
  const russian = /\/texts-ru-[0-9a-f]{16}\.json$/;
  const held = [];
  await page.route(russian, (route) => held.push(route));
  await page.goto(sandbox.base + "/settings");
  await expect.poll(() => held.length).toBeGreaterThan(0);
  // The wasm is running (it asked too, or waits on boot.js's request) and the shell stands.
  await expect(page.locator("#shell")).toBeVisible();
  await page.clock.fastForward(8_000);
  await expect(page.locator("#shell")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  await expect(page.getByTestId("texts-missing")).toBeVisible();

  // Unrouting lets the held request go on (or not); either way Try again brings the texts.
  await page.unroute(russian);
  await page.getByTestId("texts-missing").getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { name: "Настройки" })).toBeVisible();
  await expect(page.getByTestId("texts-missing")).toHaveCount(0);
});
