// The inbox in every engine: an SMS read by My rentals is kept in the engine's
// IndexedDB, counted in the header, listed in the inbox as text, found by its code, and
// still there after its rental is deleted and the page reloaded.
import { flow, signIn, rent, assert } from "../lib/harness.js";

flow("an SMS is kept in the inbox, found by its code, and outlives its rental", async (b, sandbox) => {
  const id = await rent(sandbox, {});
  await sandbox.admin("sms", { id, sender: "PayPal", text: "PayPal: 22222 is your code <b>not bold</b>" });
  await signIn(b);
  await b.waitText({ css: "[data-testid=inbox-unread]" }, "1", 30_000);
  await b.click({ css: "header nav a[href$='/inbox']" });
  await b.waitText({ css: "[data-testid=message] .message-text" }, "PayPal: 22222 is your code <b>not bold</b>");
  assert.equal(await b.exec(`return document.querySelectorAll("[data-testid=message] b").length`), 0);
  await b.waitText({ css: "[data-testid=inbox-code]" }, "22222");
  await b.type({ css: "input[type=search]" }, "22222");
  await b.until(`return document.querySelectorAll("[data-testid=message]").length === 1`, [], "one message found");
  await b.type({ css: "input[type=search]" }, "nothing like it");
  await b.until(`return document.querySelectorAll("[data-testid=message]").length === 0`, [], "none found");

  const del = await sandbox.api({ method: "delete", apikey: sandbox.key, id });
  assert.equal(del.status, 1);
  await b.reload();
  await b.waitText({ css: "[data-testid=message] .message-text" }, "PayPal: 22222 is your code <b>not bold</b>");
});
