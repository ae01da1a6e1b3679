// The app's release wasm aborts on a bug without unwinding (scripts/build-app.sh): a trap
// with no message of its own. The page says so, in its language, and offers a reload.
import { test, expect, signIn } from "../fixtures.js";

test("a trap in the wasm (the release build aborts on a bug) says so in the page's language, with a reload", async ({ page, sandbox }) => {
  await signIn(page, sandbox, "/");
  await page.evaluate(() => setTimeout(() => Promise.reject(new WebAssembly.RuntimeError("unreachable")), 0));
  const alert = page.locator("#app-stopped");
  await expect(alert).toHaveAttribute("role", "alert");
  await expect(alert).toContainText("rentdesk stopped because of an error.");
  await alert.getByRole("button", { name: "Reload" }).click();
  await expect(page.locator("#app-stopped")).toHaveCount(0);
  await expect(page.locator("li.service").first()).toBeVisible();
});

test("in Russian too", async ({ page, sandbox }) => {
  await page.addInitScript((key) => {
    localStorage.setItem("rentdesk.key", key);
    localStorage.setItem("rentdesk.lang", "ru");
  }, sandbox.key);
  await page.goto(sandbox.base + "/");
  await expect(page.locator("li.service").first()).toBeVisible();
  await page.evaluate(() => window.dispatchEvent(new ErrorEvent("error", { error: new WebAssembly.RuntimeError("unreachable") })));
  await expect(page.getByRole("alert")).toContainText("rentdesk остановлен из-за ошибки.");
  await expect(page.getByRole("button", { name: "Перезагрузить" })).toBeVisible();
});
