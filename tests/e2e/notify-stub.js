// The browser's notifications and visibility, stubbed for tests of "Notify me of new SMS"
// (a headless page has neither a notification centre nor a hidden state).

/** A Notification that records what is shown; permission kept in localStorage like the
 *  browser keeps it; `document.visibilityState` driven by `window.__hidden`. */
export async function stubBrowser(page, grant = "granted") {
  await page.addInitScript((grant) => {
    window.__notes = [];
    window.__asked = 0;
    class RecordedNotification {
      constructor(title, options = {}) {
        this.title = title;
        this.body = options.body;
        this.tag = options.tag;
        this.onclick = null;
        window.__notes.push(this);
      }
      static get permission() {
        return localStorage.getItem("__permission") || "default";
      }
      static requestPermission() {
        window.__asked += 1;
        localStorage.setItem("__permission", grant);
        return Promise.resolve(grant);
      }
      close() {}
    }
    window.Notification = RecordedNotification;
    Object.defineProperty(document, "visibilityState", { get: () => (window.__hidden ? "hidden" : "visible"), configurable: true });
    Object.defineProperty(document, "hidden", { get: () => !!window.__hidden, configurable: true });
  }, grant);
}

export const hide = (page, hidden) =>
  page.evaluate((hidden) => {
    window.__hidden = hidden;
    document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
  }, hidden);
export const notes = (page) => page.evaluate(() => window.__notes.map((n) => ({ title: n.title, body: n.body })));
