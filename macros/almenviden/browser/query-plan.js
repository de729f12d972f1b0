/* almenviden browser code: a query planned into Pagefind searches (AV.plan). No DOM.
 * Each query word is checked against the site's word list (word-list.js); a word on no page is replaced
 * by its parts or synonyms, or, when nothing is left, the plan has no searches and names close words.
 */
(function (root) {
  "use strict";

  var AV = (root.almenviden = root.almenviden || {});

  var MAX_SEARCHES = 10;
  // How much a result found only through a rewritten word counts, against one found by the words as typed.
  var FACTOR = { synonym: 0.85, parts: 0.9, partsOfKnown: 0.5, compound: 0.6 };

  /** The Pagefind queries for q: {queries: [{phrase, factor, tier}], unknown: the words on no page,
   *  suggestions: close words for the first of them}. words: an AV.WordList. */
  AV.plan = function (words, q) {
    var terms = AV.queryWords(q);
    var unknown = [];
    var slots = terms.map(function (t) {
      var known = words.known(t);
      var alts = [];
      words.synonymsOf(t).forEach(function (s) {
        if (AV.queryWords(s).every(function (w) { return words.known(w); })) alts.push([AV.queryWords(s).join(" "), FACTOR.synonym]);
      });
      var parts = t.length >= 6 && words.rank(t) >= AV.wordRules.COMMON_WORDS ? words.split(t) : null;
      // A compound that is a word on the pages is tried as its parts after its own results (tier 1); one
      // that only begins longer words there (fælleshave: "fælleshaven") together with them (tier 0).
      var whole = words.all.has(t);
      if (parts) alts.push([parts.join(" "), whole ? FACTOR.partsOfKnown : FACTOR.parts, whole ? 1 : 0]);
      if (known) words.compoundsEndingIn(t, 4).forEach(function (w) { if (w !== t) alts.push([w, FACTOR.compound]); });
      if (!known && !alts.length) unknown.push(t);
      return { term: t, known: known, alts: alts };
    });
    if (unknown.length || !terms.length) {
      return { queries: [], unknown: unknown, suggestions: unknown.length ? words.suggest(unknown[0], 3) : [] };
    }
    // Tier 0: the words as typed (a word on no page replaced by its parts or synonyms); tier 1: a word that
    // is on the pages also tried as its parts, compounds or synonyms. Tier 0 results come first: scores of
    // different queries are not comparable enough to mix "fællesspisning" with "fælles spisning".
    var base = slots.map(function (s) { return s.known ? [s.term, 1] : s.alts[0]; });
    var factorOf = function (choice) {
      return choice.reduce(function (f, c) { return f * c[1]; }, 1);
    };
    var phrase = function (choice) { return choice.map(function (c) { return c[0]; }).join(" "); };
    var queries = [{ phrase: phrase(base), factor: factorOf(base), tier: 0 }];
    slots.forEach(function (s, i) {
      s.alts.forEach(function (alt) {
        if (alt === base[i] || queries.length >= MAX_SEARCHES) return;
        var choice = base.slice();
        choice[i] = alt;
        queries.push({ phrase: phrase(choice), factor: factorOf(choice), tier: alt.length > 2 ? alt[2] : s.known ? 1 : 0 });
      });
    });
    return { queries: queries, unknown: [], suggestions: [] };
  };

  if (typeof module === "object" && module.exports) {
    module.exports = { plan: AV.plan, FACTOR: FACTOR, MAX_SEARCHES: MAX_SEARCHES };
  }
})(typeof window === "object" ? window : globalThis);
