import { startSandbox } from "./sandbox.js";
import { launchChromium } from "./bench-env.js";
const sandbox = await startSandbox([]);
const browser = await launchChromium();
for (const [w, h] of [[1280, 800], [390, 844]]) {
  const context = await browser.newContext({ viewport: { width: w, height: h } });
  await context.addInitScript((key) => localStorage.setItem("rentdesk.key", key), sandbox.key);
  const page = await context.newPage();
  await page.goto(sandbox.base + "/?type=always&country=RU&period=week-1&service=opt6");
  await page.getByTestId("total").filter({ hasText: "USD" }).waitFor();
  await sandbox.admin("catalogue", { service: "opt6", price_mills: 900 + w });
  const held = [];
  await page.route(/method=getdata&/, (r) => held.push(r));
  await page.reload();
  await page.getByText("Prices from your last visit").waitFor();
  await page.screenshot({ path: `/tmp/prof/last-visit-${w}.png` });
  for (const r of held) await r.continue();
  await page.getByTestId("price-changed").waitFor();
  await page.screenshot({ path: `/tmp/prof/price-changed-${w}.png` });
  await page.evaluate(() => window.dispatchEvent(new ErrorEvent("error", { error: new WebAssembly.RuntimeError("unreachable") })));
  await page.screenshot({ path: `/tmp/prof/stopped-${w}.png` });
  await context.close();
}
await browser.close();
process.exit(0);
