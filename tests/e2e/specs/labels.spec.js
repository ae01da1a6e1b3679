// What every number is for: labels and notes kept per number (through prolonging, the
// archive and a restore), keep marks, the label wherever the number appears, and the
// backup file that moves it all to another browser.
import { readFileSync } from "node:fs";
import { test, expect, signIn, menuPick } from "../fixtures.js";
import { stubBrowser, hide, notes } from "../notify-stub.js";

const row = (page, id) => page.locator(`tr[data-rental="${id}"]`);

async function rent(sandbox, service = "opt1") {
  const answer = await sandbox.api({ method: "create", apikey: sandbox.key, dtype: "week", dcount: "1", country: "RU", service, rent_type: "always" });
  expect(answer.status, JSON.stringify(answer)).toBe(1);
  return answer.data.id;
}

/** Writes a label in place: the button, the text, Enter. */
async function label(scope, text) {
  await scope.getByTestId("label-edit").click();
  const input = scope.getByRole("textbox", { name: "What is this number for?" });
  await expect(input).toBeFocused();
  await input.fill(text);
  await input.press("Enter");
}

async function note(scope, text) {
  await scope.getByTestId("note-toggle").click();
  const area = scope.getByTestId("note-input");
  await expect(area).toBeFocused();
  await area.fill(text);
  await area.press("Enter");
}

const stored = (page) => page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));

test("a label and a note are added, edited and removed in place, and survive a reload", async ({ page, sandbox }) => {
  page.on("dialog", (d) => {
    throw new Error(`a page dialog opened: ${d.message()}`);
  });
  const a = await rent(sandbox, "opt1");
  const b = await rent(sandbox, "opt6");
  await signIn(page, sandbox);
  await label(row(page, a), "  Instagram @shop_berlin\t");
  await expect(row(page, a).getByTestId("label")).toHaveText("Instagram @shop_berlin");
  // The keyboard goes on from the button that opened the field.
  await expect(row(page, a).getByTestId("label-edit")).toBeFocused();

  // Esc cancels an edit; Enter saves it.
  await row(page, a).getByRole("button", { name: "Edit the label" }).click();
  const input = row(page, a).getByRole("textbox", { name: "What is this number for?" });
  await expect(input).toHaveValue("Instagram @shop_berlin");
  await input.fill("Instagram @shop_munich");
  await input.press("Escape");
  await expect(row(page, a).getByTestId("label")).toHaveText("Instagram @shop_berlin");
  await expect(row(page, a).getByTestId("label-edit")).toBeFocused();
  await label(row(page, a), "Instagram @shop_munich");
  await expect(row(page, a).getByTestId("label")).toHaveText("Instagram @shop_munich");

  // The note: Shift+Enter is a new line, Enter saves; the button shows there is one.
  await row(page, a).getByTestId("note-toggle").click();
  const area = row(page, a).getByTestId("note-input");
  await area.fill("2FA backup");
  await area.press("Shift+Enter");
  await area.pressSequentially("recovery mail: shop@example.org");
  await area.press("Enter");
  await expect(row(page, a).getByTestId("note-toggle")).toHaveClass(/has-note/);
  await expect(row(page, a).getByTestId("note-toggle")).toBeFocused();
  await expect(row(page, a).getByTestId("note-toggle")).toHaveAttribute("title", "2FA backup\nrecovery mail: shop@example.org");

  // Markup in a label is text.
  await label(row(page, b), "<img src=x onerror=alert(1)>");
  await expect(row(page, b).getByTestId("label")).toHaveText("<img src=x onerror=alert(1)>");
  await expect(row(page, b).locator("img")).toHaveCount(0);

  await page.reload();
  await expect(row(page, a).getByTestId("label")).toHaveText("Instagram @shop_munich");
  await expect(row(page, b).getByTestId("label")).toHaveText("<img src=x onerror=alert(1)>");
  await row(page, a).getByTestId("note-toggle").click();
  await expect(row(page, a).getByTestId("note-input")).toHaveValue("2FA backup\nrecovery mail: shop@example.org");
  await row(page, a).getByTestId("note-input").press("Escape");

  // The filter finds a rental by its label and by its note; the sort by label orders them.
  const filter = page.getByRole("searchbox", { name: "Filter by number, service or label" });
  await filter.fill("MUNICH");
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(row(page, a)).toBeVisible();
  await filter.fill("recovery mail");
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(row(page, a)).toBeVisible();
  await filter.fill("");
  await page.getByLabel("Sort").selectOption({ label: "Label" });
  await expect(page.locator("tbody tr")).toHaveCount(2);
  expect(await page.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.dataset.rental))).toEqual([String(b), String(a)]);

  // Removed: an empty label and an empty note.
  await label(row(page, a), "");
  await expect(row(page, a).getByTestId("label")).toHaveCount(0);
  await note(row(page, a), "");
  await expect(row(page, a).getByTestId("note-toggle")).not.toHaveClass(/has-note/);
  await page.reload();
  await expect(row(page, a).getByRole("button", { name: "Label" })).toBeVisible();
  await expect(row(page, a).getByTestId("label")).toHaveCount(0);
  await expect(row(page, b).getByTestId("label")).toHaveText("<img src=x onerror=alert(1)>");
});

test("the label follows the number: prolonged, in the archive and the restore dialog, and back after a restore", async ({ page, sandbox }) => {
  const id = await rent(sandbox, "opt59");
  await sandbox.admin("clock", { advance_days: 1 });
  await signIn(page, sandbox);
  await label(row(page, id), "2nd WhatsApp for support");
  await note(row(page, id), "support team's phone");

  // Prolonging: the dialog names it, and the label stays.
  await row(page, id).getByRole("button", { name: "Prolong", exact: true }).click();
  const prolong = page.getByRole("dialog", { name: "Prolong the rental" });
  await expect(prolong.getByTestId("dialog-label")).toHaveText("2nd WhatsApp for support");
  await prolong.getByRole("button", { name: "Prolong", exact: true }).click();
  await expect(prolong).toBeHidden();
  await expect(row(page, id).getByTestId("label")).toHaveText("2nd WhatsApp for support");

  // Past its end, the archive row shows label and note, and its filter finds it.
  await sandbox.admin("clock", { advance_days: 16 });
  await page.goto(sandbox.base + "/archive");
  const archived = page.locator(`tr[data-order="${id}"]`);
  await expect(archived.getByTestId("label")).toHaveText("2nd WhatsApp for support");
  await expect(archived.getByTestId("note")).toHaveText("support team's phone");
  const filter = page.getByRole("searchbox", { name: "Filter this page by number, service or label" });
  await filter.fill("whatsapp for");
  await expect(archived).toBeVisible();
  await filter.fill("no such label");
  await expect(archived).toHaveCount(0);
  await filter.fill("");

  // The restore dialog says what it was for before anything is charged.
  const before = await sandbox.balance();
  await archived.getByRole("button", { name: "Restore" }).click();
  const dialog = page.getByRole("dialog", { name: "Restore the rental" });
  await expect(dialog.getByTestId("restore-was-for")).toContainText("This number was for: 2nd WhatsApp for support");
  await expect(dialog.getByTestId("restore-was-for")).toContainText("support team's phone");
  expect(await sandbox.balance()).toBe(before);
  await expect(dialog.getByTestId("restore-total")).toHaveText(/USD/);
  await dialog.getByRole("button", { name: "Restore", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/rentals\\?new=${id}$`));
  await expect(row(page, id).getByTestId("label")).toHaveText("2nd WhatsApp for support");
});

test("the notification, the SMS dialog, the CSV and the .ics carry the label", async ({ page, sandbox }) => {
  await stubBrowser(page);
  await page.clock.install();
  const id = await rent(sandbox, "opt16");
  await signIn(page, sandbox);
  await label(row(page, id), "Instagram @shop_berlin, main");
  const number = (await row(page, id).locator("td.number button.copy").textContent()).trim();
  await page.getByLabel("Notify me of new SMS").check();
  await hide(page, true);
  await sandbox.admin("sms", { id, sender: "Instagram", text: "Your Instagram code: 671 094." });
  await page.clock.fastForward("00:31");
  await expect.poll(() => notes(page)).toHaveLength(1);
  const [shown] = await notes(page);
  expect(shown.body).toBe(`Instagram @shop_berlin, main: code 671094 · ${number}`);
  await hide(page, false);

  await row(page, id).getByRole("button", { name: "SMS" }).click();
  const sms = page.getByRole("dialog");
  await expect(sms.getByTestId("dialog-label")).toHaveText("Instagram @shop_berlin, main");
  await sms.getByRole("button", { name: "Close" }).click();
  await row(page, id).getByRole("button", { name: "Delete" }).click();
  const del = page.getByRole("dialog", { name: "Delete the rental" });
  await expect(del.getByTestId("dialog-label")).toHaveText("Instagram @shop_berlin, main");
  await del.getByRole("button", { name: "Cancel" }).click();

  const [csvFile] = await Promise.all([page.waitForEvent("download"), menuPick(page, "Export", "Export CSV")]);
  const csv = readFileSync(await csvFile.path(), "utf8").split("\r\n");
  expect(csv[0]).toBe("id,number,label,services,state,country,expires_utc");
  expect(csv[1]).toMatch(new RegExp(`^${id},\\d+,"Instagram @shop_berlin, main",`));
  const [icsFile] = await Promise.all([page.waitForEvent("download"), menuPick(page, "Export", "Export expiry dates (.ics)")]);
  const ics = readFileSync(await icsFile.path(), "utf8").replaceAll("\r\n ", "");
  expect(ics).toMatch(/SUMMARY:Rental expires: Instagram @shop_berlin\\, main · \+\d+ /);
});

test("keep marks come first in the expiry banner and select the kept numbers that can be prolonged", async ({ page, sandbox }) => {
  const ids = [await rent(sandbox, "opt1"), await rent(sandbox, "opt6"), await rent(sandbox, "opt16")];
  await sandbox.admin("clock", { advance_days: 2 });
  await page.clock.install({ time: Date.now() + 3_600_000 });
  await signIn(page, sandbox);
  const banner = page.getByTestId("expiring-banner");
  await expect(banner).toContainText("3 numbers expire within 7 days");
  await expect(banner.getByTestId("kept-expiring")).toHaveCount(0);
  for (const [i, id] of ids.slice(0, 2).entries()) {
    await label(row(page, id), `Kept ${i + 1}`);
    await row(page, id).getByTestId("keep").click();
    await expect(row(page, id).getByTestId("keep")).toHaveAttribute("aria-pressed", "true");
  }
  await expect(banner.getByTestId("kept-expiring")).toHaveText("2 numbers you keep expire within 7 days");

  // Nothing selected: no selection actions. The kept ones selected: their count and actions.
  await expect(page.getByTestId("selected-count")).toHaveCount(0);
  await menuPick(page, "Select", "Select the kept numbers that can be prolonged");
  await expect(page.getByTestId("selected-count")).toHaveText("2 selected");
  for (const id of ids.slice(0, 2)) await expect(row(page, id).getByRole("checkbox")).toBeChecked();
  await expect(row(page, ids[2]).getByRole("checkbox")).not.toBeChecked();
  await page.getByRole("button", { name: "Prolong selected (2)" }).click();
  const bulk = page.getByRole("dialog", { name: "Prolong several rentals" });
  await expect(bulk.getByTestId("bulk-price")).toHaveCount(2);
  await expect(bulk.getByTestId("dialog-label")).toHaveText(["Kept 1", "Kept 2"]);
  await bulk.getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("button", { name: "Clear selection" }).click();
  await expect(page.getByTestId("selected-count")).toHaveCount(0);

  await page.getByLabel("Status").selectOption({ label: "Numbers you keep" });
  await expect(page.locator("tbody tr")).toHaveCount(2);
  await page.reload();
  await expect(banner.getByTestId("kept-expiring")).toHaveText("2 numbers you keep expire within 7 days");
  await row(page, ids[0]).getByTestId("keep").click();
  await expect(banner.getByTestId("kept-expiring")).toHaveText("1 number you keep expires within 7 days");
});

test("export, clear the site's data, import: everything comes back; the key only when asked for", async ({ page, sandbox }, info) => {
  const id = await rent(sandbox, "opt1");
  await signIn(page, sandbox, "/?type=always&country=DE&period=week-2");
  await page.getByRole("button", { name: "Add to favourites: Telegram" }).click();
  await page.goto(sandbox.base + "/rentals");
  await label(row(page, id), "Shop Berlin");
  await note(row(page, id), "owner: Anna");
  await row(page, id).getByTestId("keep").click();
  await expect(row(page, id).getByTestId("keep")).toHaveAttribute("aria-pressed", "true");

  await page.goto(sandbox.base + "/settings");
  const save = async () => {
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-data").click()]);
    expect(file.suggestedFilename()).toMatch(/^rentdesk-backup-\d{4}-\d\d-\d\d\.json$/);
    const path = info.outputPath(`backup-${Date.now()}.json`);
    await file.saveAs(path);
    return { path, json: JSON.parse(readFileSync(path, "utf8")) };
  };
  const plain = await save();
  expect(plain.json).toMatchObject({ kind: "rentdesk-backup", version: 1 });
  expect(Object.values(plain.json.numbers)).toEqual([expect.objectContaining({ label: "Shop Berlin", note: "owner: Anna", keep: true })]);
  expect(plain.json.favourites).toHaveLength(1);
  expect(plain.json.choices["rentdesk.rent.country"]).toBe("DE");
  expect(plain.json.api_key).toBeUndefined();
  await page.getByLabel("Include my API key").check();
  await expect(page.getByRole("alert")).toHaveText("Anyone who has this file can spend your balance. Keep it private.");
  const withKey = await save();
  expect(withKey.json.api_key).toBe(sandbox.key);

  // A new browser: nothing remembered, no key.
  await page.evaluate(() => localStorage.clear());
  await page.goto(sandbox.base + "/settings");
  await expect(page.getByTestId("masked-key")).toHaveCount(0);
  await page.getByTestId("import-data").setInputFiles(withKey.path);
  const report = page.getByTestId("import-report");
  await expect(report).toContainText("Labels and notes: 1 added, 0 updated, 0 kept as they were.");
  await expect(report).toContainText("Favourite services added: 1.");
  await expect(report).toContainText("The API key from the file is used now.");
  await expect(page.getByTestId("balance")).toHaveText(/Balance \d+\.\d{2} USD/);

  await page.goto(sandbox.base + "/rentals");
  await expect(row(page, id).getByTestId("label")).toHaveText("Shop Berlin");
  await expect(row(page, id).getByTestId("keep")).toHaveAttribute("aria-pressed", "true");
  await expect(row(page, id).getByTestId("note-toggle")).toHaveAttribute("title", "owner: Anna");
  await page.goto(sandbox.base + "/");
  await expect(page.getByLabel("Choose a country")).toHaveValue("DE");
  await expect(page.getByRole("button", { name: "Remove from favourites: Telegram" })).toBeVisible();

  // The same file again changes nothing.
  await page.goto(sandbox.base + "/settings");
  await page.getByTestId("import-data").setInputFiles(plain.path);
  await expect(page.getByTestId("import-report")).toContainText("Labels and notes: 0 added, 0 updated, 1 kept as they were.");
});

test("a broken file, a future version, a 5 MB label, a huge file and a hostile entry are refused with nothing changed", async ({ page, sandbox }) => {
  const id = await rent(sandbox, "opt1");
  await signIn(page, sandbox);
  await label(row(page, id), "Keep me");
  await page.goto(sandbox.base + "/settings");
  const before = await stored(page);
  const good = { kind: "rentdesk-backup", version: 1, exported_at: 1, numbers: {} };
  const cases = [
    ["broken.json", '{"kind": "rentdesk-backup", "version": 1, "numbers": {"7909', "This file is not readable JSON (broken or cut off). Nothing was changed."],
    ["other.json", JSON.stringify({ hello: "world" }), "This file is not a rentdesk backup. Nothing was changed."],
    ["future.json", JSON.stringify({ ...good, version: 2 }), "This backup was written by a newer rentdesk."],
    ["label.json", JSON.stringify({ ...good, numbers: { 79091234567: { label: "x".repeat(5 * 1024 * 1024), changed: 1 } } }), "a label over 60 characters"],
    ["huge.json", JSON.stringify({ ...good, pad: "x".repeat(17 * 1024 * 1024) }), "This file is too large to be a rentdesk backup. Nothing was changed."],
    ["hostile.json", JSON.stringify({ ...good, numbers: { "<img src=x>": { label: "x", changed: 1 } }, choices: { "rentdesk.key": "stolen" } }), "Nothing was changed."],
  ];
  for (const [name, text, message] of cases) {
    await page.getByTestId("import-data").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(text) });
    await expect(page.getByTestId("import-refused"), name).toContainText(message);
    expect(await stored(page), name).toBe(before);
  }
  await page.goto(sandbox.base + "/rentals");
  await expect(row(page, id).getByTestId("label")).toHaveText("Keep me");
});

for (const scheme of ["light", "dark"]) {
  test(`on a phone (390 × 844, ${scheme}) the first rental — number, label, code, expiry — is on the first screen`, async ({ page, sandbox }, info) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: scheme });
    const ids = [await rent(sandbox, "opt1"), await rent(sandbox, "opt6"), await rent(sandbox, "opt16")];
    await sandbox.admin("sms", { id: ids[1], sender: "Instagram", text: "Your Instagram code: 671 094." });
    await signIn(page, sandbox);
    await label(row(page, ids[1]), "Instagram @shop_berlin");
    await page.reload();
    const first = page.locator("tbody tr").first();
    await expect(first).toHaveAttribute("data-rental", String(ids[1]));
    await expect(first.getByTestId("row-code")).toHaveText("671094");
    const screen = { top: 0, bottom: 844, left: 0, right: 390 };
    for (const part of [first.locator("td.number button.copy"), first.getByTestId("label"), first.getByTestId("row-code"), first.locator("td.expires")]) {
      const box = await part.boundingBox();
      expect(box, await part.evaluate((e) => e.outerHTML.slice(0, 80))).not.toBeNull();
      expect(box.y).toBeGreaterThanOrEqual(screen.top);
      expect(box.y + box.height, "below the first screen").toBeLessThanOrEqual(screen.bottom);
      expect(box.x + box.width, "wider than the screen").toBeLessThanOrEqual(screen.right);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth), "no sideways scrolling").toBeLessThanOrEqual(390);
    // The filters fold behind one button.
    await expect(page.getByRole("searchbox", { name: "Filter by number, service or label" })).toBeHidden();
    await page.screenshot({ path: info.outputPath(`rentals-phone-${scheme}.png`) });
    await page.getByRole("button", { name: "Filter and sort" }).click();
    await expect(page.getByRole("searchbox", { name: "Filter by number, service or label" })).toBeVisible();

    // The rent page: the number type is compact, so country and period come on the first screen.
    await page.goto(sandbox.base + "/?type=always&country=RU&period=week-1");
    await page.locator("li.service").first().waitFor();
    const types = await page.locator("fieldset.types").boundingBox();
    expect(types.height, "the number type's height").toBeLessThan(150);
    for (const part of [page.getByLabel("Choose a country"), page.getByLabel("How many")]) {
      const box = await part.boundingBox();
      expect(box.y + box.height, "below the first screen").toBeLessThanOrEqual(screen.bottom);
    }
    await page.screenshot({ path: info.outputPath(`rent-phone-${scheme}.png`) });
  });
}

test("a refresh that redraws the row while a label is being typed keeps what was typed", async ({ page, sandbox }) => {
  await page.clock.install();
  const id = await rent(sandbox, "opt16");
  await signIn(page, sandbox);
  await row(page, id).getByTestId("label-edit").click();
  const input = row(page, id).getByRole("textbox", { name: "What is this number for?" });
  await input.pressSequentially("Instagram @sh");
  await input.evaluate((e) => (e.dataset.before = "yes"));
  // An SMS arrives: the next refresh changes this rental, and its row is drawn anew.
  await sandbox.admin("sms", { id, sender: "Instagram", text: "Your Instagram code: 671 094." });
  await page.clock.fastForward("00:31");
  await expect(row(page, id)).toHaveClass(/has-sms/);
  await expect(input).not.toHaveAttribute("data-before", "yes"); // a new field: the row was redrawn
  await expect(input).toHaveValue("Instagram @sh");
  await expect(input).toBeFocused();
  await input.pressSequentially("op_berlin");
  await input.press("Enter");
  await expect(row(page, id).getByTestId("label")).toHaveText("Instagram @shop_berlin");
});
