/* almenviden browser code: how Pagefind ranks results (AV.ranking, given to Pagefind's options()). No DOM.
 *
 * Pagefind's defaults otherwise: a query word in the title counts most, one among the entry's taxonomy
 * labels more than one in the body text. The metadata fields (written by render/search_record.py, named
 * and weighed in browser/constants.py, AV.constants): the title's words and the labels hold every spelling
 * (økonomi, okonomi, …), split over numbered fields (labels, labels2, …) so that no query word counts
 * twice in one; the fields shown in results ("title", "summary", "kind", "updated") hold the text as
 * written and add nothing (the title's words already rank by <h1>, the summary's by its weight in the body).
 */
(function (root) {
  "use strict";

  var AV = (root.almenviden = root.almenviden || {});

  /** Pagefind's ranking options for the shared constants (AV.constants): {metaWeights: {field: weight}}. */
  function ranking(constants) {
    var metaWeights = {};
    constants.meta.shown.forEach(function (name) { metaWeights[name] = 0; });
    Object.keys(constants.metaWeights).forEach(function (name) {
      for (var n = 1; n <= constants.weightedMetaFields; n++) {
        metaWeights[name + (n > 1 ? n : "")] = constants.metaWeights[name];
      }
    });
    return { metaWeights: metaWeights };
  }

  AV.ranking = ranking(AV.constants);

  if (typeof module === "object" && module.exports) module.exports = { ranking: ranking };
})(typeof window === "object" ? window : globalThis);
