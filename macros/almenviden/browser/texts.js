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
    none: function (q) { return "Ingen resultater for »" + q + "«."; },
    found: function (n, q) { return (n === 1 ? "1 resultat" : number(n) + " resultater") + " for »" + q + "«."; },
    showing: function (k) { return " Her er de " + k + " bedste."; },
    more: function (n) { return "Vis alle " + number(n) + " resultater med filtre"; },
    number: number,
  };

  if (typeof module === "object" && module.exports) module.exports = { t: AV.t };
})(typeof window === "object" ? window : globalThis);
