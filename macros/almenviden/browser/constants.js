/* almenviden browser code: the values shared with Python (AV.constants). No DOM.
 * WRITTEN BY `python -m almenviden.browser.constants` from macros/almenviden/browser/constants.py: edit that
 * file and run the command; tests/test_browser_constants.py fails while this file is out of date.
 */
(function (root) {
  "use strict";

  var AV = (root.almenviden = root.almenviden || {});

  AV.constants = {
    "idPattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
    "meta": {
      "title": "titlewords",
      "labels": "labels",
      "shown": [
        "title",
        "summary",
        "kind",
        "updated"
      ]
    },
    "metaWeights": {
      "titlewords": 5.0,
      "labels": 2.0
    },
    "weightedMetaFields": 4,
    "summaryWeight": 3,
    "storageKeys": {
      "minListe": "almenviden.minListe.v1",
      "foelgEllerForklar": "almenviden.foelgEllerForklar.v1"
    }
  };

  if (typeof module === "object" && module.exports) module.exports = AV.constants;
})(typeof window === "object" ? window : globalThis);
