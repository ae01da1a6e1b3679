// Static hosting: the built app behind real nginx and real Caddy, each configured from
// deploy/, in front of a sandbox acting as the rent API, at the root and under a sub-path.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { startSandbox } from "../sandbox.js";
import { startNginx, startCaddy, root } from "../servers.js";

const POLICY = readFileSync(path.join(root, "deploy/csp.txt"), "utf8").trim();
const servers = { nginx: startNginx, caddy: startCaddy };

for (const [name, start] of Object.entries(servers)) {
  for (const base of ["/", "/rentdesk/"]) {
    test.describe(`${name} at ${base}`, () => {
      let sandbox;
      let front;
      test.beforeEach(async () => {
        sandbox = await startSandbox();
        front = await start({ base, upstream: sandbox.base });
      });
      test.afterEach(async () => {
        await front?.stop();
        await sandbox?.dispose();
      });

      test("serves precompressed files with cache and security headers", async ({ request }) => {
        const index = await request.get(front.base, { headers: { "accept-encoding": "br, gzip" } });
        expect(index.status()).toBe(200);
        expect(index.headers()["content-security-policy"]).toBe(POLICY);
        expect(index.headers()["x-content-type-options"]).toBe("nosniff");
        expect(index.headers()["x-frame-options"]).toBe("DENY");
        expect(index.headers()["cache-control"]).toBe("no-cache");
        const html = await index.text();
        const wasm = html.match(/href="([^"]+_bg\.wasm)"/)[1];
        expect(wasm.startsWith(base)).toBe(true);
        const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
        expect(meta).toBe(POLICY.replace("; frame-ancestors 'none'", ""));

        for (const [accept, encoding] of [["br, gzip", "br"], ["gzip", "gzip"]]) {
          // Playwright's client decodes bodies; the headers say what came over the wire.
          const file = await request.get(front.origin + wasm, { headers: { "accept-encoding": accept } });
          expect(file.status()).toBe(200);
          expect(file.headers()["content-encoding"]).toBe(encoding);
          expect(file.headers()["content-type"]).toBe("application/wasm");
          expect(file.headers()["vary"]).toMatch(/accept-encoding/i);
          expect(file.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
        }
        const deep = await request.get(front.base + "archive?page=2");
        expect(deep.status()).toBe(200);
        expect(deep.headers()["cache-control"]).toBe("no-cache");
        expect(await deep.text()).toContain('id="shell"');
        expect((await request.get(front.base + "missing-0123456789abcdef.js")).status()).toBe(404);

        // The API's answers are compressed by the server (the upstream is asked for plain ones).
        const offers = await request.get(front.base + "api/rent.php?method=getdata&country=RU&dtype=week&dcount=1", {
          headers: { "accept-encoding": "gzip" },
        });
        expect(offers.headers()["content-encoding"]).toBe("gzip");
        expect((await offers.json()).status).toBe(1);

        if (base !== "/") {
          // The sub-path without its final slash leads to the app, with its query.
          const bare = base.replace(/\/$/, "");
          for (const [asked, to] of [[bare, base], [bare + "?country=US", base + "?country=US"]]) {
            const answer = await request.get(front.origin + asked, { maxRedirects: 0 });
            expect([301, 308]).toContain(answer.status());
            expect(new URL(answer.headers()["location"], front.origin).href).toBe(front.origin + to);
          }
          expect((await request.get(front.origin + "/elsewhere")).status()).toBe(404);
        }
      });

      test("key check, rent and rentals work through the server, deep links reload", async ({ page }) => {
        const violations = [];
        const elsewhere = [];
        await page.addInitScript(() => {
          window.__csp = [];
          document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective));
        });
        page.on("request", (r) => {
          if (!r.url().startsWith(front.origin) && !r.url().startsWith("data:")) elsewhere.push(r.url());
        });

        await page.goto(front.base + "settings");
        const field = page.getByRole("textbox", { name: "API key", exact: true });
        await field.fill(sandbox.key);
        await page.getByRole("button", { name: "Save" }).first().click();
        await expect(page.getByText("Key checked and saved.")).toBeVisible();
        await expect(page.getByTestId("balance")).toHaveText("Balance 100.00 USD");

        await page.getByRole("link", { name: "Rent a number" }).first().click();
        await expect(page).toHaveURL(new RegExp(`^${front.base}(\\?.*)?$`));
        await page.getByLabel("Choose a country").selectOption({ label: "Germany" });
        await expect(page.getByText("Updating for the new choice")).toHaveCount(0);
        await page.getByRole("checkbox", { name: /^Telegram / }).check();
        await page.getByRole("button", { name: "Rent", exact: true }).click();
        await page.getByRole("dialog", { name: "Confirm the rental" }).getByRole("button", { name: "Rent now" }).click();
        await expect(page).toHaveURL(new RegExp(`^${front.base}rentals\\?new=\\d+$`));
        const id = new URL(page.url()).searchParams.get("new");
        await expect(page.locator(`tr[data-rental="${id}"]`)).toContainText("Telegram");

        await page.reload();
        await expect(page.locator(`tr[data-rental="${id}"]`)).toContainText("Telegram");
        await expect(page.getByRole("link", { name: "My rentals" })).toHaveAttribute("aria-current", "page");
        await expect(page.getByRole("link", { name: "Rent a number" })).not.toHaveAttribute("aria-current", "page");
        expect(await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.scope))).toBe(front.base);
        await page.goto(front.base + "faq#restore-cost");
        await expect(page.getByText(/^Restore cost = cost of the overdue days/)).toBeVisible();
        await page.getByRole("link", { name: "My rentals" }).click();
        await expect(page).toHaveURL(`${front.base}rentals`);
        await expect(page.locator(`tr[data-rental="${id}"]`)).toBeVisible();

        // Through the server too, the rent page's first reads (for the remembered Germany)
        // are sent once each by boot.js, and the app takes their answers.
        const reads = [];
        page.on("request", (r) => {
          const method = new URL(r.url()).searchParams.get("method") ?? "";
          if (/^get(countries|data|dataWithProviders)$/.test(method)) reads.push(method);
        });
        await page.goto(front.base);
        await expect(page.getByLabel("Choose a country")).toHaveValue("DE");
        await expect(page.getByRole("checkbox", { name: /^Telegram / })).toBeVisible();
        expect(reads.sort()).toEqual(["getcountries", "getdata", "getdataWithProviders"]);

        const orders = await sandbox.api({ method: "orders", apikey: sandbox.key });
        expect(orders.data).toHaveLength(1);
        violations.push(...(await page.evaluate(() => window.__csp)));
        expect(violations, "Content-Security-Policy violations").toEqual([]);
        expect(elsewhere, "requests past the server").toEqual([]);
      });
    });
  }
}
