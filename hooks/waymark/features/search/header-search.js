/* The search box in the header of every page. It loads nothing until someone opens it: then it
   brings in search.js, which wires every search box on the page (this one included). What is typed
   stays in the page, as on the search page. */
(function () {
  "use strict";
  var box = document.querySelector(".wm-header-search");
  if (!box) return;
  var root = box.getAttribute("data-root") || "";

  function start() {
    if (window.WaymarkSearch || document.querySelector('script[src$="assets/waymark/search.js"]')) return;
    var script = document.createElement("script");
    script.src = root + "assets/waymark/search.js";
    document.head.appendChild(script);
  }

  box.addEventListener("toggle", function () {
    if (!box.open) return;
    start();
    var input = box.querySelector("input");
    if (input) input.focus();
  });
})();
