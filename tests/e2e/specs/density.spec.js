// A screen full of numbers: My rentals draws a row per line from 20 rentals on (compact),
// the rarer actions in each row's menu, reachable by keyboard alone; the density is a
// remembered choice; on a phone the cards are small; and the phone's rent page keeps the
// total and Rent at the foot of the screen once they scroll away.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test, expect, signIn } from "../fixtures.js";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const row = (page, id) => page.locator(`tr[data-rental="${id}"]`);
const menuItem = (page, name) => page.getByRole("menu").locator("[role^=menuitem]", { hasText: new RegExp(`^${name}$`) });

/** `count` rentals of the demo key, made in the sandbox's database; ids by expiry. */
async function rentals(sandbox, count, days = 30) {
  await sandbox.admin("rentals", { apikey: sandbox.key, count, days });
  const list = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data;
  return [...list].sort((a, b) => a.until - b.until || a.id - b.id).map((r) => r.id);
}

/** How many rows lie wholly inside the window, and where the first one starts. */
const onScreen = (page) =>
  page.evaluate(() => {
    const rows = [...document.querySelectorAll("tbody tr[data-rental]")].map((r) => r.getBoundingClientRect());
    return {
      whole: rows.filter((r) => r.top >= 0 && r.bottom <= innerHeight).length,
      firstTop: Math.round(rows[0]?.top ?? -1),
      tallest: Math.round(Math.max(...rows.map((r) => r.height))),
    };
  });

for (const lang of ["en", "de"]) {
  test(`60 rentals at 1280 × 900 (${lang}): compact rows, at least 12 on the first screen, the first within 300 px`, async ({ page, sandbox }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.addInitScript(([l, key]) => {
      localStorage.setItem("rentdesk.lang", l);
      localStorage.setItem("rentdesk.key", key);
    }, [lang, sandbox.key]);
    const ids = await rentals(sandbox, 60);
    await page.goto(sandbox.base + "/rentals");
    await expect(row(page, ids[0])).toBeVisible();
    await expect(page.locator("table.rentals")).toHaveClass(/compact/);
    const seen = await onScreen(page);
    expect(seen.whole, JSON.stringify(seen)).toBeGreaterThanOrEqual(12);
    expect(seen.firstTop, JSON.stringify(seen)).toBeLessThanOrEqual(300);
    // One line a row: no taller than a button and its padding.
    expect(seen.tallest, JSON.stringify(seen)).toBeLessThanOrEqual(56);
    // The controls above the table: at most two lines (each about one button high).
    const tools = await page.locator(".rentals-tools").boundingBox();
    expect(tools.height).toBeLessThanOrEqual(100);
  });
}

test("compact and comfortable: the choice is remembered across a reload, and below 20 rentals rows start comfortable", async ({ page, sandbox }) => {
  const ids = await rentals(sandbox, 3);
  await signIn(page, sandbox);
  await expect(page.locator("table.rentals")).not.toHaveClass(/compact/);
  await expect(row(page, ids[0]).getByTestId("label-edit")).toBeVisible();
  await page.getByTestId("density").getByText("Compact").click();
  await expect(page.locator("table.rentals")).toHaveClass(/compact/);
  await expect(row(page, ids[0]).getByTestId("label-edit")).toHaveCount(0);
  await expect(row(page, ids[0]).getByTestId("row-menu")).toBeVisible();
  await page.reload();
  await expect(row(page, ids[0]).getByTestId("row-menu")).toBeVisible();
  await expect(page.getByRole("radio", { name: "Compact" })).toBeChecked();
  // Many rentals, the choice stays comfortable.
  await page.getByRole("radio", { name: "Comfortable" }).check();
  await sandbox.admin("rentals", { apikey: sandbox.key, count: 30, days: 30 });
  await page.reload();
  await expect(page.locator("tbody tr[data-rental]")).toHaveCount(33);
  await expect(page.locator("table.rentals")).not.toHaveClass(/compact/);
});

test("every action of a compact row works from its menu by keyboard alone; the menu is a menu", async ({ page, sandbox, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const ids = await rentals(sandbox, 25);
  const id = ids[0];
  const number = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data.find((r) => r.id === id);
  await signIn(page, sandbox);
  const button = row(page, id).getByTestId("row-menu");
  await expect(button).toHaveAttribute("aria-haspopup", "menu");
  await expect(button).toHaveAttribute("aria-expanded", "false");
  // It names its menu only while the menu is in the page.
  await expect(button).not.toHaveAttribute("aria-controls", /./);
  // Open with Enter: the first item has the focus; arrows, End and Home move; Esc returns.
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(page.locator(`#${await button.getAttribute("aria-controls")}[role=menu]`)).toBeVisible();
  const items = page.getByRole("menu").locator("[role^=menuitem]");
  await expect(items.first()).toBeFocused();
  // 30 days left: Prolong is closed and says why, first in the menu.
  await expect(items.first()).toHaveAttribute("aria-disabled", "true");
  await expect(items.first()).toContainText("You can prolong a number only when fewer than 7 days are left");
  await page.keyboard.press("ArrowDown");
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press("End");
  await expect(menuItem(page, "Delete")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(items.first()).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(menuItem(page, "Delete")).toBeFocused();
  await page.keyboard.press("Home");
  await expect(items.first()).toBeFocused();
  // The disabled item does nothing and keeps the menu open.
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menu")).toBeVisible();
  await page.evaluate(axeSource);
  const axe = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  expect(axe.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);
  await expect(button).toBeFocused();

  /** Opens the menu from its button by keyboard and picks `name` with the arrow keys. */
  const pick = async (name) => {
    await button.focus();
    await page.keyboard.press("Enter");
    const names = await items.evaluateAll((all) => all.map((i) => i.childNodes[0].textContent.trim()));
    for (let i = 0; i < names.indexOf(name); i++) await page.keyboard.press("ArrowDown");
    await expect(menuItem(page, name)).toBeFocused();
    await page.keyboard.press("Enter");
  };

  // Label: typed in place, Enter saves, the focus back on the menu button.
  await pick("Label");
  await expect(row(page, id).locator("input.label-input")).toBeFocused();
  await page.keyboard.type("Shop 1");
  await page.keyboard.press("Enter");
  await expect(row(page, id).getByTestId("label")).toHaveText("Shop 1");
  await expect(button).toBeFocused();
  // Note.
  await pick("Note");
  await expect(row(page, id).getByTestId("note-input")).toBeFocused();
  await page.keyboard.type("owner: Anna");
  await page.keyboard.press("Enter");
  await expect(row(page, id).getByTestId("note-input")).toHaveCount(0);
  await expect(button).toBeFocused();
  // Keep: a checkbox item; the mark shows in the line.
  await pick("Keep");
  await expect(row(page, id).getByTestId("kept-mark")).toBeVisible();
  await button.press("Enter");
  await expect(page.getByRole("menuitemcheckbox", { name: "Keep" })).toHaveAttribute("aria-checked", "true");
  await page.keyboard.press("Escape");
  // Copy the number.
  await pick("Copy number");
  await expect(row(page, id)).toContainText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${number.ccode}${number.pnumber}`.replace(/^\+?/, "+"));
  // Auto-prolong and Add service open their dialogs; Esc gives the focus back to the button.
  await pick("Auto-prolong");
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(button).toBeFocused();
  await pick("Add service");
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(button).toBeFocused();
  // SMS is in the line.
  await row(page, id).getByRole("button", { name: "SMS" }).press("Enter");
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  // Delete: confirmed, the rental leaves the table.
  await pick("Delete");
  const confirm = page.getByRole("dialog");
  await expect(confirm).toContainText("Shop 1");
  await confirm.getByRole("button", { name: "Delete" }).press("Enter");
  await expect(row(page, id)).toHaveCount(0);
  const left = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data.map((r) => r.id);
  expect(left).not.toContain(id);
});

test("a compact row's Prolong is in the line once it is open, and prolongs", async ({ page, sandbox }) => {
  const ids = await rentals(sandbox, 25, 3);
  await signIn(page, sandbox);
  const line = row(page, ids[0]);
  await line.getByRole("button", { name: "Prolong" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  const before = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data.find((r) => r.id === ids[0]).until;
  await dialog.getByRole("button", { name: /^Prolong/ }).last().click();
  await expect(page.getByText("The rental was prolonged.")).toBeVisible();
  const after = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data.find((r) => r.id === ids[0]).until;
  expect(after).toBeGreaterThan(before);
});

test("an open row menu and its focused item survive a refresh that redraws the row", async ({ page, sandbox }) => {
  const ids = await rentals(sandbox, 25);
  await signIn(page, sandbox);
  const button = row(page, ids[0]).getByTestId("row-menu");
  await button.focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  const focused = await page.evaluate(() => document.activeElement.textContent);
  // An SMS changes the rental: the refresh draws its row anew.
  await sandbox.admin("sms", { id: ids[0], sender: "Bank", text: "code 424242" });
  await page.evaluate(() => document.querySelector(".refresh-bar button").click());
  await expect(row(page, ids[0]).getByTestId("row-code")).toHaveText("424242");
  await expect(page.getByRole("menu")).toBeVisible();
  expect(await page.evaluate(() => document.activeElement.textContent)).toBe(focused);
  await page.keyboard.press("Escape");
  await expect(row(page, ids[0]).getByTestId("row-menu")).toBeFocused();
});

test("a phone (390 × 844): compact cards of about 100 px, at least five on a screen, the menu on screen", async ({ page, sandbox }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const ids = await rentals(sandbox, 30);
  await sandbox.admin("sms", { id: ids[0], sender: "Telegram", text: "Telegram code: 55231" });
  await signIn(page, sandbox);
  await expect(row(page, ids[0]).getByTestId("row-code")).toHaveText("55231");
  await row(page, ids[0]).evaluate((r) => window.scrollTo(0, r.getBoundingClientRect().top + scrollY));
  const seen = await onScreen(page);
  expect(seen.whole, JSON.stringify(seen)).toBeGreaterThanOrEqual(5);
  expect(seen.tallest, JSON.stringify(seen)).toBeLessThanOrEqual(110);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await row(page, ids[4]).getByTestId("row-menu").click();
  const menu = await page.getByRole("menu").boundingBox();
  expect(menu.x).toBeGreaterThanOrEqual(0);
  expect(menu.x + menu.width).toBeLessThanOrEqual(390);
  expect(menu.y + menu.height).toBeLessThanOrEqual(844);
  // A press outside closes it.
  await page.locator("h1").click();
  await expect(page.getByRole("menu")).toHaveCount(0);
});

test("the phone's rent page: after picking the 20th service, Rent is on screen at the foot and rents it", async ({ page, sandbox }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, sandbox, "/?type=always&country=RU&period=week-1");
  const cards = page.locator("li.service:not(.sold-out)");
  await expect(cards.nth(25)).toBeAttached();
  const twentieth = cards.nth(19);
  const name = (await twentieth.locator(".service-name").textContent()).trim();
  await twentieth.scrollIntoViewIfNeeded();
  await twentieth.locator(".service-name").click();
  const bar = page.getByTestId("rent-bar");
  await expect(bar).toBeVisible();
  await expect(bar).toContainText(name);
  await expect(bar.getByRole("button")).toBeInViewport({ ratio: 1 });
  await expect(bar.getByRole("button")).toBeEnabled();
  // The bar never covers the last card: at the end of the page it rests below it.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const last = await cards.last().boundingBox();
  const rest = await bar.boundingBox();
  expect(rest.y).toBeGreaterThanOrEqual(last.y + last.height - 1);
  await page.evaluate(() => window.scrollTo(0, 0));
  await twentieth.scrollIntoViewIfNeeded();
  const before = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data?.length ?? 0;
  await bar.getByRole("button").click();
  await page.getByRole("button", { name: "Rent now" }).click();
  await expect(page).toHaveURL(/\/rentals\?new=\d+/);
  const after = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data;
  expect(after).toHaveLength(before + 1);
  expect(after.map((r) => r.sname).join(" ")).toContain(name);
});
