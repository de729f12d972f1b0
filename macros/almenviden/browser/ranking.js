/* almenviden browser code: how Pagefind ranks results (AV.ranking, given to Pagefind's options()). No DOM.
 *
 * Pagefind's defaults otherwise: a query word in the title counts most, one among the entry's taxonomy
 * labels (the "labels" metadata, see render/search_record.py) more than one in the body text.
 * Metadata fields (render/search_record.py): "titlewords" and "labels" hold every spelling (økonomi,
 * okonomi, …), split over numbered fields so that no query word counts twice in one; "title", "summary",
 * "kind" hold the text as written, shown in results, and add nothing (the title's words already rank by
 * <h1>, the summary's by its weight in the body).
 */
(function (root) {
  "use strict";

  var AV = (root.almenviden = root.almenviden || {});

  var TITLE_WEIGHT = 5.0, LABELS_WEIGHT = 2.0;

  /** Pagefind's ranking options: {metaWeights: {field: weight}}. */
  function ranking() {
    var metaWeights = { title: 0, summary: 0, kind: 0, updated: 0 };
    ["", "2", "3", "4"].forEach(function (n) {
      metaWeights["titlewords" + n] = TITLE_WEIGHT;
      metaWeights["labels" + n] = LABELS_WEIGHT;
    });
    return { metaWeights: metaWeights };
  }

  AV.ranking = ranking();

  if (typeof module === "object" && module.exports) module.exports = { ranking: ranking };
})(typeof window === "object" ? window : globalThis);
