// Before the app loads: apply the remembered theme and language to <html>, so the first
// paint already has the right colours and lang. Without a choice the CSS follows the system.
(function () {
  try {
    var root = document.documentElement;
    var theme = localStorage.getItem("rentdesk.theme");
    if (theme === "light" || theme === "dark") root.setAttribute("data-theme", theme);
    var lang = localStorage.getItem("rentdesk.lang");
    if (lang !== "de" && lang !== "en") {
      lang = (navigator.language || "en").toLowerCase().indexOf("de") === 0 ? "de" : "en";
    }
    root.setAttribute("lang", lang);
  } catch (e) {
    /* storage blocked: the system theme and English stay */
  }
})();
