// A batch in every engine: three numbers with one confirmation, the second's answer
// dropped on the way: still exactly three rentals and three charges, labelled by the
// pattern; the summary kept across a reload, and My rentals filtered to them.
import { flow, signIn, cents, assert } from "../lib/harness.js";

const dialog = "dialog[open]";
const headline = { css: "[data-testid=batch-headline]" };

flow("a batch of 3 through a dropped answer: exactly 3 rentals and 3 charges, labelled, kept across a reload", async (b, sandbox) => {
  await signIn(b, "/");
  await b.select({ css: "#country" }, "Germany");
  await b.until(`return !find({css: ".refreshing", text: {re: "Updating"}}) && document.querySelectorAll("li.service").length > 0`, [], "the services");
  await b.click({ css: "li.service[data-service=opt29] input[type=checkbox]" });
  const one = cents(await b.waitText({ css: "[data-testid=total]" }, /^\d+\.\d{2,3} USD$/));
  // The field holds 1: Backspace, 3, Tab (the change event), as a person types it.
  await (await b.el({ css: "[data-testid=rent-count]" })).sendKeys("\uE003", "3", "\uE004");
  await b.waitText({ css: "[data-testid=total]" }, /^3 × .+ = .+ USD$/);
  // The test-only switch: no spacing between paid calls; the 2nd call is done and its
  // answer dropped.
  await b.exec(`window.__rdBatchSpacing = 0`);
  await sandbox.admin("fault", { method: "create", kind: "drop_after", times: 1, after: 1 });
  const before = cents(await sandbox.balance());

  await b.click({ css: "button.rent-button" });
  await b.waitText({ css: `${dialog} [data-testid=confirm-count]` }, "3");
  await b.type({ css: `${dialog} [data-testid=batch-pattern]` }, "Box {n}");
  await b.waitFor("Box 1 … Box 3", dialog);
  await b.click({ css: `${dialog} button`, text: "Rent 3 numbers" });
  await b.waitText(headline, /^3 of 3 rented \(Telegram · Germany\)/, 30_000);
  await b.waitFor("answer lost, found in your rentals", "[data-testid=batch-numbers]");
  const orders = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data;
  assert.equal(orders.length, 3, "exactly 3 rentals");
  assert.equal(before - cents(await sandbox.balance()), 3 * one, "exactly 3 charges");

  // The summary survives a reload; My rentals shows the batch alone, labelled.
  await b.reload();
  await b.waitText(headline, /^3 of 3 rented/);
  await b.click({ css: "[data-testid=batch-show]" });
  await b.waitFor("3 × Telegram · Germany", "[data-testid=batch-filter]");
  await b.until(`return document.querySelectorAll("tr[data-rental]").length === 3`, [], "the batch's 3 rows");
  for (const n of [1, 2, 3]) await b.waitFor(`Box ${n}`, "main");
});
