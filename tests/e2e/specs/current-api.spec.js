// The current rent API end to end: one number for several services, operators, the
// service-first search, prolonging by days and adding a service for N days.
import { test, expect, signIn } from "../fixtures.js";

const cents = (text) => Math.round(parseFloat(text.replace(/[^0-9.]/g, "")) * 100);
const balanceCents = async (sandbox) => cents(await sandbox.balance());
const row = (page, id) => page.locator(`tr[data-rental="${id}"]`);
const service = (page, name) => page.getByRole("checkbox", { name: new RegExp(`^${name} `) });

async function ready(page) {
  await expect(page.getByText("Updating for the new choice")).toHaveCount(0);
  await expect(page.locator("li.service").first()).toBeVisible();
}

async function rent(sandbox, params) {
  const answer = await sandbox.api({ method: "create", apikey: sandbox.key, dtype: "week", dcount: "1", rent_type: "always", ...params });
  expect(answer.status, JSON.stringify(answer)).toBe(1);
  return answer.data.id;
}

test("several services on one number: the total adds their prices, one confirmation, charged once", async ({ page, sandbox }) => {
  await signIn(page, sandbox, "/?type=always&country=DE&period=week-2");
  await ready(page);
  const before = await balanceCents(sandbox);
  const names = ["Telegram", "WhatsAPP", "Google \\(GMail,"];
  const codes = ["opt29", "opt20", "opt1"];
  let expected = 0;
  for (const [i, name] of names.entries()) {
    await service(page, name).check();
    const perDay = cents(await page.locator(`li.service[data-service=${codes[i]}] .service-price`).textContent());
    expected += perDay * 14;
  }
  const picked = page.getByTestId("picked");
  await expect(picked.locator("li")).toHaveCount(3);
  await expect(page.getByTestId("total")).toHaveText(`${(expected / 100).toFixed(2)} USD`);
  const multi = await sandbox.api({ method: "get_count_multi", country: "DE", services: codes.join(","), dtype: "week", dcount: "2", rent_type: "always" });
  await expect(page.getByTestId("multi-count")).toHaveText(`Numbers free for all of them: ${multi.data.count}`);
  await expect(page).toHaveURL(/service=opt29,opt20,opt1/);

  // Taking one out and putting it back changes the total both ways.
  await picked.getByRole("button", { name: "Remove: WhatsAPP" }).click();
  await expect(service(page, "WhatsAPP")).not.toBeChecked();
  await expect(picked.locator("li")).toHaveCount(2);
  await service(page, "WhatsAPP").check();
  await expect(page).toHaveURL(/service=opt29,opt1,opt20/);
  await expect(page.getByTestId("total")).toHaveText(`${(expected / 100).toFixed(2)} USD`);

  await page.getByRole("button", { name: "Rent", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Confirm the rental" });
  const listed = dialog.getByTestId("confirm-services").locator("li");
  await expect(listed).toHaveCount(3);
  // In the order picked: WhatsAPP was taken out and put back last.
  await expect(listed.nth(0)).toContainText("Telegram");
  await expect(listed.nth(1)).toContainText("Google (GMail, YTube, etc.)");
  await expect(listed.nth(2)).toContainText("WhatsAPP");
  await expect(dialog.getByTestId("confirm-total")).toHaveText(`${(expected / 100).toFixed(2)} USD`);
  const creates = [];
  page.on("request", (r) => /method=create/.test(r.url()) && creates.push(r.url()));
  await dialog.getByRole("button", { name: "Rent now" }).dblclick();

  await expect(page).toHaveURL(/\/rentals\?new=\d+$/);
  expect(creates).toHaveLength(1);
  expect(creates[0]).toContain("method=create_multi");
  const id = Number(new URL(page.url()).searchParams.get("new"));
  const names_ = row(page, id).locator(".service-names li");
  await expect(names_).toHaveText(["Telegram", "Google (GMail, YTube, etc.)", "WhatsAPP"]);
  expect(await balanceCents(sandbox)).toBe(before - expected);
  await expect(page.getByTestId("balance")).toHaveText(`Balance ${((before - expected) / 100).toFixed(2)} USD`);
  const orders = await sandbox.api({ method: "orders", apikey: sandbox.key });
  expect(orders.data).toHaveLength(1);
  expect(orders.data[0].scode.split(",").sort()).toEqual([...codes].sort());
});

test("one service still rents with create, and a multi-service choice nobody can serve is blocked", async ({ page, sandbox }) => {
  await signIn(page, sandbox, "/?type=always&country=DE&period=week-1&service=opt29");
  await ready(page);
  await expect(service(page, "Telegram")).toBeChecked();
  const creates = [];
  page.on("request", (r) => /method=create/.test(r.url()) && creates.push(r.url()));
  await page.getByRole("button", { name: "Rent", exact: true }).click();
  await page.getByRole("button", { name: "Rent now" }).click();
  await expect(page).toHaveURL(/\/rentals\?new=\d+$/);
  expect(creates).toHaveLength(1);
  expect(creates[0]).toContain("method=create&");

  await sandbox.admin("stock", { country: "DE", service: "opt20", remaining: 0 });
  await page.goto(sandbox.base + "/?type=always&country=DE&period=week-1&service=opt29,opt20");
  await ready(page);
  await expect(page.getByTestId("multi-count")).toHaveText("Numbers free for all of them: 0");
  await expect(page.getByText("No number is free for all of these services together.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Rent", exact: true })).toBeDisabled();
});

test("an operator can be chosen with its availability, and the number comes from it", async ({ page, sandbox }) => {
  await signIn(page, sandbox, "/?type=always&country=US&period=week-1&service=opt29");
  await ready(page);
  const operators = page.getByRole("group", { name: "Operator" });
  await expect(operators.getByRole("radio", { name: /^Any operator/ })).toBeChecked();
  const answer = await sandbox.api({ method: "getdataWithProviders", country: "US", dtype: "week", dcount: "1", rent_type: "always" });
  const telegram = answer.data.services.find((s) => s.service === "opt29");
  expect(answer.data.allOperators.length).toBeGreaterThanOrEqual(2);
  for (const name of answer.data.allOperators) {
    const n = telegram.count[name] || 0;
    await expect(operators.getByRole("radio", { name: new RegExp(`^${name.replace(/[&-]/g, "\\$&")}`) }).locator("xpath=..")).toContainText(n > 0 ? `${n} available` : "No numbers free");
  }
  const chosen = answer.data.allOperators.find((name) => (telegram.count[name] || 0) > 0);
  await operators.getByRole("radio", { name: new RegExp(`^${chosen}`) }).check();
  await expect(page).toHaveURL(new RegExp(`operator=${encodeURIComponent(chosen)}`));
  await page.getByRole("button", { name: "Rent", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Confirm the rental" });
  await expect(dialog.getByTestId("confirm-operator")).toHaveText(chosen);
  await dialog.getByRole("button", { name: "Rent now" }).click();
  await expect(page).toHaveURL(/\/rentals\?new=\d+$/);
  const id = Number(new URL(page.url()).searchParams.get("new"));
  await expect(row(page, id).getByTestId("operator")).toHaveText(chosen);
  const orders = await sandbox.api({ method: "orders", apikey: sandbox.key });
  expect(orders.data.find((r) => r.id === id).provider).toBe(chosen);
});

test("a country without operators shows no operator choice", async ({ page, sandbox }) => {
  await signIn(page, sandbox, "/?type=always&country=PL&period=week-1");
  await ready(page);
  await expect(page.getByRole("group", { name: "Operator" })).toHaveCount(0);
});

test("where can I rent a service: every country with its day price and stock, sorted, one click to the rent form", async ({ page, sandbox }) => {
  await signIn(page, sandbox, "/settings");
  await page.getByRole("navigation").getByRole("link", { name: "Where to rent" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Where can I rent a service?");
  await page.getByRole("searchbox", { name: "Service" }).fill("teleg");
  await page.getByRole("button", { name: "Telegram", exact: true }).click();
  await expect(page).toHaveURL(/\/where\?period=week-1&service=opt29/);

  const answer = await sandbox.api({ method: "get_country_by_service", service: "opt29", dtype: "week", dcount: "1" });
  const offers = Object.values(answer.data);
  const rows = page.locator("table.where-table tbody tr");
  await expect(rows).toHaveCount(offers.length);
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(`Countries offering Telegram: ${offers.length}`);
  const de = offers.find((o) => o.country === "DE");
  await expect(page.locator("tr[data-country=DE] [data-testid=day-price]")).toHaveText(`${Number(de.price).toFixed(2)} USD`);

  const shownPrices = async () => (await page.locator("tbody tr:not(.sold-out) [data-testid=day-price]").allTextContents()).map(cents);
  const prices = await shownPrices();
  expect(prices).toEqual([...prices].sort((a, b) => a - b));
  await page.getByLabel("Sort").selectOption({ label: "Availability" });
  const counts = (await page.locator("tbody tr:not(.sold-out) [data-testid=available]").allTextContents()).map(Number);
  expect(counts).toEqual([...counts].sort((a, b) => b - a));

  await page.getByRole("link", { name: "Rent here: Germany" }).click();
  await expect(page).toHaveURL(/\/\?type=\w+&period=week-1&country=DE&service=opt29/);
  await expect(page.getByLabel("Choose a country")).toHaveValue("DE");
  await expect(service(page, "Telegram")).toBeChecked();
  await expect(page.getByTestId("total")).toHaveText(/^\d+\.\d{2} USD$/);
});

test("where can I rent finds a service offered in one country only, whatever country was chosen before", async ({ page, sandbox }) => {
  await signIn(page, sandbox, "/?type=always&country=RU&period=week-1");
  await page.goto(sandbox.base + "/where");
  await page.getByRole("searchbox", { name: "Service" }).fill("lebon");
  await page.getByRole("button", { name: "Leboncoin", exact: true }).click();
  const answer = await sandbox.api({ method: "get_country_by_service", service: "opt216", dtype: "week", dcount: "1" });
  const countries = Object.values(answer.data).map((o) => o.country);
  expect(countries).toEqual(["FR"]);
  await expect(page.locator("table.where-table tbody tr")).toHaveCount(1);
  await expect(page.locator("tr[data-country=FR]")).toContainText("France");
});

test("prolonging by days shows the price and the new expiry, and charges that price", async ({ page, sandbox }) => {
  const id = await rent(sandbox, { country: "RU", service: "opt16" });
  await sandbox.admin("clock", { advance_days: 2 });
  await signIn(page, sandbox);
  const before = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data[0].until;
  await row(page, id).getByRole("button", { name: "Prolong", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Prolong the rental" });
  await dialog.getByLabel("Prolong by").selectOption({ label: "A number of days …" });
  await dialog.getByLabel("Number of days").fill("3");
  const quote = await sandbox.api({ method: "getdata", country: "RU", dtype: "day", dcount: "3", rent_type: "always" });
  const perDay = cents(String(quote.data.services.find((s) => s.service === "opt16").price_day));
  await expect(dialog.getByTestId("prolong-price")).toHaveText(`${((perDay * 3) / 100).toFixed(2)} USD`);
  const expiry = await page.evaluate((t) => {
    const d = new Date(t * 1000);
    const month = d.toLocaleString("en-US", { month: "short" });
    return `${month} ${d.getDate()}, ${d.getFullYear()}, ${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
  }, before + 3 * 86400);
  await expect(dialog.getByTestId("new-expiry")).toHaveText(expiry);
  await dialog.getByLabel("Number of days").fill("0");
  await expect(dialog.getByRole("button", { name: "Prolong", exact: true })).toBeDisabled();
  await dialog.getByLabel("Number of days").fill("3");
  await expect(dialog.getByTestId("prolong-price")).toHaveText(`${((perDay * 3) / 100).toFixed(2)} USD`);

  const balance = await balanceCents(sandbox);
  await dialog.getByRole("button", { name: "Prolong", exact: true }).dblclick();
  await expect(page.getByText("The rental was prolonged.")).toBeVisible();
  const after = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data[0].until;
  expect(after - before).toBe(3 * 86400);
  expect(await balanceCents(sandbox)).toBe(balance - perDay * 3);
});

test("adding a service for a number of days charges those days, never past the rental's end", async ({ page, sandbox }) => {
  const id = await rent(sandbox, { country: "RU", service: "opt16", dcount: "2" });
  await signIn(page, sandbox);
  await row(page, id).getByRole("button", { name: "Add service" }).click();
  const dialog = page.getByRole("dialog", { name: "Renting an additional service" });
  const days = dialog.getByLabel("Rental period", { exact: true });
  await expect(days).toHaveValue("14");
  await expect(dialog).toContainText("At most the 14 days left on the rental.");
  await days.fill("3");
  // Google: every demo number can take it (some cannot take WhatsAPP or Telegram).
  await dialog.getByLabel("Service").selectOption({ value: "opt1" });
  const quote = await sandbox.api({ method: "getdata", country: "RU", dtype: "day", dcount: "3", rent_type: "always" });
  const perDay = cents(String(quote.data.services.find((s) => s.service === "opt1").price_day));
  await expect(dialog.getByTestId("extra-total")).toHaveText(`${((perDay * 3) / 100).toFixed(2)} USD`);
  await days.fill("15");
  await expect(dialog.getByTestId("extra-total")).toHaveText("—");
  await expect(dialog.getByRole("button", { name: "Rent the service" })).toBeDisabled();
  await days.fill("3");
  await expect(dialog.getByTestId("extra-total")).toHaveText(`${((perDay * 3) / 100).toFixed(2)} USD`);

  const balance = await balanceCents(sandbox);
  const adds = [];
  page.on("request", (r) => r.url().includes("method=add_service_to_order") && adds.push(r.url()));
  await dialog.getByRole("button", { name: "Rent the service" }).dblclick();
  await expect(page.getByText("The service was added.")).toBeVisible();
  expect(adds).toHaveLength(1);
  expect(adds[0]).toContain("rent_days=3");
  expect(await balanceCents(sandbox)).toBe(balance - perDay * 3);
  await expect(row(page, id).locator(".service-names li")).toHaveText(["Instagram (+Threads)", "Google (GMail, YTube, etc.)"]);
});

test("volume discounts are shown as information, and the charge stays the API's price for the period", async ({ page, sandbox }) => {
  await signIn(page, sandbox, "/?type=always&country=DE&period=month-1&service=opt29");
  await ready(page);
  const answer = await sandbox.api({ method: "getdata", country: "DE", dtype: "month", dcount: "1", rent_type: "always", extend: "1" });
  const telegram = answer.data.services.find((s) => s.service === "opt29");
  expect(Number(telegram.procent)).toBeGreaterThan(0);
  // The sandbox gives every service the same discount: it is said once, above the list.
  await expect(page.getByTestId("discount-note")).toHaveText(
    `Volume discount on every service: −${Number(telegram.procent)} % from ${Number(telegram.procent_days)} days`,
  );
  await expect(page.locator("li.service .service-discount")).toHaveCount(0);
  await expect(page.getByTestId("total")).toHaveText(`${((cents(String(telegram.price_day)) * 30) / 100).toFixed(2)} USD`);
});

test("near the 90-day guarantee a rental can still be prolonged by the days left in it", async ({ page, sandbox }) => {
  const id = await rent(sandbox, { country: "RU", service: "opt16", dcount: "12" });
  await sandbox.admin("clock", { advance_days: 80 });
  // The browser's clock shows the sandbox's day, so the 7-day window reads the same on both.
  await page.clock.setFixedTime(Date.now() + 80 * 86400 * 1000);
  await signIn(page, sandbox);
  const rental = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data[0];
  expect(rental.canprolongmax).toBe(6);
  const prolong = row(page, id).getByRole("button", { name: "Prolong", exact: true });
  await expect(prolong).toBeEnabled();
  await prolong.click();
  const dialog = page.getByRole("dialog", { name: "Prolong the rental" });
  await expect(dialog.getByLabel("Prolong by").locator("option")).toHaveText(["A number of days …"]);
  await expect(dialog).toContainText("1 to 6 days");
  await dialog.getByLabel("Number of days").fill("7");
  await expect(dialog.getByRole("button", { name: "Prolong", exact: true })).toBeDisabled();
  await dialog.getByLabel("Number of days").fill("6");
  await expect(dialog.getByTestId("prolong-price")).toHaveText(/^\d+\.\d{2} USD$/);
  const price = cents(await dialog.getByTestId("prolong-price").textContent());
  const balance = await balanceCents(sandbox);
  await dialog.getByRole("button", { name: "Prolong", exact: true }).click();
  await expect(page.getByText("The rental was prolonged.")).toBeVisible();
  const after = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data[0];
  expect(after.until - rental.until).toBe(6 * 86400);
  expect(after.canprolongmax).toBe(0);
  expect(await balanceCents(sandbox)).toBe(balance - price);
  await expect(prolong).toBeDisabled();
});

test.describe("against the live API's older answer shapes", () => {
  test.use({ sandboxArgs: ["--real-api-variants"] });
  test("several services, operators and the service-first search work the same", async ({ page, sandbox }) => {
    await signIn(page, sandbox, "/settings");
    await page.goto(sandbox.base + "/where?period=week-1&service=opt29");
    const answer = await sandbox.api({ method: "get_country_by_service", service: "opt29", dtype: "week", dcount: "1" });
    expect(Array.isArray(answer.data)).toBe(true);
    await expect(page.locator("table.where-table tbody tr")).toHaveCount(answer.data.length);

    await page.goto(sandbox.base + "/?type=always&country=US&period=week-1&service=opt29,opt1");
    await ready(page);
    const multi = await sandbox.api({ method: "get_count_multi", country: "US", services: "opt29,opt1", dtype: "week", dcount: "1", rent_type: "always" });
    await expect(page.getByTestId("multi-count")).toHaveText(`Numbers free for all of them: ${Number(multi.data)}`);
    const operators = page.getByRole("group", { name: "Operator" });
    await expect(operators.getByRole("radio")).toHaveCount(4);
    // With several services an operator's count is only an upper bound, and says so.
    await expect(operators.locator(".operator-count").nth(1)).toHaveText(/^(up to \d+ available|No numbers free)$/);
    await expect(operators.locator(".operator-count").first()).toHaveText(`${Number(multi.data)} available`);
    const total = cents(await page.getByTestId("total").textContent());
    const before = await balanceCents(sandbox);
    await page.getByRole("button", { name: "Rent", exact: true }).click();
    await page.getByRole("button", { name: "Rent now" }).click();
    await expect(page).toHaveURL(/\/rentals\?new=\d+$/);
    await expect(page.locator("tr.new .service-names li")).toHaveText(["Telegram", "Google (GMail, YTube, etc.)"]);
    expect(await balanceCents(sandbox)).toBe(before - total);
  });
});
