// A batch: many numbers with one confirmation, exactly N charges through faults, reloads,
// a sold-out service, a short balance, two tabs and Stop. The spacing between paid calls
// (4.5 s in use) is set by the test-only switch `window.__rdBatchSpacing`.
import { test, expect, signIn } from "../fixtures.js";

const cents = (text) => Math.round(parseFloat(text.replace(/[^0-9.]/g, "")) * 100);
const orders = async (sandbox, apikey = sandbox.key) => (await sandbox.api({ method: "orders", apikey })).data;
const spacing = (page, ms) => page.context().addInitScript((ms) => { window.__rdBatchSpacing = ms; }, ms);

/** Telegram in Germany for a week, `count` numbers; the price of one in cents. */
async function choose(page, count) {
  await page.getByLabel("Choose a country").selectOption({ label: "Germany" });
  await expect(page.getByText("Updating for the new choice")).toHaveCount(0);
  await page.getByRole("checkbox", { name: /^Telegram / }).check();
  const one = cents(await page.getByTestId("total").textContent());
  await page.getByLabel("Numbers to rent").fill(String(count));
  await page.getByLabel("Numbers to rent").press("Tab");
  return one;
}

/** Opens the confirmation and starts the batch, with an optional label pattern. */
async function confirm(page, count, pattern) {
  await page.getByRole("button", { name: "Rent", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Confirm the rental" });
  if (pattern) await dialog.getByLabel("Label pattern (optional)").fill(pattern);
  await dialog.getByRole("button", { name: `Rent ${count} numbers` }).click();
  await expect(dialog).toBeHidden();
}

const headline = (page) => page.getByTestId("batch-headline");

test("a batch of 5: one confirmation, exactly 5 rentals and 5 charges, labelled by the pattern, listed and exported", async ({ page, sandbox }) => {
  await spacing(page, 0);
  await signIn(page, sandbox, "/");
  const one = await choose(page, 5);
  const total = (5 * one) / 100;
  await expect(page.getByTestId("total")).toHaveText(`5 × ${(one / 100).toFixed(2)} USD = ${total.toFixed(2)} USD`);
  await expect(page).toHaveURL(/count=5/);

  await page.getByRole("button", { name: "Rent", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Confirm the rental" });
  await expect(dialog.getByTestId("confirm-count")).toHaveText("5");
  await expect(dialog.getByTestId("confirm-one")).toHaveText(`${(one / 100).toFixed(2)} USD`);
  await expect(dialog.getByTestId("confirm-total")).toHaveText(`${total.toFixed(2)} USD`);
  await expect(dialog).toContainText("Telegram");
  await expect(dialog).toContainText("Germany");
  await dialog.getByLabel("Label pattern (optional)").fill("Shop {n}");
  await expect(dialog).toContainText("Shop 1 … Shop 5");
  await dialog.getByRole("button", { name: "Rent 5 numbers" }).click();

  await expect(headline(page)).toHaveText(`5 of 5 rented (Telegram · Germany): ${total.toFixed(2)} USD charged.`, { timeout: 20_000 });
  const rented = await orders(sandbox);
  expect(rented).toHaveLength(5);
  expect(await sandbox.balance()).toBe((100 - total).toFixed(2));
  const numbers = page.getByTestId("batch-numbers").locator("li");
  await expect(numbers).toHaveCount(5);
  for (let n = 1; n <= 5; n++) await expect(numbers.nth(n - 1)).toContainText(`Shop ${n}`);

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download CSV" }).click();
  const csv = await (await download).createReadStream().then(async (s) => {
    let text = "";
    for await (const chunk of s) text += chunk;
    return text;
  });
  const lines = csv.trim().split("\r\n");
  expect(lines).toHaveLength(6);
  for (const r of rented) expect(csv).toContain(`${r.ccode.replace("+", "")}${r.pnumber}`);

  // The same pattern goes on from where it left off.
  await page.getByRole("button", { name: "Rent", exact: true }).click();
  await dialog.getByLabel("Label pattern (optional)").fill("Shop {n}");
  await expect(dialog).toContainText("Shop 6 … Shop 10");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // My rentals shows the batch alone, labelled.
  await page.getByTestId("batch-show").click();
  await expect(page).toHaveURL(/\/rentals\?batch=/);
  await expect(page.getByTestId("batch-filter")).toContainText("5 × Telegram · Germany");
  await expect(page.locator("tr[data-rental]")).toHaveCount(5);
  for (const r of rented) await expect(page.locator(`tr[data-rental="${r.id}"]`)).toContainText(/Shop [1-5]/);
});

test("a dropped answer on the 3rd number: still exactly 5 rentals and 5 charges, the 3rd found in the rentals", async ({ page, sandbox }) => {
  await spacing(page, 0);
  await signIn(page, sandbox, "/");
  const one = await choose(page, 5);
  await sandbox.admin("fault", { method: "create", kind: "drop_after", times: 1, after: 2 });
  await confirm(page, 5);
  await expect(headline(page)).toContainText("5 of 5 rented", { timeout: 20_000 });
  expect(await orders(sandbox)).toHaveLength(5);
  expect(await sandbox.balance()).toBe((100 - (5 * one) / 100).toFixed(2));
  const numbers = page.getByTestId("batch-numbers").locator("li");
  await expect(numbers.nth(2)).toContainText("answer lost, found in your rentals");
  expect(await numbers.filter({ hasText: "answer lost" }).count()).toBe(1);
});

test("a reload while the 3rd number is on its way: the desk offers to continue and ends with exactly 5", async ({ page, sandbox }) => {
  await spacing(page, 0);
  await signIn(page, sandbox, "/");
  const one = await choose(page, 5);
  // The 3rd call hangs (and is never done): the page is reloaded while it is on its way.
  await sandbox.admin("fault", { method: "create", kind: "slow", times: 1, after: 2 });
  await confirm(page, 5);
  await expect(headline(page)).toContainText("Renting 2 of 5", { timeout: 20_000 });
  await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem("rentdesk.batches"))[0].steps.length)).toBe(3);
  await page.reload();
  await expect(headline(page)).toHaveText("A batch was interrupted: 2 of 5 rented (Telegram · Germany).");
  expect(await orders(sandbox)).toHaveLength(2);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(headline(page)).toContainText("5 of 5 rented", { timeout: 20_000 });
  expect(await orders(sandbox)).toHaveLength(5);
  expect(await sandbox.balance()).toBe((100 - (5 * one) / 100).toFixed(2));
});

test("a service that sells out meanwhile stops the batch with the API's reason; a balance for 2 refuses a batch of 5", async ({ page, sandbox }) => {
  await spacing(page, 0);
  await signIn(page, sandbox, "/");
  const one = await choose(page, 5);
  await page.getByRole("button", { name: "Rent", exact: true }).click();
  await sandbox.admin("stock", { country: "DE", service: "opt29", remaining: 3 });
  await page.getByRole("dialog").getByRole("button", { name: "Rent 5 numbers" }).click();
  await expect(headline(page)).toContainText(/^3 of 5 rented: .+\. Nothing else was charged/, { timeout: 20_000 });
  expect(await orders(sandbox)).toHaveLength(3);
  expect(await sandbox.balance()).toBe((100 - (3 * one) / 100).toFixed(2));
  await page.getByTestId("batch-close").click();
  await expect(page.getByTestId("batch")).toHaveCount(0);

  await sandbox.admin("stock", { country: "DE", service: "opt29", remaining: null });
  await sandbox.admin("keys", { apikey: "covers-two", balance: ((2.5 * one) / 100).toFixed(2) });
  await page.evaluate(() => localStorage.setItem("rentdesk.key", "covers-two"));
  await page.reload();
  await expect(page.getByTestId("balance")).toHaveText(`Balance ${((2.5 * one) / 100).toFixed(2)} USD`);
  await expect(page.getByTestId("short")).toHaveText("Your balance covers 2 of these 5 numbers.");
  await expect(page.getByRole("button", { name: "Rent", exact: true })).toBeDisabled();
  expect(await orders(sandbox, "covers-two")).toHaveLength(0);
});

test("two tabs: one runs the batch, both show its progress, neither offers to start it again", async ({ page, sandbox }) => {
  await spacing(page, 400);
  await signIn(page, sandbox, "/");
  const other = await page.context().newPage();
  await other.goto(sandbox.base + "/rentals");
  await choose(page, 5);
  await confirm(page, 5);
  await expect(headline(other)).toContainText(/A batch is running in another tab: \d of 5 rented/);
  await expect(other.getByRole("button", { name: "Continue" })).toHaveCount(0);
  await expect(headline(page)).toContainText("5 of 5 rented", { timeout: 20_000 });
  await expect(headline(other)).toContainText("5 of 5 rented");
  expect(await orders(sandbox)).toHaveLength(5);
});

test("Stop after the 2nd: nothing is rented after the one on its way, and the count is said", async ({ page, sandbox }) => {
  await spacing(page, 2_000);
  await signIn(page, sandbox, "/");
  await choose(page, 5);
  await confirm(page, 5);
  await expect(headline(page)).toContainText("Renting 2 of 5", { timeout: 20_000 });
  await page.getByTestId("batch-stop").click();
  await expect(headline(page)).toContainText(/^Stopped: [23] of 5 rented/);
  const said = parseInt((await headline(page).textContent()).match(/Stopped: (\d)/)[1], 10);
  await page.waitForTimeout(2_500); // longer than the spacing: nothing more is sent
  expect(await orders(sandbox)).toHaveLength(said);
});

test("My rentals in the tab that runs the batch shows each number soon after it is rented, not at the next 30-second refresh", async ({ page, sandbox }) => {
  await spacing(page, 1_500);
  await signIn(page, sandbox, "/");
  await choose(page, 3);
  await confirm(page, 3);
  await page.getByRole("link", { name: "My rentals" }).first().click();
  await expect(page).toHaveURL(/\/rentals/);
  await expect(headline(page)).toContainText("3 of 3 rented", { timeout: 15_000 });
  // The last number came after the page's own first read: only the batch's news brings it.
  await expect(page.locator("tr[data-rental]")).toHaveCount(3, { timeout: 5_000 });
});

test("storage that refuses the batch's record: the batch does not start, says so, and nothing is charged", async ({ page, sandbox }) => {
  await spacing(page, 0);
  await page.context().addInitScript(() => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key === "rentdesk.batches") throw new DOMException("full", "QuotaExceededError");
      return set.call(this, key, value);
    };
  });
  await signIn(page, sandbox, "/");
  await choose(page, 3);
  await confirm(page, 3);
  await expect(page.getByTestId("batch-not-kept")).toHaveText(/cannot keep the batch's progress, so it was not started\. Nothing was charged\./);
  await expect(page.getByTestId("batch")).toHaveCount(0);
  await page.waitForTimeout(500);
  expect(await orders(sandbox)).toHaveLength(0);
  expect(await sandbox.balance()).toBe("100.00");
});

test("without Web Locks: one of two tabs runs the batch; when it closes, the other offers to continue and ends with exactly 4", async ({ page, sandbox }) => {
  await page.context().addInitScript(() => Object.defineProperty(Navigator.prototype, "locks", { get: () => undefined }));
  await spacing(page, 1_500);
  await signIn(page, sandbox, "/");
  const other = await page.context().newPage();
  await other.goto(sandbox.base + "/");
  await choose(page, 4);
  await confirm(page, 4);
  await expect(headline(page)).toContainText("Renting 1 of 4", { timeout: 10_000 });
  await expect(headline(other)).toContainText(/A batch is running in another tab: \d of 4 rented/);
  await expect(other.getByRole("button", { name: "Continue" })).toHaveCount(0);
  await page.close();
  // The closed tab's hold runs out (10 s without its renewal): the other tab takes over.
  await expect(headline(other)).toContainText(/A batch was interrupted: [1-4] of 4 rented/, { timeout: 20_000 });
  await other.getByRole("button", { name: "Continue" }).click();
  await expect(headline(other)).toContainText("4 of 4 rented", { timeout: 20_000 });
  expect(await orders(sandbox)).toHaveLength(4);
});
