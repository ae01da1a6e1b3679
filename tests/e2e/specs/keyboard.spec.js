// Every flow with the keyboard alone; dialogs keep focus inside and give it back; the
// pages at 360 px and at 200 % zoom.
import { test, expect, signIn } from "../fixtures.js";

/** Presses Tab until `target` has focus: proof it is reachable by keyboard. */
async function tabTo(page, target, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`not reachable with Tab: ${target}`);
}

async function rent(sandbox, extra = {}) {
  const a = await sandbox.api({ method: "create", apikey: sandbox.key, dtype: "week", dcount: "1", country: "RU", service: "opt16", ...extra });
  return a.data.id;
}

test("setting the key with the keyboard alone", async ({ page, sandbox }) => {
  await page.goto(sandbox.base + "/settings");
  await tabTo(page, page.getByRole("textbox", { name: "API key", exact: true }));
  await page.keyboard.type(sandbox.key);
  await page.keyboard.press("Enter");
  await expect(page.getByText("Key checked and saved.")).toBeVisible();
});

test("activate, read SMS and copy the code, with focus kept in the dialog and given back", async ({ page, sandbox, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const id = await rent(sandbox, { rent_type: "on_request" });
  await sandbox.admin("sms", { id, sender: "Bank", text: "Your code is 305 719" });
  await signIn(page, sandbox);
  await expect(page.getByTestId("sms-announcement")).toHaveText("Rentals with new SMS: 1");
  const row = page.locator(`tr[data-rental="${id}"]`);
  await tabTo(page, row.getByRole("button", { name: "Activate" }));
  await page.keyboard.press("Enter");
  await expect(row).toContainText("Activating");

  const sms = row.getByRole("button", { name: "SMS" });
  await tabTo(page, sms);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await tabTo(page, dialog.getByRole("button", { name: "Copy code" }), 10);
  await page.keyboard.press("Enter");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("305719");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(sms).toBeFocused();
});

test("prolong, add a service and delete with the keyboard alone", async ({ page, sandbox }) => {
  const id = await rent(sandbox);
  // Six days left: prolonging is open (at exactly seven it is not).
  await sandbox.admin("clock", { advance_days: 1 });
  await signIn(page, sandbox);
  const row = page.locator(`tr[data-rental="${id}"]`);

  await tabTo(page, row.getByRole("button", { name: "Prolong", exact: true }));
  await page.keyboard.press("Enter");
  let dialog = page.getByRole("dialog", { name: "Prolong the rental" });
  await expect(dialog.getByTestId("prolong-price")).toHaveText(/USD/);
  await tabTo(page, dialog.getByRole("button", { name: "Prolong", exact: true }), 10);
  await page.keyboard.press("Enter");
  await expect(page.getByText("The rental was prolonged.")).toBeVisible();

  await tabTo(page, row.getByRole("button", { name: "Add service" }));
  await page.keyboard.press("Enter");
  dialog = page.getByRole("dialog", { name: "Renting an additional service" });
  await tabTo(page, dialog.getByLabel("Service"), 10);
  // Type-ahead picks Google, a service every demo number can take (not all take WhatsAPP).
  await page.keyboard.type("Goo");
  // The number of days: the sandbox's clock runs a day ahead here, so fewer than the
  // browser's count of days left.
  await tabTo(page, dialog.getByLabel("Rental period", { exact: true }), 5);
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("5");
  await expect(dialog.getByTestId("extra-total")).toHaveText(/USD/);
  await tabTo(page, dialog.getByRole("button", { name: "Rent the service" }), 10);
  await page.keyboard.press("Enter");
  await expect(page.getByText("The service was added.")).toBeVisible();

  await tabTo(page, row.getByRole("button", { name: "Delete" }));
  await page.keyboard.press("Enter");
  dialog = page.getByRole("dialog", { name: "Delete the rental" });
  await tabTo(page, dialog.getByRole("button", { name: "Delete for good" }), 10);
  await page.keyboard.press("Enter");
  await expect(page.getByText("The rental was deleted and is now in the archive.")).toBeVisible();
});

test("restore with the keyboard alone", async ({ page, sandbox }) => {
  const id = await rent(sandbox);
  await sandbox.admin("clock", { advance_days: 8 });
  await signIn(page, sandbox, "/archive");
  await tabTo(page, page.locator(`tr[data-order="${id}"]`).getByRole("button", { name: "Restore" }));
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Restore the rental" });
  await expect(dialog.getByTestId("restore-total")).toHaveText(/USD/);
  await tabTo(page, dialog.getByRole("button", { name: "Restore", exact: true }), 10);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`new=${id}`));
});

for (const [label, size] of [["360 px", { width: 360, height: 740 }], ["200 % zoom", { width: 640, height: 400 }]]) {
  test(`every page fits at ${label}`, async ({ page, sandbox }) => {
    await page.setViewportSize(size);
    await rent(sandbox);
    await sandbox.admin("rentals", { apikey: sandbox.key, count: 2, expired: true });
    await signIn(page, sandbox, "/settings");
    for (const path of ["/", "/rentals", "/archive", "/faq", "/settings", "/where?period=week-1&service=opt29"]) {
      await page.goto(sandbox.base + path);
      await page.locator("h1").waitFor();
      await page.waitForTimeout(400);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${path} scrolls sideways`).toBeLessThanOrEqual(size.width);
    }
  });
}
