// A large desk in every engine: My rentals draws only the rows near the screen;
// the End key and the real scrollbar reach the last rental, the arrow keys move through
// the rows, and the filter finds one rental among all of them.
import { flow, signIn, assert } from "../lib/harness.js";

const RENTALS = 3000;
const drawnCount = `return document.querySelectorAll("tbody tr[data-rental]").length`;

flow("thousands of rentals: a few rows drawn, End and the scrollbar reach the last, arrows move, the filter finds one", async (b, sandbox) => {
  const { Key } = await import("selenium-webdriver");
  await sandbox.admin("rentals", { apikey: sandbox.key, count: RENTALS, days: 30 });
  const list = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data;
  const byExpiry = [...list].sort((a, b) => a.until - b.until || a.id - b.id);
  const [first, last] = [byExpiry[0], byExpiry.at(-1)];
  await signIn(b);
  await b.waitText({ css: "[data-testid=rental-count]" }, `${RENTALS} rentals`, 30_000);
  const drawn = await b.exec(drawnCount);
  assert.ok(drawn > 3 && drawn < 80, `rows drawn: ${drawn}`);
  assert.equal(await b.exec(`return document.querySelector("table.rentals").getAttribute("aria-rowcount")`), String(RENTALS + 1));

  // The End key on the page: the last rental is drawn and on screen.
  await b.d.executeScript("document.activeElement?.blur()");
  await b.d.actions().sendKeys(Key.END).perform();
  const onScreen = `const r = document.querySelector('tr[data-rental="' + args[0] + '"]')?.getBoundingClientRect();
    return r && r.bottom > 0 && r.top < innerHeight`;
  await b.until(onScreen, [last.id], "the last rental on screen after End", 20_000);
  assert.equal(await b.exec(`return document.querySelector('tr[data-rental="' + args[0] + '"]').getAttribute("aria-rowindex")`, last.id), String(RENTALS + 1));
  assert.ok((await b.exec(drawnCount)) < 80);

  // The scrollbar back to the top.
  await b.exec("window.scrollTo(0, 0)");
  await b.until(onScreen, [first.id], "the first rental on screen at the top", 20_000);

  // Down the rows with the arrow key: the window follows the focus.
  await b.exec(`document.querySelector('tr[data-rental="' + args[0] + '"] [data-testid=row-menu]').focus()`, first.id);
  for (let i = 0; i < 30; i++) await b.d.actions().sendKeys(Key.ARROW_DOWN).perform();
  await b.until(
    `return document.activeElement?.closest("tr")?.dataset.rental === String(args[0]) && document.activeElement.dataset.testid === "row-menu"`,
    [byExpiry[30].id],
    "the focus 30 rows down, on the same control",
  );
  await b.until(onScreen, [byExpiry[30].id], "the focused row on screen");

  // The filter searches all rentals, not the drawn rows.
  await b.type({ css: "input[type=search]" }, byExpiry[RENTALS - 7].pnumber);
  await b.until(`const rows = document.querySelectorAll("tbody tr[data-rental]"); return rows.length === 1 && rows[0].dataset.rental === String(args[0])`, [byExpiry[RENTALS - 7].id], "one row for the number");
});
