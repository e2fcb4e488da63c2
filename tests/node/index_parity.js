/* Holds search.js's prebuilt-index scoring to lunr.js itself, for tests/test_search_index.py.

   node index_parity.js DIR
   DIR holds the search files the build wrote (core.json, services-*.json) and texts.json: what
   the index read of each document ({"keys": [...], "texts": [[one text per field], ...]}, the
   core documents first, in the files' order) and the queries to score ({"queries": [[clause, ...]]},
   a clause being {term, boost, fields?}).

   It builds ONE lunr.js index over every document, with search.js's pipeline (its trimmer, lunr's
   English stop words, the Welsh ones), and prints JSON: every weight whose value differs between
   lunr's field vectors and search.js's postings, the documents either side has that the other has
   not, and each query's results from both, in order. */
"use strict";

var fs = require("fs");
var path = require("path");

var here = path.join(__dirname, "..", "..", "hooks", "waymark", "features", "search");
global.window = {};
global.document = { querySelector: function () { return null; } };
global.lunr = require(path.join(here, "lunr-2.3.9.min.js"));
require(path.join(here, "search.js"));
var R = global.window.WaymarkSearchRules;
var lunr = global.lunr;

var dir = process.argv[2];
function read(name) { return JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")); }
var core = read("core.json");
var given = read("texts.json");
var shards = fs.readdirSync(dir).filter(function (name) { return /^services-.*\.json$/.test(name); }).sort()
  .map(function (name) { return { name: name, file: read(name) }; });

/* search.js's view over the core and every shard, as a search on a small site loads them */
var view = R.corpusView(lunr, core, shards);

/* lunr's own index over the same documents, keyed by their place in the view */
var EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
function trimmer(token) {
  var trimmed = token.update(function (text) { return text.replace(EDGES, ""); });
  return trimmed.toString() ? trimmed : undefined;
}
var welsh = Object.create(null);
core.stopWords.forEach(function (w) { welsh[w] = true; });
function welshStop(token) { return welsh[token.toString()] ? undefined : token; }
lunr.Pipeline.registerFunction(trimmer, "wmTrimmer");
lunr.Pipeline.registerFunction(welshStop, "wmWelshStop");

var byKey = {};
given.keys.forEach(function (key, i) { byKey[key] = given.texts[i]; });
var builder = new lunr.Builder();
builder.pipeline.add(trimmer, lunr.stopWordFilter, welshStop);
builder.ref("ref");
core.fields.forEach(function (field) { builder.field(field.name, { boost: field.boost }); });
var missing = [];
view.docs.forEach(function (entry, ref) {
  var key = entry.service ? entry.doc.u : "#" + ref;
  var texts = byKey[key];
  if (!texts) { missing.push(key); return; }
  var doc = { ref: String(ref) };
  core.fields.forEach(function (field, f) { doc[field.name] = texts[f]; });
  builder.add(doc);
});
var idx = builder.build();

/* every weight: lunr's field vectors against search.js's, from the postings */
var width = core.fields.length;
var ours = {};
view.files.forEach(function (file) {
  Object.keys(file.postings.words).forEach(function (word) {
    var posting = file.postings.words[word];
    var idf = R.idf(posting.df, core.stats.n);
    for (var i = 0; i < posting.list.length; i += 2) {
      var place = posting.list[i], f = place % width, doc = file.at[(place - f) / width];
      if (doc < 0) continue;
      ours[core.fields[f].name + "/" + doc + "/" + word] = R.weight(
        idf, posting.list[i + 1], file.postings.lengths[place], core.stats.avg[f], core.fields[f].boost, core.bm25);
    }
  });
});
var theirs = {};
var terms = Object.keys(idx.invertedIndex);
var termOf = {};
terms.forEach(function (term) { termOf[idx.invertedIndex[term]._index] = term; });
Object.keys(idx.fieldVectors).forEach(function (fieldRef) {
  var parts = fieldRef.split("/"), field = parts[0], doc = parts[1];
  var elements = idx.fieldVectors[fieldRef].elements;
  for (var i = 0; i < elements.length; i += 2) theirs[field + "/" + doc + "/" + termOf[elements[i]]] = elements[i + 1];
});
var differ = [];
Object.keys(theirs).forEach(function (key) {
  if (ours[key] !== theirs[key]) differ.push([key, theirs[key], ours[key] === undefined ? null : ours[key]]);
});
Object.keys(ours).forEach(function (key) { if (!(key in theirs)) differ.push([key, null, ours[key]]); });

/* each query, both ways */
var queries = (given.queries || []).map(function (clauses) {
  var ourResults = R.score(view, core, clauses).map(function (r) { return [r.ref, r.score]; });
  var lunrResults = idx.query(function (q) {
    clauses.forEach(function (c) {
      var options = { boost: c.boost, usePipeline: false };
      if (c.fields) options.fields = c.fields;
      q.term(c.term, options);
    });
  }).map(function (r) { return [+r.ref, r.score]; });
  return { ours: ourResults, lunr: lunrResults };
});

process.stdout.write(JSON.stringify({
  documents: view.docs.length, n: core.stats.n, weights: Object.keys(theirs).length,
  differ: differ.slice(0, 50), differCount: differ.length, missing: missing, queries: queries
}));
