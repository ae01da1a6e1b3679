// Fixtures: a fresh sandbox for each test, and a page that must cause no CSP violation and
// must never send the API key to another origin.
import { test as base, expect } from "@playwright/test";
import { startSandbox } from "./sandbox.js";

export const test = base.extend({
  sandboxArgs: [[], { option: true }],
  /** Off only for tests that point the app at another address on purpose. */
  strictOrigin: [true, { option: true }],
  sandbox: async ({ sandboxArgs }, use) => {
    const sandbox = await startSandbox(sandboxArgs);
    await use(sandbox);
    await sandbox.dispose();
  },
  page: async ({ page, sandbox, strictOrigin }, use) => {
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) =>
        window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    const origin = new URL(sandbox.base).origin;
    const leaks = [];
    page.on("request", (r) => {
      const url = r.url();
      if (!url.startsWith("data:") && new URL(url).origin !== origin && url.includes(sandbox.key)) leaks.push(url);
    });
    await use(page);
    if (strictOrigin) {
      expect(leaks, "the API key went to another origin").toEqual([]);
      const violations = await page.evaluate(() => window.__cspViolations || []).catch(() => []);
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    }
  },
});

export { expect };

/** Opens `path` and saves the sandbox's demo key through the key prompt. */
export async function signIn(page, sandbox, path = "/rentals") {
  await page.goto(sandbox.base + path);
  await page.getByRole("button", { name: "Use the demo key" }).click();
  await expect(page.getByTestId("balance")).toHaveText(/Balance \d+\.\d{2} USD/);
}

/** Opens one of My rentals' toolbar menus ("Select", "Export") and picks `item` in it. */
export async function menuPick(page, menu, item) {
  await page.locator("details.menu > summary", { hasText: new RegExp(`^${menu}$`) }).click();
  await page.getByRole("button", { name: item }).click();
}
