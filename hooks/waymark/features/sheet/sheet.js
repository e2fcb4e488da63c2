/* The referral sheet. A worker picks services and options; the sheet shows what to print or copy.

   Nothing picked leaves this page: no storage, no cookie, no query string. The data is loaded when
   the page opens (features/sheet/sheet.py writes it, with the keys it documents), so picking makes
   no request at all. "Add to referral sheet" on a record page opens this page as #add=<id>; the
   id is read, added, and taken out of the address at once (history.replaceState). */
(function () {
  "use strict";

  var box = document.querySelector("[data-wm-sheet]");
  if (!box) return;
  var root = box.getAttribute("data-root") || "";
  var $ = function (selector) { return box.querySelector(selector); };
  var T = window.WaymarkT;
  var tools = $(".wm-sheet__tools");
  var input = $("#wm-sheet-q");
  var listbox = $("#wm-sheet-options");
  var status = $(".wm-sheet__status");
  var paper = $(".wm-sheet__paper");
  var list = $(".wm-sheet__list");
  var printed = $(".wm-sheet__printed");
  var printButton = $("[data-wm-sheet-print]");
  var copyButton = $("[data-wm-sheet-copy]");
  var copyLabel = $(".wm-sheet__copy-label");
  var copyText = $("#wm-sheet-text");
  var more = $(".wm-sheet__more");
  var place = $("#wm-sheet-place");

  var entries = Object.create(null);  /* id -> entry, everything the picker can offer (no inherited names) */
  var chosen = [];       /* ids, in the order picked */
  var matches = [];      /* entries shown in the list box */
  var active = -1;       /* index in matches of the highlighted option */

  /* ---------- data ---------- */
  function fetchJSON(path) {
    return window.WaymarkLoad.json(root, path);
  }

  var loadedShards = Object.create(null);
  function loadShard(name) {
    if (!name || loadedShards[name]) return Promise.resolve();
    loadedShards[name] = true;
    return fetchJSON("sheet/services-" + name + ".json").then(function (services) {
      services.forEach(function (entry) { entries[entry.id] = entry; });
    });
  }

  /* ---------- matching: every word typed starts a word of the name or its other names ---------- */
  function fold(text) {
    return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, " ");
  }

  function startsAWord(hay, word) {
    return (" " + hay).indexOf(" " + word) >= 0;
  }

  function find(query) {
    var words = fold(query).split(" ").filter(Boolean);
    if (!words.length) return [];
    var found = [];
    Object.keys(entries).forEach(function (id) {
      var entry = entries[id];
      if (chosen.indexOf(id) >= 0) return;
      var name = fold(entry.t), other = fold(entry.x + " " + entry.k + " " + (entry.w || ""));
      if (!words.every(function (w) { return startsAWord(name, w) || startsAWord(other, w); })) return;
      var score = words.every(function (w) { return startsAWord(name, w); }) ? 2 : 1;
      if (name.indexOf(words.join(" ")) === 0) score = 3;
      found.push({ entry: entry, score: score });
    });
    found.sort(function (a, b) { return b.score - a.score || a.entry.t.localeCompare(b.entry.t); });
    return found.slice(0, 10).map(function (f) { return f.entry; });
  }

  /* ---------- the list box (ARIA combobox pattern) ---------- */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function showMatches() {
    matches = find(input.value);
    active = -1;
    listbox.textContent = "";
    matches.forEach(function (entry, i) {
      var option = el("li", "", "");
      option.id = "wm-sheet-opt-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.appendChild(document.createTextNode(entry.t));
      option.appendChild(el("span", "wm-combo__kind", entry.ph ? entry.x : entry.k));
      option.addEventListener("mousedown", function (event) { event.preventDefault(); });
      option.addEventListener("click", function () { add(entry.id); });
      listbox.appendChild(option);
    });
    var open = matches.length > 0;
    listbox.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    input.removeAttribute("aria-activedescendant");
    if (input.value.trim()) {
      status.textContent = open
        ? (matches.length === 1 ? T("1 match. Use the arrow keys, then Enter.") : T("{count} matches. Use the arrow keys, then Enter.", { count: matches.length }))
        : T("Nothing matches. Try another part of the name.");
    } else {
      status.textContent = "";
    }
  }

  function highlight(index) {
    if (!matches.length) return;
    active = (index + matches.length) % matches.length;
    Array.prototype.forEach.call(listbox.children, function (option, i) {
      option.setAttribute("aria-selected", i === active ? "true" : "false");
    });
    var option = listbox.children[active];
    input.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  }

  function close() {
    matches = [];
    active = -1;
    listbox.hidden = true;
    listbox.textContent = "";
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  input.addEventListener("input", showMatches);
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (listbox.hidden) showMatches();
      /* From no option: Down goes to the first, Up to the last. */
      highlight(event.key === "ArrowDown" ? active + 1 : (active < 0 ? matches.length : active) - 1);
    } else if (event.key === "Enter") {
      if (!listbox.hidden && matches.length) {
        event.preventDefault();
        add(matches[active >= 0 ? active : 0].id);
      }
    } else if (event.key === "Escape") {
      if (!listbox.hidden) close(); else input.value = "";
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });

  /* ---------- what the sheet says about an entry: one list of lines, for the page and the text ---------- */
  function pageAddress(entry) {
    return new URL(root + entry.u, window.location.href).href;
  }

  function lines(entry) {
    var out = [];
    if (entry.ph) {
      entry.ph.forEach(function (p) {
        var extra = [p[1], p[2], p[3] ? T("free") : ""].filter(Boolean).join(", ");
        out.push([T("Phone"), p[0] + (extra ? " (" + extra + ")" : ""), p[4]]);
      });
      entry.tx.forEach(function (t) {
        var extra = [t[1], t[2]].filter(Boolean).join(", ");
        out.push([T("Text"), t[0] + (extra ? " (" + extra + ")" : ""), t[3]]);
      });
      var hours = [entry.hr, entry.h ? T("open 24 hours") : ""].filter(Boolean).join("; ");
      if (hours) out.push([T("Hours"), hours]);
      var ref = entry.ref;
      out.push([T("Referral"), [
        ref[0] ? T("Self-referral: yes.") : T("Self-referral: no."),
        ref[1] ? T("Professional referral: yes.") : T("Professional referral: no."),
        ref[2]
      ].filter(Boolean).join(" ")]);
      if (ref[3]) out.push([T("Referral form"), ref[3], ref[3]]);
      var el_ = entry.el;
      var nrpf = el_[2] === true ? T("Supports people with no recourse to public funds (NRPF).")
        : el_[2] === false ? T("Cannot support people with no recourse to public funds (NRPF).")
        : T("NRPF: not stated.");
      var age = el_[1] ? T("Age {ages}.", { ages: el_[1] }) : "";
      out.push([T("Who it is for"), [el_[0].length ? el_[0].join(", ") + "." : "", age, nrpf].filter(Boolean).join(" ")]);
      if (entry.ck) out.push([T("Details last checked"), entry.ck]);
    } else {
      if (entry.st) out.push([T("Status"), entry.st]);
      if (entry.tl) out.push([T("Time limit"), entry.tl]);
      if (entry.ws) out.push([T("Where to start"), entry.ws]);
      if (entry.ck) out.push([T("Last checked"), entry.ck]);
    }
    out.push([T("Web page"), pageAddress(entry), pageAddress(entry)]);
    return out;
  }

  function kindLine(entry) {
    return entry.ph ? entry.x : entry.k + " · " + entry.j;
  }

  function groups() {
    var services = chosen.filter(function (id) { return entries[id].ph; });
    var options = chosen.filter(function (id) { return !entries[id].ph; });
    return [[T("Services"), services], [T("Options"), options]].filter(function (g) { return g[1].length; });
  }

  var dateFormat = new Intl.DateTimeFormat((document.documentElement.lang || "en") + "-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
  function printedLine() {
    return T("Made on {date} from {site}", { date: dateFormat.format(new Date()), site: new URL(root, window.location.href).href });
  }

  /* ---------- the sheet on the page ---------- */
  function render() {
    list.textContent = "";
    groups().forEach(function (group) {
      list.appendChild(el("h3", "wm-sheet__group", group[0]));
      group[1].forEach(function (id) {
        var entry = entries[id];
        var item = el("article", "wm-sheet__item", "");
        item.appendChild(el("h4", "", entry.t));
        item.appendChild(el("p", "wm-sheet__kind", kindLine(entry)));
        if (entry.s) item.appendChild(el("p", "", entry.s));
        var dl = el("dl", "", "");
        lines(entry).forEach(function (line) {
          dl.appendChild(el("dt", "", line[0]));
          var dd = el("dd", "", "");
          if (line[2]) {
            var a = el("a", "", line[1]);
            a.href = line[2];
            dd.appendChild(a);
          } else {
            dd.textContent = line[1];
          }
          dl.appendChild(dd);
        });
        item.appendChild(dl);
        var remove = el("button", "wm-sheet__remove", T("Remove"));
        remove.type = "button";
        remove.setAttribute("aria-label", T("Remove {name} from the sheet", { name: entry.t }));
        remove.addEventListener("click", function () { drop(id); });
        item.appendChild(remove);
        list.appendChild(item);
      });
    });
    printed.textContent = printedLine();
    paper.hidden = chosen.length === 0;
    printButton.disabled = copyButton.disabled = chosen.length === 0;
    copyText.hidden = copyLabel.hidden = true;
  }

  function add(id) {
    var entry = entries[id];
    if (!entry) return;
    if (chosen.indexOf(id) < 0) chosen.push(id);
    render();
    input.value = "";
    close();
    status.textContent = T("Added {name}.", { name: entry.t }) + " " + count();
  }

  function count() {
    return chosen.length === 1 ? T("The sheet has 1 item.") : T("The sheet has {count} items.", { count: chosen.length });
  }

  function drop(id) {
    var at = chosen.indexOf(id);
    if (at < 0) return;
    var name = entries[id].t;
    chosen.splice(at, 1);
    render();
    status.textContent = T("Removed {name}.", { name: name }) + " " + count();
    var buttons = list.querySelectorAll(".wm-sheet__remove");
    (buttons[Math.min(at, buttons.length - 1)] || input).focus();
  }

  /* ---------- the sheet as text ---------- */
  function asText() {
    var out = [T("Referral sheet"), printedLine(), ""];
    groups().forEach(function (group) {
      out.push(group[0].toUpperCase());
      group[1].forEach(function (id, i) {
        var entry = entries[id];
        out.push((i + 1) + ". " + entry.t + " (" + kindLine(entry) + ")");
        if (entry.s) out.push("   " + entry.s);
        lines(entry).forEach(function (line) { out.push("   " + line[0] + ": " + line[1]); });
      });
      out.push("");
    });
    out.push(T("Phone numbers and opening hours change. Check each page before you rely on it."));
    return out.join("\n");
  }

  printButton.addEventListener("click", function () { window.print(); });
  copyButton.addEventListener("click", function () {
    var text = asText();
    var shown = function () {
      copyText.value = text;
      copyText.hidden = copyLabel.hidden = false;
      copyText.focus();
      copyText.select();
      status.textContent = T("Your browser did not let the page copy. The text is in the box below: select it and copy it.");
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () {
        status.textContent = T("Copied. Paste it into your notes, an email or a message.");
      }, shown);
    } else {
      shown();
    }
  });

  /* ---------- arriving from "Add to referral sheet" ---------- */
  /* The #add= part is read and taken out of the address at once, before anything loads: what a
     person picked never stays in the address or the history while the sheet's data arrives. */
  function takeArrival() {
    var match = /^#add=([a-z0-9-]{1,80})(?:&in=([a-z0-9-]{1,80}))?$/.exec(window.location.hash);
    if (!match) return null;
    history.replaceState(null, "", window.location.pathname);
    return { id: match[1], shard: match[2] };
  }

  function arrive(arrival) {
    if (!arrival) return;
    var id = arrival.id;
    /* In a large directory the service may be in a shard not loaded yet: load it, then add it,
       or say why it could not be added (never silently nothing). */
    (entries[id] || !arrival.shard ? Promise.resolve() : loadShard(arrival.shard)).then(function () {
      if (entries[id]) add(id);
      else status.textContent = T("That could not be added: it is not in this directory's data. Search for it above.");
    }, function () {
      status.textContent = T("That could not be added: its data did not load. Search for it above.");
    });
  }
  var arrival = takeArrival();
  var ready = false;
  window.addEventListener("hashchange", function () {
    var next = takeArrival();
    if (ready) arrive(next);
    else arrival = next || arrival;
  });

  /* ---------- start: load everything the picker offers, then show it ---------- */
  status.textContent = T("Loading…");
  fetchJSON("sheet/options.json")
    .then(function (data) {
      data.options.forEach(function (entry) { entries[entry.id] = entry; });
      var names = data.loadAll ? data.shards : [data.wideShard, box.getAttribute("data-start-shard")];
      if (!data.loadAll && more) {
        more.hidden = false;
        place.addEventListener("change", function () {
          var label = place.options[place.selectedIndex].textContent;
          status.textContent = T("Loading…");
          loadShard(place.value).then(function () {
            status.textContent = place.value ? T("Services in {place} can now be added.", { place: label }) : "";
          });
        });
      }
      return Promise.all(names.map(loadShard));
    })
    .then(function () {
      tools.hidden = false;
      status.textContent = "";
      render();
      ready = true;
      arrive(arrival);
      arrival = null;
    })
    .catch(function () {
      status.textContent = T("The sheet could not load. Print a service or order page instead: each prints on one page.");
      tools.hidden = false;
    });
})();
