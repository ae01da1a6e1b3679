// Many tabs, one desk, in every engine: the parts of the browser the tabs rely on — Web
// Locks, BroadcastChannel and the `storage` event — as each engine has them. Two tabs of
// one browser session share one profile, as tabs of one browser do.
import { flow, signIn, rent, assert } from "../lib/harness.js";

const row = (id) => `tr[data-rental="${id}"]`;

/** Counts the page's own `orders` requests from now on. */
const countOrders = (b) =>
  b.exec(`
    window.__orders = 0;
    const real = window.fetch;
    window.fetch = function (input, init) {
      if (String(input.url || input).includes("method=orders")) window.__orders += 1;
      return real.call(this, input, init);
    };
    return true;`);

flow("two tabs: one holds the poll lock, a refresh in one shows in the other without its own request, a key forgotten in one signs the other out", async (b, sandbox) => {
  await signIn(b, "/rentals");
  await b.waitFor("You have no rented numbers right now.", "main");
  const first = await b.d.getWindowHandle();
  await b.d.switchTo().newWindow("tab");
  const second = await b.d.getWindowHandle();
  await b.go("/rentals");
  await b.waitFor("You have no rented numbers right now.", "main");

  // One lock for the desk, held by one tab (the engine's Web Locks, seen from either tab).
  const locks = await b.until(
    `return navigator.locks.query().then((s) => { const held = s.held.filter((l) => l.name.startsWith("rentdesk-poll:")); return held.length === 1 ? held.map((l) => l.name) : null; })`,
    [],
    "one rentdesk-poll lock held",
  );
  assert.equal(locks.length, 1);
  assert.ok(!locks[0].includes(sandbox.key), "the key itself is never in a lock name");

  // A rental made by another client; "Refresh now" in the second tab; the first tab shows
  // it from the shared answer (BroadcastChannel), with no request of its own.
  const id = await rent(sandbox);
  await b.d.switchTo().window(first);
  await countOrders(b);
  await b.d.switchTo().window(second);
  await b.click({ css: ".refresh-bar button" });
  await b.el({ css: row(id) });
  await b.d.switchTo().window(first);
  await b.el({ css: row(id) });
  assert.equal(await b.exec(`return window.__orders`), 0, "the first tab drew the second tab's answer");

  // The key forgotten in the first tab: the second shows the key prompt (storage event).
  await b.go("/settings");
  await b.click({ css: "button", text: "Forget key" });
  await b.waitText({ css: "[data-testid=balance]" }, "No API key");
  await b.d.switchTo().window(second);
  await b.el({ css: "button", text: "Use the demo key" });
  await b.waitText({ css: "[data-testid=balance]" }, "No API key");
  assert.equal(await b.exec(`return document.querySelectorAll("tr[data-rental]").length`), 0);
});
