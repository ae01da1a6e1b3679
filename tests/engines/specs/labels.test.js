// Labels in every engine: written in place with the engine's own keyboard (Enter saves,
// Esc cancels, Shift+Enter is a new line in a note), kept across a reload, shown in the
// archive, and a backup file read back through the engine's own file input.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { flow, signIn, rent, assert } from "../lib/harness.js";

const row = (id) => `tr[data-rental="${id}"]`;

flow("a label and a note are written in place, kept across a reload, and shown in the archive", async (b, sandbox) => {
  const { Key } = await import("selenium-webdriver");
  const id = await rent(sandbox, {});
  await signIn(b);
  await b.click({ css: `${row(id)} [data-testid=label-edit]` });
  const input = await b.el({ css: `${row(id)} input.label-input` });
  await input.sendKeys("Instagram @shop_berlin", Key.ENTER);
  await b.waitText({ css: `${row(id)} [data-testid=label]` }, "Instagram @shop_berlin");

  // Esc leaves the label as it was.
  await b.click({ css: `${row(id)} [data-testid=label-edit]` });
  const again = await b.el({ css: `${row(id)} input.label-input` });
  await again.sendKeys(" (old)", Key.ESCAPE);
  await b.waitText({ css: `${row(id)} [data-testid=label]` }, "Instagram @shop_berlin");

  await b.click({ css: `${row(id)} [data-testid=note-toggle]` });
  const area = await b.el({ css: `${row(id)} [data-testid=note-input]` });
  await area.sendKeys("2FA backup");
  await area.sendKeys(Key.chord(Key.SHIFT, Key.ENTER));
  await area.sendKeys("owner: Anna");
  assert.equal(await b.exec(`return document.querySelector("[data-testid=note-input]").value`), "2FA backup\nowner: Anna");
  await area.sendKeys(Key.ENTER);
  const title = await b.until(`const t = document.querySelector(args[0])?.title; return t && !document.querySelector("[data-testid=note-input]") ? t : null`, [`${row(id)} [data-testid=note-toggle]`], "the note saved");
  assert.equal(title, "2FA backup\nowner: Anna");

  await b.reload();
  await b.waitText({ css: `${row(id)} [data-testid=label]` }, "Instagram @shop_berlin");
  await sandbox.admin("clock", { advance_days: 9 });
  await b.go("/archive");
  await b.waitText({ css: `tr[data-order="${id}"] [data-testid=label]` }, "Instagram @shop_berlin");
  await b.waitText({ css: `tr[data-order="${id}"] [data-testid=note]` }, /^2FA backup\s+owner: Anna$/);
});

flow("a backup file is read through the engine's file input and merged; a broken one changes nothing", async (b, sandbox) => {
  const id = await rent(sandbox, {});
  const number = (await sandbox.api({ method: "orders", apikey: sandbox.key })).data[0];
  const key = `${number.ccode.replace("+", "")}${number.pnumber}`;
  await signIn(b, "/settings");
  const dir = b.downloads;
  const good = path.join(dir, "good.json");
  writeFileSync(good, JSON.stringify({ kind: "rentdesk-backup", version: 1, numbers: { [key]: { label: "From the backup", keep: true, changed: 1 } } }));
  const broken = path.join(dir, "broken.json");
  writeFileSync(broken, '{"kind": "rentdesk-backup", "vers');
  const pick = await b.el({ css: "[data-testid=import-data]" });
  await pick.sendKeys(broken);
  await b.waitText({ css: "[data-testid=import-refused]" }, /not readable JSON/);
  assert.equal(await b.exec(`return localStorage.getItem("rentdesk.numbers")`), null);
  await (await b.el({ css: "[data-testid=import-data]" })).sendKeys(good);
  await b.waitText({ css: "[data-testid=import-report]" }, /Labels and notes: 1 added, 0 updated, 0 kept as they were\./);
  await b.go("/rentals");
  await b.waitText({ css: `${row(id)} [data-testid=label]` }, "From the backup");
  assert.equal(await b.exec(`return document.querySelector(args[0]).getAttribute("aria-pressed")`, `${row(id)} [data-testid=keep]`), "true");
});
