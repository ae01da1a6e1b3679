// Before the app loads: apply the remembered theme and language to <html>, so the first
// paint already has the right colours and lang. Without a choice the CSS follows the system.
(function () {
  try {
    var root = document.documentElement;
    var theme = localStorage.getItem("rentdesk.theme");
    if (theme === "light" || theme === "dark") root.setAttribute("data-theme", theme);
    var lang = localStorage.getItem("rentdesk.lang");
    if (lang !== "de" && lang !== "en" && lang !== "ru") {
      // As Lang::from_code: German, Russian (also for uk, be, kk), else English.
      var primary = (navigator.language || "en").toLowerCase().split(/[-_]/)[0];
      lang = primary === "de" ? "de" : /^(ru|uk|be|kk)$/.test(primary) ? "ru" : "en";
    }
    root.setAttribute("lang", lang);
  } catch (e) {
    /* storage blocked: the system theme and English stay */
  }
  // Flag emoji are two boxes where no font draws them (Windows, many Linux desktops): the
  // app shows a country-code badge unless a test flag comes out in colour.
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
    document.documentElement.setAttribute("data-flags", coloured ? "emoji" : "badge");
  } catch (e) {
    document.documentElement.setAttribute("data-flags", "badge");
  }
})();

