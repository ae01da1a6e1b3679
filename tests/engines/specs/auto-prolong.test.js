// Automatic prolonging in every engine: a kept number with 1 day left, turned on
// with a monthly limit, is prolonged once by a week by the page itself; the row and the log
// in Settings say so.
import { flow, signIn, cents, assert } from "../lib/harness.js";

const row = (id) => `tr[data-rental="${id}"]`;

flow("a number with 1 day left prolongs itself once by a week within the limit, and the log says so", async (b, sandbox) => {
  const { ids } = await sandbox.admin("rentals", { apikey: sandbox.key, count: 1, days: 1, service: "opt16" });
  const rental = async () => (await sandbox.api({ method: "orders", apikey: sandbox.key })).data.find((o) => o.id === ids[0]);
  const before = await rental();
  const balance = cents(await sandbox.balance());
  const quote = await sandbox.api({ method: "getdata", country: "RU", dtype: "week", dcount: "1", rent_type: "always" });
  const week = cents(String(quote.data.services.find((s) => s.service === "opt16").price_day)) * 7;

  await signIn(b);
  await b.click({ css: `${row(before.id)} button`, text: "Auto-prolong" });
  await b.el({ css: "dialog[open] h2", text: "Automatic prolonging" });
  await b.type({ css: "#auto-limit" }, "20");
  await b.click({ css: "dialog[open] button", text: "Save" });
  await b.el({ css: `${row(before.id)} [data-testid=auto-badge]` });
  await b.waitText({ css: `${row(before.id)} [data-testid=auto-last]` }, /^Last automatic prolong: /);
  assert.equal((await rental()).until - before.until, 7 * 86400, "prolonged by a week");
  assert.equal(balance - cents(await sandbox.balance()), week, "charged the week's price once");

  await b.reload();
  await b.el({ css: `${row(before.id)} [data-testid=auto-badge]` });
  await b.go("/settings");
  await b.waitFor(/Prolonged automatically: \+7\d+ by 1 week \(7 days\)/, "[data-testid=auto-log]");
  assert.equal(await b.exec(`return document.querySelectorAll("[data-testid=auto-log] li").length`), 1);
  assert.equal(balance - cents(await sandbox.balance()), week, "not again after a reload");
});
