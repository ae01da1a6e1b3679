// A screen full of numbers in every engine: with 60 rentals My rentals draws compact rows,
// at least 12 wholly on a 1280 × 900 screen and the first within 300 px; at 390 × 844 at
// least five cards; and a row's menu works by keyboard alone.
import { flow, signIn, assert } from "../lib/harness.js";

/** How many rows lie wholly inside the window, and where the first one starts. */
const seen = `(() => {
  const rows = [...document.querySelectorAll("tbody tr[data-rental]")].map((r) => r.getBoundingClientRect());
  return { whole: rows.filter((r) => r.top >= 0 && r.bottom <= innerHeight).length, firstTop: Math.round(rows[0]?.top ?? -1) };
})()`;
const focusedItem = `const a = document.activeElement;
  return a?.closest("[role=menu]") ? a.childNodes[0].textContent.trim() : a?.dataset.testid || a?.tagName`;

flow("60 rentals: compact rows fill the screen at 1280 and on a phone; a row's menu by keyboard", async (b, sandbox) => {
  const { Key } = await import("selenium-webdriver");
  const keys = (...k) => b.d.actions().sendKeys(...k).perform();
  await sandbox.admin("rentals", { apikey: sandbox.key, count: 60, days: 30 });
  const list = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data;
  const first = [...list].sort((x, y) => x.until - y.until || x.id - y.id)[0];
  await b.viewport(1280, 900);
  await signIn(b);
  await b.until(`return !!document.querySelector('tr[data-rental="${first.id}"]')`, [], "the first rental drawn", 30_000);
  await b.until(`return document.querySelector("table.rentals")?.classList.contains("compact")`, [], "compact by default at 60");
  const desk = await b.exec(`return ${seen}`);
  assert.ok(desk.whole >= 12 && desk.firstTop <= 300, `1280 × 900: ${JSON.stringify(desk)}`);

  // The menu: Enter opens it on its first item, the arrows move, Escape gives the focus back.
  const button = `document.querySelector('tr[data-rental="${first.id}"] [data-testid=row-menu]')`;
  await b.exec(`${button}.focus()`);
  await keys(Key.ENTER);
  await b.until(`return ${button}.getAttribute("aria-expanded") === "true" && document.activeElement?.getAttribute("role")?.startsWith("menuitem")`, [], "the menu open, an item focused");
  const names = await b.exec(`return [...document.querySelectorAll("[role=menu] [role^=menuitem]")].map((i) => i.childNodes[0].textContent.trim())`);
  assert.ok(names.includes("Keep") && names.includes("Delete"), names.join(", "));
  await keys(Key.ARROW_DOWN);
  assert.equal(await b.exec(focusedItem), names[1]);
  await keys(Key.ESCAPE);
  await b.until(`return !document.querySelector("[role=menu]") && document.activeElement === ${button}`, [], "closed, the focus on the menu button");
  // Keep, picked with the arrow keys: the mark shows in the line.
  await keys(Key.ENTER);
  await b.until(`return !!document.querySelector("[role=menu]")`, [], "the menu open again");
  for (let i = 0; i < names.indexOf("Keep"); i++) await keys(Key.ARROW_DOWN);
  assert.equal(await b.exec(focusedItem), "Keep");
  await keys(Key.ENTER);
  await b.until(`return !!document.querySelector('tr[data-rental="${first.id}"] [data-testid=kept-mark]')`, [], "the kept mark in the row");

  // A phone: cards of about 100 px, at least five on the screen.
  await b.viewport(390, 844);
  await b.until(`return ${seen}.whole >= 5`, [], "five cards on a 390 × 844 screen").catch(async (e) => {
    throw new Error(`${e.message}: ${JSON.stringify(await b.exec(`return ${seen}`))}`);
  });
});
