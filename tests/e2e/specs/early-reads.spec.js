// The rent page's first reads (the countries, the remembered choice's services and
// operators) are sent by boot.js beside the wasm, not after it, and the app takes each
// answer once: on a slow link they arrive while the wasm still downloads.
import { test, expect } from "../fixtures.js";

/** Counts rent.php requests by method, and holds the wasm back until `release` is called
 * (or 15 s passed), so whatever is sent meanwhile cannot have come from the app. */
function watch(page) {
  const sent = [];
  let release;
  const released = new Promise((resolve) => {
    release = resolve;
    setTimeout(resolve, 15_000);
  });
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.pathname.endsWith("/api/rent.php")) sent.push({ method: url.searchParams.get("method"), url: r.url() });
  });
  page.route(/_bg\.wasm$/, async (route) => {
    await released;
    await route.continue();
  });
  const count = (method) => sent.filter((s) => s.method === method).length;
  const waitFor = async (...methods) => {
    await expect.poll(() => methods.every((m) => count(m) > 0), { timeout: 10_000 }).toBe(true);
    release();
  };
  return { sent, count, waitFor, release };
}

test("the first reads go out before the wasm has arrived, each once, and the next start sends the remembered choice's", async ({ page, sandbox }) => {
  await page.addInitScript((key) => localStorage.setItem("rentdesk.key", key), sandbox.key);
  const first = watch(page);
  await page.goto(sandbox.base + "/");
  // A first start knows no choice yet: the country list goes out while the wasm is held,
  // and the first country's services and operators as soon as it is answered.
  await first.waitFor("getcountries", "getdata", "getdataWithProviders");
  await expect(page.locator("li.service").first()).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Country" })).toHaveValue("RU");
  for (const method of ["getcountries", "getdata", "getdataWithProviders"]) expect(first.count(method), method).toBe(1);

  const early = await page.evaluate(() => JSON.parse(localStorage.getItem("rentdesk.early")));
  expect(early.map((u) => new URL(u).searchParams.get("method"))).toEqual(["getcountries", "getdata", "getdataWithProviders"]);
  expect(early.join(" ")).not.toContain(sandbox.key);

  await page.unrouteAll({ behavior: "wait" });
  const again = watch(page);
  await page.reload();
  // The choice it remembered (Russia, a week) is asked for while the wasm is still held.
  await again.waitFor("getcountries", "getdata", "getdataWithProviders");
  await expect(page.locator("li.service").first()).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Country" })).toHaveValue("RU");
  for (const method of ["getcountries", "getdata", "getdataWithProviders"]) expect(again.count(method), method).toBe(1);
});

test("an early read that got no answer is sent again by the app, and nothing looks wrong", async ({ page, sandbox }) => {
  await page.addInitScript((key) => localStorage.setItem("rentdesk.key", key), sandbox.key);
  const seen = watch(page);
  let dropped = 0;
  await page.route(/method=getcountries/, async (route) => {
    if (dropped++ === 0) return route.abort("connectionreset");
    return route.continue();
  });
  await page.goto(sandbox.base + "/");
  await seen.waitFor("getcountries");
  await expect(page.locator("li.service").first()).toBeVisible();
  expect(seen.count("getcountries")).toBe(2);
  await expect(page.getByRole("alert")).toHaveCount(0);
});

test("without a saved key nothing is read early: the page asks for the key", async ({ page, sandbox }) => {
  const seen = watch(page);
  seen.release();
  await page.goto(sandbox.base + "/");
  await expect(page.getByRole("heading", { name: "Enter your API key" })).toBeVisible();
  expect(await page.evaluate(() => window.rentdeskEarly)).toBeUndefined();
  expect(seen.sent).toEqual([]);
});

test("boot.js sends only catalogue reads, whatever storage says: never a paid call", async ({ page, sandbox }) => {
  await page.addInitScript((key) => {
    localStorage.setItem("rentdesk.key", key);
    const api = location.origin + "/api/rent.php";
    localStorage.setItem("rentdesk.early", JSON.stringify([
      `${api}?method=create&apikey=${key}&dtype=week&dcount=1&country=RU&service=opt1`,
      `${api}?method=orders&apikey=${key}`,
      `${api}?method=getcountries`,
    ]));
  }, sandbox.key);
  const seen = watch(page);
  await page.goto(sandbox.base + "/");
  await seen.waitFor("getcountries");
  await expect(page.locator("li.service").first()).toBeVisible();
  await expect(page.getByTestId("balance")).toHaveText("Balance 100.00 USD");
  expect(seen.count("create")).toBe(0);
  expect(seen.count("orders")).toBe(0);
});
