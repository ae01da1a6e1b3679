// What differs most between engines, in Firefox ESR: notifications from a tab that is
// really in the background, the service worker with the browser really offline, files
// really downloaded, and the system's dark theme. WebKitGTK's WebDriver has no way to
// grant notifications, take the browser offline or pick a download folder: these run in
// Firefox only (and in Chromium through Playwright, tests/e2e).
import { readFileSync, existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { flow, signIn, rent, assert, ENGINE } from "../lib/harness.js";

const only = (why) => ENGINE !== "firefox" && `Firefox only: ${why}`;
const row = (id) => `tr[data-rental="${id}"]`;
const dialog = "dialog[open]";

/** Evaluates `expression` in another tab through WebDriver BiDi, without switching to it
 *  (a WebDriver classic switch would bring the tab to the front and make it visible). */
async function evaluateIn(b, context, expression) {
  const bidi = await b.d.getBidi();
  const answer = await bidi.send({ method: "script.evaluate", params: { expression, target: { context }, awaitPromise: false } });
  if (answer.result?.type === "exception") throw new Error(JSON.stringify(answer.result.exceptionDetails));
  return answer.result?.result?.value;
}

flow("a new SMS in a tab in the background gives one notification with service, number and code", { skip: only("WebKitGTK's WebDriver cannot grant the notification permission"), timeout: 240_000 }, async (b, sandbox) => {
  const id = await rent(sandbox);
  await signIn(b);
  const number = (await b.waitText({ css: `${row(id)} td.number button.copy` }, /\d/)).trim();
  const service = await b.text({ css: `${row(id)} .service-names li` });
  assert.equal(await b.exec(`return Notification.permission`), "granted", "granted by Firefox's permission pref");
  await b.click({ css: "input[type=checkbox]", name: "Notify me of new SMS" });
  await b.until(`return find({css: "input[type=checkbox]", name: "Notify me of new SMS"}).checked`, [], "the switch on");
  // Let the first look at the rental's SMS pass: an SMS there at the first look is not new.
  await new Promise((r) => setTimeout(r, 6000));

  // Another tab in front: this one is now really hidden (document.visibilityState).
  const app = await b.d.getWindowHandle();
  await b.d.switchTo().newWindow("tab");
  // Firefox tells the tab behind a little later, in its own process: wait for it.
  let state = "visible";
  for (let i = 0; i < 50 && state !== "hidden"; i++) {
    state = await evaluateIn(b, app, "document.visibilityState");
    if (state !== "hidden") await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(state, "hidden", "the app's tab is hidden within 5 s of another tab coming to the front");
  await sandbox.admin("sms", { id, sender: "Instagram", text: "Your Instagram code: 671 094. Don't share it." });
  // The hidden tab's list refreshes every 30 s while notifications are on.
  const deadline = Date.now() + 75_000;
  let count = 0;
  while (Date.now() < deadline && count === 0) {
    await new Promise((r) => setTimeout(r, 1000));
    count = await evaluateIn(b, app, "window.__rd.notes.length");
  }
  assert.equal(count, 1, "one notification within 75 s");
  const note = JSON.parse(await evaluateIn(b, app, "JSON.stringify(window.__rd.notes.map(({ title, body, hidden }) => ({ title, body, hidden })))"))[0];
  assert.equal(note.hidden, true, "made while the tab was hidden");
  assert.ok(note.title.includes(service), JSON.stringify(note));
  assert.ok(note.body.includes(number), JSON.stringify(note));
  assert.ok(note.body.includes("671094"), JSON.stringify(note));
  assert.equal(await evaluateIn(b, app, "document.title"), "(1) rentdesk");

  // Back to the app's tab; the notification's click opens that SMS.
  await b.d.close();
  await b.d.switchTo().window(app);
  await b.until(`return document.visibilityState === "visible"`, [], "visible again");
  await b.exec(`window.__rd.notes[0].note.onclick()`);
  await b.waitText({ css: `${dialog} [data-testid=sms-code]` }, "671094");
  await b.waitFor(number, dialog);
  await b.click({ css: `${dialog} button`, text: "Close" });
  await b.until(`return document.title === "rentdesk"`, [], "the title without a count");

  // After a reload the switch is still on and the same SMS is not notified again.
  await b.reload();
  await b.until(`return find({css: "input[type=checkbox]", name: "Notify me of new SMS"}).checked`, [], "the switch still on");
  await b.waitText({ css: `${row(id)} [data-testid=row-code]` }, "671094");
  await new Promise((r) => setTimeout(r, 2000));
  assert.equal(await b.exec(`return window.__rd.notes.length`), 0);
});

flow("offline for real: the service worker opens the app, says it is offline, and kept no API answer or key", { skip: only("WebKitGTK's WebDriver cannot take the browser offline (flows.test.js stops the server instead)") }, async (b, sandbox) => {
  await signIn(b, "/rentals");
  await b.waitFor("You have no rented numbers right now.", "main");
  await b.d.executeAsyncScript(`const done = arguments[arguments.length - 1]; navigator.serviceWorker.ready.then(() => done(true), (e) => done(String(e)));`);
  await b.reload();
  assert.equal(await b.exec(`return !!navigator.serviceWorker.controller`), true, "the worker controls the page");

  // Firefox's own offline mode (File > Work Offline), through the chrome context.
  const offline = async (on) => {
    await b.d.setContext("chrome");
    await b.d.executeScript(`Services.io.manageOfflineStatus = false; Services.io.offline = arguments[0];`, on);
    await b.d.setContext("content");
  };
  b.allow(/NetworkError|offline/i);
  await offline(true);
  try {
    await b.reload();
    await b.el({ css: "h1", text: "My rentals" });
    await b.waitText({ css: "[data-testid=offline]" }, "You are offline. Balances, rentals and SMS update again when the connection is back.");
    await b.go("/settings");
    await b.el({ css: "h1", text: "Settings" });
    const cached = await b.d.executeAsyncScript(`const done = arguments[arguments.length - 1];
      (async () => { const urls = []; for (const n of await caches.keys()) for (const r of await (await caches.open(n)).keys()) urls.push(r.url); return urls; })().then(done, (e) => done([String(e)]));`);
    assert.ok(cached.some((u) => u.endsWith("/index.html")), JSON.stringify(cached));
    assert.deepEqual(cached.filter((u) => /\/(api|stubs)\/|[?&]/.test(u) || u.includes(sandbox.key)), []);
  } finally {
    await offline(false);
  }
  await b.until(`return !document.querySelector("[data-testid=offline]")`, [], "the offline note gone when back online");
});

flow("CSV and iCalendar exports are saved as files with every rental", { skip: only("WebKitGTK's WebDriver has no download folder setting") }, async (b, sandbox) => {
  await rent(sandbox, { service: "opt1" });
  await rent(sandbox, { service: "opt6" });
  await signIn(b);
  await b.until(`return document.querySelectorAll("tbody tr").length === 2`, [], "two rows");
  const list = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data;
  const saved = async (name) => {
    const file = path.join(b.downloads, name);
    await b.until(`return true`); // a round trip, so the click's download has started
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const partial = readdirSync(b.downloads).some((f) => f.endsWith(".part"));
      if (existsSync(file) && !partial && readFileSync(file, "utf8").length > 0) return readFileSync(file, "utf8");
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${name} not saved: ${readdirSync(b.downloads).join(", ")}`);
  };

  await b.click({ css: "details.menu > summary", text: "Export" });
  await b.click({ css: "button", text: "Export CSV" });
  const csv = (await saved("rentals.csv")).split("\r\n");
  assert.equal(csv[0], "id,number,label,services,state,country,expires_utc");
  assert.equal(csv.length, list.length + 2);
  const field = (v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  for (const o of list) {
    const line = csv.find((l) => l.startsWith(`${o.id},`));
    assert.equal(line, `${o.id},${o.ccode.replace("+", "")}${o.pnumber},,${field(o.sname)},${o.state},${field(o.cname)},${new Date(o.until * 1000).toISOString().replace(".000", "")}`);
  }

  await b.click({ css: "details.menu > summary", text: "Export" });
  await b.click({ css: "button", text: "Export expiry dates (.ics)" });
  const ics = await saved("rental-expiry.ics");
  assert.ok(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  assert.equal(ics.match(/BEGIN:VEVENT/g).length, list.length);
  assert.equal(ics.match(/TRIGGER:-P2D/g).length, list.length);
  for (const o of list) {
    const stamp = new Date(o.until * 1000).toISOString().replace(/[-:]/g, "").replace(".000", "");
    assert.ok(ics.includes(`UID:rental-${o.id}-${o.until}@rentdesk`));
    assert.ok(ics.includes(`DTSTART:${stamp}`));
  }
});

flow("a system in dark mode: the app is dark until a theme is chosen, and back to the system's", { skip: only("no way found to give a WebKitGTK WebDriver session a dark system theme"), prefs: { "ui.systemUsesDarkTheme": 1 } }, async (b) => {
  const bg = `return getComputedStyle(document.body).backgroundColor`;
  await b.go("/settings");
  assert.equal(await b.exec(`return matchMedia("(prefers-color-scheme: dark)").matches`), true);
  await b.el({ css: "input[type=radio]:checked", name: "Like the system" });
  assert.equal(await b.exec(bg), "rgb(15, 17, 21)");
  await b.click({ css: "button", name: "Switch to the light theme" });
  await b.until(`return document.documentElement.dataset.theme === "light"`, [], "light chosen");
  assert.equal(await b.exec(bg), "rgb(246, 247, 249)");
  await b.el({ css: "input[type=radio]:checked", name: "Light" });
  await b.reload();
  assert.equal(await b.exec(bg), "rgb(246, 247, 249)");
  await b.click({ css: "input[type=radio]", name: "Like the system" });
  await b.until(`return !document.documentElement.hasAttribute("data-theme")`, [], "the system decides again");
  assert.equal(await b.exec(bg), "rgb(15, 17, 21)");
  await b.el({ css: "button", name: "Switch to the light theme" });
});
