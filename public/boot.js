// Before the app loads: apply the remembered theme and language to <html>, so the first
// paint already has the right colours and lang. Without a choice the CSS follows the system.
(function () {
  var root = document.documentElement;
  try {
    var theme = localStorage.getItem("rentdesk.theme");
    if (theme === "light" || theme === "dark") root.setAttribute("data-theme", theme);
    var lang = localStorage.getItem("rentdesk.lang");
    if (lang !== "de" && lang !== "en" && lang !== "ru") {
      // As Lang::from_code: German, Russian (also for uk, be, kk), else English.
      var primary = (navigator.language || "en").toLowerCase().split(/[-_]/)[0];
      lang = primary === "de" ? "de" : /^(ru|uk|be|kk)$/.test(primary) ? "ru" : "en";
    }
    root.setAttribute("lang", lang);
    var description = document.querySelector('meta[name="description"]');
    if (description && description.getAttribute("data-" + lang)) description.setAttribute("content", description.getAttribute("data-" + lang));
  } catch (e) {
    /* storage blocked: the system theme and English stay */
  }
  // German and Russian texts are a file of their own (src/i18n/files.rs), named by the
  // build in a <meta>: asked for now, beside the wasm, which waits for it before it mounts.
  var said = root.getAttribute("lang");
  var textsMeta = document.querySelector('meta[name="rentdesk-texts-' + said + '"]');
  if (textsMeta && window.fetch) {
    var textsResponse = fetch(textsMeta.getAttribute("content"));
    textsResponse.catch(function () {}); // unanswered: the app asks again
    window.rentdeskTexts = { lang: said, response: textsResponse };
  }
  // Flag emoji are two boxes where no font draws them (Windows, many Linux desktops): the
  // app shows a country-code badge unless a test flag comes out in colour. The test costs
  // a font lookup (up to tens of ms on a slow phone), so its answer is kept for this
  // browser (its user agent names the version, whose fonts may differ).
  var flags = null;
  try {
    var kept = (localStorage.getItem("rentdesk.flags") || "").split("|");
    if (kept[1] === navigator.userAgent && (kept[0] === "emoji" || kept[0] === "badge")) flags = kept[0];
  } catch (e) {
    /* storage blocked: tested below */
  }
  if (!flags) {
    try {
      var canvas = document.createElement("canvas");
      canvas.width = canvas.height = 20;
      var pen = canvas.getContext("2d", { willReadFrequently: true });
      pen.textBaseline = "top";
      pen.font = "16px sans-serif";
      pen.fillText("\uD83C\uDDFA\uD83C\uDDF8", 0, 0);
      var px = pen.getImageData(0, 0, 20, 20).data;
      var coloured = false;
      for (var i = 0; i < px.length && !coloured; i += 4) {
        coloured = px[i + 3] > 0 && (px[i] !== px[i + 1] || px[i + 1] !== px[i + 2]);
      }
      flags = coloured ? "emoji" : "badge";
      try {
        localStorage.setItem("rentdesk.flags", flags + "|" + navigator.userAgent);
      } catch (e) {
        /* not kept: tested again next time */
      }
    } catch (e) {
      flags = "badge";
    }
  }
  root.setAttribute("data-flags", flags);

  // Where the app lives ("/" or a sub-path like "/rentdesk/"); the static shell marks the
  // section it is on by the first path segment after it.
  var meta = document.querySelector('meta[name="rentdesk-base"]');
  var base = (meta && meta.getAttribute("content")) || "/";
  var path = location.pathname;
  var rest = path.indexOf(base) === 0 ? path.slice(base.length) : path.replace(/^\//, "");
  root.setAttribute("data-route", rest.split("/")[0]);

  // The rent page's first reads go out now, beside the wasm, instead of after it: the list
  // the app left at its last start (src/api/early.rs), else the countries. Catalogue reads
  // only (no key, no charge); the app takes each answer once, within 30 s. Without a saved
  // key the page asks for one and reads nothing.
  if (rest.split("/")[0] === "" && window.fetch && window.AbortController && window.Map) {
    try {
      if (!localStorage.getItem("rentdesk.key")) throw "no key";
      var reads = JSON.parse(localStorage.getItem("rentdesk.early") || "null");
      var remembered = Array.isArray(reads);
      var api = location.origin + base + "api/rent.php";
      if (!remembered) reads = [api + "?method=getcountries"];
      var early = { at: performance.now(), reads: new Map() };
      var send = function (url) {
        if (typeof url !== "string" || !/\/api\/rent\.php\?method=(getcountries|getdata|getdataWithProviders)(&|$)/.test(url)) return;
        var controller = new AbortController();
        var response = fetch(url, { signal: controller.signal });
        response.catch(function () {}); // unanswered: the app asks again
        early.reads.set(url, { response: response, controller: controller });
        return response;
      };
      var countries = reads.map(send)[0];
      // A first start with no choice in the address or storage: the app will show the
      // first country the API lists, for a week, numbers that are always on. Its reads
      // follow the countries here instead of after the wasm, in the app's own format
      // (src/api/current.rs; a browser test counts one request of each). A country the
      // app would not pick only costs one read the app does not take.
      var query = new URLSearchParams(location.search);
      var chosen = ["type", "country", "period"].some(function (k) {
        return query.has(k) || localStorage.getItem("rentdesk.rent." + k) !== null;
      });
      if (!remembered && !chosen && countries) {
        countries
          .then(function (r) {
            return r.clone().json();
          })
          .then(function (answer) {
            var data = answer && answer.data;
            var list = Array.isArray(data) ? data : data && data.countries;
            var code = list && list[0] && String(list[0].code).toUpperCase();
            if (!/^[A-Z]{2}$/.test(code)) return;
            var choice = "&country=" + code + "&dtype=week&dcount=1";
            send(api + "?method=getdata" + choice + "&extend=1&rent_type=always");
            send(api + "?method=getdataWithProviders" + choice + "&rent_type=always");
          })
          .catch(function () {});
      }
      window.rentdeskEarly = early;
    } catch (e) {
      /* storage blocked or junk: the app sends its reads itself */
    }
  }

  // The app's release wasm aborts on a bug without unwinding (scripts/build-app.sh): a
  // trap, with no message of its own. Then the page says so and offers a reload, instead
  // of standing still; the data is on the API's side and in storage, nothing is lost.
  var stopped = function (error) {
    // By name too: an error from another realm (an extension, a test driver) fails instanceof.
    var trap = window.WebAssembly && error && (error instanceof WebAssembly.RuntimeError || error.name === "RuntimeError");
    if (!trap) return;
    if (document.getElementById("app-stopped")) return;
    var texts = {
      en: ["rentdesk stopped because of an error. Your rentals and settings are safe.", "Reload"],
      de: ["rentdesk wurde wegen eines Fehlers angehalten. Ihre Mieten und Einstellungen sind sicher.", "Neu laden"],
      ru: ["rentdesk остановлен из-за ошибки. Ваши аренды и настройки в сохранности.", "Перезагрузить"],
    }[root.getAttribute("lang")] || ["rentdesk stopped because of an error. Your rentals and settings are safe.", "Reload"];
    var box = document.createElement("div");
    box.id = "app-stopped";
    box.setAttribute("role", "alert");
    var text = document.createElement("p");
    text.textContent = texts[0];
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = texts[1];
    button.onclick = function () {
      location.reload();
    };
    box.appendChild(text);
    box.appendChild(button);
    document.body.appendChild(box);
  };
  addEventListener("error", function (event) {
    stopped(event.error);
  });
  addEventListener("unhandledrejection", function (event) {
    stopped(event.reason);
  });

  // The service worker keeps this build for repeat and offline visits. A new build
  // installs beside the open page and takes over (the page keeps the build it loaded);
  // the page is told, and the next visit opens the new build.
  if (!("serviceWorker" in navigator)) return;
  var loadedByWorker = !!navigator.serviceWorker.controller;
  navigator.serviceWorker.onmessage = function (event) {
    // The first install brings nothing new to a page loaded from the network.
    if (!loadedByWorker || !event.data || event.data.rentdesk !== "activated") return;
    root.setAttribute("data-update", "ready");
    dispatchEvent(new Event("rentdesk-update"));
  };
  // Registered by the app once its first page is ready (src/browser/quiet.rs), so the
  // worker's copy of the build does not compete with that page on a slow link. Resolves
  // when a worker is active, or at once without one.
  window.rentdeskWorker = function () {
    return navigator.serviceWorker
      .register(base + "sw.js", { scope: base })
      .then(function (registration) {
        // Looks for a new build now rather than when the browser gets round to it.
        if (loadedByWorker) registration.update().catch(function () {});
        return navigator.serviceWorker.ready;
      })
      .then(function (registration) {
        // Active is not yet in charge of this page (clients.claim() follows): until it is,
        // the page's fetches would pass it by and go to the network again.
        if (navigator.serviceWorker.controller) return registration;
        return new Promise(function (resolve) {
          navigator.serviceWorker.addEventListener("controllerchange", function () {
            resolve(registration);
          });
          setTimeout(function () {
            resolve(registration);
          }, 3000);
        });
      })
      .catch(function () {
        /* no worker (private mode, insecure origin, offline): the app works as before */
      });
  };
})();

