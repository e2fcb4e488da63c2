/* Waymark "Exit this page": leave at once by the button or by pressing Shift three times.
   Without JavaScript the button is still a plain link to the neutral site. */
(function () {
  "use strict";
  /* Interface strings (load.js); the exit must work even if that script did not load. */
  var T = window.WaymarkT || function (text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) { return values && key in values ? values[key] : all; });
  };
  var PRESSES = 3;
  var WINDOW_MS = 5000; // each Shift must come within 5 seconds of the one before
  var presses = 0;
  var timer = null;
  var savedTitle = document.title;

  function button() {
    return document.querySelector(".wm-exit__button");
  }

  function announce(text) {
    var status = document.querySelector(".wm-exit__status");
    if (status) status.textContent = text;
    var dots = document.querySelectorAll(".wm-exit__dot");
    for (var i = 0; i < dots.length; i++) dots[i].classList.toggle("wm-exit__dot--on", i < presses);
    var box = document.querySelector(".wm-exit");
    if (box) box.classList.toggle("wm-exit--counting", presses > 0);
  }

  function reset() {
    presses = 0;
    if (timer) clearTimeout(timer);
    timer = null;
    announce("");
  }

  /* Every Waymark tab leaves together (the referral sheet opens in a tab of its own): a message to
     the others on this site, nothing stored. Not every browser has BroadcastChannel (nor file://). */
  var others = null;
  try {
    others = new BroadcastChannel("waymark-exit");
    others.onmessage = function (message) { if (message.data === "exit") leave(null, true); };
  } catch (e) { others = null; }

  function leave(event, told) {
    var link = button();
    if (!link) return;
    if (event) event.preventDefault();
    if (others && !told) {
      try { others.postMessage("exit"); } catch (e) { /* the other tabs are left as they are */ }
    }
    // Hide everything and blank the tab title before anything else happens.
    document.documentElement.classList.add("wm-exiting");
    savedTitle = document.title || savedTitle;
    document.title = "\u00a0";
    reset();
    // replace(): this page is not kept as the step before the neutral site.
    window.location.replace(link.href);
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest(".wm-exit__button") : null;
    if (target && event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey) {
      leave(event);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") {
      if (presses) reset(); // Shift with another key, or any other key, starts again
      return;
    }
    if (event.repeat) return;
    presses += 1;
    if (timer) clearTimeout(timer);
    if (presses >= PRESSES) {
      leave(null);
      return;
    }
    timer = setTimeout(reset, WINDOW_MS);
    var left = PRESSES - presses;
    announce(presses === 1
      ? T("Shift pressed 1 time. Press Shift {left} more times to leave this page.", { left: left })
      : T("Shift pressed {count} times. Press Shift 1 more time to leave this page.", { count: presses }));
  }, true);

  // Back from the neutral site: the browser may show this page from its cache, still hidden.
  window.addEventListener("pageshow", function () {
    document.documentElement.classList.remove("wm-exiting");
    if (document.title === "\u00a0") document.title = savedTitle;
    reset();
  });
})();
