/* Record pages keep the long "for workers" sections in closed <details> so a page prints short.
   Only the ones the reader opened print (the theme opens every <details> when printing, so what
   the reader did is kept in data-read). A link to a heading inside one (the contents list, a
   shared address) opens it first. */
(function () {
  "use strict";
  function mark(details, open) {
    if (open) details.setAttribute("data-read", ""); else details.removeAttribute("data-read");
  }
  Array.prototype.forEach.call(document.querySelectorAll("details.wm-long > summary"), function (summary) {
    /* A click (or Enter or Space) on the summary toggles it after this runs: record the new state. */
    summary.addEventListener("click", function () { mark(summary.parentElement, !summary.parentElement.open); });
  });
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    for (var node = target.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") {
        node.open = true;
        mark(node, true);
      }
    }
    target.scrollIntoView();
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
