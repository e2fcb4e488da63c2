/* Waymark postcode lookup: which local authority is a postcode in? Answered on this device.
   The postcode typed never leaves the page: it is not put in an address, in storage, in a cookie or
   in a request. The only files fetched are index.json and the shard of the postcode AREA typed
   (postcode/LS.json for "LS6 1AB"), so the server learns the area letters and nothing more.
   Pages opened from disk (file://) load the script form instead (postcode/LS.js), which hands the
   same data to window.WaymarkData["postcode/LS.json"].

   API (no DOM work besides adding a <script> for the file:// form):
     WaymarkPostcode.lookup(text, root, options) -> Promise<result>
       root: the site root as the page sees it ("../"); options.dir: the data folder ("postcode/");
       options.load(path) -> Promise<data>: replaces the loader (tests, other transports).
     result: {status, kind, query, authorities: [{gss, id, name}], district?: [{gss, id, name}]}
       status: "found" one authority | "choice" several (an outward code or sector spanning them) |
               "unknown" postcode shape, not in the directory | "invalid" not a UK postcode |
               "outside" Channel Islands or Isle of Man | "not-covered" no shard in this copy |
               "error" the data could not be loaded
       kind: "full" | "sector" | "outward" | "invalid"; query: the canonical form ("LS6 1AB").
     WaymarkPostcode.parse(text) -> {kind, area, outward, sector, unit, text}
     WaymarkPostcode.resolve(parsed, index, shard) -> result   (synchronous, data already loaded)
   Mirrors waymark/features/postcode/lookup.py (parse, resolve). ES5, no library. */
(function (global) {
  "use strict";

  var UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";
  var BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  var SPACES = /[\s\u00a0\u2007\u202f\u200b\ufeff]+/g;
  var FULL = /^([A-Z]{1,2})([0-9][A-Z0-9]?)([0-9])([A-Z]{2})$/;
  var OUTWARD = /^([A-Z]{1,2})[0-9][A-Z0-9]?$/;
  var SECTOR = /^(\S+) ([0-9])$/;
  var AREA = /^[A-Z]{1,2}$/;
  var cache = {};

  function parsed(kind, area, outward, sector, unit) {
    var inward = (sector || "") + (unit || "");
    return {
      kind: kind,
      area: area || "",
      outward: outward || "",
      sector: sector || "",
      unit: unit || "",
      text: inward ? outward + " " + inward : outward || ""
    };
  }

  /* Any case; spaces of any kind anywhere. "LS6 1" is a sector only with its space; "LS61" is an
     outward code. */
  function parse(text) {
    var raw = typeof text === "string" ? text.toUpperCase() : "";
    var compact = raw.replace(SPACES, "");
    var full = FULL.exec(compact);
    if (full) return parsed("full", full[1], full[1] + full[2], full[3], full[4]);
    var sector = SECTOR.exec(raw.replace(SPACES, " ").replace(/^ | $/g, ""));
    var outward = OUTWARD.exec(sector ? sector[1] : compact);
    if (outward && sector) return parsed("sector", outward[1], outward[0], sector[2]);
    if (outward) return parsed("outward", outward[1], outward[0]);
    return parsed("invalid");
  }

  function unitBit(unit) {
    var a = UNIT_LETTERS.indexOf(unit.charAt(0));
    var b = UNIT_LETTERS.indexOf(unit.charAt(1));
    return unit.length === 2 && a >= 0 && b >= 0 ? a * UNIT_LETTERS.length + b : -1;
  }

  /* A sector's known units: 400 bits, base64, most significant bit first. */
  function hasUnit(encoded, unit) {
    var bit = unitBit(unit);
    if (bit < 0) return false;
    var value = BASE64.indexOf(encoded.charAt(Math.floor(bit / 6)));
    return value >= 0 && ((value >> (5 - (bit % 6))) & 1) === 1;
  }

  function authorities(shard, indexes) {
    var out = [];
    for (var i = 0; i < indexes.length; i++) {
      var la = shard.la[indexes[i]];
      out.push({ gss: la[0], id: la[1], name: la[2] });
    }
    return out;
  }

  function contains(list, item) {
    for (var i = 0; i < list.length; i++) if (list[i] === item) return true;
    return false;
  }

  function result(status, p, extra) {
    var out = { status: status, kind: p.kind, query: p.text, authorities: [] };
    if (extra) for (var key in extra) if (Object.prototype.hasOwnProperty.call(extra, key)) out[key] = extra[key];
    return out;
  }

  /* The answer for parsed text, from the index and the area's shard (null if not loaded). */
  function resolve(p, index, shard) {
    if (p.kind === "invalid") return result("invalid", p);
    if (contains(index.outside, p.area)) return result("outside", p);
    if (!contains(index.all, p.area)) return result("unknown", p);
    if (!contains(index.areas, p.area)) return result("not-covered", p);
    var district = shard && Object.prototype.hasOwnProperty.call(shard.d, p.outward) ? shard.d[p.outward] : null;
    if (!district) return result("unknown", p);
    var extra = { district: authorities(shard, district.la) };
    var found;
    if (p.kind === "outward") {
      found = district.la;
    } else {
      var sector = Object.prototype.hasOwnProperty.call(district.s, p.sector) ? district.s[p.sector] : null;
      if (!sector) return result("unknown", p, extra);
      if (p.kind === "sector") {
        found = [sector[0]];
        for (var i = 2; i < sector.length; i += 2) found.push(sector[i]);
      } else if (!hasUnit(sector[1], p.unit)) {
        return result("unknown", p, extra);
      } else {
        found = [sector[0]];
        for (var j = 2; j < sector.length; j += 2) {
          var units = sector[j + 1];
          for (var k = 0; k < units.length; k += 2) {
            if (units.charAt(k) === p.unit.charAt(0) && units.charAt(k + 1) === p.unit.charAt(1)) found = [sector[j]];
          }
        }
      }
    }
    extra.authorities = authorities(shard, found);
    return result(found.length === 1 ? "found" : "choice", p, extra);
  }

  /* In a browser, load.js (on every page) fetches, file:// aware. */
  function defaultLoader(root) {
    return function (path) { return global.WaymarkLoad.json(root, path); };
  }

  /* One request per file per page; a failed one may be tried again. The path holds only fixed names
     and validated area letters. */
  function load(loader, key, path) {
    if (!cache[key]) {
      cache[key] = loader(path).then(null, function (error) {
        delete cache[key];
        throw error;
      });
    }
    return cache[key];
  }

  function lookup(text, root, options) {
    var p = parse(text);
    options = options || {};
    root = typeof root === "string" ? root : "";
    var dir = typeof options.dir === "string" ? options.dir : "postcode/";
    var loader = options.load || defaultLoader(root);
    var key = (options.load ? "custom:" : root) + dir;
    if (p.kind === "invalid") return Promise.resolve(resolve(p, { outside: [], all: [], areas: [] }, null));
    return load(loader, key + "index.json", dir + "index.json").then(function (index) {
      if (!AREA.test(p.area) || !contains(index.areas, p.area) || contains(index.outside, p.area)) {
        return resolve(p, index, null);
      }
      return load(loader, key + p.area + ".json", dir + p.area + ".json").then(function (shard) {
        return resolve(p, index, shard);
      });
    }).then(null, function () {
      return result("error", p);
    });
  }

  /* Any other data file of the site (e.g. "search/areas.json"), fetched once, file:// aware. */
  function fetchData(root, path) {
    return load(defaultLoader(root), root + path, path);
  }

  global.WaymarkPostcode = {
    parse: parse,
    resolve: resolve,
    lookup: lookup,
    fetchData: fetchData,

    clear: function () { cache = {}; }
  };
})(typeof window !== "undefined" ? window : this);
