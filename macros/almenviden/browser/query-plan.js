/* almenviden browser code: a query planned into Pagefind searches (AV.plan). No DOM.
 * Function words ("hvordan", "vi", "til") are left out of a query that has other words. Each other word is
 * checked against the site's word list (word-list.js): a word on no page is replaced by its parts, synonyms or
 * the compounds on the pages that end in it, or, failing those, by the word one letter from it (a typo); a word
 * with none of those is left out and named (`ignored`), and
 * when no word is left the plan has no searches and names close words. Pagefind finds only pages with every
 * word, so a query of several words is also searched with each word left out in turn, after the rest.
 */
(function (root) {
  "use strict";

  var AV = (root.almenviden = root.almenviden || {});

  var MAX_SEARCHES = 10;
  // How much a result found only through a rewritten word counts, against one found by the words as typed.
  var FACTOR = { synonym: 0.85, parts: 0.9, partsOfKnown: 0.5, compound: 0.6, relaxed: 0.5, typo: 0.8 };
  // Queries of up to this many words are also searched with one word left out (tier 2).
  var MAX_RELAXED = 4;

  /** The Pagefind queries for q: {queries: [{phrase, factor, tier}], ignored: the words on no page left out of
   *  the queries, corrected: [[typed, searched]] for typos, unknown: the words on no page when no query is left, suggestions: close words for the first
   *  word on no page}. words: an AV.WordList. */
  AV.plan = function (words, q) {
    var typed = AV.queryWords(q);
    var content = typed.filter(function (t) { return !words.isFunctionWord(t); });
    var terms = content.length ? content : typed;
    var slots = terms.map(function (t) {
      var known = words.known(t);
      var alts = [];
      words.synonymsOf(t).forEach(function (s) {
        if (AV.queryWords(s).every(function (w) { return words.known(w); })) alts.push([AV.queryWords(s).join(" "), FACTOR.synonym]);
      });
      var parts = t.length >= 6 && words.rank(t) >= AV.wordRules.COMMON_WORDS ? words.split(t) : null;
      // A compound that is a word on the pages is tried as its parts after its own results (tier 1); one
      // that only begins longer words there (fælleshave: "fælleshaven") together with them (tier 0).
      var whole = words.has(t);
      if (parts) alts.push([parts.join(" "), whole ? FACTOR.partsOfKnown : FACTOR.parts, whole ? 1 : 0]);
      // A word on no page may still end compounds there (skrald: storskrald).
      words.compoundsEndingIn(t, 4).forEach(function (w) { if (w !== t) alts.push([w, FACTOR.compound]); });
      // A word on no page, and no part of one, one letter from a word on the pages: a typo (konfilkt).
      var typo = !known && !alts.length ? words.typoOf(t) : null;
      if (typo) alts.push([typo, FACTOR.typo]);
      return { term: t, known: known, alts: alts, typo: typo };
    });
    var corrected = slots.filter(function (s) { return s.typo; }).map(function (s) { return [s.term, s.typo]; });
    var unknown = slots.filter(function (s) { return !s.known && !s.alts.length; }).map(function (s) { return s.term; });
    var suggestions = unknown.length ? words.suggest(unknown[0], 3) : [];
    slots = slots.filter(function (s) { return s.known || s.alts.length; });
    if (!slots.length) return { queries: [], ignored: [], corrected: [], unknown: unknown, suggestions: suggestions };
    // Tier 0: the words as typed (a word on no page replaced by its parts or synonyms); tier 1: a word that
    // is on the pages also tried as its parts, compounds or synonyms; tier 2: one word left out. Lower tiers
    // come first: scores of different queries are not comparable enough to mix "fællesspisning" with
    // "fælles spisning".
    var base = slots.map(function (s) { return s.known ? [s.term, 1] : s.alts[0]; });
    var factorOf = function (choice) {
      return choice.reduce(function (f, c) { return f * c[1]; }, 1);
    };
    var phrase = function (choice) { return choice.map(function (c) { return c[0]; }).join(" "); };
    var queries = [{ phrase: phrase(base), factor: factorOf(base), tier: 0 }];
    var relaxed = [];
    if (base.length >= 2 && base.length <= MAX_RELAXED) {
      base.forEach(function (_, i) {
        var choice = base.slice(0, i).concat(base.slice(i + 1));
        relaxed.push({ phrase: phrase(choice), factor: factorOf(choice) * FACTOR.relaxed, tier: 2, relaxed: true });
      });
    }
    slots.forEach(function (s, i) {
      s.alts.forEach(function (alt) {
        if (alt === base[i] || queries.length + relaxed.length >= MAX_SEARCHES) return;
        var choice = base.slice();
        choice[i] = alt;
        queries.push({ phrase: phrase(choice), factor: factorOf(choice), tier: alt.length > 2 ? alt[2] : s.known ? 1 : 0 });
      });
    });
    return { queries: queries.concat(relaxed), ignored: unknown, corrected: corrected, unknown: [], suggestions: suggestions };
  };

  if (typeof module === "object" && module.exports) {
    module.exports = { plan: AV.plan, FACTOR: FACTOR, MAX_SEARCHES: MAX_SEARCHES, MAX_RELAXED: MAX_RELAXED };
  }
})(typeof window === "object" ? window : globalThis);
