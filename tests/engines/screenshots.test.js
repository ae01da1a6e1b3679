// The README's pair of engine screenshots: the rent page in Firefox ESR, My rentals in
// WebKitGTK. By hand: ENGINE=firefox node --test screenshots.test.js, then ENGINE=webkit
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
    await b.until(`return !/Refreshing/.test(text(document.querySelector(".refresh-bar")))`, [], "the refresh done", 30_000);
    await b.screenshot(path.join(out, "rentals-webkit.png"));
  }
});
