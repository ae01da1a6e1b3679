// Everyday polish: the header's theme switch on every page, Russian as a whole language,
// and flags that never show as boxes.
import { test, expect, signIn } from "../fixtures.js";

const ROUTES = ["/", "/rentals", "/archive", "/faq", "/settings"];

test("the header switches light ↔ dark in one click on every page, remembered", async ({ page, sandbox }) => {
  await signIn(page, sandbox, "/");
  for (const path of ROUTES) {
    await page.goto(sandbox.base + path);
    const html = page.locator("html");
    const toDark = page.getByRole("button", { name: "Switch to the dark theme" });
    const toLight = page.getByRole("button", { name: "Switch to the light theme" });
    // The page starts light (the system's, or the last page's choice) …
    await expect(toDark).toBeVisible();
    await toDark.click();
    await expect(html).toHaveAttribute("data-theme", "dark");
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(15, 17, 21)");
    await expect(toLight).toBeFocused();
    await toLight.click();
    await expect(html).toHaveAttribute("data-theme", "light");
    expect(await page.evaluate(() => localStorage.getItem("rentdesk.theme"))).toBe("light");
  }
  // Chosen dark survives a reload and is there before the app's code runs: no flash.
  await page.getByRole("button", { name: "Switch to the dark theme" }).click();
  await page.route("**/*.wasm", (route) => route.abort());
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(15, 17, 21)");
});

test.describe("in a browser that prefers dark", () => {
  test.use({ colorScheme: "dark" });
  test("the switch offers light first, and Settings can go back to the system's", async ({ page, sandbox }) => {
    await page.goto(sandbox.base + "/settings");
    await page.getByRole("button", { name: "Switch to the light theme" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    await expect(page.getByRole("radio", { name: "Light", exact: true })).toBeChecked();
    await page.getByRole("radio", { name: "Like the system" }).check();
    await expect(page.locator("html")).not.toHaveAttribute("data-theme", /.+/);
    await expect(page.getByRole("button", { name: "Switch to the light theme" })).toBeVisible();
  });
});

test.describe("in a Russian browser", () => {
  test.use({ locale: "ru-RU" });

  test("everything is in Russian, with Russian plurals, dates and the FAQ", async ({ page, sandbox }) => {
    await page.goto(sandbox.base + "/");
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await page.getByRole("button", { name: "Использовать демо-ключ" }).click();
    await expect(page.getByTestId("balance")).toHaveText(/Баланс 100,00 USD/);
    await expect(page.getByRole("navigation", { name: "Основная навигация" })).toContainText("Мои аренды");
    await expect(page.getByRole("button", { name: "Включить тёмную тему" })).toBeVisible();

    // Plural forms from the browser's Intl.PluralRules: one, few, many.
    const counts = page.locator("#period-count option");
    await expect(counts.nth(0)).toHaveText("1 неделя (7 дней)");
    await expect(counts.nth(1)).toHaveText("2 недели (14 дней)");
    await expect(counts.nth(2)).toHaveText("3 недели (21 день)");
    await expect(counts.nth(4)).toHaveText("5 недель (35 дней)");
    await page.locator("#period-unit").selectOption("month");
    await expect(counts.nth(0)).toHaveText("1 месяц (30 дней)");
    await expect(counts.nth(1)).toHaveText("2 месяца (60 дней)");

    // A rental: the status and expiry in Russian, the date in the Russian style.
    const created = await sandbox.api({ method: "create", apikey: sandbox.key, dtype: "week", dcount: "1", country: "RU", service: "opt16" });
    await page.goto(sandbox.base + "/rentals");
    const row = page.locator("tbody tr").first();
    await expect(row).toContainText(/\d\d\.\d\d\.\d{4}, \d\d:\d\d/);
    await expect(row).toContainText(/через [67] д \d+ ч/);
    expect(created.status).toBe(1);

    await page.goto(sandbox.base + "/faq#restore-cost");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Часто задаваемые вопросы");
    await expect(page.locator("details[open]")).toContainText("30");
  });

  test("Settings lists Русский and a choice survives a reload", async ({ page, sandbox }) => {
    await page.goto(sandbox.base + "/settings");
    await expect(page.getByRole("radio", { name: "Русский" })).toBeChecked();
    await page.getByRole("radio", { name: "English" }).check();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.reload();
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    await page.getByRole("radio", { name: "Русский" }).check();
    await expect(page.getByRole("heading", { name: "Настройки", level: 1 })).toBeVisible();
  });
});

test.describe("in a Ukrainian browser", () => {
  test.use({ locale: "uk-UA" });
  test("the page falls back to Russian, not English", async ({ page, sandbox }) => {
    await page.goto(sandbox.base + "/faq");
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Часто задаваемые вопросы");
  });
});

for (const theme of ["light", "dark"]) {
  for (const width of [360, 1280]) {
    test(`flags are never boxes: a country badge at ${width} px, ${theme}`, async ({ page, sandbox }, info) => {
      await page.setViewportSize({ width, height: 900 });
      await page.addInitScript((t) => localStorage.setItem("rentdesk.theme", t), theme);
      await signIn(page, sandbox, "/?type=always&country=UK&period=week-1&service=opt16");
      // This Chromium has no colour emoji font: boot.js must have chosen the badge.
      const mode = await page.locator("html").getAttribute("data-flags");
      const badge = page.locator(".with-flag .flag-badge").first();
      if (mode === "badge") {
        await expect(badge).toHaveText("GB");
        await expect(page.locator(".flag")).toHaveCount(0);
      } else {
        await expect(page.locator(".with-flag .flag").first()).toHaveText("🇬🇧");
      }
      // No regional-indicator letters anywhere in the page's text when they can't be drawn.
      const indicators = await page.evaluate(() => /[\u{1F1E6}-\u{1F1FF}]/u.test(document.body.innerText));
      expect(indicators).toBe(mode !== "badge");
      // The badge sits beside the select, inside the page.
      if (mode === "badge") {
        const box = await badge.boundingBox();
        const select = await page.locator("#country").boundingBox();
        expect(box.width).toBeGreaterThan(20);
        expect(box.x + box.width).toBeLessThanOrEqual(select.x);
        expect(Math.abs(box.y + box.height / 2 - (select.y + select.height / 2))).toBeLessThan(4);
      }
      // The theme switch shares the first row with the balance, even at 360 px.
      const toggle = await page.getByTestId("theme-toggle").boundingBox();
      const balance = await page.getByTestId("balance").boundingBox();
      expect(Math.abs(toggle.y - balance.y)).toBeLessThan(balance.height);
      expect(toggle.x + toggle.width).toBeLessThanOrEqual(width);
      await page.screenshot({ path: info.outputPath(`page-${width}-${theme}.png`) });
      await page.locator(".rent-button").click();
      await expect(page.locator("dialog[open] .with-flag")).toContainText(/United Kingdom/);
      await page.screenshot({ path: info.outputPath(`dialog-${width}-${theme}.png`) });
      for (const shot of ["page", "dialog"]) {
        await info.attach(`${shot}-${width}-${theme}`, { path: info.outputPath(`${shot}-${width}-${theme}.png`), contentType: "image/png" });
      }
    });
  }
}

test("the flag test's answer is kept for this browser, and tested again in another", async ({ page, sandbox }) => {
  // A kept answer is taken as it is: the test would find no colour font in this Chromium.
  await page.addInitScript(() => {
    if (!sessionStorage.getItem("kept")) localStorage.setItem("rentdesk.flags", "emoji|" + navigator.userAgent);
  });
  await signIn(page, sandbox, "/?type=always&country=UK&period=week-1&service=opt16");
  await expect(page.locator("html")).toHaveAttribute("data-flags", "emoji");
  await expect(page.locator(".with-flag .flag").first()).toHaveText("🇬🇧");

  // One kept by another browser (or another version) is not: the page tests and keeps its own.
  await page.evaluate(() => {
    sessionStorage.setItem("kept", "1");
    localStorage.setItem("rentdesk.flags", "emoji|another browser");
  });
  await page.reload();
  await expect(page.locator("#shell")).toHaveCount(0);
  const mode = await page.locator("html").getAttribute("data-flags");
  expect(["emoji", "badge"]).toContain(mode);
  const kept = await page.evaluate(() => localStorage.getItem("rentdesk.flags"));
  expect(kept).toBe(`${mode}|${await page.evaluate(() => navigator.userAgent)}`);
  await expect(page.locator(mode === "badge" ? ".with-flag .flag-badge" : ".with-flag .flag").first()).toHaveText(mode === "badge" ? "GB" : "🇬🇧");
});
