// The header at 1024 px: one row in every language on every page (it wrapped onto a second
// row in Firefox and WebKit, and in German and Russian everywhere). Runs in Chromium too.
import { flow, signIn, assert } from "../lib/harness.js";

flow("the header fits one row at 1024 px on every page in English, German and Russian, and at 1440 px", async (b) => {
  await b.viewport(1024, 768);
  await signIn(b, "/");
  for (let lang of ["en", "de", "ru", "wide-ru", "wide-de"]) {
    const width = lang.startsWith("wide-") ? 1440 : 1024;
    if (width > 1024) await b.viewport(width, 900);
    lang = lang.replace("wide-", "");
    await b.exec(`localStorage.setItem("rentdesk.lang", args[0])`, lang);
    for (const route of ["/", "/where", "/rentals", "/inbox", "/archive", "/faq", "/settings"]) {
      await b.go(route);
      await b.until(`return document.documentElement.lang === args[0] && !/…|\\.\\.\\./.test(text(document.querySelector("[data-testid=balance]")))`, [lang], `${lang} ${route}`);
      const rows = await b.exec(`
        const header = document.querySelector("body > header.top");
        const items = [header.querySelector(".brand"), ...header.querySelectorAll("nav a"), header.querySelector(".balance"), header.querySelector(".theme-toggle")];
        const tops = items.map((el) => { const r = el.getBoundingClientRect(); return Math.round(r.top + r.height / 2); });
        return { tops, height: header.getBoundingClientRect().height, width: document.documentElement.scrollWidth };`);
      const spread = Math.max(...rows.tops) - Math.min(...rows.tops);
      assert.ok(spread <= 2, `${lang} ${route}: the header's items are on one row (${JSON.stringify(rows)})`);
      assert.ok(rows.height < 70, `${lang} ${route}: the header is one row high (${rows.height} px)`);
      assert.ok(rows.width <= width, `${lang} ${route}: nothing wider than the window (${rows.width})`);
    }
  }
});
