/* How every Waymark script loads a script or a data file: one definition, on every page.

   A copy opened from a folder (file://) cannot fetch(): the offline copy (`make offline`) ships
   each data file also as a script that hands its data to window.WaymarkData, so json() loads that
   script instead. Each file is asked for once per page; a failed one may be tried again. */
(function () {
  "use strict";
  if (window.WaymarkLoad) return;
  var offline = window.location.protocol === "file:";
  var cache = {};

  function script(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(tag);
    });
  }

  function fetchOnce(root, path) {
    if (offline) {
      return script(root + path.replace(/\.json$/, ".js")).then(function () {
        var data = window.WaymarkData && window.WaymarkData[path];
        if (!data) throw new Error("no data in " + path);
        return data;
      });
    }
    return fetch(root + path, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(path + ": " + response.status);
      return response.json();
    });
  }

  function json(root, path) {
    var key = root + path;
    if (!cache[key]) {
      cache[key] = fetchOnce(root, path).then(null, function (error) {
        delete cache[key];
        throw error;
      });
    }
    return cache[key];
  }

  window.WaymarkLoad = { script: script, json: json, offline: offline };

  /* An interface string in the page's language (assets/waymark/strings.js, on pages in a language
     other than English), with {placeholders} filled in. */
  window.WaymarkT = function (text, values) {
    var out = (window.WaymarkStrings && window.WaymarkStrings[text]) || text;
    return values ? out.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; }) : out;
  };
})();
