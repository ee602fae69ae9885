// As-you-type title suggestions for search boxes marked data-kb-suggest. The forms work
// without this script; it only adds a list of links under the box.
(function () {
  "use strict";
  var endpoint = "/zoeken/suggesties/";
  document.querySelectorAll("input[data-kb-suggest]").forEach(function (input, n) {
    var list = document.createElement("ul");
    list.className = "search-suggestions";
    list.id = "search-suggestions-" + n;
    list.hidden = true;
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-autocomplete", "list");
    input.parentNode.appendChild(list);
    var timer = null;
    var last = "";
    function clear() { list.hidden = true; list.textContent = ""; }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { clear(); return; }
      timer = setTimeout(function () {
        last = q;
        fetch(endpoint + "?q=" + encodeURIComponent(q), { headers: { "Accept": "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (data) {
            if (q !== last) { return; }
            list.textContent = "";
            (data.suggestions || []).forEach(function (item) {
              var li = document.createElement("li");
              var a = document.createElement("a");
              a.href = item.url;
              a.textContent = item.title;
              li.appendChild(a);
              list.appendChild(li);
            });
            list.hidden = list.children.length === 0;
          })
          .catch(clear);
      }, 150);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { clear(); }
      if (e.key === "ArrowDown" && !list.hidden) { e.preventDefault(); list.querySelector("a").focus(); }
    });
    list.addEventListener("keydown", function (e) {
      var items = Array.prototype.slice.call(list.querySelectorAll("a"));
      var i = items.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && i < items.length - 1) { e.preventDefault(); items[i + 1].focus(); }
      if (e.key === "ArrowUp") { e.preventDefault(); if (i > 0) { items[i - 1].focus(); } else { input.focus(); } }
      if (e.key === "Escape") { clear(); input.focus(); }
    });
    document.addEventListener("click", function (e) {
      if (!list.contains(e.target) && e.target !== input) { clear(); }
    });
  });
})();
