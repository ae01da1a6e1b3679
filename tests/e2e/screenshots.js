// Takes the README's screenshots against a fresh sandbox: `bash scripts/screenshots.sh`.
import { chromium } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { startSandbox } from "./sandbox.js";

const out = new URL("../../docs/screenshots/", import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const sandbox = await startSandbox();
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
});

/** Labels and notes as a person wrote them (rentdesk.numbers), once there are rentals. */
let numbers = null;

async function shot(name, colorScheme, path, prepare, lang = "en", viewport = { width: 1100, height: 820 }) {
  const page = await browser.newPage({ viewport, colorScheme });
  await page.goto(sandbox.base + "/settings");
  await page.getByRole("button", { name: "Use the demo key" }).click();
  await page.getByTestId("balance").filter({ hasText: "USD" }).waitFor();
  await page.evaluate(([l, n]) => {
    localStorage.setItem("rentdesk.lang", l);
    if (n) localStorage.setItem("rentdesk.numbers", n);
  }, [lang, numbers]);
  await page.goto(sandbox.base + path);
  if (prepare) await prepare(page);
  await page.waitForTimeout(400);
  await page.screenshot({ path: out + name });
  await page.close();
}

const pickService = async (page) => {
  await page.getByRole("checkbox", { name: /^Instagram / }).check();
};
await shot("rent-light.png", "light", "/?type=always&country=RU&period=week-2", pickService);
await shot("rent-dark.png", "dark", "/?type=always&country=RU&period=week-2", pickService);
// One number for two services, with the US carriers to choose from.
await shot("rent-multi-light.png", "light", "/?type=always&country=US&period=week-1", async (page) => {
  for (const name of [/^Telegram /, /^WhatsApp /i]) await page.getByRole("checkbox", { name }).check();
  await page.getByTestId("total").filter({ hasText: "USD" }).waitFor();
});
await shot("where-light.png", "light", "/where?period=week-1&service=opt29", async (page) => {
  await page.locator("table.where-table tbody tr").first().waitFor();
});

// Rentals with an SMS, then an archive: three rentals expired ten days ago, twelve older.
const rented = [];
for (const [service, type] of [["opt59", "always"], ["opt16", "always"], ["opt20", "on_request"]]) {
  const answer = await sandbox.api({ method: "create", apikey: sandbox.key, dtype: "week", dcount: "2", country: "RU", service, rent_type: type });
  rented.push(answer.data.id);
}
await sandbox.admin("sms", { id: rented[1], sender: "Instagram", text: "Code Instagram: 671 094." });
const orders = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data;
const keyOf = (id) => {
  const o = orders.find((o) => o.id === id);
  return `${o.ccode}${o.pnumber}`.replace(/\D/g, "");
};
numbers = JSON.stringify({
  [keyOf(rented[0])]: { label: "2nd WhatsApp for support", note: "Support team's phone. Ask Anna before deleting.", keep: true, changed: 1 },
  [keyOf(rented[1])]: { label: "Instagram @shop_berlin", keep: true, changed: 1 },
  [keyOf(rented[2])]: { label: "Avito: flat ads", changed: 1 },
});
await shot("rentals-light.png", "light", "/rentals");
for (const scheme of ["light", "dark"]) {
  await shot(`rentals-phone-${scheme}.png`, scheme, "/rentals", async (page) => {
    await page.locator("tbody tr").first().waitFor();
  }, "en", { width: 390, height: 844 });
}
await shot("rent-phone-light.png", "light", "/?type=always&country=RU&period=week-2", async (page) => {
  await page.locator("li.service").first().waitFor();
}, "en", { width: 390, height: 844 });
await shot("rentals-ru-dark.png", "dark", "/rentals", async (page) => {
  await page.locator("tbody tr").first().waitFor();
}, "ru");
await sandbox.admin("clock", { advance_days: 24 });
await sandbox.admin("rentals", { apikey: sandbox.key, count: 12, expired: true });
await shot("archive-light.png", "light", "/archive?page=1&size=20");
await shot("restore-dialog.png", "light", "/archive?page=1&size=20", async (page) => {
  await page.locator(`tr[data-order="${rented[0]}"]`).getByRole("button", { name: "Restore" }).click();
  await page.getByTestId("restore-total").waitFor();
});
await shot("faq-dark.png", "dark", "/faq#restore-cost");
await browser.close();
await sandbox.dispose();
console.log("screenshots written to docs/screenshots/");
