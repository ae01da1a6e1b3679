// The README's engine screenshots: the rent page in Firefox ESR, My rentals in WebKitGTK
// (at 1280 px and on a 390 px phone). By hand: ENGINE=firefox node --test screenshots.test.js, then ENGINE=webkit
// under xvfb-run (bash run.sh webkit screenshots.test.js does both parts for an engine).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { flow, signIn, rent, ENGINE } from "./lib/harness.js";

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../docs/screenshots");

flow(`screenshot in ${ENGINE}`, async (b, sandbox) => {
  await b.viewport(1280, 860);
  if (ENGINE === "firefox") {
    await signIn(b, "/?type=always&country=UK&period=week-2&service=opt29,opt1");
    await b.until(`return document.querySelectorAll("li.service").length > 0 && /USD/.test(text(document.querySelector("[data-testid=total]")))`, [], "prices");
    await new Promise((r) => setTimeout(r, 800));
    await b.screenshot(path.join(out, "rent-firefox.png"));
  } else {
    const first = await rent(sandbox, { country: "DE", service: "opt29", dcount: "2" });
    await rent(sandbox, { country: "UK", service: "opt1", rent_type: "on_request" });
    await rent(sandbox, { country: "RU", service: "opt16", dcount: "1" });
    await signIn(b, "/rentals");
    await b.el({ css: `tr[data-rental="${first}"]` });
    await sandbox.admin("sms", { id: first, sender: "Telegram", text: "Telegram code: 55231. Do not give it to anyone." });
    await b.click({ css: "button", text: "Refresh now" });
    await b.waitText({ css: `tr[data-rental="${first}"] [data-testid=row-code]` }, "55231");
    await new Promise((r) => setTimeout(r, 800));
    // Labels and keep marks as a person wrote them, then the table and a phone.
    const orders = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data;
    const key = (o) => `${o.ccode}${o.pnumber}`.replace(/\D/g, "");
    const labels = ["Telegram: shop support", "UK bank login", "Avito: flat ads"];
    const numbers = Object.fromEntries(orders.map((o, i) => [key(o), { label: labels[i % 3], keep: i === 0, changed: 1 }]));
    await b.exec(`localStorage.setItem("rentdesk.numbers", arguments[0])`, JSON.stringify(numbers));
    await b.reload();
    await b.waitText({ css: `tr[data-rental="${first}"] [data-testid=row-code]` }, "55231");
    await b.el({ css: `tr[data-rental="${first}"] [data-testid=label]` });
    await b.until(`return !/Refreshing/.test(text(document.querySelector(".refresh-bar")))`, [], "the refresh done", 30_000);
    await b.screenshot(path.join(out, "rentals-webkit.png"));
    await b.viewport(390, 844);
    await new Promise((r) => setTimeout(r, 800));
    await b.screenshot(path.join(out, "rentals-phone-webkit.png"));
  }
});
