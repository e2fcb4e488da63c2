/* Waymark: Material for MkDocs keeps small preferences (tabs, palette, search) through
   __md_get/__md_set in localStorage and sessionStorage. A survivor's browser must keep nothing,
   so these versions hold values in memory for the life of the page and never touch storage. */
(function () {
  "use strict";
  var memory = new Map();
  window.__md_scope = new URL(".", location);
  window.__md_hash = function (value) {
    return Array.prototype.reduce.call(value, function (hash, c) {
      return (hash << 5) - hash + c.charCodeAt(0);
    }, 0);
  };
  window.__md_get = function (key) {
    return memory.has(key) ? JSON.parse(memory.get(key)) : null;
  };
  window.__md_set = function (key, value) {
    memory.set(key, JSON.stringify(value));
  };
})();
