// Codes that reach you on another tab: the "Notify me of new SMS" switch, one notification
// per new SMS from a hidden tab (Notification stubbed in the page, visibility overridden),
// the count in title and favicon, the code in the row, and waiting rentals asked sooner.
import { test, expect, signIn } from "../fixtures.js";
import { stubBrowser, hide, notes } from "../notify-stub.js";

const row = (page, id) => page.locator(`tr[data-rental="${id}"]`);

async function rent(sandbox, service = "opt16") {
  const answer = await sandbox.api({ method: "create", apikey: sandbox.key, dtype: "week", dcount: "1", country: "RU", service, rent_type: "always" });
  expect(answer.status, JSON.stringify(answer)).toBe(1);
  return answer.data.id;
}

test("a new SMS in a hidden tab gives one notification with service, number and code; clicking it opens the SMS", async ({ page, sandbox }) => {
  await stubBrowser(page);
  await page.clock.install();
  const id = await rent(sandbox);
  await signIn(page, sandbox);
  const number = (await row(page, id).locator("td.number button.copy").textContent()).trim();
  const service = (await row(page, id).locator("td").nth(3).textContent()).trim();
  const toggle = page.getByLabel("Notify me of new SMS");
  await expect(toggle).not.toBeChecked();
  expect(await page.evaluate(() => window.__asked), "no permission asked before the switch").toBe(0);
  await toggle.check();
  await expect(toggle).toBeChecked();
  expect(await page.evaluate(() => window.__asked)).toBe(1);

  await hide(page, true);
  await sandbox.admin("sms", { id, sender: "Instagram", text: "Your Instagram code: 671 094. Don't share it." });
  await page.clock.fastForward("00:31");
  await expect.poll(() => notes(page)).toHaveLength(1);
  const [note] = await notes(page);
  expect(note.title).toContain(service);
  expect(note.body).toContain(number);
  expect(note.body).toContain("671094");
  await expect(page).toHaveTitle("(1) rentdesk");
  const icon = await page.locator("link[rel=icon]").getAttribute("href");
  expect(icon).toMatch(/^data:image\/svg\+xml,/);
  expect(decodeURIComponent(icon)).toContain(">1</text>");
  await expect(row(page, id).getByTestId("row-code")).toHaveText("671094");
  await expect(row(page, id)).toContainText("Instagram");

  // Refreshes go on in the hidden tab, and the same SMS is never notified again.
  const orders = [];
  page.on("request", (r) => r.url().includes("method=orders") && orders.push(r.url()));
  // The next refresh is set once the last one's answer is in, so the clock moves on by 31 s
  // a step until two more have gone out (two jumps at once can both land before that).
  await expect
    .poll(async () => {
      await page.clock.fastForward("00:31");
      return orders.length;
    })
    .toBeGreaterThanOrEqual(2);
  expect(await notes(page)).toHaveLength(1);

  await hide(page, false);
  await page.evaluate(() => window.__notes[0].onclick());
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(number);
  await expect(dialog.getByTestId("sms-code")).toHaveText("671094");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(page).toHaveTitle("rentdesk");
  expect(decodeURIComponent(await page.locator("link[rel=icon]").getAttribute("href"))).toBe("/favicon.svg");

  // After a reload the switch is still on and the SMS is not notified again.
  await page.reload();
  await expect(toggle).toBeChecked();
  await expect(row(page, id).getByTestId("row-code")).toHaveText("671094");
  await page.clock.fastForward("00:31");
  await expect(row(page, id)).toBeVisible();
  expect(await notes(page)).toHaveLength(0);
});

test("rentals with new SMS sort first by default", async ({ page, sandbox }) => {
  await page.clock.install();
  const first = await rent(sandbox, "opt1");
  const second = await rent(sandbox, "opt6");
  const looked = new Set();
  page.on("requestfinished", (r) => {
    const url = new URL(r.url());
    if (url.searchParams.get("method") === "sms") looked.add(url.searchParams.get("id"));
  });
  await signIn(page, sandbox);
  await expect(page.locator("tbody tr").first()).toHaveAttribute("data-rental", String(first));
  // The first look at each rental's SMS is done (one request every 5 s); an SMS that is
  // already there at the first look is not new, so wait for both looks under any load.
  await page.clock.fastForward("00:06");
  await expect.poll(() => looked.size).toBe(2);
  await sandbox.admin("sms", { id: second, sender: "WhatsApp", text: "WhatsApp code 123-456" });
  await page.clock.fastForward("00:31");
  await expect(page.locator("tbody tr").first()).toHaveAttribute("data-rental", String(second));
  await expect(row(page, second).getByTestId("row-code")).toHaveText("123456");
});

test("a browser that blocks notifications leaves the switch off with a clear note", async ({ page, sandbox }) => {
  await stubBrowser(page, "denied");
  await signIn(page, sandbox);
  const toggle = page.getByLabel("Notify me of new SMS");
  await toggle.click();
  await expect(page.getByRole("alert")).toHaveText("Your browser blocks notifications for this site. Allow them in the site settings, then turn this on again.");
  await expect(toggle).not.toBeChecked();
});

test("a rental waiting for its first SMS is marked and asked sooner than the 30 s refresh, never faster than every 5 s", async ({ page, sandbox }) => {
  await page.addInitScript(() => {
    window.__smsAt = [];
    const fetch = window.fetch.bind(window);
    window.fetch = (input, init) => {
      if (String(input.url || input).includes("method=sms")) window.__smsAt.push(Date.now());
      return fetch(input, init);
    };
  });
  await page.clock.install();
  await signIn(page, sandbox);
  const id = await rent(sandbox);
  await page.getByRole("button", { name: "Refresh now" }).click();
  await expect(row(page, id).getByTestId("waiting")).toHaveText(/^Waiting for SMS · \d+ min$/);
  const orders = [];
  page.on("request", (r) => r.url().includes("method=orders") && orders.push(r.url()));
  await sandbox.admin("sms", { id, sender: "Telegram", text: "Telegram code: 55231" });
  for (let i = 0; i < 4; i++) await page.clock.fastForward("00:05");
  await expect(row(page, id).getByTestId("row-code")).toHaveText("55231");
  await expect(row(page, id).getByTestId("waiting")).toHaveCount(0);
  expect(orders, "found before the next 30 s refresh").toHaveLength(0);
  const at = await page.evaluate(() => window.__smsAt);
  expect(at.length).toBeGreaterThanOrEqual(1);
  for (let i = 1; i < at.length; i++) expect(at[i] - at[i - 1]).toBeGreaterThanOrEqual(5000);
});
