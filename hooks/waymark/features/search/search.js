/* Waymark search and filters. Nothing is fetched until someone types or picks a filter; then only
   the files that query or area needs. Words typed stay in this page: never in the address, never in
   storage, never sent anywhere (the files fetched are the same for every query).

   The contract is written by Python (features/search/index.py) into the files themselves: which
   index field reads which key and with what weight (core.json "fields"), which shard holds an
   area's services and what surrounds it (areas.json). Cards are clones of the page's
   #wm-card-template, the markup the server uses for its own cards (features/cards/_card.html). */
(function () {
  "use strict";

  var searchBox = document.querySelector("[data-wm-search]");
  var filterBox = document.querySelector("[data-wm-filters]");
  if (!searchBox && !filterBox) return;
  var root = (searchBox || filterBox).getAttribute("data-root") || "";
  var cache = {};

  /* A copy opened from a folder (file://) cannot fetch(): the offline copy (`make offline`) ships
     each data file also as a script that hands its data to window.WaymarkData. */
  var offline = window.location.protocol === "file:";

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function fetchJSON(path) {
    if (!cache[path]) {
      cache[path] = offline
        ? loadScript(root + path.replace(/\.json$/, ".js")).then(function () { return window.WaymarkData[path]; })
        : fetch(root + path, { credentials: "same-origin" }).then(function (response) {
            if (!response.ok) throw new Error(path + ": " + response.status);
            return response.json();
          });
    }
    return cache[path];
  }

  /* Pages live in folders (orders/x/); a folder copy needs the file name spelled out. */
  function pageHref(url) {
    return offline && /\/$/.test(url) ? url + "index.html" : url;
  }

  function loadLunr() {
    if (window.lunr) return Promise.resolve(window.lunr);
    if (!cache.lunr) {
      cache.lunr = loadScript(root + "assets/waymark/lunr-2.3.9.min.js").then(function () { return window.lunr; });
    }
    return cache.lunr;
  }

  function areaTree() {
    return fetchJSON("search/areas.json").then(function (data) {
      if (!data.byId) {
        data.byId = {};
        data.areas.forEach(function (area) { data.byId[area.id] = area; });
      }
      return data;
    });
  }

  function shardDocs(name) {
    return fetchJSON("search/services-" + name + ".json").then(function (data) { return data.docs; });
  }

  /* ---------- cards, from the page's template ---------- */
  var template = document.getElementById("wm-card-template");

  function telHref(number, scheme) {
    return scheme + number.replace(/[^0-9+]/g, "");
  }

  function fill(card, slot, text, href) {
    var node = card.querySelector('[data-slot="' + slot + '"]');
    if (!node) return;
    node.textContent = text;
    if (href) node.setAttribute("href", href);
  }

  function drop(card, slot) {
    var node = card.querySelector('[data-slot="' + slot + '"]');
    if (node && node.parentNode) node.parentNode.removeChild(node);
  }

  function serviceCard(doc) {
    var card = template.content.firstElementChild.cloneNode(true);
    fill(card, "t", doc.t, root + pageHref(doc.u));
    fill(card, "o", doc.o);
    fill(card, "s", doc.s);
    if (doc.p) fill(card, "p", doc.p, telHref(doc.p, "tel:")); else drop(card, "p-line");
    if (doc.pl) fill(card, "pl", "(" + doc.pl + ")"); else drop(card, "pl");
    if (doc.tx) fill(card, "tx", doc.tx, telHref(doc.tx, "sms:")); else drop(card, "tx-line");
    if (!doc.h) drop(card, "h");
    if (!doc.p && !doc.tx) drop(card, "phones");
    return card;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function recordItem(doc) {
    var li = el("li", "wm-result");
    li.appendChild(el("span", "wm-result__kind", doc.k));
    var a = el("a", "wm-result__title", doc.t);
    a.href = root + pageHref(doc.u);
    li.appendChild(a);
    li.appendChild(el("p", "wm-result__summary", doc.s));
    return li;
  }

  /* Does a service cover the chosen area? Services listed for the area, for a place inside it, or
     for a place around it (a region or nation covering a town) all do. */
  function covers(doc, areaId, tree) {
    if (!areaId) return true;
    var chosen = tree.byId[areaId];
    var around = chosen ? chosen.up : [];
    return doc.a.some(function (a) {
      if (a === areaId || around.indexOf(a) >= 0) return true;
      var inner = tree.byId[a];
      return !!inner && inner.up.indexOf(areaId) >= 0;
    });
  }

  /* ---------- Search page ---------- */
  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function mentions(text, words) {
    return new RegExp("(^|[^a-z0-9])" + escapeRegExp(words) + "($|[^a-z0-9])").test(text);
  }

  /* Add the words the records use for what the person typed (data/synonyms.yaml). */
  function expand(query, synonyms) {
    var lower = " " + query.toLowerCase() + " ";
    var extra = [];
    synonyms.forEach(function (entry) {
      entry.words.forEach(function (word) {
        if (mentions(lower, word) && extra.indexOf(entry.means) < 0) extra.push(entry.means);
      });
    });
    return { text: query, extra: extra.join(" ") };
  }

  /* One lunr index over the core documents and every loaded shard, so every score comes from one
     corpus and results of all kinds can be ranked together. Rebuilt only when a shard is added. */
  var combined = { key: "", idx: null, docs: [] };

  function combinedIndex(lunr, core, shards) {
    var key = shards.map(function (s) { return s.name; }).sort().join(",");
    if (combined.key === key && combined.idx) return combined;
    var docs = core.docs.map(function (doc) { return { doc: doc, service: false }; });
    var seen = {};
    shards.forEach(function (s) {
      s.docs.forEach(function (doc) {
        if (seen[doc.u]) return;
        seen[doc.u] = true;
        docs.push({ doc: doc, service: true });
      });
    });
    var builder = new lunr.Builder();
    builder.pipeline.add(lunr.trimmer, lunr.stopWordFilter);
    builder.ref("i");
    core.fields.forEach(function (field) { builder.field(field.name, { boost: field.boost }); });
    docs.forEach(function (entry, i) {
      var indexed = { i: String(i) };
      core.fields.forEach(function (field) {
        indexed[field.name] = entry.doc[entry.service ? field.service : field.core] || "";
      });
      builder.add(indexed);
    });
    combined = { key: key, idx: builder.build(), docs: docs };
    return combined;
  }

  /* Exact words count most, then words that start the same, then words one typo away. */
  function run(idx, lunr, expanded) {
    return idx.query(function (q) {
      function add(text) {
        lunr.tokenizer(text).forEach(function (token) {
          var raw = token.toString().replace(/^\W+|\W+$/g, "");
          if (!raw || lunr.stopWordFilter(token) === undefined) return;
          q.term(raw, { boost: 10, usePipeline: false });
          if (raw.length > 2) q.term(raw, { boost: 4, usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
          if (raw.length > 3) q.term(raw, { boost: 1, usePipeline: false, editDistance: 1 });
        });
      }
      add(expanded.text);
      if (expanded.extra) add(expanded.extra);
    });
  }

  if (searchBox) {
    var input = searchBox.querySelector("#wm-q");
    var where = searchBox.querySelector("#wm-where");
    var status = searchBox.querySelector("#wm-status");
    var list = searchBox.querySelector("#wm-results");
    searchBox.querySelector(".wm-search__controls").hidden = false;
    var timer = null;
    var latest = 0;

    var shardNames = function (core, tree, query) {
      if (core.loadAll) return Object.keys(core.shards);
      var names = { national: true };
      var lower = " " + query.toLowerCase() + " ";
      tree.areas.forEach(function (area) {
        if (mentions(lower, area.name.toLowerCase())) names[area.shard] = true;
      });
      if (where.value && tree.byId[where.value]) names[tree.byId[where.value].shard] = true;
      return Object.keys(names);
    };

    var search = function () {
      var query = input.value.trim();
      var ticket = ++latest;
      if (!query) {
        list.textContent = "";
        status.textContent = "";
        return;
      }
      status.textContent = "Searching…";
      Promise.all([loadLunr(), fetchJSON("search/core.json"), areaTree()])
        .then(function (parts) {
          var lunr = parts[0], core = parts[1], tree = parts[2];
          var names = shardNames(core, tree, query);
          return Promise.all(names.map(shardDocs)).then(function (docLists) {
            if (ticket !== latest) return;
            var shards = names.map(function (name, i) { return { name: name, docs: docLists[i] }; });
            var index = combinedIndex(lunr, core, shards);
            var hits = [];
            run(index.idx, lunr, expand(query, core.synonyms)).forEach(function (result) {
              var entry = index.docs[+result.ref];
              if (where.value && !entry.service) return;
              if (entry.service && !covers(entry.doc, where.value, tree)) return;
              hits.push(entry);
            });
            hits = hits.slice(0, 30);
            list.textContent = "";
            hits.forEach(function (entry) {
              list.appendChild(entry.service ? serviceCard(entry.doc) : recordItem(entry.doc));
            });
            status.textContent = hits.length
              ? hits.length + (hits.length === 1 ? " result" : " results")
              : "No results. Try another word, or browse services by area or by type.";
          });
        })
        .catch(function () {
          status.textContent = "Search could not load. Browse services by area or by type instead.";
        });
    };

    var soon = function () {
      status.textContent = "Searching…";
      if (timer) clearTimeout(timer);
      timer = setTimeout(search, 120);
    };
    input.addEventListener("input", soon);
    where.addEventListener("change", search);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        search();
      }
    });
  }

  /* ---------- Find a service filters ---------- */
  if (filterBox) {
    var panel = filterBox.querySelector(".wm-filters");
    panel.hidden = false;
    var $ = function (id) { return filterBox.querySelector("#" + id); };
    var area = $("wm-f-area");
    var fields = ["wm-f-category", "wm-f-for", "wm-f-language", "wm-f-nrpf", "wm-f-24h", "wm-f-self"].map($);
    var fStatus = $("wm-f-status");
    var fList = $("wm-f-results");
    var fLatest = 0;

    var apply = function () {
      var option = area.options[area.selectedIndex];
      var ticket = ++fLatest;
      if (!option || !option.value) {
        fList.textContent = "";
        fStatus.textContent = "Choose an area to see its services.";
        return;
      }
      fStatus.textContent = "Loading…";
      areaTree()
        .then(function (tree) {
          var chosen = tree.byId[option.value];
          var names = ["national"];
          if (chosen && names.indexOf(chosen.shard) < 0) names.push(chosen.shard);
          return Promise.all(names.map(shardDocs)).then(function (docLists) {
            if (ticket !== fLatest) return;
            var category = $("wm-f-category").value;
            var who = $("wm-f-for").value;
            var language = $("wm-f-language").value;
            var nrpf = $("wm-f-nrpf").checked;
            var open = $("wm-f-24h").checked;
            var self = $("wm-f-self").checked;
            var seen = {};
            var found = [];
            docLists.forEach(function (docs) {
              docs.forEach(function (doc) {
                if (seen[doc.u]) return;
                if (!covers(doc, option.value, tree)) return;
                if (category && doc.c.indexOf(category) < 0) return;
                if (who && doc.f.indexOf(who) < 0 && doc.f.indexOf("everyone") < 0) return;
                if (language && doc.l.indexOf(language) < 0) return;
                if (nrpf && !doc.n) return;
                if (open && !doc.h) return;
                if (self && !doc.r) return;
                seen[doc.u] = true;
                found.push(doc);
              });
            });
            found.sort(function (a, b) { return a.t.localeCompare(b.t); });
            fList.textContent = "";
            found.forEach(function (doc) { fList.appendChild(serviceCard(doc)); });
            fStatus.textContent = found.length
              ? found.length + (found.length === 1 ? " service" : " services") + " in " + option.textContent.trim()
              : "No services match. Try fewer filters.";
          });
        })
        .catch(function () {
          fStatus.textContent = "The filters could not load. Use the lists by area or by type below.";
        });
    };
    area.addEventListener("change", apply);
    fields.forEach(function (field) { field.addEventListener("change", apply); });
  }
})();
