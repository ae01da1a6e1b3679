// My rentals: the live table and every action on a rental, against the sandbox's clock.
import { test, expect, signIn } from "../fixtures.js";

async function rent(sandbox, { country = "RU", service = "opt16", dtype = "week", dcount = "1", type = "always", key } = {}) {
  const answer = await sandbox.api({ method: "create", apikey: key || sandbox.key, dtype, dcount, country, service, rent_type: type });
  expect(answer.status, JSON.stringify(answer)).toBe(1);
  return answer.data.id;
}

const row = (page, id) => page.locator(`tr[data-rental="${id}"]`);
const refresh = (page) => page.getByRole("button", { name: "Refresh now" }).click();

test("an on-request number goes from not active to activating to active as the clock moves", async ({ page, sandbox }) => {
  const id = await rent(sandbox, { type: "on_request" });
  await signIn(page, sandbox);
  await expect(row(page, id)).toContainText("Not active");
  await row(page, id).getByRole("button", { name: "Activate" }).click();
  await expect(page.getByText("Activation requested: the number is in the queue.")).toBeVisible();
  await expect(row(page, id)).toContainText("Activating");
  await expect(row(page, id)).toContainText("On average a number is activated in 10–15 minutes");
  await expect(row(page, id).getByRole("button", { name: "Activate" })).toHaveCount(0);
  await refresh(page);
  await expect(row(page, id)).toContainText("Activating");
  await sandbox.admin("clock", { advance_minutes: 10 });
  await refresh(page);
  await expect(row(page, id).locator(".state")).toHaveText("Active");
  await sandbox.admin("clock", { advance_minutes: 20 });
  await refresh(page);
  await expect(row(page, id).locator(".state")).toHaveText("Not active");
});

test("injected SMS are flagged, read as plain text, and their code copies", async ({ page, sandbox, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const id = await rent(sandbox);
  await signIn(page, sandbox);
  await expect(row(page, id)).toBeVisible();
  await sandbox.admin("sms", { id, sender: "FACEBOOK", text: "Code Instagram: 671 094." });
  await sandbox.admin("clock", { advance_minutes: 1 });
  await sandbox.admin("sms", { id, sender: "<b onclick=alert(2)>X</b>", text: "<img src=x onerror=\"window.__owned=1\">" });
  await refresh(page);
  await expect(row(page, id)).toContainText("New SMS");
  await expect(page).toHaveTitle("(1) rentdesk");

  await row(page, id).getByRole("button", { name: "SMS" }).click();
  const dialog = page.getByRole("dialog");
  const items = dialog.locator("li.sms");
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText("<img src=x onerror=\"window.__owned=1\">");
  await expect(items.first()).toContainText("From <b onclick=alert(2)>X</b>");
  await expect(dialog.locator("img, b")).toHaveCount(0);
  expect(await page.evaluate(() => window.__owned)).toBeUndefined();
  await expect(items.nth(1).getByTestId("sms-code")).toHaveText("671094");
  await items.nth(1).getByRole("button", { name: "Copy code" }).click();
  await expect(items.nth(1)).toContainText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("671094");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(row(page, id)).not.toContainText("New SMS");
  await expect(page).toHaveTitle("rentdesk");

  // The number copies in one click, with its dialling code.
  await row(page, id).getByRole("button", { name: /^Copy number: \+7 / }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^\+79\d{9}$/);
});

test("an open SMS list refreshes with the table", async ({ page, sandbox }) => {
  await page.clock.install();
  const id = await rent(sandbox);
  await signIn(page, sandbox);
  await row(page, id).getByRole("button", { name: "SMS" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText("No SMS yet.")).toBeVisible();
  await sandbox.admin("sms", { id, sender: "Telegram", text: "Telegram code: 55231" });
  // The dialog stays open; the table's 30-second refresh brings the message into it.
  await page.clock.fastForward("00:31");
  await expect(dialog.getByTestId("sms-code")).toHaveText("55231");
  await expect(dialog).toBeVisible();
});

test("prolonging is closed at 8 days left with the seed's reason, open at 6, and charges the shown price", async ({ page, sandbox }) => {
  const id = await rent(sandbox, { dcount: "2" });
  await sandbox.admin("clock", { advance_days: 6 });
  await signIn(page, sandbox);
  const prolong = row(page, id).getByRole("button", { name: "Prolong", exact: true });
  await expect(prolong).toBeDisabled();
  await expect(prolong).toHaveAttribute("title", "You can prolong a number only when fewer than 7 days are left until it expires");
  await expect(row(page, id).getByRole("link", { name: "Why is prolonging disabled?" })).toHaveAttribute("href", "/faq#prolong-disabled");

  await sandbox.admin("clock", { advance_days: 2 });
  await refresh(page);
  await expect(prolong).toBeEnabled();
  const before = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data[0].until;
  await prolong.click();
  const dialog = page.getByRole("dialog", { name: "Prolong the rental" });
  await dialog.getByLabel("Prolong by").selectOption({ label: "2 weeks (14 days)" });
  await expect(dialog.getByTestId("prolong-price")).toHaveText(/^\d+\.\d{2} USD$/);
  const price = Math.round(parseFloat(await dialog.getByTestId("prolong-price").textContent()) * 100);
  const balance = Math.round(parseFloat(await sandbox.balance()) * 100);
  await dialog.getByRole("button", { name: "Prolong", exact: true }).dblclick();
  await expect(page.getByText("The rental was prolonged.")).toBeVisible();
  const after = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data[0].until;
  expect(after - before).toBe(14 * 86400);
  expect(Math.round(parseFloat(await sandbox.balance()) * 100)).toBe(balance - price);
  await expect(page.getByTestId("balance")).toHaveText(`Balance ${((balance - price) / 100).toFixed(2)} USD`);
});

test("the prolong choice is capped by the 90-day guarantee", async ({ page, sandbox }) => {
  const id = await rent(sandbox, { dtype: "month", dcount: "2" });
  await sandbox.admin("clock", { advance_days: 55 });
  await signIn(page, sandbox);
  await row(page, id).getByRole("button", { name: "Prolong", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Prolong the rental" });
  await expect(dialog).toContainText("At most: 30 days");
  const options = await dialog.getByLabel("Prolong by").locator("option").allTextContents();
  expect(options).toEqual(["1 week (7 days)", "2 weeks (14 days)", "3 weeks (21 days)", "4 weeks (28 days)", "1 month (30 days)", "A number of days …"]);
});

test("adding a service charges its day price for the days left, once on a double click", async ({ page, sandbox }) => {
  const id = await rent(sandbox, { dcount: "1" });
  await signIn(page, sandbox);
  await row(page, id).getByRole("button", { name: "Add service" }).click();
  const dialog = page.getByRole("dialog", { name: "Renting an additional service" });
  await expect(dialog).toContainText("7 days");
  await expect(dialog.getByLabel("Service").locator("option", { hasText: "Instagram" })).toHaveCount(0);
  await dialog.getByLabel("Service").selectOption({ label: "imagin — 0.06 USD per day" });
  await expect(dialog.getByTestId("extra-total")).toHaveText("0.42 USD");
  const balance = Math.round(parseFloat(await sandbox.balance()) * 100);
  await dialog.getByRole("button", { name: "Rent the service" }).dblclick();
  await expect(page.getByText("The service was added.")).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(row(page, id).locator(".service-names li")).toHaveText(["Instagram (+Threads)", "imagin"]);
  expect(Math.round(parseFloat(await sandbox.balance()) * 100)).toBe(balance - 42);
});

test("deleting warns there is no refund and moves the rental to the archive, once on a double click", async ({ page, sandbox }) => {
  const keep = await rent(sandbox, { service: "opt1" });
  const id = await rent(sandbox);
  await signIn(page, sandbox);
  const balance = await sandbox.balance();
  await row(page, id).getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete the rental" });
  await expect(dialog).toContainText("Days you have used are not refunded");
  await dialog.getByRole("button", { name: "Delete for good" }).dblclick();
  await expect(page.getByText("The rental was deleted and is now in the archive.")).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(row(page, id)).toHaveCount(0);
  await expect(row(page, keep)).toBeVisible();
  expect(await sandbox.balance()).toBe(balance);
  const archive = await sandbox.api({ method: "get_rent_history", apikey: sandbox.key });
  expect(archive.data.map((r) => r.orderId)).toEqual([id]);
});

test("a row's action buttons stand apart, so each is a clear target", async ({ page, sandbox }) => {
  const id = await rent(sandbox, { type: "on_request" });
  await signIn(page, sandbox);
  const buttons = row(page, id).locator(".actions-cell button");
  await expect(buttons).toHaveCount(6);
  const boxes = await buttons.evaluateAll((list) => list.map((b) => b.getBoundingClientRect().toJSON()));
  for (let i = 1; i < boxes.length; i++) {
    const [a, b] = [boxes[i - 1], boxes[i]];
    // Side by side on one line, or wrapped to the next: never touching.
    if (Math.abs(a.top - b.top) < 2) expect(b.left - a.right).toBeGreaterThanOrEqual(4);
  }
});

test("a dialog closed with Cancel or Escape changes nothing and opens again, for the same rental or another", async ({ page, sandbox }) => {
  const first = await rent(sandbox, { service: "opt1" });
  const second = await rent(sandbox);
  await sandbox.admin("clock", { advance_days: 1 });
  await signIn(page, sandbox);
  const balance = await sandbox.balance();
  const remove = page.getByRole("dialog", { name: "Delete the rental" });
  const prolong = page.getByRole("dialog", { name: "Prolong the rental" });

  await row(page, first).getByRole("button", { name: "Delete" }).click();
  await remove.getByRole("button", { name: "Cancel" }).click();
  await expect(remove).toBeHidden();
  await row(page, first).getByRole("button", { name: "Delete" }).click();
  await expect(remove).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(remove).toBeHidden();
  await expect(row(page, first).getByRole("button", { name: "Delete" })).toBeFocused();

  await row(page, second).getByRole("button", { name: "Prolong", exact: true }).click();
  await expect(prolong.getByTestId("prolong-price")).toHaveText(/USD/);
  await page.keyboard.press("Escape");
  await expect(prolong).toBeHidden();
  await row(page, first).getByRole("button", { name: "Prolong", exact: true }).click();
  await expect(prolong.getByTestId("prolong-price")).toHaveText(/USD/);
  await expect(prolong).toContainText("Google");
  await prolong.getByRole("button", { name: "Cancel" }).click();
  await expect(prolong).toBeHidden();

  expect(await sandbox.balance()).toBe(balance);
  const orders = await sandbox.api({ method: "orders", apikey: sandbox.key });
  expect(orders.data.map((r) => r.id).sort()).toEqual([first, second].sort());
});

test("an action on a rental that changed elsewhere fails clearly and the table corrects itself", async ({ page, sandbox }) => {
  const id = await rent(sandbox, { type: "on_request" });
  await signIn(page, sandbox);
  await expect(row(page, id)).toContainText("Not active");
  await sandbox.api({ method: "delete", apikey: sandbox.key, id });
  await row(page, id).getByRole("button", { name: "Activate" }).click();
  await expect(page.getByRole("alert")).toHaveText("The API refused the request: The rental has expired or was deleted");
  await expect(row(page, id)).toHaveCount(0);
  await expect(page.getByText("You have no rented numbers right now.")).toBeVisible();
});

test("filters and sorting narrow the table", async ({ page, sandbox }) => {
  const ru = await rent(sandbox, { country: "RU", service: "opt16" });
  const de = await rent(sandbox, { country: "DE", service: "opt1", dcount: "2" });
  const pending = await rent(sandbox, { country: "UK", service: "opt29", type: "on_request", dcount: "3" });
  await signIn(page, sandbox);
  await expect(page.locator("tbody tr")).toHaveCount(3);
  await page.getByRole("searchbox", { name: "Filter by number, service or label" }).fill("goog");
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(row(page, de)).toBeVisible();
  await page.getByRole("searchbox", { name: "Filter by number, service or label" }).fill("");
  await page.getByLabel("Status").selectOption({ label: "Not active" });
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(row(page, pending)).toBeVisible();
  await page.getByLabel("Status").selectOption({ label: "All" });
  await page.getByLabel("Country").selectOption({ label: "Russia" });
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(row(page, ru)).toBeVisible();
  await page.getByLabel("Country").selectOption({ label: "All" });
  await page.getByLabel("Sort").selectOption({ label: "Newest first" });
  await expect(page.locator("tbody tr").first()).toHaveAttribute("data-rental", String(pending));
  await page.getByRole("searchbox", { name: "Filter by number, service or label" }).fill("nothing");
  await expect(page.getByText("No rental matches the filter.")).toBeVisible();
});

test("the table refreshes every 30 seconds with one request, pauses while hidden, and catches up when shown", async ({ page, sandbox }) => {
  await page.clock.install();
  for (let i = 0; i < 5; i++) await rent(sandbox, { service: "opt6" });
  await signIn(page, sandbox);
  await expect(page.locator("tbody tr")).toHaveCount(5);
  const orders = [];
  page.on("request", (r) => r.url().includes("method=orders") && orders.push(r.url()));
  const sixth = await rent(sandbox, { service: "opt1" });
  await page.clock.fastForward("00:31");
  await expect(row(page, sixth)).toBeVisible();
  expect(orders).toHaveLength(1);

  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
    document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
  });
  const seventh = await rent(sandbox, { service: "opt2" });
  await page.clock.fastForward("01:05");
  await expect(page.getByText("Refresh paused while the tab is hidden.")).toBeVisible();
  expect(orders).toHaveLength(1);
  await expect(row(page, seventh)).toHaveCount(0);

  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { value: "visible", configurable: true });
    document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
  });
  await expect(row(page, seventh)).toBeVisible();
  expect(orders).toHaveLength(2);
});

test("a failed refresh keeps the rows, marks them stale with the reason, and recovers", async ({ page, sandbox }) => {
  await page.clock.install();
  const id = await rent(sandbox);
  await signIn(page, sandbox);
  await expect(row(page, id)).toBeVisible();
  await sandbox.stop();
  await refresh(page);
  const stale = page.getByTestId("stale");
  await expect(stale).toContainText("The data shown is not current.");
  await expect(stale).toContainText("The API cannot be reached.");
  await expect(row(page, id)).toBeVisible();
  await expect(page.locator("table.rentals")).toHaveClass(/stale/);

  await sandbox.restart();
  // The first retry comes 5 s after the failure; on a slow machine it may fall during the
  // restart and fail once more, and the next comes 10 s later: cover both.
  await page.clock.fastForward("00:11");
  await expect(stale).toHaveCount(0);
  await expect(row(page, id)).toBeVisible();
});

test("a prolong made while a refresh is on its way is shown as soon as that one lands, not 30 s later", async ({ page, sandbox }) => {
  const id = await rent(sandbox);
  await sandbox.admin("clock", { advance_days: 1 });
  await signIn(page, sandbox);
  const expires = row(page, id).locator("td.expires");
  const before = await expires.textContent();
  // The next orders answer is read from the API at once (the old expiry) and held on the way.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  let orders = 0;
  await page.route(/method=orders/, async (route) => {
    orders += 1;
    if (orders > 1) return route.continue();
    const answer = await route.fetch();
    await held;
    await route.fulfill({ response: answer });
  });
  await refresh(page);
  await expect.poll(() => orders).toBe(1);
  await row(page, id).getByRole("button", { name: "Prolong", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Prolong the rental" });
  await dialog.getByLabel("Prolong by").selectOption({ label: "1 week (7 days)" });
  await expect(dialog.getByTestId("prolong-price")).toHaveText(/^\d+\.\d{2} USD$/);
  await dialog.getByRole("button", { name: "Prolong", exact: true }).click();
  await expect(page.getByText("The rental was prolonged.")).toBeVisible();
  release();
  // Shown from the request that follows the held one (the 30 s rhythm is far away).
  await expect(expires).not.toHaveText(before, { timeout: 5_000 });
});
