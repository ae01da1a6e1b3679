// One WebDriver client (selenium-webdriver) for both engines, always against a driver this
// harness starts itself on a loopback port (`usingServer`): Selenium Manager never runs,
// nothing is downloaded.
//   ENGINE=firefox: geckodriver (cargo install geckodriver) + Debian's firefox-esr, headless.
//   ENGINE=webkit:  WebKitWebDriver + MiniBrowser (webkit2gtk-driver), under xvfb-run.
//   ENGINE=chromium: chromedriver + Debian's chromium, headless (the layout checks only:
//   Chromium's flows are the Playwright suite, tests/e2e).
import { spawn, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { Builder } from "selenium-webdriver";
import { freePort } from "../../e2e/servers.js";

export const ENGINE = process.env.ENGINE || "firefox";
if (!["firefox", "webkit", "chromium"].includes(ENGINE)) throw new Error(`ENGINE must be firefox, webkit or chromium, not ${ENGINE}`);

const FIREFOX = process.env.FIREFOX_BIN || "/usr/bin/firefox-esr";
const MINIBROWSER = process.env.MINIBROWSER_BIN || "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

function which(name, fallback) {
  try {
    return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
  } catch {
    return fallback;
  }
}
const GECKODRIVER = process.env.GECKODRIVER || which("geckodriver", path.join(homedir(), ".cargo/bin/geckodriver"));
const WEBKITDRIVER = process.env.WEBKIT_DRIVER || which("WebKitWebDriver", "/usr/bin/WebKitWebDriver");

async function waitForStatus(url, child, log) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the driver exited with ${child.exitCode}: ${log()}`);
    try {
      const answer = await fetch(`${url}/status`);
      if (answer.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the driver did not answer on ${url}: ${log()}`);
}

/** Starts the engine's driver; one per test file (node --test runs each file in its own
 *  process), one browser session per test. */
export async function startDriver() {
  const port = await freePort();
  let child;
  if (ENGINE === "firefox") {
    if (!existsSync(GECKODRIVER)) throw new Error(`geckodriver not found (${GECKODRIVER}): run scripts/setup.sh`);
    // --allow-system-access: the offline test switches Firefox's own network off
    // (Services.io.offline) in geckodriver's chrome context.
    child = spawn(GECKODRIVER, ["--host", "127.0.0.1", "--port", String(port), "--log", "error", "--allow-system-access"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
  } else if (ENGINE === "chromium") {
    child = spawn(process.env.CHROMEDRIVER || "/usr/bin/chromedriver", [`--port=${port}`], { stdio: ["ignore", "pipe", "pipe"] });
  } else {
    if (!process.env.DISPLAY) throw new Error("WebKit needs a display: run under xvfb-run -a (tests/engines/run.sh does)");
    // Its own process group: stopping it takes down a MiniBrowser it left behind too.
    child = spawn(WEBKITDRIVER, [`--port=${port}`, "--host=127.0.0.1"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, WEBKIT_DISABLE_DMABUF_RENDERER: "1" },
      detached: true,
    });
  }
  let output = "";
  child.stdout.on("data", (c) => (output = (output + c).slice(-4000)));
  child.stderr.on("data", (c) => (output = (output + c).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  await waitForStatus(url, child, () => output);
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      if (ENGINE === "webkit") {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // the group is gone already
        }
      }
      child.stdout.destroy();
      child.stderr.destroy();
    },
  };
}

/** Firefox preferences every session gets: no first-run pages, no network of its own,
 *  notifications allowed (the permission a person grants), downloads saved without a
 *  question into `downloads`, and the async clipboard readable by the test. */
function firefoxPrefs({ downloads, prefs = {} }) {
  return {
    "browser.shell.checkDefaultBrowser": false,
    "browser.startup.homepage_override.mstone": "ignore",
    "datareporting.policy.dataSubmissionEnabled": false,
    "toolkit.telemetry.reportingpolicy.firstRun": false,
    "app.update.disabledForTesting": true,
    "browser.safebrowsing.malware.enabled": false,
    "browser.safebrowsing.phishing.enabled": false,
    "network.captive-portal-service.enabled": false,
    "network.connectivity-service.enabled": false,
    "extensions.update.enabled": false,
    "browser.search.update": false,
    // Notifications: granted, as if the person allowed them for the site.
    "permissions.default.desktop-notification": 1,
    // Downloads straight into the test's folder, for CSV and iCalendar alike.
    "browser.download.folderList": 2,
    "browser.download.dir": downloads,
    "browser.download.useDownloadDir": true,
    "browser.download.always_ask_before_handling_new_types": false,
    "browser.download.manager.showWhenStarting": false,
    "browser.download.alwaysOpenPanel": false,
    "browser.helperApps.neverAsk.saveToDisk": "text/csv,text/calendar,application/octet-stream",
    // navigator.clipboard.readText without the paste prompt, so the test can read back.
    "dom.events.testing.asyncClipboard": true,
    ...prefs,
  };
}

/** A new browser session with a fresh profile (fresh storage, no service worker). */
export async function newSession(driverUrl, { downloads, prefs, bidi = ENGINE === "firefox" } = {}) {
  let capabilities;
  if (ENGINE === "firefox") {
    capabilities = {
      browserName: "firefox",
      acceptInsecureCerts: false,
      ...(bidi ? { webSocketUrl: true } : {}),
      "moz:firefoxOptions": {
        binary: FIREFOX,
        args: ["-headless"],
        prefs: firefoxPrefs({ downloads, prefs }),
      },
    };
  } else if (ENGINE === "chromium") {
    capabilities = {
      browserName: "chrome",
      "goog:chromeOptions": {
        binary: process.env.CHROMIUM || "/usr/bin/chromium",
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      },
    };
  } else {
    capabilities = {
      browserName: "MiniBrowser",
      "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
    };
  }
  const builder = new Builder().usingServer(driverUrl).withCapabilities(capabilities);
  let last;
  // MiniBrowser now and then fails to come up on a loaded machine: one more try.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const session = await builder.build();
      // A hung page fails the step in 30 s instead of WebDriver's 300 s page-load wait.
      await session.manage().setTimeouts({ pageLoad: 30_000, script: 30_000 });
      return session;
    } catch (e) {
      last = e;
    }
  }
  throw last;
}
