/* Waymark postcode box: wires every [data-wm-postcode] on the page to WaymarkPostcode (postcode.js).
   A postcode found leads to its place's page (data-go, "areas/{id}/"), or sets a <select>
   (data-select) as the area filter; a postcode spanning places offers a choice of links; anything
   else says why, and offers the nations' pages (each with its 24-hour lines). What was typed stays
   in this page: it never goes into an address, storage or a request (only area letters do, as the
   shard's file name). Text only through textContent. */
(function () {
  "use strict";

  var boxes = document.querySelectorAll("[data-wm-postcode]");
  if (!boxes.length) return;
  var root = boxes[0].getAttribute("data-root") || "";
  var offline = window.WaymarkLoad.offline;
  var T = window.WaymarkT;
  /* [[id, name in the page's language], …] for England, Wales, Scotland, Northern Ireland: from the
     build (data/model.py JURISDICTIONS), never written here. */
  var NATIONS = JSON.parse(boxes[0].getAttribute("data-nations") || "[]");
  var MESSAGES = {
    invalid: T("That is not a UK postcode. Try the first half, like LS6, or choose your nation."),
    unknown: T("We could not find that postcode. Check it, try the first half, or choose your nation."),
    outside: T("Waymark covers the UK. For the Channel Islands or the Isle of Man, call 999 in an emergency, or choose a nation below."),
    "not-covered": T("This directory does not cover that place yet. Choose your nation for its 24-hour lines."),
    error: T("The postcode lookup could not load. Choose your nation below, or find your area in the list of places.")
  };

  var library = null;
  function lookupLibrary() {
    if (window.WaymarkPostcode) return Promise.resolve(window.WaymarkPostcode);
    if (!library) {
      library = window.WaymarkLoad.script(root + "assets/waymark/postcode.js").then(function () { return window.WaymarkPostcode; });
    }
    return library;
  }

  function pageHref(path) {
    return root + (offline && /\/$/.test(path) ? path + "index.html" : path);
  }

  function link(text, href) {
    var a = document.createElement("a");
    a.textContent = text;
    a.href = href;
    return a;
  }

  function wire(box) {
    var input = box.querySelector("input");
    var button = box.querySelector("button");
    var status = box.querySelector(".wm-postcode__status");
    var choices = box.querySelector(".wm-postcode__choices");
    var go = box.getAttribute("data-go") || "areas/{id}/";
    var select = box.getAttribute("data-select") ? document.getElementById(box.getAttribute("data-select")) : null;
    box.hidden = false;

    var places = {};
    function known(id) {
      return !!places[id];
    }

    function choose(place) {
      if (select) {
        select.value = place.id;
        select.dispatchEvent(new Event("change"));
        status.textContent = T("Showing services for {place}.", { place: place.name });
        choices.hidden = true;
        return;
      }
      window.location.assign(pageHref(go.replace("{id}", place.id)));
    }

    function offer(places, message) {
      choices.textContent = "";
      places.forEach(function (place) {
        var li = document.createElement("li");
        if (select) {
          var b = document.createElement("button");
          b.type = "button";
          b.className = "wm-postcode__choice";
          b.textContent = place.name;
          b.addEventListener("click", function () { choose(place); });
          li.appendChild(b);
        } else {
          li.appendChild(link(place.name, pageHref(go.replace("{id}", place.id))));
        }
        choices.appendChild(li);
      });
      choices.hidden = !places.length;
      status.textContent = message;
    }

    function nations(message) {
      offer([], message);
      NATIONS.forEach(function (nation) {
        var li = document.createElement("li");
        li.appendChild(link(nation[1], pageHref("areas/" + nation[0] + "/")));
        choices.appendChild(li);
      });
      choices.hidden = false;
    }

    function find() {
      var text = input.value;
      status.textContent = T("Looking…");
      lookupLibrary().then(function (P) {
        /* Only places this copy has a page for: a regional copy may list fewer than the UK. */
        return Promise.all([P.lookup(text, root, { dir: box.getAttribute("data-dir") || "postcode/" }), P.fetchData(root, "search/areas.json")]);
      }).then(function (parts) {
        var result = parts[0];
        parts[1].areas.forEach(function (area) { places[area.id] = true; });
        var found = (result.authorities || []).filter(function (a) { return known(a.id); });
        if (result.status === "found" && found.length === 1) {
          choose(found[0]);
        } else if ((result.status === "found" || result.status === "choice") && found.length) {
          offer(found, T("{postcode} covers more than one place. Choose yours:", { postcode: result.query }));

        } else if (result.status === "unknown" && result.district && result.district.length) {
          offer(result.district.filter(function (a) { return known(a.id); }), MESSAGES.unknown + " " + T("Places in {district}:", { district: result.query.split(" ")[0] }));
        } else {
          var why = result.status === "found" || result.status === "choice" ? "not-covered" : result.status;
          nations(MESSAGES[why] || MESSAGES.error);
        }

      }).then(null, function () {
        nations(MESSAGES.error);
      });
    }

    button.addEventListener("click", find);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        find();
      }
    });
  }

  Array.prototype.forEach.call(boxes, wire);
})();
