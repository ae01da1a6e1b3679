// The `sandbox` fixture: a fresh sandbox for each test, stopped after it.
import { test as base, expect } from "@playwright/test";
import { startSandbox } from "./sandbox.js";

export const test = base.extend({
  sandboxArgs: [[], { option: true }],
  sandbox: async ({ sandboxArgs }, use) => {
    const sandbox = await startSandbox(sandboxArgs);
    await use(sandbox);
    await sandbox.dispose();
  },
});

export { expect };

/** Opens `path` and saves the sandbox's demo key through the key prompt. */
export async function signIn(page, sandbox, path = "/rentals") {
  await page.goto(sandbox.base + path);
  await page.getByRole("button", { name: "Use the demo key" }).click();
  await expect(page.getByTestId("balance")).toHaveText(/Balance \d+\.\d{2} USD/);
}
