// A desk of 20,000 rentals: My rentals draws only the rows near the screen, the
// real scrollbar and the End key reach the last one, and everything that works over all
// rentals (filter, select all, bulk prolong, CSV, the count for screen readers) sees all
// 20,000. A refresh adds and removes only the rows that changed and leaves the focused
// row and an open label editor as they were.
import { readFileSync } from "node:fs";
import { test, expect, signIn, menuPick } from "../fixtures.js";
import { stubBrowser, hide, notes } from "../notify-stub.js";

const drawn = (page) => page.locator("tbody tr[data-rental]");
const RENTALS = 20_000;

/** The number of rows drawn once it stays the same for three frames (-1 while it changes). */
const settledRows = (page) =>
  page.evaluate(
    () =>
      new Promise((done) => {
        const count = () => document.querySelectorAll("tbody tr[data-rental]").length;
        const before = count();
        const frames = (n) => (n ? requestAnimationFrame(() => frames(n - 1)) : done(before === count() ? before : -1));
        frames(3);
      }),
  );

/** Rentals of the demo key made in the sandbox's database; their ids in API order. */
async function makeRentals(sandbox, count) {
  await sandbox.admin("rentals", { apikey: sandbox.key, count, days: 30 });
  return (await sandbox.api({ method: "orders", apikey: sandbox.key })).data;
}

test("20,000 rentals: a few rows drawn, the end reached by scrolling and by End, the filter, select all, bulk prolong and the CSV see all", async ({ page, sandbox }) => {
  test.setTimeout(120_000);
  const list = await makeRentals(sandbox, RENTALS);
  expect(list).toHaveLength(RENTALS);
  // Sorted by expiry: the sandbox makes each next rental expire a minute sooner.
  const byExpiry = [...list].sort((a, b) => a.until - b.until || a.id - b.id);
  const [first, last] = [byExpiry[0], byExpiry.at(-1)];
  await signIn(page, sandbox);
  await expect(page.getByTestId("rental-count")).toHaveText("20000 rentals", { timeout: 30_000 });
  await expect(page.locator(`tr[data-rental="${first.id}"]`)).toBeVisible();
  await expect(page.locator("table.rentals")).toHaveAttribute("aria-rowcount", String(RENTALS + 1));
  await expect(page.locator(`tr[data-rental="${first.id}"]`)).toHaveAttribute("aria-rowindex", "2");
  const fewRows = async () => {
    const n = await drawn(page).count();
    expect(n).toBeGreaterThan(5);
    expect(n).toBeLessThan(80);
    // Every drawn row says where it is in the whole list, one after the other, for a screen
    // reader (and the spacers count none of them again).
    await expect
      .poll(() =>
        drawn(page).evaluateAll((rows) => {
          const at = rows.map((r) => Number(r.getAttribute("aria-rowindex")));
          return at[0] >= 2 && at.every((x, i) => i === 0 || x === at[i - 1] + 1);
        }),
      )
      .toBe(true);
  };
  await fewRows();

  // The real scrollbar: to the bottom of the page, and the last rental is drawn there.
  const listHeight = async () => {
    // Once the drawn rows are measured: the same height two frames apart.
    let height;
    await expect
      .poll(async () => {
        const was = height;
        height = await page.evaluate(() => document.querySelector("table.rentals").offsetHeight);
        return height === was;
      })
      .toBe(true);
    return height;
  };
  const heightAtTop = await listHeight();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(page.locator(`tr[data-rental="${last.id}"]`)).toBeInViewport();
  await expect(page.locator(`tr[data-rental="${last.id}"]`)).toHaveAttribute("aria-rowindex", String(RENTALS + 1));
  await expect(page.locator(`tr[data-rental="${first.id}"]`)).toHaveCount(0);
  await fewRows();
  // Back to the top with Home, to the end with End.
  await page.locator("h1").click();
  await page.keyboard.press("Home");
  await expect(page.locator(`tr[data-rental="${first.id}"]`)).toBeInViewport();
  await expect(page.locator(`tr[data-rental="${last.id}"]`)).toHaveCount(0);
  // Rows measured at both ends (39.4 or 39.9 px) leave the list as tall as it was within a
  // row: a height that moved by hundreds of pixels made End stop short of the last row.
  expect(Math.abs((await listHeight()) - heightAtTop)).toBeLessThan(40);
  await page.keyboard.press("End");
  await expect(page.locator(`tr[data-rental="${last.id}"]`)).toBeInViewport();
  await fewRows();

  // The filter searches all 20,000, not the drawn rows.
  await page.keyboard.press("Home");
  const search = page.getByRole("searchbox", { name: "Filter by number, service or label" });
  await search.fill(last.pnumber);
  await expect(drawn(page)).toHaveCount(1);
  await expect(page.locator(`tr[data-rental="${last.id}"]`)).toBeVisible();
  await search.fill("");
  await expect(page.getByTestId("rental-count")).toHaveText("20000 rentals");

  // Select all selects every rental; the bulk dialog counts them and draws its list the same way.
  await menuPick(page, "Select", "Select all shown");
  await expect(page.getByTestId("selected-count")).toHaveText("20000 selected");
  await page.getByRole("button", { name: "Prolong selected (20000)" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("bulk-count")).toHaveText("20000 rentals", { timeout: 30_000 });
  const lines = await dialog.locator(".bulk-list li[data-rental]").count();
  expect(lines).toBeGreaterThan(3);
  expect(lines).toBeLessThan(80);
  // Its own scrollbar reaches its last line.
  await dialog.locator(".bulk-list").evaluate((ol) => (ol.scrollTop = ol.scrollHeight));
  await expect(dialog.locator(`.bulk-list li[value="${RENTALS}"]`)).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // The CSV has every rental.
  const [csvFile] = await Promise.all([page.waitForEvent("download"), menuPick(page, "Export", "Export CSV")]);
  const csv = readFileSync(await csvFile.path(), "utf8").trimEnd().split("\r\n");
  expect(csv).toHaveLength(RENTALS + 1);
  expect(new Set(csv.slice(1).map((l) => Number(l.split(",")[0])))).toEqual(new Set(list.map((r) => r.id)));
});

test("a refresh adds and removes only the rows that changed, and keeps the focused row's open label editor", async ({ page, sandbox }) => {
  const list = await makeRentals(sandbox, 400);
  const byExpiry = [...list].sort((a, b) => a.until - b.until || a.id - b.id);
  // Tall enough that the drawn window holds more than the ten that change.
  await page.setViewportSize({ width: 1280, height: 1800 });
  await signIn(page, sandbox);
  await expect(page.getByTestId("rental-count")).toHaveText("400 rentals");
  // A label being written in the first row, the focus in its field: 400 rentals are drawn
  // compact, so the editor opens from the row's menu.
  const editing = page.locator(`tr[data-rental="${byExpiry[0].id}"]`);
  await editing.getByTestId("row-menu").click();
  await page.getByRole("menuitem", { name: "Label", exact: true }).click();
  const input = editing.locator("input.label-input");
  await input.fill("Telegram @desk");
  await expect(input).toBeFocused();
  await expect.poll(() => settledRows(page)).toBeGreaterThan(12);
  await page.evaluate(() => {
    document.activeElement.dataset.mark = "typed here";
    window.mutations = { added: [], removed: [] };
    const rowsOf = (nodes) => [...nodes].filter((n) => n.nodeType === 1 && n.matches("tr[data-rental]")).map((n) => Number(n.dataset.rental));
    new MutationObserver((records) => {
      for (const r of records) {
        window.mutations.added.push(...rowsOf(r.addedNodes));
        window.mutations.removed.push(...rowsOf(r.removedNodes));
      }
    }).observe(document.querySelector("tbody"), { childList: true });
  });
  // Ten rentals far down the list get an SMS: they come to the top.
  const changed = byExpiry.slice(300, 310).map((r) => r.id);
  for (const id of changed) await sandbox.admin("sms", { id, sender: "Bank", text: "code 123456" });
  // A click by script: a real click would move the focus to the button.
  await page.evaluate(() => document.querySelector(".refresh-bar button").click());
  const top = () => drawn(page).evaluateAll((rows) => rows.slice(0, 10).map((r) => Number(r.dataset.rental)).sort());
  await expect.poll(top).toEqual([...changed].sort());
  // Exactly the ten are added; at most as many leave the window at its end; no row that
  // stays is taken out and put back.
  const { added, removed } = await page.evaluate(() => window.mutations);
  expect([...added].sort()).toEqual([...changed].sort());
  expect(removed.length).toBeLessThanOrEqual(10);
  expect(removed.filter((id) => added.includes(id) || changed.includes(id))).toEqual([]);
  // The editor is the same field, still focused, with what was typed.
  expect(await page.evaluate(() => document.activeElement?.dataset.mark)).toBe("typed here");
  await expect(input).toHaveValue("Telegram @desk");
  await page.keyboard.press("Enter");
  await expect(editing.getByTestId("label")).toHaveText("Telegram @desk");
});

test("the arrow keys move through the rows and the drawn window follows", async ({ page, sandbox }) => {
  const list = await makeRentals(sandbox, 300);
  const byExpiry = [...list].sort((a, b) => a.until - b.until || a.id - b.id);
  await signIn(page, sandbox);
  await expect(page.getByTestId("rental-count")).toHaveText("300 rentals");
  await page.locator(`tr[data-rental="${byExpiry[0].id}"]`).getByRole("button", { name: "SMS" }).focus();
  for (let i = 0; i < 120; i++) await page.keyboard.press("ArrowDown");
  const focused = page.locator(`tr[data-rental="${byExpiry[120].id}"]`).getByRole("button", { name: "SMS" });
  await expect(focused).toBeFocused();
  await expect(focused).toBeInViewport();
  await expect(page.locator(`tr[data-rental="${byExpiry[0].id}"]`)).toHaveCount(0);
  await page.keyboard.press("ArrowUp");
  await expect(page.locator(`tr[data-rental="${byExpiry[119].id}"]`).getByRole("button", { name: "SMS" })).toBeFocused();
});

test("a notification's click opens the SMS and scrolls its rental into view, wherever it is in the list", async ({ page, sandbox }) => {
  await stubBrowser(page);
  await page.clock.install();
  const list = await makeRentals(sandbox, 400);
  await signIn(page, sandbox);
  await expect(page.getByTestId("rental-count")).toHaveText("400 rentals");
  // Ordered by number, a rental with a new SMS stays where it is: far down, not drawn.
  await page.locator("#sort-rentals").selectOption("number");
  const target = [...list].sort((a, b) => a.pnumber.localeCompare(b.pnumber))[350];
  await page.getByLabel("Notify me of new SMS").check();
  await hide(page, true);
  await sandbox.admin("sms", { id: target.id, sender: "Bank", text: "Your code: 424242" });
  await page.clock.fastForward("00:31");
  await expect.poll(() => notes(page)).toHaveLength(1);
  await hide(page, false);
  await expect(page.locator(`tr[data-rental="${target.id}"]`)).toHaveCount(0);
  await page.evaluate(() => window.__notes[0].onclick());
  await expect(page.getByRole("dialog").getByTestId("sms-code")).toHaveText("424242");
  await expect(page.locator(`tr[data-rental="${target.id}"]`)).toBeInViewport();
});
