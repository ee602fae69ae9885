// Small enhancements; every page works without them.
(function () {
  "use strict";

  // A cached page may be a day old: show the reader's own date in "Geraadpleegd op".
  var formatter = new Intl.DateTimeFormat(document.documentElement.lang || "nl", {
    day: "numeric", month: "long", year: "numeric"
  });
  var now = new Date();
  var iso = now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" +
    String(now.getDate()).padStart(2, "0");
  document.querySelectorAll("time[data-kb-today]").forEach(function (node) {
    node.textContent = formatter.format(now);
    node.setAttribute("datetime", iso);
  });

  // Copy buttons are hidden until there is a clipboard to copy to.
  if (navigator.clipboard) {
    document.querySelectorAll("[data-kb-copy]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-kb-copy"));
      var status = button.parentNode.querySelector("[data-kb-copied]");
      if (!source) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(source.textContent.replace(/\s+/g, " ").trim()).then(function () {
          if (status) { status.hidden = false; }
        });
      });
    });
  }
})();
