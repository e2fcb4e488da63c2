/* Waymark search and filters. Nothing is fetched until someone types or picks a filter; then only
   the files that query or area needs. Words typed stay in this page: never in the address, never in
   storage, never sent anywhere (the files fetched are the same for every query).

   The contract is written by Python (features/search/index.py) into the files themselves: which
   index field reads which key and with what weight (core.json "fields"), which shard holds an
   area's services and what surrounds it (areas.json). Cards are clones of the page's
   #wm-card-template, the markup the server uses for its own cards (features/cards/_card.html). */
(function () {
  "use strict";

  if (window.WaymarkSearch) return; /* loaded twice (the header box loads it on demand) */
  window.WaymarkSearch = {}; /* its `find` is set below, once the rules are defined */

  /* ---------- the rules: what is found and in what order, from the data alone ---------- */

  /* "open now", from structured hours, in UK time whatever the device's clock zone ---------- */
  var dayBits = {}; /* areas.json "dayBits", once it has loaded: "mon" -> 1 … "sun" -> 64 */
  var clock = null;
  function ukNow() {
    if (!clock) {
      var parts = {};
      new Intl.DateTimeFormat("en-GB", {
        timeZone: "Europe/London", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23"
      }).formatToParts(new Date()).forEach(function (part) { parts[part.type] = part.value; });
      clock = { day: dayBits[parts.weekday.toLowerCase()] || 0, minute: (+parts.hour) * 60 + (+parts.minute) };
      setTimeout(function () { clock = null; }, 30000);
    }
    return clock;
  }

  /* `now` ({day: a day bit, minute: since midnight}) is the UK clock unless given. */
  function openNow(doc, now) {
    if (doc.h) return true;
    now = now || ukNow();
    var yesterday = now.day === 1 ? 64 : now.day >> 1;
    return (doc.oh || []).some(function (slot) {
      var days = slot[0], opens = slot[1], closes = slot[2];
      if (closes > opens) return (days & now.day) && now.minute >= opens && now.minute < closes;
      /* Past midnight: open from `opens` today, or until `closes` if it opened yesterday. */
      return ((days & now.day) && now.minute >= opens) || ((days & yesterday) && now.minute < closes);
    });
  }

  /* ---------- the first-minute order (data/ranking.py): each service's place in it ("rk") is
     worked out once by the build; a list here is only sorted by it ---------- */
  function firstMinuteOrder(docs) {
    return docs.slice().sort(function (a, b) { return a.rk - b.rk; });
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

  /* Is the area a whole nation or the UK (areas.json "wideLevels"; the UK itself is not in the tree)? */
  function wideArea(id, tree) {
    var area = tree.byId[id];
    return !area || tree.wideLevels.indexOf(area.level) >= 0;
  }

  /* Does a service cover the area through a place of its own below a nation (the area, a county
     or region around it, or a place inside it), not only as a UK- or nation-wide service? */
  function coversLocally(doc, areaId, tree) {
    return doc.a.some(function (a) { return !wideArea(a, tree) && covers({ a: [a] }, areaId, tree); });
  }

  /* Is a service listed for a whole nation or the UK? */
  function wide(doc, tree) {
    return doc.a.some(function (a) { return wideArea(a, tree); });
  }

  /* True when `text` holds `words` with no letter or digit either side ("wife" in "my wife hits",
     not in "midwife"). A search reads some thousand phrases and synonyms: indexOf, not a RegExp each. */
  var WORD_CHAR = /[a-z0-9]/;
  function mentions(text, words) {
    for (var at = text.indexOf(words); at >= 0; at = text.indexOf(words, at + 1)) {
      if (!WORD_CHAR.test(text.charAt(at - 1)) && !WORD_CHAR.test(text.charAt(at + words.length))) return true;
    }
    return false;
  }

  /* Add the words the records use for what the person typed (data/synonyms.yaml). The words a
     synonym matched are then read exactly: "cam-drin" is not a start of "Camden", nor a typo. */
  function expand(query, synonyms) {
    var lower = " " + query.toLowerCase() + " ";
    var extra = [];
    var exact = {};
    synonyms.forEach(function (entry) {
      entry.words.forEach(function (word) {
        if (!mentions(lower, word)) return;
        if (extra.indexOf(entry.means) < 0) extra.push(entry.means);
        wordsOf(word).forEach(function (part) { exact[part] = true; });
      });
    });
    return { text: query, extra: extra.join(" "), exact: exact };
  }

  /* Anything that is not a letter or digit in any script, at a word's edges (lunr's own trimmer
     keeps only ASCII letters, so it would erase "اردو" or "język"'s last letter). The build trims
     the indexed words the same way (features/search/postings.py). */
  var EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

  /* Welsh function words ("fy", "yn", "mae": core.json "stopWords") are left out as lunr leaves
     out English ones. */
  var welshStop = null;
  function isStopWord(lunr, token) {
    return lunr.stopWordFilter(token) === undefined || !!(welshStop && welshStop[token.toString()]);
  }

  /* ---------- the prebuilt index (features/search/postings.py) ----------
     Each file brings the postings of its own documents; core.json the statistics of every document
     of the site. A query is scored as one lunr.js index over all of them would score it, so the
     results of every kind, from every file loaded, are ranked together, and no index is built here. */

  /* A file's postings, read once: each word's [place, frequency, …] (place: document number in the
     file × number of fields + field number) and each place's length in words. */
  function postingsOf(file, width, base) {
    if (file.postings) return file.postings;
    var words = Object.create(null);
    var lengths = new Int32Array(file.docs.length * width);
    file.ix.terms.forEach(function (term, t) {
      var numbers = file.ix.post[t], list = [], place = 0;
      for (var i = 0; i < numbers.length; i++) {
        var frequency = numbers[i] % base;
        place += (numbers[i] - frequency) / base;
        if (!frequency) frequency = numbers[++i];
        list.push(place, frequency);
        lengths[place] += frequency;
      }
      words[term] = { df: file.ix.df[t], list: list };
    });
    file.postings = { words: words, lengths: lengths };
    return file.postings;
  }

  /* The documents of the core and of every shard loaded (a service listed in two shards once), with
     every word they hold (`tokenSet`, for words that start the same or are one typo away). Made
     again only when a shard is added. */
  var view = { key: "", docs: [], files: [], has: null, tokenSet: null };
  function corpusView(lunr, core, shards) {
    var key = shards.map(function (s) { return s.name; }).sort().join(",");
    if (view.key === key && view.tokenSet) return view;
    var width = core.fields.length;
    var docs = core.docs.map(function (doc) { return { doc: doc, service: false }; });
    var files = [{ postings: postingsOf(core, width, core.postingBase), at: docs.map(function (_, i) { return i; }) }];
    var seen = {};
    shards.forEach(function (s) {
      var at = s.file.docs.map(function (doc) {
        if (seen[doc.u]) return -1;
        seen[doc.u] = true;
        docs.push({ doc: doc, service: true });
        return docs.length - 1;
      });
      files.push({ postings: postingsOf(s.file, width, core.postingBase), at: at });
    });
    var has = Object.create(null);
    files.forEach(function (f) { for (var word in f.postings.words) has[word] = true; });
    welshStop = Object.create(null); /* not {}: "constructor" is a word, not a stop word */
    (core.stopWords || []).forEach(function (w) { welshStop[w] = true; });
    view = { key: key, docs: docs, files: files, has: has, tokenSet: lunr.TokenSet.fromArray(Object.keys(has).sort()) };
    return view;
  }

  /* A word typed without its space ("rapecrisis", "domesticabuse"): when the corpus holds neither
     the word nor a word it starts, and it splits into two words the corpus holds (3 letters or
     more each, neither a stop word), it is read as those two words. */
  function unjoined(query, view, lunr, core) {
    function known(word) { return !!view.has[word] && !isStopWord(lunr, new lunr.Token(word)); }
    var said = wordsSaid(core);
    return query.split(/\s+/).map(function (word) {
      var lower = word.toLowerCase();
      if (lower.length < 7 || !/^[a-z]+$/.test(lower) || view.has[lower] || said[lower]) return word;
      if (lunr.TokenSet.fromString(lower + "*").intersect(view.tokenSet).toArray().length) return word;
      for (var i = 3; i <= lower.length - 3; i++) {
        if (known(lower.slice(0, i)) && known(lower.slice(i))) return lower.slice(0, i) + " " + lower.slice(i);
      }
      return word;
    }).join(" ");
  }

  /* Every word of the phrases and synonyms (words people type that the records may not hold:
     "outside" in "he's outside the door"), worked out once per core.json. */
  var said = { core: null, words: null };
  function wordsSaid(core) {
    if (said.core === core) return said.words;
    var words = Object.create(null);
    function add(text) { wordsOf(withoutApostrophes(text)).forEach(function (w) { words[w] = true; }); }
    (core.phrases || []).forEach(function (entry) {
      entry.says.forEach(add);
      (entry.allOf || []).forEach(function (group) { group.forEach(add); });
    });
    (core.synonyms || []).forEach(function (entry) { entry.words.forEach(add); });
    said = { core: core, words: words };
    return words;
  }

  /* lunr's inverse document frequency: `df` (document, field) pairs hold the word, of `n` documents. */
  function idf(df, n) {
    return Math.log(1 + Math.abs((n - df + 0.5) / (df + 0.5)));
  }

  /* The weight of a word in one field of one document, as lunr.Builder works it out (BM25; the same
     expression, so the same number). */
  function weight(rarity, frequency, length, average, boost, bm25) {
    var score = rarity * ((bm25.k1 + 1) * frequency) / (bm25.k1 * (1 - bm25.b + bm25.b * (length / average)) + frequency);
    score *= boost;
    return Math.round(score * 1000) / 1000;
  }

  /* Score `clauses` ({term, boost, fields: field names or none for all}) as lunr's Index.query
     does: per field, the query's vector (each word's summed boosts) against each document's; a
     document's score is the sum over the fields it matched in. Best first: [{ref, score}]. */
  function score(view, core, clauses) {
    var fields = core.fields, width = fields.length, n = core.stats.n;
    var numbers = {};
    fields.forEach(function (field, f) { numbers[field.name] = f; });
    var query = fields.map(function () { return Object.create(null); });
    clauses.forEach(function (clause) {
      if (!view.has[clause.term]) return;
      var own = clause.fields ? clause.fields.map(function (name) { return numbers[name]; }) : fields.map(function (_, f) { return f; });
      own.forEach(function (f) { query[f][clause.term] = (query[f][clause.term] || 0) + clause.boost; });
    });
    var magnitude = query.map(function (vector) {
      var sum = 0;
      for (var word in vector) sum += vector[word] * vector[word];
      return Math.sqrt(sum);
    });
    var words = Object.create(null);
    query.forEach(function (vector) { for (var word in vector) words[word] = true; });
    var found = Object.create(null); /* document -> its field sums, for the fields it matched in */
    Object.keys(words).forEach(function (word) {
      view.files.forEach(function (file) {
        var posting = file.postings.words[word];
        if (!posting) return;
        var rarity = idf(posting.df, n);
        for (var i = 0; i < posting.list.length; i += 2) {
          var place = posting.list[i], f = place % width, boost = query[f][word];
          if (boost === undefined) continue;
          var doc = file.at[(place - f) / width];
          if (doc < 0) continue;
          var w = weight(rarity, posting.list[i + 1], file.postings.lengths[place], core.stats.avg[f], fields[f].boost, core.bm25);
          var sums = found[doc] || (found[doc] = {});
          sums[f] = (sums[f] || 0) + boost * w;
        }
      });
    });
    return Object.keys(found).map(function (doc) {
      var sums = found[doc], total = 0;
      for (var f in sums) total += sums[f] / magnitude[f];
      return { ref: +doc, score: total };
    }).sort(function (a, b) { return b.score - a.score || a.ref - b.ref; });
  }

  /* Whole words, lower case, in any script: "Newcastle upon Tyne" -> ["newcastle", "upon", "tyne"]. */
  function wordsOf(text) {
    return (text || "").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  /* True when the query holds every word of the place's name, in order (so "fife" names Fife but
     "wife" does not, and "leeds" names Leeds but "lee" does not). */
  function namesPlace(query, name) {
    var words = wordsOf(query).join(" ");
    var place = wordsOf(name).join(" ");
    return !!place && (" " + words + " ").indexOf(" " + place + " ") >= 0;
  }

  /* True when the query is the place's name and nothing else ("leeds", "help in leeds",
     "yng Nghaerdydd"): `filler` is the contract's list of words that may stand around it. */
  function onlyPlace(query, name, filler) {
    var place = wordsOf(name);
    return wordsOf(query).filter(function (w) { return place.indexOf(w) < 0 && filler.indexOf(w) < 0; }).length === 0;
  }

  /* The names of every place (its name and other names, as core.json gives them), and the words
     in them, from the place documents. */
  function placeNamesOf(docs, placeKind, fieldsWithoutPlaces) {
    var names = [];
    var words = {};
    docs.forEach(function (doc) {
      if (doc.k !== placeKind) return;
      [doc.x].concat(doc.al || []).forEach(function (name) {
        names.push(name);
        wordsOf(name).forEach(function (w) { words[w] = fieldsWithoutPlaces; });
      });
    });
    return { names: names, words: words, fieldsWithoutPlaces: fieldsWithoutPlaces };
  }

  /* The words read only in some fields, each with those fields, worked out once per core.json:
     the words of place names, and the everyday words in some services' names ("nameWords"),
     which are not read in those names. */
  var restricted = null;
  function restrictedWords(core) {
    if (restricted && restricted.core === core) return restricted.places;
    var places = placeNamesOf(core.docs, core.placeKind, core.fieldsWithoutPlaces);
    (core.nameWords || []).forEach(function (w) { if (!places.words[w]) places.words[w] = core.fieldsWithoutNames; });
    restricted = { core: core, places: places };
    return places;
  }

  /* The words of place names a search may match: those of every place the query names in whole
     ("new" only when the query says "New Forest"; "fife" only when it says "Fife"). */
  function placeWordsAllowed(query, places) {
    var allowed = {};
    places.names.forEach(function (name) {
      if (namesPlace(query, name)) wordsOf(name).forEach(function (w) { allowed[w] = true; });
    });
    return allowed;
  }

  /* Exact words count most, then words that start the same, then words one typo away. A word
     reached by a prefix or a typo that belongs to a place's name is dropped unless the query names
     the place ("wife" never reaches Fife, "man" never Manchester, "new" never Newham); a word typed
     in full that is part of a place's name is read only in the fields that hold no place names
     (core.json "fieldsWithoutPlaces"); an everyday word in services' names ("house") outside
     those names ("fieldsWithoutNames"). */
  function run(view, core, lunr, expanded, places, allowed) {
    function blocked(term) { return !!places.words[term] && !allowed[term]; }
    function reached(tokenSet) {
      return tokenSet.intersect(view.tokenSet).toArray().filter(function (term) { return !blocked(term); });
    }
    var clauses = [];
    var q = { term: function (term, options) { clauses.push({ term: term, boost: options.boost, fields: options.fields }); } };
    (function () {
      function add(text) {
        lunr.tokenizer(text).forEach(function (token) {
          var raw = token.toString().replace(EDGES, "");
          if (!raw || isStopWord(lunr, token)) return;
          if (blocked(raw)) q.term(raw, { boost: 10, fields: places.words[raw] });
          else q.term(raw, { boost: 10 });
          if (expanded.exact && expanded.exact[raw.toLowerCase()]) return;
          if (raw.length > 2) {
            reached(lunr.TokenSet.fromString(raw + "*")).forEach(function (term) {
              q.term(term, { boost: 4 });
            });
          }
          if (raw.length > 3) {
            /* a word no document holds is a slip ("accomodation"): the words one letter off it
               count as much as words that start the same */
            var slip = view.has[raw] ? 1 : 4;
            reached(lunr.TokenSet.fromFuzzyString(raw, 1)).forEach(function (term) {
              q.term(term, { boost: slip });
            });
          }
        });
      }
      add(expanded.text);
      if (expanded.extra) add(expanded.extra);
    })();
    return score(view, core, clauses);
  }

  /* Best bets (data/phrases.yaml): a situation in everyday words puts its pages first, in order.
     If none matches, a long word one typo away from a phrase's word ("marrige") is read as that
     word and the phrases are tried once more. */
  function bestBets(query, phrases, filler) {
    var found = matchPhrases(query, phrases, filler);
    if (found.length) return found;
    var fixed = typoFixed(query, phraseWords(phrases));
    return fixed ? matchPhrases(fixed, phrases, filler) : found;
  }

  /* Text-speak and common misspellings read as the words they stand for ("somwhere safe 2 stay
     tonite" is "somewhere safe to stay tonight"), before anything else reads the query: best bets,
     places and words (data/synonyms.yaml entries marked `respell`, core.json "respell"). Only whole
     words the file lists are read, a pair first ("2 stay"): never a bare digit ("2 kids"). */
  function respelled(query, respell) {
    if (!respell) return String(query);
    var own = function (key) { return Object.prototype.hasOwnProperty.call(respell, key); };
    var parts = String(query).split(/([^\s.,!?;:()"]+)/); /* words at odd places, what is between at even */
    for (var i = 1; i < parts.length; i += 2) {
      var pair = i + 2 < parts.length && /^\s+$/.test(parts[i + 1]) ? parts[i].toLowerCase() + " " + parts[i + 2].toLowerCase() : "";
      if (pair && own(pair)) {
        parts[i] = respell[pair];
        parts[i + 1] = "";
        parts[i + 2] = "";
        i += 2;
      } else if (own(parts[i].toLowerCase())) {
        parts[i] = respell[parts[i].toLowerCase()];
      }
    }
    return parts.join("");
  }

  /* Apostrophes are left out on both sides: on a phone people type "childrens passports",
     "im scared", "hes outside" as often as "children's", "i'm", "he's". */
  function withoutApostrophes(text) {
    return text.toLowerCase().replace(/[’']/g, "");
  }

  /* `filler`: the words that may stand around a place's name (core.json "placeFiller"); an entry
     marked `alone` matches only a query made of its words and those. */
  function matchPhrases(query, phrases, filler) {
    var lower = " " + withoutApostrophes(query) + " ";
    function said(words) { return mentions(lower, withoutApostrophes(words)); }
    var found = [];
    var typed = null; /* the query's words, once an entry needs their order */
    phrases.forEach(function (entry) {
      if (entry.unless && entry.unless.some(said)) return; /* someone else's words or acts */
      var saidHere = entry.says.filter(said);
      if (!saidHere.length && entry.allOf && entry.within !== undefined) {
        typed = typed || wordsOf(withoutApostrophes(query));
        saidHere = saidInOrder(typed, entry.allOf, entry.within);
      } else if (!saidHere.length && entry.allOf) {
        /* who is speaking and what happens to them: a phrase of every group, in any order */
        var each = entry.allOf.map(function (group) { return group.filter(said); });
        if (each.every(function (hit) { return hit.length; })) saidHere = [].concat.apply([], each);
      }
      if (!saidHere.length) return;
      if (entry.alone) {
        var own = {};
        saidHere.forEach(function (words) { wordsOf(words).forEach(function (w) { own[w] = true; }); });
        var rest = wordsOf(query).filter(function (w) { return !own[w] && (filler || []).indexOf(w) < 0; });
        if (rest.length) return;
      }
      entry.find.forEach(function (url) { if (found.indexOf(url) < 0) found.push(url); });
    });
    return found;
  }

  /* A phrase of every group in the groups' order, each starting at most `within` words after the
     one before ends ("i" then "violent" within 2: "when i drink i get violent", not "he is violent
     to me"): the phrases said, or [] if the query holds no such chain. `words`: the query's. */
  function saidInOrder(words, groups, within) {
    var split = groups.map(function (group) {
      return group.map(function (phrase) { return { text: phrase, words: wordsOf(withoutApostrophes(phrase)) }; });
    });
    function startsAt(phrase, at) {
      if (!phrase.words.length || at + phrase.words.length > words.length) return false;
      return phrase.words.every(function (w, i) { return words[at + i] === w; });
    }
    function chain(g, from, to) {
      if (g === split.length) return [];
      for (var at = from; at <= Math.min(to, words.length - 1); at++) {
        for (var p = 0; p < split[g].length; p++) {
          if (!startsAt(split[g][p], at)) continue;
          var end = at + split[g][p].words.length;
          var rest = chain(g + 1, end, end + within);
          if (rest) return [split[g][p].text].concat(rest);
        }
      }
      return null;
    }
    return chain(0, 0, words.length - 1) || [];
  }

  /* True when the query names the page's whole title (two words or more, in order; a part in
     brackets, like a nation, may be left out): "stalking protection order how to get one". */
  function namesTitle(query, title) {
    var base = (title || "").replace(/\s*\([^)]*\)\s*$/, "");
    return wordsOf(base).length >= 2 && namesPlace(query, base);
  }

  var LONG_WORD = 5;
  var wordsOfPhrases = null;
  function phraseWords(phrases) {
    if (!wordsOfPhrases) {
      wordsOfPhrases = {};
      phrases.forEach(function (entry) {
        [].concat.apply(entry.says, entry.allOf || []).forEach(function (words) {
          words.split(/[^a-z]+/).forEach(function (w) { if (w.length >= LONG_WORD) wordsOfPhrases[w] = true; });
        });
      });
    }
    return wordsOfPhrases;
  }

  /* True when b is a one-letter slip of a: one letter added, dropped or changed. */
  function oneEditApart(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    var i = 0, j = 0, edits = 0;
    while (i < a.length && j < b.length) {
      if (a.charAt(i) === b.charAt(j)) { i++; j++; continue; }
      if (++edits > 1) return false;
      if (a.length > b.length) i++;
      else if (a.length < b.length) j++;
      else { i++; j++; }
    }
    return edits + (a.length - i) + (b.length - j) === 1;
  }

  /* The query with each long unknown word replaced by the one phrase word a slip away (same first
     letter); null when nothing changed. */
  function typoFixed(query, known) {
    var changed = false;
    var words = query.toLowerCase().split(/\s+/).map(function (word) {
      if (word.length < LONG_WORD || known[word] || !/^[a-z]+$/.test(word)) return word;
      var near = Object.keys(known).filter(function (k) { return k.charAt(0) === word.charAt(0) && oneEditApart(word, k); });
      if (near.length !== 1) return word;
      changed = true;
      return near[0];
    });
    return changed ? words.join(" ") : null;
  }

  /* The nation a query names ("in Scotland"), from the contract; records of that nation rank higher. */
  function nationOf(query, nations) {
    var lower = " " + query.toLowerCase() + " ";
    var named = "";
    Object.keys(nations).forEach(function (id) {
      if (nations[id].some(function (word) { return mentions(lower, word); })) named = id;
    });
    return named;
  }


  /* The areas whose name (or another name) the query holds, by id; `nations`: the place pages of
     whole nations, which the query may name without them being the answer. */
  function namedPlaces(query, tree, core) {
    var names = placeNameIndex(tree, core);
    var words = wordsOf(query);
    var found = { ids: [], nations: names.nations, said: [] };
    /* From each word, the longest name that starts there, and then the words after it: "bury st
       edmunds" is West Suffolk's town, not Bury as well; "city of london" is not London too. */
    var groups = [];
    for (var i = 0; i < words.length; ) {
      var n = Math.min(names.longest, words.length - i);
      while (n > 0 && !names.byWords[words.slice(i, i + n).join(" ")]) n--;
      if (!n) { i++; continue; }
      var said = words.slice(i, i + n).join(" ");
      groups.push(names.byWords[said].map(function (id) { return tree.byId[id]; }));
      if (names.byWords[said].some(function (id) { return !(id in core.nations); })) found.said.push(said);
      i += n;
    }
    /* A name two nations' places share ("bangor": Gwynedd, and Ards and North Down) means the one
       in the nation the query names, or that its other places are in, or the site's own nation. */
    function nationsIn(group) {
      var seen = [];
      group.forEach(function (area) { var n = nationOfArea(area, core.nations); if (seen.indexOf(n) < 0) seen.push(n); });
      return seen;
    }
    var groupNations = groups.map(nationsIn);
    var around = [];
    groupNations.forEach(function (n) { if (n.length === 1 && around.indexOf(n[0]) < 0) around.push(n[0]); });
    var hint = nationOf(query, core.nations) || (around.length === 1 ? around[0] : "") || core.nation || "";
    groups.forEach(function (group, g) {
      var own = groupNations[g].length > 1 && hint ? group.filter(function (area) { return nationOfArea(area, core.nations) === hint; }) : [];
      (own.length ? own : group).forEach(function (area) { if (found.ids.indexOf(area) < 0) found.ids.push(area); });
    });
    return found;
  }

  /* Another nation's law page that a best bet names gives way to the nation's own page of the same
     kind only when the words also rank that page among their first SAME_KIND_WITHIN: a substitute
     far down the list is a guess. */
  var SAME_KIND_WITHIN = 10;

  /* A search that finds something, where no rule recognised what was asked, shows among its
     first STANDING_AT a way to talk to someone now (core.json "standing"): the first 24-hour
     line of the nation it means (`nationLines`), or with none the page that lists every nation's
     line. Not when a page for people who harm leads (their own help comes first), not when
     nothing was found (the page then shows who to call, and more), and only a line `fits` (an
     area chosen: one that serves it). */
  var STANDING_AT = 5;
  function withStandingLine(results, standing, nationLines, nation, byUrl, fits) {
    if (!standing || !results.length) return results;
    var urls = results.map(function (entry) { return entry.doc.u; });
    if (urls.slice(0, 3).some(function (u) { return standing.notAfter.indexOf(u) >= 0; })) return results;
    function lineOf(n) { return (nationLines[n] || [])[0]; }
    var want = nation ? lineOf(nation) : standing.anywhere;
    var own = nation ? [want] : [standing.anywhere].concat(Object.keys(nationLines).map(lineOf));
    if (urls.slice(0, STANDING_AT).some(function (u) { return own.indexOf(u) >= 0; })) return results;
    var entry = want && byUrl[want];
    if (!entry || !fits(entry)) return results;
    var out = results.filter(function (e) { return e !== entry; });
    out.splice(Math.min(STANDING_AT - 1, out.length), 0, entry);
    return out;
  }

  /* The nation an area is in (itself, if it is one); "" for the whole UK. */
  function nationOfArea(area, nations) {
    return area.id in nations ? area.id : area.up.filter(function (id) { return id in nations; })[0] || "";
  }

  /* Every place's name and other names, as whole words ("kingston upon hull", "hull",
     "nghaerdydd"), with the areas they name: built once, so a query looks its words up instead
     of testing each of some 400 names. */
  var placeNames = null;
  function placeNameIndex(tree, core) {
    if (placeNames && placeNames.tree === tree && placeNames.core === core) return placeNames;
    placeNames = { tree: tree, core: core, byWords: {}, longest: 1, nations: {} };
    function add(name, id) {
      var words = wordsOf(name);
      if (!words.length || !tree.byId[id]) return;
      var key = words.join(" ");
      var ids = placeNames.byWords[key] || (placeNames.byWords[key] = []);
      if (ids.indexOf(id) < 0) ids.push(id);
      placeNames.longest = Math.max(placeNames.longest, words.length);
    }
    tree.areas.forEach(function (area) {
      if (area.id in core.nations) placeNames.nations["areas/" + area.id + "/"] = true;
      add(area.name, area.id);
    });
    core.docs.forEach(function (doc) {
      if (doc.k !== core.placeKind) return;
      var id = doc.u.replace(/^areas\/|\/$/g, "");
      (doc.al || []).forEach(function (name) { add(name, id); });
    });
    return placeNames;
  }

  /* The query without the names of the towns and councils it names: once a place is named, it
     is where to look (its services count more, its page comes second), not a word to match in
     every service's name ("hull sarc" is a SARC for Hull, not the services called "Hull ..."). */
  function withoutPlaces(query, said) {
    var words = wordsOf(query);
    said.slice().sort(function (a, b) { return b.length - a.length; }).forEach(function (name) {
      var place = wordsOf(name);
      for (var i = 0; i + place.length <= words.length; i++) {
        if (words.slice(i, i + place.length).join(" ") === place.join(" ")) { words.splice(i, place.length); i--; }
      }
    });
    return words.join(" ");
  }

  /* The nation the named places are in, when they are all in one. */
  function nationAround(named, nations) {
    var found = "";
    var one = named.ids.every(function (area) {
      var nation = nationOfArea(area, nations);
      if (!nation || (found && found !== nation)) return false;
      found = nation;
      return true;
    });
    return one ? found : "";
  }

  /* The rules above depend only on their arguments: the Node tests (tests/node/) read them here. */
  window.WaymarkSearchRules = {
    openNow: openNow, firstMinuteOrder: firstMinuteOrder, covers: covers, coversLocally: coversLocally, wide: wide, expand: expand,
    wordsOf: wordsOf, namesPlace: namesPlace, onlyPlace: onlyPlace, bestBets: bestBets, namesTitle: namesTitle,
    placeNamesOf: placeNamesOf, placeWordsAllowed: placeWordsAllowed,
    matchPhrases: matchPhrases, oneEditApart: oneEditApart, typoFixed: typoFixed, nationOf: nationOf,
    nationAround: nationAround, withoutPlaces: withoutPlaces, namedPlaces: namedPlaces, withStandingLine: withStandingLine,
    corpusView: corpusView, score: score, idf: idf, weight: weight, unjoined: unjoined, respelled: respelled
  };

  /* ---------- the page ---------- */
  var searchBox = document.querySelector("[data-wm-search]");
  var filterBox = document.querySelector("[data-wm-filters]");
  if (!searchBox && !filterBox) return;

  var root = (searchBox || filterBox).getAttribute("data-root") || "";
  var T = window.WaymarkT;
  var cache = {};

  var offline = window.WaymarkLoad.offline;
  var loadScript = window.WaymarkLoad.script;

  function fetchJSON(path) {
    return window.WaymarkLoad.json(root, path);
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
        dayBits = data.dayBits;
        data.byId = {};
        data.areas.forEach(function (area) { data.byId[area.id] = area; });
      }
      return data;
    });
  }

  function shardFile(name) {
    return fetchJSON("search/services-" + name + ".json");
  }

  function shardDocs(name) {
    return shardFile(name).then(function (data) { return data.docs; });
  }

  /* The shards a search reads: every one on a small site; else the wide shard, and those of the
     places it names (`named`, from namedPlaces) and of the area chosen. */
  function shardsFor(named, areaId, core, tree) {
    if (core.loadAll) return Object.keys(core.shards);
    var names = [tree.wideShard];
    named.ids.concat(areaId && tree.byId[areaId] ? [tree.byId[areaId]] : []).forEach(function (area) {
      if (names.indexOf(area.shard) < 0) names.push(area.shard);
    });
    return names;
  }

  /* What every search needs whatever its words (the script, the core, the area tree, and the shards
     every search reads), and the shards of the places typed so far, fetched and read from the first
     key pressed, while the pause after typing runs. A failure is left to the search itself to
     report. */
  function prepare(input) {
    Promise.all([loadLunr(), fetchJSON("search/core.json"), areaTree()])
      .then(function (parts) {
        var core = parts[1], tree = parts[2];
        var width = core.fields.length;
        postingsOf(core, width, core.postingBase);
        var names = shardsFor(namedPlaces(input.value, tree, core), "", core, tree);
        return Promise.all(names.map(shardFile)).then(function (files) {
          files.forEach(function (file) { postingsOf(file, width, core.postingBase); });
        });
      })
      .catch(function () {});
  }

  /* ---------- cards, from the page's template ---------- */
  var template = document.getElementById("wm-card-template");

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
    if (doc.p) fill(card, "p", doc.p, doc.ph); else drop(card, "p-line");
    if (doc.pl) fill(card, "pl", "(" + doc.pl + ")"); else drop(card, "pl");
    if (doc.tx) fill(card, "tx", doc.tx, doc.txh); else drop(card, "tx-line");
    if (!doc.h) drop(card, "h");
    if (doc.h || !openNow(doc)) drop(card, "open");
    if (!doc.p && !doc.tx) drop(card, "phones");
    if (doc.web) fill(card, "web", T("Its own website"), doc.web); else drop(card, "web-line");
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

  function Search(box) {
    this.box = box;
    this.input = box.querySelector(".wm-search__input");
    this.where = box.querySelector(".wm-search__where");
    this.status = box.querySelector(".wm-search__status");
    this.list = box.querySelector(".wm-search__results");
    this.harm = box.querySelector(".wm-search__harm");
    this.harmList = this.harm ? this.harm.querySelector("ul") : null;
    this.none = box.querySelector(".wm-search__none");
    this.latest = 0;
    this.timer = null;
    var controls = box.querySelector(".wm-search__controls");
    if (controls) controls.hidden = false;
    var self = this;
    this.input.addEventListener("input", function () {
      prepare(self.input);
      self.status.textContent = T("Searching…");
      if (self.timer) clearTimeout(self.timer);
      self.timer = setTimeout(function () { self.run(); }, 120);
    });
    if (this.where) this.where.addEventListener("change", function () { self.run(); });
    this.input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        self.run();
      }
    });
    // Words typed before this script arrived (the header box loads it when opened) still count.
    if (this.input.value.trim()) this.run();
  }

  Search.prototype.show = function (entries, harm, harmFirst) {
    var list = this.list;
    list.textContent = "";
    entries.forEach(function (entry) {
      list.appendChild(entry.service ? serviceCard(entry.doc) : recordItem(entry.doc));
    });
    if (this.harm) {
      this.harmList.textContent = "";
      var harmList = this.harmList;
      harm.forEach(function (entry) { harmList.appendChild(serviceCard(entry.doc)); });
      this.harm.hidden = !harm.length;
      list.parentNode.insertBefore(this.harm, harmFirst ? list : list.nextSibling);
    }
    if (this.none) this.none.hidden = entries.length > 0;
  };

  /* Put `entry` at `position` in `list`, taking it from where it was if it is there already. */
  function placeAt(list, entry, position) {
    var at = list.indexOf(entry);
    if (at >= 0) list.splice(at, 1);
    list.splice(Math.min(position, list.length), 0, entry);
  }

  /* What a search finds, without the page: the results to help with (best bets first, then by
     score; at most 30) and the services for people who harm (at most 5), as index entries. */
  function findResults(query, areaId) {
    return Promise.all([loadLunr(), fetchJSON("search/core.json"), areaTree()])
      .then(function (parts) {
        var lunr = parts[0], core = parts[1], tree = parts[2];
        query = respelled(query, core.respell);
        /* The places the query names (by a name or another name: "edinburgh", "Abertawe"), and
           the nation it means: a nation's word ("scotland"), or that of the places it names. */
        var named = namedPlaces(query, tree, core);
        var names = shardsFor(named, areaId, core, tree);
        var nation = nationOf(query, core.nations) || nationAround(named, core.nations) || core.nation || "";
        return Promise.all(names.map(shardFile)).then(function (files) {
          var shards = names.map(function (name, i) { return { name: name, file: files[i] }; });
          var index = corpusView(lunr, core, shards);
          var scored = [];
          var placeOnly = [];
          var places = restrictedWords(core);
          var allowed = placeWordsAllowed(query, places);
          /* Is this service for a town or council the query names (or does it name none)? */
          var local = named.ids.filter(function (area) { return !(area.id in core.nations); });
          function inPlace(entry) {
            return !entry.service || !local.length || local.some(function (area) { return covers(entry.doc, area.id, tree); });
          }
          /* Is this entry for the nation the query means (or does the query mean none)? */
          function inNation(entry) {
            if (!nation) return true;
            if (entry.service) return covers(entry.doc, nation, tree);
            if (!entry.doc.w) return true; /* a guide or category page is every nation's */
            return (" " + entry.doc.w.toLowerCase() + " ").indexOf(" " + nation.replace("-", " ") + " ") >= 0;
          }
          /* A query that is nothing but places still asks for them; otherwise their names are
             where to look, not words to match. */
          /* "rapecrisis" is read as "rape crisis" (the places it names were found before) */
          var asked = unjoined(query, index, lunr, core);
          var words = withoutPlaces(asked, named.said);
          if (!wordsOf(words).filter(function (w) { return core.placeFiller.indexOf(w) < 0; }).length) words = asked;
          run(index, core, lunr, expand(words, core.synonyms), places, allowed).forEach(function (result) {
            var entry = index.docs[+result.ref];
            if (areaId && !entry.service) return;
            if (entry.service && !covers(entry.doc, areaId, tree)) return;
            /* A service that serves none of the towns or councils the query names is no answer there
               ("homeless in fife": not Argyll and Bute's council) */
            if (entry.service && !inPlace(entry)) return;
            /* A place matches only as a place: its whole name, in whole words, is in the query. */
            var place = !entry.service && entry.doc.k === core.placeKind;
            if (place && !namesPlace(query, entry.doc.x) && !(entry.doc.al || []).some(function (a) { return namesPlace(query, a); })) return;
            var score = result.score * (entry.service ? core.tierWeights[entry.doc.tr] : core.kindWeights[entry.doc.k] || 1);
            if (place && [entry.doc.x].concat(entry.doc.al || []).some(function (a) { return onlyPlace(query, a, core.placeFiller); })) {
              placeOnly.push(entry); /* a query that is only a place goes to it, before any best bet */
            }
            /* In the nation the query means, a record counts more; another nation's record or
               service less (England's homelessness law is not the answer in Fife). */
            if (nation && !place) score *= inNation(entry) ? core.nationBoost : 1 / core.nationBoost;
            /* A service that serves a place the query names counts more, and one of the place's own
               (listed for it, or a county or region around it) more again than a UK- or nation-wide one. */
            if (entry.service && local.length) {
              var own = local.some(function (area) { return coversLocally(entry.doc, area.id, tree); });
              score *= own ? core.placeBoost * core.placeBoost : core.placeBoost;
            }
            /* With no place named or chosen, and no nation meant, a service for one place only
               counts less than the UK- and nation-wide ones: "just been raped" is not Moray's centre
               first. (In a nation the query means, its places' services keep their score.) */
            if (entry.service && !local.length && !areaId && !nation && !wide(entry.doc, tree)) score /= core.placeBoost;
            scored.push({ entry: entry, score: score });
          });
          scored.sort(function (a, b) { return b.score - a.score; });
          var byUrl = {};
          index.docs.forEach(function (entry) { byUrl[entry.doc.u] = entry; });
          /* 1. A page whose whole title the query names ("stalking protection order how to get
                one", "men's advice line"), unless it is another nation's. */
          var titled = scored.filter(function (item) {
            var doc = item.entry.doc;
            return doc.k !== core.placeKind && namesTitle(asked, doc.t) && inNation(item.entry);
          }).map(function (item) { return item.entry; });
          /* 2. Best bets, in the order the phrases file gives, if this search can show them; in
                the nation the query means (another nation's page keeps its score). */
          var pinned = [];
          bestBets(asked, core.phrases, core.placeFiller).forEach(function (url) {
            var entry = byUrl[url];
            if (!entry) return;
            /* Another nation's line gives way to the nation's own 24-hour lines, in its place. Another
               nation's law page gives way to the nation's own version of it (core.json "counterparts");
               with none, to the nation's page of the same kind that the words rank among their first
               SAME_KIND_WITHIN, or else to the nation's only page of that kind (England's "unsuitable
               temporary accommodation" in Cardiff: Wales's homelessness duties). */
            var lines = entry.service && !inNation(entry) ? (core.nationLines || {})[nation] || [] : [url];
            if (!entry.service && !inNation(entry)) {
              var version = ((core.counterparts || {})[url] || {})[nation];
              var sameKind = function (other) {
                return !other.service && other.doc.k === entry.doc.k && other.doc.k !== core.placeKind && !!other.doc.w && inNation(other);
              };
              var near = scored.slice(0, SAME_KIND_WITHIN).filter(function (item) {
                return sameKind(item.entry) && pinned.indexOf(item.entry) < 0;
              });
              var only = version || near.length ? [] : index.docs.filter(sameKind);
              lines = version ? [version] : near.length ? [near[0].entry.doc.u] : only.length === 1 ? [only[0].doc.u] : [];
            }
            lines.forEach(function (line) {
              var own = byUrl[line];
              if (own && pinned.indexOf(own) < 0 && inNation(own) && inPlace(own) && (!areaId || (own.service && covers(own.doc, areaId, tree)))) pinned.push(own);
            });
          });
          /* 3. The rest by score. */
          var results = placeOnly.slice();
          titled.concat(pinned, scored.map(function (item) { return item.entry; })).forEach(function (entry) {
            if (results.indexOf(entry) < 0) results.push(entry);
          });
          /* A council or town the query names beside its situation ("domestic violence cornwall"):
             its page (the place's own lines, council, SARC and centre) comes second. */
          named.ids.map(function (area) { return byUrl["areas/" + area.id + "/"]; }).filter(function (entry) {
            return entry && placeOnly.indexOf(entry) < 0 && !named.nations[entry.doc.u] && !areaId;
          }).forEach(function (entry) { placeAt(results, entry, 1); });
          /* A need in a place the query names, that every place has a door for (core.json "doors"):
             "homeless in fife", the council's own homelessness route; "rape support norwich", the
             SARC and the Rape Crisis centre that serve it. Those doors come next. */
          var lowered = " " + withoutApostrophes(asked) + " ";
          var next = 2;
          var opened = {}; /* a door two named places share ("cumbria": both councils) comes once */
          (areaId ? [] : core.doors || []).forEach(function (door) {
            if (!door.words.some(function (w) { return mentions(lowered, w); })) return;
            local.forEach(function (area) {
              (door.routes[area.id] || []).forEach(function (url) {
                if (byUrl[url] && !opened[url]) placeAt(results, byUrl[url], next++);
                opened[url] = true;
              });
            });
          });
          /* Services for people who harm are listed apart (a best bet for someone who harms gives
             their category first), unless the query names one's whole title ("respect phoneline"). */
          var harm = results.filter(function (e) {
            return e.service && e.doc.tr === tree.order.harmTier && titled.indexOf(e) < 0;
          });
          var help = results.filter(function (e) { return harm.indexOf(e) < 0; });
          var lineNation = nation || (areaId && tree.byId[areaId] ? nationOfArea(tree.byId[areaId], core.nations) : "");
          /* Only where no rule recognised what was asked (a best bet, a page's own title, a place
             alone): what the person needs is less sure, and a line helps whatever it is. */
          if (!pinned.length && !titled.length && !placeOnly.length) {
            help = withStandingLine(help, core.standing, core.nationLines || {}, lineNation, byUrl, function (entry) {
              return !areaId || (entry.service && covers(entry.doc, areaId, tree));
            });
          }
          /* Someone asking about their own behaviour (a best bet put a page for people who harm
             first; a place's own page the query names may come before it): the services for them
             come first, under their own heading, above the list. A page for people who harm that
             leads on its words alone ("he says i'm abusive") does not. */
          var lead = help.filter(function (e) { return e.service || e.doc.k !== core.placeKind; })[0];
          var harmFirst = !!harm.length && !!lead && !!core.standing && pinned.indexOf(lead) >= 0 &&
            core.standing.notAfter.indexOf(lead.doc.u) >= 0;
          return { help: help.slice(0, 30), harm: harm.slice(0, 5), harmFirst: harmFirst };
        });
      });
  }

  /* For scripts on the page (and the tests): the addresses a search finds, in order, as the page
     shows them (the services for people who harm first when they come above the list). */
  window.WaymarkSearch.find = function (query, areaId) {
    return findResults(query.trim(), areaId || "").then(function (found) {
      return (found.harmFirst ? found.harm : []).concat(found.help).map(function (entry) { return entry.doc.u; });
    });
  };

  Search.prototype.run = function () {
    var self = this;
    var query = this.input.value.trim();
    var areaId = this.where ? this.where.value : "";
    var ticket = ++this.latest;
    if (!query) {
      this.show([], []);
      if (this.none) this.none.hidden = true;
      this.status.textContent = "";
      return;
    }
    this.status.textContent = T("Searching…");
    findResults(query, areaId)
      .then(function (found) {
        if (ticket !== self.latest) return;
        self.show(found.help, found.harm, found.harmFirst);
        self.status.textContent = found.help.length
          ? (found.help.length === 1 ? T("1 result") : T("{count} results", { count: found.help.length }))
          : T("Nothing matched those words. You can still call one of these lines, any time:");
      })
      .catch(function () {
        self.status.textContent = T("Search could not load. Browse services by area or by type instead.");
        if (self.none) self.none.hidden = false;
      });
  };

  Array.prototype.forEach.call(document.querySelectorAll("[data-wm-search]"), function (box) {
    new Search(box);
  });

  /* ---------- Find a service filters ---------- */
  if (filterBox) {
    var panel = filterBox.querySelector(".wm-filters");
    panel.hidden = false;
    var $ = function (id) { return filterBox.querySelector("#" + id); };
    var area = $("wm-f-area");
    var fields = ["wm-f-category", "wm-f-for", "wm-f-language", "wm-f-nrpf", "wm-f-24h", "wm-f-open", "wm-f-self"].map($);
    var fStatus = $("wm-f-status");
    var fList = $("wm-f-results");
    var fHarm = $("wm-f-harm");
    var fHarmHeading = $("wm-f-harm-heading");
    var narrow = window.matchMedia ? window.matchMedia("(max-width: 44.9375em)") : { matches: false };
    var fLatest = 0;
    /* A list as long as a place's services would be thousands of cards where many services cover a
       whole nation: the first FILTER_BATCH are shown, in first-minute order, and a button adds the
       next ones (the count in the status is always the whole list's). */
    var FILTER_BATCH = 50;
    var fRest = [];
    var fMore = document.createElement("button");
    fMore.type = "button";
    fMore.classList.add("md-button");
    fMore.classList.add("wm-f-more");
    fMore.hidden = true;
    fList.parentNode.insertBefore(fMore, fList.nextSibling);
    var showMore = function (focusFirst) {
      var first = null;
      fRest.splice(0, FILTER_BATCH).forEach(function (doc) {
        var card = serviceCard(doc);
        if (!first) first = card;
        fList.appendChild(card);
      });
      var next = Math.min(FILTER_BATCH, fRest.length);
      fMore.hidden = !next;
      if (next) fMore.textContent = next === 1 ? T("Show 1 more service") : T("Show {count} more services", { count: next });
      /* the keyboard goes on from the first card it added, not back to the top */
      var link = focusFirst && first ? first.querySelector("a") : null;
      if (link) link.focus();
    };
    fMore.addEventListener("click", function () { showMore(true); });

    var apply = function (event) {
      var option = area.options[area.selectedIndex];
      var ticket = ++fLatest;
      if (!option || !option.value) {
        fRest = [];
        fMore.hidden = true;
        fList.textContent = "";
        fHarm.textContent = "";
        fHarmHeading.hidden = true;
        filterBox.classList.remove("wm-find--filtered");
        fStatus.textContent = T("Choose an area to see its services.");
        return;
      }
      fStatus.textContent = T("Loading…");
      areaTree()
        .then(function (tree) {
          var chosen = tree.byId[option.value];
          var names = [tree.wideShard];
          if (chosen && names.indexOf(chosen.shard) < 0) names.push(chosen.shard);
          return Promise.all(names.map(shardDocs)).then(function (docLists) {
            if (ticket !== fLatest) return;
            var category = $("wm-f-category").value;
            var who = $("wm-f-for").value;
            var language = $("wm-f-language").value;
            var nrpf = $("wm-f-nrpf").checked;
            var open = $("wm-f-24h").checked;
            var openNowOnly = $("wm-f-open").checked;
            var self = $("wm-f-self").checked;
            var seen = {};
            var found = [];
            docLists.forEach(function (docs) {
              docs.forEach(function (doc) {
                if (seen[doc.u]) return;
                if (!covers(doc, option.value, tree)) return;
                if (category && doc.c.indexOf(category) < 0) return;
                if (who && doc.f.indexOf(who) < 0 && doc.f.indexOf(tree.everyone) < 0) return;
                if (language && doc.l.indexOf(language) < 0) return;
                if (nrpf && !doc.n) return;
                if (open && !doc.h) return;
                if (openNowOnly && !openNow(doc)) return;
                if (self && !doc.r) return;
                seen[doc.u] = true;
                found.push(doc);
              });
            });
            var ordered = firstMinuteOrder(found);
            var help = ordered.filter(function (doc) { return doc.tr !== tree.order.harmTier; });
            var harm = ordered.filter(function (doc) { return doc.tr === tree.order.harmTier; });
            fList.textContent = "";
            fRest = help.slice();
            showMore(false);
            fHarm.textContent = "";
            harm.forEach(function (doc) { fHarm.appendChild(serviceCard(doc)); });
            fHarmHeading.hidden = !harm.length;
            filterBox.classList.add("wm-find--filtered");
            fStatus.textContent = help.length
              ? (help.length === 1 ? T("1 service in {place}, 24-hour lines first", { place: option.textContent.trim() })
                : T("{count} services in {place}, 24-hour lines first", { count: help.length, place: option.textContent.trim() }))
              : T("No services match. Try fewer filters, or call a 24-hour line below.");
            /* On a phone the results are below the filters: go to them once an area is chosen. */
            if (narrow.matches && event && event.target === area) fStatus.scrollIntoView({ block: "start" });
          });

        })
        .catch(function () {
          fStatus.textContent = T("The filters could not load. Use the lists by area or by type below.");
        });
    };
    area.addEventListener("change", apply);
    fields.forEach(function (field) { field.addEventListener("change", apply); });
  }
})();
