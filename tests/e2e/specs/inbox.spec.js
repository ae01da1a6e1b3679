// The inbox: every SMS the desk reads, from every rental, kept in IndexedDB so it
// outlives the rental; newest first, searchable, text never markup; the header counts what
// is unread in every tab; storage blocked is said, never a panic; the backup carries it.
import { readFileSync } from "node:fs";
import { test, expect, signIn } from "../fixtures.js";
import { stubBrowser, hide, notes } from "../notify-stub.js";

const HOSTILE = `<img src=x onerror="window.__owned=1">Code 55555`;

/** Three rentals, each with one SMS a minute apart (the hostile one last, so newest). */
async function threeWithSms(sandbox) {
  const ids = [];
  for (const service of ["opt16", "opt1", "opt20"]) {
    const answer = await sandbox.api({ method: "create", apikey: sandbox.key, dtype: "week", dcount: "1", country: "RU", service, rent_type: "always" });
    ids.push(answer.data.id);
  }
  const texts = ["Your Telegram code is 11111", "PayPal: 22222 is your code", HOSTILE];
  for (const [i, id] of ids.entries()) {
    await sandbox.admin("sms", { id, sender: ["Telegram", "PayPal", "Evil"][i], text: texts[i] });
    await sandbox.admin("clock", { advance_minutes: 1 });
  }
  return { ids, texts };
}

/** My rentals open until the watch has read every rental's SMS into the inbox. */
async function readAll(page, count) {
  await expect
    .poll(() => page.evaluate(() => Number(localStorage.getItem("rentdesk.inbox-unread") || 0)), { timeout: 30_000 })
    .toBe(count);
}

test("the inbox lists every SMS newest first as text, search narrows to one, and a deleted rental's SMS stay after a reload", async ({ page, sandbox }) => {
  test.setTimeout(90_000);
  const { ids } = await threeWithSms(sandbox);
  await signIn(page, sandbox);
  await readAll(page, 3);
  await expect(page.getByTestId("inbox-unread")).toHaveText("3");

  await page.getByRole("link", { name: /^Inbox/ }).click();
  const messages = page.getByTestId("message");
  await expect(messages).toHaveCount(3);
  await expect(messages.nth(0).locator(".message-text")).toHaveText(HOSTILE);
  await expect(messages.nth(1)).toContainText("PayPal: 22222 is your code");
  await expect(messages.nth(2)).toContainText("Your Telegram code is 11111");
  expect(await page.evaluate(() => window.__owned)).toBeUndefined();
  expect(await messages.nth(0).locator("img").count()).toBe(0);
  await expect(messages.nth(1).getByTestId("inbox-code")).toHaveText("22222");
  // Opening the inbox marks them read: the header's count goes.
  await expect(page.getByTestId("inbox-unread")).toHaveCount(0);

  const search = page.getByRole("searchbox", { name: "Search code, text, sender, number or label" });
  await search.fill("22222");
  await expect(messages).toHaveCount(1);
  await expect(messages.first()).toContainText("PayPal");
  await search.fill("nothing like this");
  await expect(page.getByText("No message matches.")).toBeVisible();
  await search.fill("");
  await page.getByLabel("Service", { exact: true }).selectOption({ index: 1 });
  await expect(messages).toHaveCount(1);

  // The rental with the PayPal SMS is deleted: its SMS stays, after a reload too.
  const del = await sandbox.api({ method: "delete", apikey: sandbox.key, id: ids[1] });
  expect(del.status).toBe(1);
  await page.reload();
  await expect(messages).toHaveCount(3);
  await expect(messages.nth(1)).toContainText("PayPal: 22222 is your code");
  // Its link says the rental has ended; a current one opens its SMS.
  await messages.nth(1).getByRole("link", { name: "Open the rental" }).click();
  await expect(page.getByText("That rental has ended")).toBeVisible();
  await page.goBack();
  await messages.nth(2).getByRole("link", { name: "Open the rental" }).click();
  await expect(page.getByRole("dialog")).toContainText("Your Telegram code is 11111");
});

test("two tabs show the same unread count; storage blocked says so without a panic; the backup carries the messages", async ({ page, sandbox, browser }) => {
  test.setTimeout(90_000);
  await threeWithSms(sandbox);
  await signIn(page, sandbox);
  const other = await page.context().newPage();
  await other.goto(sandbox.base + "/archive");
  await readAll(page, 3);
  await expect(page.getByTestId("inbox-unread")).toHaveText("3");
  await expect(other.getByTestId("inbox-unread")).toHaveText("3");

  // The backup carries the messages to a fresh browser.
  await page.goto(sandbox.base + "/settings");
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-data").click()]);
  const backup = JSON.parse(readFileSync(await file.path(), "utf8"));
  expect(backup.messages).toHaveLength(3);
  const fresh = await browser.newPage();
  await signIn(fresh, sandbox, "/settings");
  await fresh.getByTestId("import-data").setInputFiles(await file.path());
  await expect(fresh.getByTestId("import-report")).toContainText("Inbox messages added: 3.");
  await fresh.goto(sandbox.base + "/inbox");
  await expect(fresh.getByTestId("message")).toHaveCount(3);
  await fresh.close();

  // Delete all: asked once more, then gone.
  await page.getByTestId("inbox-delete-all").click();
  await page.getByRole("alert").getByRole("button", { name: "Delete all stored messages" }).click();
  await expect(page.getByText("All stored messages were deleted.")).toBeVisible();
  await page.goto(sandbox.base + "/inbox");
  await expect(page.getByTestId("inbox-empty")).toBeVisible();

  // IndexedDB blocked: the inbox says so and shows what this visit read.
  const blocked = await browser.newPage();
  await blocked.addInitScript(() => Object.defineProperty(window, "indexedDB", { get: () => undefined }));
  const errors = [];
  blocked.on("pageerror", (e) => errors.push(String(e)));
  await blocked.goto(sandbox.base + "/inbox");
  await expect(blocked.getByTestId("inbox-storage")).toBeVisible();
  await expect(blocked.getByTestId("inbox-empty")).toBeVisible();
  expect(errors).toEqual([]);
  await blocked.close();
});

test("a new SMS's notification opens the inbox when the person reads SMS there, and an open inbox shows it at once", async ({ page, sandbox }) => {
  await stubBrowser(page);
  await page.clock.install();
  const answer = await sandbox.api({ method: "create", apikey: sandbox.key, dtype: "week", dcount: "1", country: "RU", service: "opt16", rent_type: "always" });
  const id = answer.data.id;
  await signIn(page, sandbox);
  await page.getByLabel("Notify me of new SMS").check();
  // The person reads SMS in the inbox, in another tab; My rentals leads from the background.
  const reader = await page.context().newPage();
  await reader.goto(sandbox.base + "/inbox");
  await expect(reader.getByTestId("inbox-empty")).toBeVisible();
  await hide(page, true);
  await sandbox.admin("sms", { id, sender: "Instagram", text: "Your Instagram code: 671 094." });
  await page.clock.fastForward("00:31");
  await expect.poll(() => notes(page)).toHaveLength(1);
  // The open inbox shows it without a reload.
  await expect(reader.getByTestId("message")).toHaveCount(1);
  await expect(reader.getByTestId("inbox-code")).toHaveText("671094");

  await hide(page, false);
  await page.evaluate(() => window.__notes[0].onclick());
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByTestId("message").first()).toContainText("Your Instagram code: 671 094.");
});
