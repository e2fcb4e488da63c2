/* Waymark search and filters. Nothing is fetched until someone types or picks a filter; then only
   the index files that query or area needs. Words typed stay in this page: never in the address,
   never in storage, never sent anywhere (the files fetched are the same for every query). */
(function () {
  "use strict";

  var searchBox = document.querySelector("[data-wm-search]");
  var filterBox = document.querySelector("[data-wm-filters]");
  if (!searchBox && !filterBox) return;
  var root = (searchBox || filterBox).getAttribute("data-root") || "";
  var cache = {};

  /* A copy opened from a folder (file://) cannot fetch(): the offline copy (`make offline`) ships
     each index file also as a script that hands its data to window.WaymarkData. */
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

  /* Index a shard of services in the browser, with the fields and weights of search.py. */
  function indexShard(lunr, docs) {
    var builder = new lunr.Builder();
    builder.pipeline.add(lunr.trimmer, lunr.stopWordFilter);
    builder.ref("i");
    builder.field("title", { boost: 10 });
    builder.field("aka", { boost: 8 });
    builder.field("kind", { boost: 3 });
    builder.field("where", { boost: 3 });
    builder.field("body");
    docs.forEach(function (doc, i) {
      builder.add({ i: String(i), title: doc.t, aka: doc.o, kind: doc.k, where: doc.w, body: doc.s });
    });
    return builder.build();
  }

  function shard(name) {
    return Promise.all([loadLunr(), fetchJSON("search/services-" + name + ".json")]).then(function (parts) {
      var data = parts[1];
      if (!data.idx && data.docs.length) data.idx = indexShard(parts[0], data.docs);
      return data;
    });
  }

  function core() {
    return Promise.all([loadLunr(), fetchJSON("search/core.json")]).then(function (parts) {
      var data = parts[1];
      if (!data.idx) data.idx = parts[0].Index.load(data.index);
      return data;
    });
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /* Add the words the records use for what the person typed (data/synonyms.yaml). */
  function expand(query, synonyms) {
    var lower = " " + query.toLowerCase() + " ";
    var extra = [];
    synonyms.forEach(function (entry) {
      entry.words.forEach(function (word) {
        var pattern = new RegExp("(^|[^a-z0-9])" + escapeRegExp(word) + "($|[^a-z0-9])");
        if (pattern.test(lower) && extra.indexOf(entry.means) < 0) extra.push(entry.means);
      });
    });
    return { text: query, extra: extra.join(" ") };
  }

  /* Exact words count most, then words that start the same, then words one typo away. */
  function run(idx, lunr, expanded) {
    return idx.query(function (q) {
      function add(text, weight) {
        lunr.tokenizer(text).forEach(function (token) {
          var raw = token.toString().replace(/^\W+|\W+$/g, "");
          if (!raw || lunr.stopWordFilter(token) === undefined) return;
          q.term(raw, { boost: 10 * weight, usePipeline: false });
          if (raw.length > 2) {
            q.term(raw, { boost: 4 * weight, usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
          }
          if (raw.length > 3) q.term(raw, { boost: weight, usePipeline: false, editDistance: 1 });
        });
      }
      add(expanded.text, 1);
      if (expanded.extra) add(expanded.extra, 1);
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function link(doc) {
    var a = el("a", "wm-result__title", doc.t);
    a.href = root + pageHref(doc.u);
    return a;
  }

  function telHref(number) {
    return "tel:" + number.replace(/[^0-9+]/g, "");
  }

  function serviceItem(doc) {
    var li = el("li", "wm-card");
    li.appendChild(link(doc));
    li.appendChild(el("span", "wm-card__org", " " + doc.o));
    li.appendChild(el("p", "wm-card__summary", doc.s));
    if (doc.p) {
      var p = el("p", "wm-card__phone");
      var a = el("a", "", doc.p);
      a.href = telHref(doc.p);
      p.appendChild(a);
      if (doc.h) p.appendChild(el("span", "wm-badge", "24 hours"));
      li.appendChild(p);
    }
    return li;
  }

  /* Does the service cover the area chosen in `select`? Services listed for the area, for a
     place inside it, or for a place around it (a region or nation covering a town) all do. */
  function covers(doc, select) {
    var option = select.options[select.selectedIndex];
    if (!option || !option.value) return true;
    var id = option.value;
    var up = (option.getAttribute("data-up") || "").split(" ");
    return doc.a.some(function (a) {
      if (a === id || up.indexOf(a) >= 0) return true;
      var inner = select.querySelector('option[value="' + a + '"]');
      return !!inner && (inner.getAttribute("data-up") || "").split(" ").indexOf(id) >= 0;
    });
  }

  /* ---------- Search page ---------- */
  if (searchBox) {
    var input = searchBox.querySelector("#wm-q");
    var where = searchBox.querySelector("#wm-where");
    var status = searchBox.querySelector("#wm-status");
    var list = searchBox.querySelector("#wm-results");
    searchBox.querySelector(".wm-search__controls").hidden = false;
    var timer = null;
    var latest = 0;

    var areaShards = function (data, query) {
      var names = {};
      if (data.loadAll) {
        Object.keys(data.shards).forEach(function (name) { names[name] = true; });
        return Object.keys(names);
      }
      names.national = true;
      var lower = " " + query.toLowerCase() + " ";
      data.areas.forEach(function (area) {
        var pattern = new RegExp("(^|[^a-z0-9])" + escapeRegExp(area.name.toLowerCase()) + "($|[^a-z0-9])");
        if (pattern.test(lower)) names[area.shard] = true;
      });
      var chosen = where.options[where.selectedIndex];
      if (chosen && chosen.value) names[chosen.getAttribute("data-shard")] = true;
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
      core().then(function (data) {
        var lunr = window.lunr;
        var expanded = expand(query, data.synonyms);
        return Promise.all(areaShards(data, query).map(shard)).then(function (shards) {
          if (ticket !== latest) return;
          var hits = [];
          if (!where.value) {
            run(data.idx, lunr, expanded).forEach(function (r) {
              hits.push({ score: r.score, doc: data.docs[+r.ref], service: false });
            });
          }
          var seen = {};
          shards.forEach(function (s) {
            if (!s.idx) return;
            run(s.idx, lunr, expanded).forEach(function (r) {
              var doc = s.docs[+r.ref];
              if (seen[doc.u] || !covers(doc, where)) return;
              seen[doc.u] = true;
              hits.push({ score: r.score, doc: doc, service: true });
            });
          });
          hits.sort(function (a, b) { return b.score - a.score; });
          hits = hits.slice(0, 30);
          list.textContent = "";
          hits.forEach(function (hit) {
            if (hit.service) {
              list.appendChild(serviceItem(hit.doc));
            } else {
              var li = el("li", "wm-result");
              li.appendChild(el("span", "wm-result__kind", hit.doc.k));
              li.appendChild(link(hit.doc));
              li.appendChild(el("p", "wm-result__summary", hit.doc.s));
              list.appendChild(li);
            }
          });
          status.textContent = hits.length
            ? hits.length + (hits.length === 1 ? " result" : " results")
            : "No results. Try another word, or browse services by area or by type.";
        });
      }).catch(function () {
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
      var names = ["national"];
      var own = option.getAttribute("data-shard");
      if (own && names.indexOf(own) < 0) names.push(own);
      fStatus.textContent = "Loading…";
      Promise.all(names.map(function (name) { return fetchJSON("search/services-" + name + ".json"); }))
        .then(function (shards) {
          if (ticket !== fLatest) return;
          var category = $("wm-f-category").value;
          var who = $("wm-f-for").value;
          var language = $("wm-f-language").value;
          var nrpf = $("wm-f-nrpf").checked;
          var open = $("wm-f-24h").checked;
          var self = $("wm-f-self").checked;
          var seen = {};
          var found = [];
          shards.forEach(function (s) {
            s.docs.forEach(function (doc) {
              if (seen[doc.u]) return;
              if (!covers(doc, area)) return;
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
          found.forEach(function (doc) { fList.appendChild(serviceItem(doc)); });
          fStatus.textContent = found.length
            ? found.length + (found.length === 1 ? " service" : " services") + " in " + option.textContent.trim()
            : "No services match. Try fewer filters.";
        })
        .catch(function () {
          fStatus.textContent = "The filters could not load. Use the lists by area or by type below.";
        });
    };
    area.addEventListener("change", apply);
    fields.forEach(function (field) { field.addEventListener("change", apply); });
  }
})();
