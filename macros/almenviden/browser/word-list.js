/* almenviden browser code: the site's word list (AV.WordList) and what it knows about Danish words:
 * inflected forms, compounds split into parts, compounds that end in a word, synonyms, close words for
 * "Mente du …?". No DOM; the list itself is loaded by pagefind-loader.js.
 *
 * Pagefind matches every query word by prefix, and a word that starts nothing by the longest indexed word
 * it starts with ("helikopter" finds "hele"). So each word is first checked against the words on the
 * site's pages (pagefind/almenviden-words.json, written by search/words.py): a word that is on no page,
 * in no inflected form, is not sent to Pagefind. A compound is also tried as its parts (affaldssortering:
 * affald sortering), a word also as the compounds that end in it (have: køkkenhave), and as its synonyms
 * from taxonomy.yaml. The splitting is hand-written and uses only the catalogue's own vocabulary.
 */
(function (root) {
  "use strict";

  var AV = (root.almenviden = root.almenviden || {});
  var fold = AV.fold, loose = AV.loose;

  // Danish inflectional endings: "madklubberne" is an inflected "madklub" (b doubled), "seniorerne" of "seniorer".
  var ENDINGS = ["e", "en", "er", "et", "ene", "ere", "erne", "ernes", "es", "ens", "ers", "ets", "s", "ne", "nes",
                 "n", "ns", "r", "rne", "rnes", "t", "ts", "ede", "ende", "te"];
  var AFTER_PLURAL = ["ne", "nes", "s"];  // "kasser" + "ne", never "kasser" + "er" (kasserer is another word)
  var AFTER_E = ["n", "ns", "r", "rne", "rnes", "t", "ts"];
  var LINKS = ["", "s", "e"];  // affald-s-sortering, fugl-e-kasse
  var MIN_PART = 3;
  var STEM = 4;  // the shortest stem two inflected forms are compared by
  var COMMON_WORDS = 100;
  var TYPO_LENGTH = 5;  // shorter words are one letter away from too many others to be read as typos  // the most frequent words on the pages (og, eller, med, …) are never split or expanded

  /** Whether stem + rest is an inflected form of stem ("madklub" + "berne", "kasse" + "rne"). */
  function inflects(stem, rest) {
    var plural = /(er|e)$/.test(stem);
    var endings = plural ? AFTER_PLURAL.concat(/e$/.test(stem) ? AFTER_E : []) : ENDINGS;
    return endings.indexOf(rest) >= 0 ||
      (rest[0] === stem[stem.length - 1] && ENDINGS.indexOf(rest.slice(1)) >= 0 && !plural);
  }

  /** Two inflected forms of one word: "billige" and "billigt" (billig + e, billig + t), "mørke" and "mørkt". */
  function sameWord(w, t) {
    for (var k = t.length - 1; k >= Math.max(STEM, t.length - 3); k--) {
      var stem = t.slice(0, k);
      if (w.indexOf(stem) === 0 && w.length > k && inflects(stem, t.slice(k)) && inflects(stem, w.slice(k))) return true;
    }
    return false;
  }

  /** Edit distance with transpositions (optimal string alignment), or max + 1 once it is over max. */
  function distance(a, b, max) {
    var prev2 = null, prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (var j2 = 1; j2 <= b.length; j2++) {
        var cost = a[i - 1] === b[j2 - 1] ? 0 : 1;
        var v = Math.min(prev[j2] + 1, cur[j2 - 1] + 1, prev[j2 - 1] + cost);
        if (prev2 && i > 1 && j2 > 1 && a[i - 1] === b[j2 - 2] && a[i - 2] === b[j2 - 1]) v = Math.min(v, prev2[j2 - 2] + 1);
        cur.push(v);
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }

  /** data: the word list's JSON ({words: most frequent first, forms, synonyms: {word: [phrases]}, topics,
   *  functionWords}). */
  function WordList(data) {
    this.words = data.words.map(fold);  // most frequent first
    this.all = new Set(this.words.concat(data.forms.map(fold)));
    this.sorted = Array.from(this.all).sort();
    this.synonyms = new Map();
    var self = this;
    Object.keys(data.synonyms || {}).forEach(function (w) { self.synonyms.set(loose(w), data.synonyms[w]); });
    this.topics = data.topics || [];
    this.functionWords = new Set((data.functionWords || []).map(fold));
  }
  /** A word that says nothing about what is looked for ("hvordan", "vi", "til"): search/words.function_words. */
  WordList.prototype.isFunctionWord = function (t) {
    return this.functionWords.has(t);
  };
  WordList.prototype.rank = function (t) {
    if (!this.ranks) {
      this.ranks = new Map();
      for (var i = 0; i < this.words.length; i++) if (!this.ranks.has(this.words[i])) this.ranks.set(this.words[i], i);
    }
    return this.ranks.has(t) ? this.ranks.get(t) : Infinity;
  };
  WordList.prototype.hasPrefix = function (t) {
    var lo = 0, hi = this.sorted.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (this.sorted[mid] < t) lo = mid + 1; else hi = mid; }
    return lo < this.sorted.length && this.sorted[lo].indexOf(t) === 0;
  };
  /** An inflected form of a word on the pages (rest is the ending). */
  WordList.prototype.inflected = function (t) {
    for (var k = t.length - 1; k >= Math.max(MIN_PART, t.length - 5); k--) {
      var f = t.slice(0, k);
      if (this.all.has(f) && inflects(f, t.slice(k))) return true;
    }
    return false;
  };
  /** Whether a word on a page (w) is a match for the query word t: a longer form of t, t inflected from w, or a
   *  compound that ends in t. Pagefind's stemmer alone also matches "kasserer" with "kasse" (both stem to kass). */
  WordList.prototype.matches = function (w, t) {
    if (w.indexOf(t) === 0 || (w.length > t.length && w.indexOf(t, MIN_PART) > 0)) return true;
    if (t.indexOf(w) === 0 && w.length >= MIN_PART) return inflects(w, t.slice(w.length));
    return sameWord(w, t);
  };
  /** On some page: the word itself, a word it begins (typing, or a longer form), or an inflected form. */
  WordList.prototype.known = function (t) {
    return this.all.has(t) || this.hasPrefix(t) || this.inflected(t);
  };
  WordList.prototype.head = function (a) {
    return this.all.has(a) || (a.length >= 4 && this.hasPrefix(a));
  };
  /** A compound split into parts that are on the pages, or null. */
  WordList.prototype.split = function (t, depth) {
    depth = depth || 0;
    for (var k = t.length - MIN_PART; k >= MIN_PART; k--) {
      var a = t.slice(0, k);
      if (!this.head(a)) continue;
      for (var i = 0; i < LINKS.length; i++) {
        var rest = t.slice(k);
        if (rest.indexOf(LINKS[i]) !== 0) continue;
        var b = rest.slice(LINKS[i].length);
        if (b.length < MIN_PART) continue;
        if (this.known(b) && (b.length >= 4 || this.all.has(b))) return [a, b];
        var more = depth < 2 ? this.split(b, depth + 1) : null;
        if (more) return [a].concat(more);
      }
    }
    return null;
  };
  /** Words on the pages that are compounds ending in t (or an inflected t): have -> køkkenhave. */
  WordList.prototype.compoundsEndingIn = function (t, limit) {
    var out = [];
    // Not for the commonest words ("eller" is no part of "modeller"): they are the language's small words.
    if (t.length < 4 || this.rank(t) < COMMON_WORDS) return out;
    for (var i = 0; i < this.words.length && out.length < limit; i++) {
      var w = this.words[i];
      var at = w.indexOf(t, MIN_PART);
      if (at < 0 || w.length < t.length + MIN_PART) continue;
      var rest = w.slice(at + t.length);
      if ((rest === "" || ENDINGS.indexOf(rest) >= 0) && this.head(w.slice(0, at).replace(/[se]$/, "") || "x")) out.push(w);
    }
    return out;
  };
  WordList.prototype.synonymsOf = function (t) {
    var direct = this.synonyms.get(loose(t));
    if (direct) return direct;
    for (var k = t.length - 1; k >= Math.max(MIN_PART, t.length - 4); k--) {
      var found = this.synonyms.get(loose(t.slice(0, k)));
      if (found && ENDINGS.indexOf(t.slice(k)) >= 0) return found;
    }
    return [];
  };
  /** Close words on the pages for a word that is on none ("Mente du …?"), best first. */
  WordList.prototype.suggest = function (t, limit) {
    var max = t.length <= 5 ? 1 : 2;
    var found = [];
    for (var i = 0; i < this.words.length; i++) {
      var w = this.words[i];
      if (w.length < 3 || Math.abs(w.length - t.length) > max) continue;
      var d = distance(t, w, max);
      if (d <= max) found.push([d, i, w]);
    }
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    return found.slice(0, limit).map(function (f) { return f[2]; });
  };

  /** The commonest word on the pages one letter away from t (a typo: kompst -> kompost), for words of
   *  TYPO_LENGTH letters or more, or null. */
  WordList.prototype.typoOf = function (t) {
    if (t.length < TYPO_LENGTH) return null;
    var close = this.suggest(t, 1)[0];
    return close && distance(t, close, 1) === 1 ? close : null;
  };

  AV.WordList = WordList;
  AV.wordRules = { MIN_PART: MIN_PART, COMMON_WORDS: COMMON_WORDS };

  if (typeof module === "object" && module.exports) {
    module.exports = { WordList: WordList, distance: distance, inflects: inflects, sameWord: sameWord,
                       MIN_PART: MIN_PART, COMMON_WORDS: COMMON_WORDS };
  }
})(typeof window === "object" ? window : globalThis);
