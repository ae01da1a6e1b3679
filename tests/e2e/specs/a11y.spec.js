// Accessibility: axe-core finds no serious or critical violation on any route, in either
// theme or language, with content on the page and with a dialog open.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test, expect, signIn } from "../fixtures.js";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

async function audit(page, where) {
  await page.evaluate(axeSource);
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
  expect(bad, bad.join("\n")).toEqual([]);
}

async function content(sandbox) {
  for (const [service, type] of [["opt16", "always"], ["opt20", "on_request"]]) {
    await sandbox.api({ method: "create", apikey: sandbox.key, dtype: "week", dcount: "1", country: "RU", service, rent_type: type });
  }
  const first = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data[0].id;
  await sandbox.admin("sms", { id: first, sender: "Instagram", text: "Code Instagram: 671 094." });
  await sandbox.admin("rentals", { apikey: sandbox.key, count: 3, expired: true });
}

for (const theme of ["light", "dark"]) {
  for (const lang of ["en", "de", "ru"]) {
    test(`every route passes axe in the ${theme} theme, ${lang}`, async ({ page, sandbox }) => {
      await content(sandbox);
      await page.goto(sandbox.base + "/settings");
      await page.evaluate(([t, l, key]) => {
        localStorage.setItem("rentdesk.theme", t);
        localStorage.setItem("rentdesk.lang", l);
        localStorage.setItem("rentdesk.key", key);
      }, [theme, lang, sandbox.key]);
      for (const [path, ready] of [
        ["/?type=always&country=RU&period=week-1&service=opt16", "li.service"],
        ["/rentals", "tbody tr"],
        ["/archive", "tbody tr"],
        ["/faq#restore-cost", "details[open]"],
        ["/where?period=week-1&service=opt29", "table.where-table tbody tr"],
        ["/?type=always&country=US&period=week-1&service=opt29,opt20", "fieldset.operators"],
        ["/settings", "#api-key"],
        ["/no/such/page", "h1"],
      ]) {
        await page.goto(sandbox.base + path);
        await page.locator(ready).first().waitFor();
        await audit(page, `${path} ${theme} ${lang}`);
      }
      await page.goto(sandbox.base + "/?type=always&country=RU&period=week-1&service=opt16");
      await page.locator(".rent-button").click();
      await page.locator("dialog[open]").waitFor();
      await audit(page, `rent dialog ${theme} ${lang}`);
    });
  }
}

test("the key prompt passes axe", async ({ page, sandbox }) => {
  await page.goto(sandbox.base + "/rentals");
  await page.getByRole("button", { name: "Use the demo key" }).waitFor();
  await audit(page, "key prompt");
});

test("labels, the note editor, the toolbar's menus and the backup controls pass axe, on a phone too", async ({ page, sandbox }) => {
  await content(sandbox);
  const first = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data[0];
  await signIn(page, sandbox);
  const row = page.locator(`tr[data-rental="${first.id}"]`);
  await row.getByTestId("label-edit").click();
  await row.getByRole("textbox", { name: "What is this number for?" }).fill("Shop <b>Berlin</b>");
  await row.getByRole("textbox", { name: "What is this number for?" }).press("Enter");
  await row.getByTestId("keep").click();
  await row.getByTestId("note-toggle").click();
  await audit(page, "rentals with a label and the note editor open");
  await row.getByTestId("note-input").press("Escape");
  for (const menu of ["Select", "Export"]) {
    await page.locator("details.menu > summary", { hasText: menu }).click();
    await audit(page, `the ${menu} menu open`);
    await page.keyboard.press("Escape");
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("button", { name: "Filter and sort" }).click();
  await audit(page, "rentals on a phone, filters open");
  await page.goto(sandbox.base + "/settings");
  await page.getByLabel("Include my API key").check();
  await audit(page, "settings with the backup controls");
});

test("automatic prolonging passes axe and works from the keyboard: the dialog, the row's mark, the log in Settings, on a phone too", async ({ page, sandbox }) => {
  await sandbox.admin("rentals", { apikey: sandbox.key, count: 1, days: 1, service: "opt16" });
  const [rental] = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data;
  await signIn(page, sandbox);
  const row = page.locator(`tr[data-rental="${rental.id}"]`);
  await row.getByRole("button", { name: "Auto-prolong" }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Automatic prolonging" });
  await expect(dialog.getByRole("button", { name: "Save" })).toBeFocused();
  await audit(page, "the automatic prolonging dialog");
  // Back to the limit with Shift+Tab, the amount typed, forward to Save.
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Shift+Tab");
  await expect(dialog.getByLabel(/At most this much a month/)).toBeFocused();
  await page.keyboard.type("20");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Save" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(row.getByTestId("auto-badge")).toBeVisible();
  await expect(row.getByTestId("auto-last")).toBeVisible({ timeout: 15_000 });
  await audit(page, "rentals with automatic prolonging on");
  await page.setViewportSize({ width: 390, height: 844 });
  await audit(page, "a phone's rental card with automatic prolonging on");
  await page.goto(sandbox.base + "/settings");
  await expect(page.getByTestId("auto-log").locator("li")).toHaveCount(1);
  await audit(page, "settings with the automatic prolonging log");
});

test("the inbox passes axe with messages, unread ones marked, on a phone too, in both themes", async ({ page, sandbox }) => {
  await content(sandbox);
  await signIn(page, sandbox);
  await expect.poll(() => page.evaluate(() => Number(localStorage.getItem("rentdesk.inbox-unread") || 0)), { timeout: 30_000 }).toBeGreaterThan(0);
  await audit(page, "the header with the inbox's count");
  await page.getByRole("link", { name: /^Inbox/ }).click();
  await page.getByTestId("message").first().waitFor();
  await audit(page, "the inbox");
  await page.evaluate(() => localStorage.setItem("rentdesk.theme", "dark"));
  await page.reload();
  await page.getByTestId("message").first().waitFor();
  await page.setViewportSize({ width: 390, height: 844 });
  await audit(page, "the inbox on a phone, dark");
});

/** Presses Tab until `target` has the focus (at most 300 times): it is reachable in order. */
async function tabTo(page, target) {
  for (let i = 0; i < 300; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

test("a batch passes axe and runs from the keyboard: the count, the confirmation's pattern, the banner while it runs and at its end, dark and on a phone", async ({ page, sandbox }) => {
  await page.context().addInitScript(() => { window.__rdBatchSpacing = 1_500; });
  await signIn(page, sandbox, "/?type=always&country=DE&period=week-1&service=opt29");
  const count = page.getByLabel("Numbers to rent");
  await tabTo(page, count);
  await page.keyboard.press("Control+A");
  await page.keyboard.type("3");
  await page.keyboard.press("Tab");
  await expect(page.getByTestId("total")).toHaveText(/^3 × /);
  await audit(page, "the rent page with a count");
  await page.locator(".rent-button").focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Confirm the rental" });
  await tabTo(page, dialog.getByLabel("Label pattern (optional)"));
  await page.keyboard.type("Desk {n}");
  await expect(dialog).toContainText("Desk 1 … Desk 3");
  await audit(page, "the confirmation of a batch");
  await tabTo(page, dialog.getByRole("button", { name: "Rent 3 numbers" }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("batch-headline")).toContainText("Renting");
  await expect(page.getByRole("status").filter({ hasText: "Renting" })).toHaveCount(1);
  await audit(page, "the banner of a batch running");
  await expect(page.getByTestId("batch-headline")).toContainText("3 of 3 rented", { timeout: 15_000 });
  await audit(page, "the summary of a batch");
  await page.evaluate(() => localStorage.setItem("rentdesk.theme", "dark"));
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId("batch-numbers").locator("li")).toHaveCount(3);
  await audit(page, "the summary of a batch on a phone, dark");
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
  await tabTo(page, page.getByRole("button", { name: "Copy all numbers" }));
  await tabTo(page, page.getByTestId("batch-close"));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("batch")).toHaveCount(0);
});
