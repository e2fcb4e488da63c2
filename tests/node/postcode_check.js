/* Runs postcode.js under Node against built shard files, for the tests and for timing.
   node node_check.js DATA_DIR < queries.json      -> prints [result, ...] for ["LS6 1AB", ...]
   node node_check.js DATA_DIR --time AREA N       -> prints {"per_lookup_us": ...} for N lookups of
                                                      the AREA shard's postcodes, shard already loaded */
"use strict";

var fs = require("fs");
var path = require("path");

global.window = { location: { protocol: "http:" } };
require(path.join(__dirname, "..", "..", "hooks", "waymark", "features", "postcode", "postcode.js"));
var P = global.window.WaymarkPostcode;
var dir = process.argv[2];
var reads = [];

function load(file) {
  reads.push(file);
  return new Promise(function (ok, fail) {
    fs.readFile(path.join(dir, path.basename(file)), "utf8", function (error, text) {
      if (error) fail(error);
      else ok(JSON.parse(text));
    });
  });
}

function readJSON(file) {
  return JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
}

if (process.argv[3] === "--time") {
  var area = process.argv[4];
  var count = parseInt(process.argv[5], 10) || 100000;
  var index = readJSON("index.json");
  var shard = readJSON(area + ".json");
  var queries = [];
  var letters = "ABDEFGHJLNPQRSTUWXYZ";
  Object.keys(shard.d).forEach(function (outward) {
    Object.keys(shard.d[outward].s).forEach(function (digit) {
      for (var i = 0; i < 20; i++) queries.push(outward + " " + digit + letters.charAt(i) + letters.charAt(19 - i));
    });
  });
  var found = 0;
  var start = process.hrtime.bigint();
  for (var n = 0; n < count; n++) {
    var r = P.resolve(P.parse(queries[n % queries.length]), index, shard);
    if (r.status === "found") found++;
  }
  var ns = Number(process.hrtime.bigint() - start);
  process.stdout.write(JSON.stringify({ lookups: count, found: found, per_lookup_us: ns / count / 1000 }) + "\n");
} else {
  var input = JSON.parse(fs.readFileSync(0, "utf8"));
  var out = [];
  var chain = Promise.resolve();
  input.forEach(function (text) {
    chain = chain.then(function () {
      var before = process.hrtime.bigint();
      return P.lookup(text, "", { load: load }).then(function (r) {
        r.ms = Number(process.hrtime.bigint() - before) / 1e6;
        out.push(r);
      });
    });
  });
  chain.then(function () {
    process.stdout.write(JSON.stringify({ results: out, reads: reads }) + "\n");
  });
}
