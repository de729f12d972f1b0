/* almenviden browser code: the search UI's Danish texts (AV.t). No DOM. */
(function (root) {
  "use strict";

  var AV = (root.almenviden = root.almenviden || {});

  var number = function (n) { return n.toLocaleString("da-DK"); };

  AV.t = {
    searching: "Søger …",
    error: "Søgningen kunne ikke indlæses. Prøv at genindlæse siden.",
    // The online build opened from disk (file://): browsers do not load the search index from files.
    fromDisk: "Søgningen virker ikke, når sitet åbnes direkte fra disken. Brug offline-kopien " +
      "(almenviden-offline.zip, lavet med »almenviden offline«), hvor søgningen virker uden netværk, " +
      "eller åbn sitet gennem en webserver.",
    // A query with words on no page is searched without them (query-plan.js); the reader is told which.
    ignored: function (words) {
      var named = words.map(function (w) { return "»" + w + "«"; });
      var list = named.length > 1 ? named.slice(0, -1).join(", ") + " og " + named[named.length - 1] : named[0];
      return "Ingen sider nævner " + list + "; her er resultater for resten.";
    },
    // A typo searched as the word one letter from it.
    corrected: function (pairs) {
      return pairs.map(function (p) { return "Ingen sider nævner »" + p[0] + "«; her er resultater for »" + p[1] + "«."; })
        .join(" ");
    },
    // What a search left out or changed, before its count ("" when nothing).
    changed: function (found) {
      return [found.corrected && found.corrected.length ? AV.t.corrected(found.corrected) : "",
              found.ignored && found.ignored.length ? AV.t.ignored(found.ignored) : ""]
        .filter(Boolean).map(function (s) { return s + " "; }).join("");
    },
    none: function (q) { return "Ingen resultater for »" + q + "«."; },
    found: function (n, q) { return (n === 1 ? "1 resultat" : number(n) + " resultater") + " for »" + q + "«."; },
    showing: function (k) { return " Her er de " + k + " bedste."; },
    more: function (n) { return "Vis alle " + number(n) + " resultater med filtre"; },
    number: number,
  };

  if (typeof module === "object" && module.exports) module.exports = { t: AV.t };
})(typeof window === "object" ? window : globalThis);
