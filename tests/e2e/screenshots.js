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

async function shot(name, colorScheme, path, prepare) {
  const page = await browser.newPage({ viewport: { width: 1100, height: 820 }, colorScheme });
  await page.goto(sandbox.base + "/settings");
  await page.getByRole("button", { name: "Use the demo key" }).click();
  await page.getByTestId("balance").filter({ hasText: "USD" }).waitFor();
  await page.goto(sandbox.base + path);
  if (prepare) await prepare(page);
  await page.waitForTimeout(400);
  await page.screenshot({ path: out + name });
  await page.close();
}

const pickService = async (page) => {
  await page.getByRole("radio", { name: /^Instagram / }).check();
};
await shot("rent-light.png", "light", "/?type=always&country=RU&period=week-2", pickService);
await shot("rent-dark.png", "dark", "/?type=always&country=RU&period=week-2", pickService);

if (process.env.EXTRA) await (await import(process.env.EXTRA)).default({ sandbox, shot });
await browser.close();
await sandbox.dispose();
console.log("screenshots written to docs/screenshots/");
