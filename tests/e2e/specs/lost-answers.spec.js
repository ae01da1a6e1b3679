// Paid calls whose answer is lost: the sandbox does the call and drops the connection
// (drop_after), or a relay drops the answer of a reused connection so that Chromium itself
// resends the GET. Each charges exactly once, and the person is told the truth.
import http from "node:http";
import { test, expect, signIn } from "../fixtures.js";

const cents = (text) => Math.round(parseFloat(String(text).replace(/[^0-9.]/g, "")) * 100);
const row = (page, id) => page.locator(`tr[data-rental="${id}"]`);
const orders = async (sandbox) => (await sandbox.api({ method: "orders", apikey: sandbox.key })).data;

async function rent(sandbox, { service = "opt16", dcount = "1" } = {}) {
  const answer = await sandbox.api({ method: "create", apikey: sandbox.key, dtype: "week", dcount, country: "RU", service, rent_type: "always" });
  expect(answer.status, JSON.stringify(answer)).toBe(1);
  return answer.data.id;
}

test("rent: the answer is lost, the rental is found in orders and shown, charged once", async ({ page, sandbox }) => {
  await signIn(page, sandbox, "/?type=always&country=RU&period=week-1&service=opt6");
  await sandbox.admin("fault", { method: "create", kind: "drop_after", times: 1 });
  await page.getByRole("button", { name: "Rent", exact: true }).click();
  await page.getByRole("button", { name: "Rent now" }).click();
  await expect(page).toHaveURL(/\/rentals\?new=\d+$/);
  const [rental] = await orders(sandbox);
  expect(page.url()).toMatch(new RegExp(`new=${rental.id}$`));
  await expect(page.getByTestId("notice")).toHaveText(/Your number was rented; the answer was lost on the way\./);
  await expect(row(page, rental.id)).toBeVisible();
  expect(await sandbox.balance()).toBe("99.44");
  expect(await orders(sandbox)).toHaveLength(1);
});

test("prolong: the answer is lost, the new expiry is found, charged once", async ({ page, sandbox }) => {
  const id = await rent(sandbox);
  await sandbox.admin("clock", { advance_days: 1 });
  await signIn(page, sandbox);
  const before = (await orders(sandbox))[0].until;
  await row(page, id).getByRole("button", { name: "Prolong", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Prolong the rental" });
  await expect(dialog.getByTestId("prolong-price")).toHaveText(/^\d+\.\d{2} USD$/);
  const price = cents(await dialog.getByTestId("prolong-price").textContent());
  const balance = cents(await sandbox.balance());
  await sandbox.admin("fault", { method: "prolong", kind: "drop_after", times: 1 });
  await dialog.getByRole("button", { name: "Prolong", exact: true }).click();
  await expect(page.getByTestId("notice")).toHaveText(/The rental was prolonged; the answer was lost on the way\./);
  await expect(dialog).toBeHidden();
  expect((await orders(sandbox))[0].until - before).toBe(7 * 86400);
  expect(cents(await sandbox.balance())).toBe(balance - price);
});

test("add service: the answer is lost, the service is found on the rental, charged once", async ({ page, sandbox }) => {
  const id = await rent(sandbox);
  await signIn(page, sandbox);
  await row(page, id).getByRole("button", { name: "Add service" }).click();
  const dialog = page.getByRole("dialog", { name: "Renting an additional service" });
  await dialog.getByLabel("Service").selectOption({ label: "imagin — 0.06 USD per day" });
  await expect(dialog.getByTestId("extra-total")).toHaveText("0.42 USD");
  const balance = cents(await sandbox.balance());
  await sandbox.admin("fault", { method: "add_service_to_order", kind: "drop_after", times: 1 });
  await dialog.getByRole("button", { name: "Rent the service" }).click();
  await expect(page.getByTestId("notice")).toHaveText(/The service was added; the answer was lost on the way\./);
  await expect(row(page, id).locator(".service-names li")).toHaveText(["Instagram (+Threads)", "imagin"]);
  expect(cents(await sandbox.balance())).toBe(balance - 42);
});

test("restore: the answer is lost, the rental is found open again, charged once", async ({ page, sandbox }) => {
  const id = await rent(sandbox);
  await sandbox.admin("clock", { advance_minutes: 10 * 24 * 60 - 60 });
  await signIn(page, sandbox, "/archive");
  await page.locator(`tr[data-order="${id}"]`).getByRole("button", { name: "Restore" }).click();
  const dialog = page.getByRole("dialog", { name: "Restore the rental" });
  await expect(dialog.getByTestId("restore-total")).toHaveText(/USD/);
  const quoted = cents(await dialog.getByTestId("restore-total").textContent());
  const before = cents(await sandbox.balance());
  await sandbox.admin("fault", { method: "restore_user", kind: "drop_after", times: 1 });
  await dialog.getByRole("button", { name: "Restore", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/rentals\\?new=${id}$`));
  await expect(page.getByTestId("notice")).toHaveText(/The number was restored; the answer was lost on the way\./);
  expect(cents(await sandbox.balance())).toBe(before - quoted);
  expect(await orders(sandbox)).toHaveLength(1);
});

test("a retry after an unknown outcome reuses the click's request id; after a checked 'not done' a new click gets a new one", async ({ page, sandbox }) => {
  await page.clock.install();
  await signIn(page, sandbox, "/?type=always&country=RU&period=week-1&service=opt6");
  const rids = [];
  page.on("request", (r) => r.url().includes("method=create") && rids.push(new URL(r.url()).searchParams.get("rid")));
  await page.getByRole("button", { name: "Rent", exact: true }).click();

  // Dropped before the sandbox acts: orders show nothing was done, so a retry is a new click.
  // (Until cleared: Chromium itself resends a GET whose reused connection closed unanswered.)
  await sandbox.admin("fault", { method: "create", kind: "drop" });
  await page.getByRole("button", { name: "Rent now" }).click();
  const alert = page.getByRole("dialog").getByRole("alert");
  await expect(alert).toContainText("Your rentals show it was not done, so nothing was charged.");
  await sandbox.admin("fault", { method: "create" });
  const sent = new Set(rids).size;
  expect(sent).toBe(1);

  // No answer in time: the call may still be under way, so the outcome stays unknown.
  await sandbox.admin("fault", { method: "create", kind: "slow", times: 1 });
  await page.getByRole("button", { name: "Rent now" }).click();
  await expect.poll(() => new Set(rids).size).toBe(2);
  await page.clock.fastForward("00:46");
  await expect(alert).toContainText("it may have been done and charged");
  expect(await sandbox.balance()).toBe("100.00");

  await page.getByRole("button", { name: "Rent now" }).click();
  await expect(page).toHaveURL(/\/rentals\?new=/);
  const distinct = [...new Set(rids)];
  expect(distinct, "a new id after 'not done', the same id for the retry of an unknown outcome").toHaveLength(2);
  expect(rids[rids.length - 1]).toBe(distinct[1]);
  expect(await sandbox.balance()).toBe("99.44");
  expect(await orders(sandbox)).toHaveLength(1);
});

/** A relay between the browser and the sandbox that, once, forwards a paid call arriving on
 *  a reused connection and then closes that connection without a byte of the answer. */
async function startRelay(target, method, mode = "drop") {
  const seen = [];
  let dropped = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://relay");
    req.on("error", () => {}); // the browser gave up on this request: nothing to relay
    const served = (req.socket.served = (req.socket.served || 0) + 1);
    const paid = url.searchParams.get("method") === method;
    if (paid) seen.push(url.searchParams.get("rid"));
    const forward = () => {
      // A fresh connection upstream each time (no keep-alive agent), so a connection the
      // sandbox closed is never reused; a failure upstream closes the browser's connection.
      const upstream = http.request(target + req.url, { method: req.method, agent: false, headers: { ...req.headers, host: new URL(target).host } }, (answer) => {
        if (mode === "drop" && paid && served > 1 && dropped === 0) {
          dropped += 1;
          answer.resume();
          answer.on("end", () => req.socket.destroy());
          return;
        }
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
      });
      upstream.on("error", () => req.socket.destroy());
      req.pipe(upstream);
    };
    if (paid && mode === "twice") {
      // A faulty network path that delivers the call twice, the second time as another
      // request: the app cannot prevent this charge, but must say so.
      url.searchParams.set("rid", "other-" + url.searchParams.get("rid"));
      http
        .get(target + url.pathname + url.search, { agent: false }, (extra) => {
          extra.resume();
          extra.on("end", forward);
        })
        .on("error", () => req.socket.destroy());
    } else {
      forward();
    }
  });
  server.keepAliveTimeout = 120_000;
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    seen,
    dropped: () => dropped,
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(r))),
  };
}

test.describe("through a relay", () => {
  // The app is served by the relay, so calls with the key go to its origin, not the sandbox's.
  test.use({ strictOrigin: false });

  test("Chromium resends a rent whose reused connection closed unanswered: one rental, one charge", async ({ page, sandbox }) => {
    const relay = await startRelay(sandbox.base, "create");
    try {
      await page.goto(relay.base + "/?type=always&country=RU&period=week-1&service=opt6");
      await page.getByRole("button", { name: "Use the demo key" }).click();
      await expect(page.getByTestId("balance")).toHaveText("Balance 100.00 USD");
      await page.getByRole("button", { name: "Rent", exact: true }).click();
      await page.getByRole("button", { name: "Rent now" }).click();
      await expect(page).toHaveURL(/\/rentals\?new=/);
      expect(relay.dropped(), "the relay dropped one answer").toBe(1);
      expect(relay.seen.length, "the browser sent the rent again").toBeGreaterThanOrEqual(2);
      expect(new Set(relay.seen).size, "with the same request id").toBe(1);
      expect(await orders(sandbox)).toHaveLength(1);
      expect(await sandbox.balance()).toBe("99.44");
      await expect(page.getByTestId("notice")).toHaveCount(0);
    } finally {
      await relay.close();
    }
  });

  test("a click that produced two rentals on the way is said out loud, with both numbers", async ({ page, sandbox }) => {
    const relay = await startRelay(sandbox.base, "create", "twice");
    try {
      await page.goto(relay.base + "/?type=always&country=RU&period=week-1&service=opt6");
      await page.getByRole("button", { name: "Use the demo key" }).click();
      await expect(page.getByTestId("balance")).toHaveText("Balance 100.00 USD");
      await page.getByRole("button", { name: "Rent", exact: true }).click();
      await page.getByRole("button", { name: "Rent now" }).click();
      await expect(page).toHaveURL(/\/rentals\?new=/);
      await expect.poll(async () => (await orders(sandbox)).length).toBe(2);
      await expect(page.getByTestId("notice")).toContainText("One click produced 2 rentals:");
      for (const o of await orders(sandbox)) await expect(page.getByTestId("notice")).toContainText(o.pnumber.slice(-4));
    } finally {
      await relay.close();
    }
  });
});
