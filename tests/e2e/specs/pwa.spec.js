// The first visit before the wasm arrives, and the installed app: the static shell, the
// headers that make a repeat visit cheap, the service worker, offline, a new version.
import { test, expect, signIn } from "../fixtures.js";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startSandbox } from "../sandbox.js";
import { root } from "../servers.js";

const boxes = (page, header) =>
  page.evaluate((selector) => {
    const rect = (el) => {
      const r = el.getBoundingClientRect();
      return [r.x, r.y, r.width, r.height].map((v) => Math.round(v * 10) / 10);
    };
    const header = document.querySelector(selector);
    return [rect(header), ...[...header.querySelectorAll(".brand, nav a")].map(rect)];
  }, header);

test("the shell shows header and navigation in the remembered theme and language while the wasm is blocked, in the app's geometry", async ({ page, sandbox }) => {
  await page.addInitScript(() => {
    localStorage.setItem("rentdesk.theme", "dark");
    localStorage.setItem("rentdesk.lang", "de");
  });
  await page.route(/_bg\.wasm$/, (route) => route.abort());
  await page.goto(sandbox.base + "/rentals");
  const shell = page.locator("#shell");
  await expect(shell.getByRole("link", { name: "Meine Mieten" })).toBeVisible();
  await expect(shell.getByRole("link", { name: "Nummer mieten" })).toBeVisible();
  await expect(shell.getByText("My rentals")).toBeHidden();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const background = await page.evaluate(() => getComputedStyle(document.querySelector("#shell header")).backgroundColor);
  expect(background).toBe("rgb(23, 26, 33)");
  const current = await shell.getByRole("link", { name: "Meine Mieten" }).evaluate((a) => getComputedStyle(a).fontWeight);
  expect(current).toBe("600");
  const shellBoxes = await boxes(page, "#shell header");

  await page.unroute(/_bg\.wasm$/);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Meine Mieten", level: 1 })).toBeVisible();
  await expect(page.locator("#shell")).toHaveCount(0);
  expect(await boxes(page, "body > header.top")).toEqual(shellBoxes);
});

test("index.html preloads the app and is revalidated; hashed files are compressed and kept for a year", async ({ page, sandbox, request }) => {
  const index = await request.get(sandbox.base + "/", { headers: { "accept-encoding": "br" } });
  expect(index.headers()["cache-control"]).toBe("no-cache");
  const html = await index.text();
  expect(html).toMatch(/<link rel="preload" href="\/rentdesk-[0-9a-f]{12,16}_bg\.wasm"[^>]* as="fetch" type="application\/wasm"/);
  expect(html).toMatch(/<link rel="modulepreload" href="\/rentdesk-[0-9a-f]{12,16}\.js"/);
  // The split's loader (imported by the main JS), preloaded with it.
  expect(html).toMatch(/<link rel="modulepreload" href="\/__wasm_split-[0-9a-f]{12,16}\.js"[^>]* integrity="sha384-/);

  const sizes = {};
  page.on("response", async (r) => {
    if (/-[0-9a-f]{12,16}(_bg)?\.(js|wasm|css|json)$/.test(r.url())) {
      sizes[r.url()] = {
        encoding: (await r.allHeaders())["content-encoding"],
        cache: r.headers()["cache-control"],
        type: r.headers()["content-type"],
      };
    }
  });
  // A returning person (a key saved): the rent page needs the main module alone. Without a
  // key the key prompt is a part of its own (split.spec.js).
  await page.addInitScript((key) => localStorage.setItem("rentdesk.key", key), sandbox.key);
  await page.goto(sandbox.base + "/");
  await expect(page.getByRole("checkbox", { name: /^Google / })).toBeVisible();
  const files = Object.entries(sizes);
  expect(files.map(([url]) => url.split(".").pop()).sort()).toEqual(["css", "js", "js", "js", "wasm"]);
  for (const [url, { encoding, cache, type }] of files) {
    expect(encoding, url).toBe("br");
    expect(cache, url).toBe("public, max-age=31536000, immutable");
    expect(type, url).toMatch(/^(application\/wasm|text\/css|text\/javascript|application\/javascript)/);
  }
});

test("the service worker controls the page; offline, a reload opens the app and says it is offline; it kept no API answer and no key", async ({ page, context, sandbox }) => {
  await signIn(page, sandbox, "/rentals");
  await expect(page.getByText("You have no rented numbers right now.")).toBeVisible();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await expect(page.getByTestId("balance")).toHaveText("Balance 100.00 USD");

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { name: "My rentals", level: 1 })).toBeVisible();
  await expect(page.getByTestId("offline")).toHaveText("You are offline. Balances, rentals and SMS update again when the connection is back.");
  await page.goto(sandbox.base + "/settings");
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();

  const cached = await page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
    }
    return urls;
  });
  expect(cached.length).toBeGreaterThan(5);
  expect(cached.some((u) => u.endsWith("/index.html"))).toBe(true);
  expect(cached.filter((u) => /\/(api|stubs)\/|sandbox\.json|[?&]/.test(u) || u.includes(sandbox.key))).toEqual([]);

  await context.setOffline(false);
  await expect(page.getByTestId("offline")).toHaveCount(0);
});

test("a new build is installed in the background, the person is told, and the next visit opens it whole", async ({ page }) => {
  const dist = mkdtempSync(path.join(tmpdir(), "rentdesk-dist-"));
  cpSync(path.join(root, "dist"), dist, { recursive: true });
  const sandbox = await startSandbox([], { dist });
  try {
    await page.goto(sandbox.base + "/faq");
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    // The page's own update check (boot.js) is over before the deployment.
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await expect(page.getByTestId("update-ready")).toHaveCount(0);

    // A deployment: new index.html and a new worker (its version line changes).
    const sw = readFileSync(path.join(dist, "sw.js"), "utf8");
    writeFileSync(path.join(dist, "sw.js"), sw.replace(/^const VERSION = .*;$/m, 'const VERSION = "next";'));
    const html = readFileSync(path.join(dist, "index.html"), "utf8");
    writeFileSync(path.join(dist, "index.html"), html.replace("<title>rentdesk</title>", "<title>rentdesk next</title>"));
    for (const stale of ["sw.js.br", "sw.js.gz", "index.html.br", "index.html.gz"]) rmSync(path.join(dist, stale), { force: true });

    await page.reload();
    // This visit still runs the old build, whole: the worker served it from its cache.
    await expect(page).toHaveTitle("rentdesk");
    await expect(page.getByTestId("update-ready")).toContainText("A new version of rentdesk is installed.");
    await page.getByRole("button", { name: "Reload now" }).click();
    await expect(page).toHaveTitle("rentdesk next");
    await expect(page.getByRole("heading", { name: "Frequently asked questions", level: 1 })).toBeVisible();
    await expect(page.getByTestId("update-ready")).toHaveCount(0);
  } finally {
    await sandbox.dispose();
    rmSync(dist, { recursive: true, force: true });
  }
});
