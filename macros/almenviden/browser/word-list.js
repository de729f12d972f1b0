/* almenviden browser code: the site's word list (AV.WordList) and what it knows about Danish words:
 * inflected forms, compounds split into parts, compounds that end in a word, synonyms, close words for
 * "Mente du …?". No DOM; the list's core is loaded by pagefind-loader.js, its parts by `prepare` (below).
 *
 * The list is written in parts (search/words.py write): a core (function words, synonyms, topics, where the
 * parts are) and part files of words by their first PREFIX letters and by how they end. A WordList made from
 * the core has only the parts loaded so far; `prepare(compute)` runs compute (the query plan) on it, notes
 * every part it looked for and did not have, loads those and runs it again, until nothing was missing: the
 * answer is then the one the whole list gives, and the first query loads only the parts its words need.
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

  /** Whether w is a compound ending in t, or in t inflected (w holds t after its first MIN_PART letters). */
  function endsIn(w, t) {
    var at = w.indexOf(t, MIN_PART);
    if (at < 0 || w.length < t.length + MIN_PART) return false;
    var rest = w.slice(at + t.length);
    return rest === "" || ENDINGS.indexOf(rest) >= 0;
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

  var PREFIX = 3;  // search/words.py PREFIX

  /** The index of the part whose range of keys holds key (starts: each part's first key, sorted), or -1. */
  function partOf(starts, key) {
    var lo = 0, hi = starts.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (starts[mid] <= key) lo = mid + 1; else hi = mid; }
    return lo - 1;
  }

  function fetchPart(path) {
    return fetch(new URL("pagefind/" + path, AV.siteRoot).href).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status + ": " + path);
      return response.json();
    });
  }

  /** data: the word list's core as search/words.py writes it ({synonyms, functionWords, topics, dir, prefixes,
   *  ends}), or a whole list ({words: most frequent first, forms, synonyms, topics, functionWords}).
   *  load(path): a Promise of the part file's JSON at path inside pagefind/ (default: fetch). */
  function WordList(data, load) {
    var self = this;
    this.synonyms = new Map();
    Object.keys(data.synonyms || {}).forEach(function (w) { self.synonyms.set(loose(w), data.synonyms[w]); });
    this.topics = data.topics || [];
    this.functionWords = new Set((data.functionWords || []).map(fold));
    this.entries = [];  // [rank, folded word]
    this.forms = [];
    this.endWords = [];
    this.parts = data.words ? null : data;
    this.load = load || fetchPart;
    this.loaded = new Map();  // part name -> Promise
    this.missing = new Set();
    this.missingAll = new Set();
    if (data.words) {
      data.words.forEach(function (w, i) { self.entries.push([i, fold(w)]); });
      this.forms = data.forms.map(fold);
    }
    this.index();
  }
  WordList.prototype.index = function () {
    this.entries.sort(function (a, b) { return a[0] - b[0]; });
    this.words = this.entries.map(function (e) { return e[1]; });  // most frequent first
    this.all = new Set(this.words.concat(this.forms));
    this.sorted = Array.from(this.all).sort();
    this.ranks = null;
  };
  /** Note the part files that hold words beginning with t (and, with ends, the compounds ending in t) and are
   *  not loaded yet. A whole list needs nothing. */
  WordList.prototype.need = function (t, ends) {
    if (!this.parts) return;
    var starts = ends ? this.parts.ends : this.parts.prefixes;
    var key = ends ? t.slice(-PREFIX) : t.slice(0, PREFIX);
    var first = partOf(starts, key);
    var last = key.length < PREFIX && !ends ? partOf(starts, key + "\uffff") : first;
    for (var i = Math.max(first, 0); i <= last; i++) {
      var name = (ends ? "e" : "p") + i;
      if (!this.loaded.has(name)) this.missing.add(name);
    }
  };
  /** Every part of the words: for close words, which may begin with any letters. */
  WordList.prototype.needAll = function () {
    if (!this.parts) return;
    for (var i = 0; i < this.parts.prefixes.length; i++) if (!this.loaded.has("p" + i)) this.missingAll.add("p" + i);
  };
  /** compute(this) once every part it looks for is loaded (see the top of this file): a Promise of its result. */
  WordList.prototype.prepare = async function (compute) {
    for (;;) {
      this.missing = new Set();
      this.missingAll = new Set();
      var result = compute(this);
      // Every part only once the parts of the query's own words are in: until then a word on the pages
      // looks like a word on none, for which the plan asks for close words.
      var names = Array.from(this.missing.size ? this.missing : this.missingAll);
      if (!names.length) return result;
      var self = this;
      await Promise.all(names.map(function (name) {
        if (!self.loaded.has(name)) {
          self.loaded.set(name, Promise.resolve(self.load(self.parts.dir + name + ".json")).then(function (part) {
            self.add(name, part);
          }, function (error) { self.loaded.delete(name); throw error; }));
        }
        return self.loaded.get(name);
      }));
    }
  };
  WordList.prototype.add = function (name, part) {
    var self = this;
    if (name[0] === "p") {
      for (var i = 0; i < part.words.length; i += 2) this.entries.push([part.words[i], fold(part.words[i + 1])]);
      part.forms.forEach(function (f) { self.forms.push(fold(f)); });
      this.index();
    } else {
      part.words.forEach(function (w) { self.endWords.push(fold(w)); });
    }
  };
  /** A word on the pages (or one of its other spellings). */
  WordList.prototype.has = function (t) {
    this.need(t);
    return this.all.has(t);
  };
  /** A word that says nothing about what is looked for ("hvordan", "vi", "til"): search/words.function_words. */
  WordList.prototype.isFunctionWord = function (t) {
    return this.functionWords.has(t);
  };
  /** A word's rank on the pages (0: the most frequent), Infinity for a word on none. */
  WordList.prototype.rank = function (t) {
    this.need(t);
    if (!this.ranks) {
      this.ranks = new Map();
      for (var i = 0; i < this.entries.length; i++) {
        if (!this.ranks.has(this.entries[i][1])) this.ranks.set(this.entries[i][1], this.entries[i][0]);
      }
    }
    return this.ranks.has(t) ? this.ranks.get(t) : Infinity;
  };
  WordList.prototype.hasPrefix = function (t) {
    this.need(t);
    var lo = 0, hi = this.sorted.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (this.sorted[mid] < t) lo = mid + 1; else hi = mid; }
    return lo < this.sorted.length && this.sorted[lo].indexOf(t) === 0;
  };
  /** An inflected form of a word on the pages (rest is the ending). */
  WordList.prototype.inflected = function (t) {
    for (var k = t.length - 1; k >= Math.max(MIN_PART, t.length - 5); k--) {
      var f = t.slice(0, k);
      if (this.has(f) && inflects(f, t.slice(k))) return true;
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
    return this.has(t) || this.hasPrefix(t) || this.inflected(t);
  };
  WordList.prototype.head = function (a) {
    return this.has(a) || (a.length >= 4 && this.hasPrefix(a));
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
        if (this.known(b) && (b.length >= 4 || this.has(b))) return [a, b];
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
    if (this.parts) {
      // The candidates are among the words filed under how t ends; their own parts give their ranks.
      this.need(t, true);
      for (var j = 0; j < this.endWords.length; j++) if (endsIn(this.endWords[j], t)) this.need(this.endWords[j]);
    }
    for (var i = 0; i < this.words.length && out.length < limit; i++) {
      var w = this.words[i];
      if (endsIn(w, t) && this.head(w.slice(0, w.indexOf(t, MIN_PART)).replace(/[se]$/, "") || "x")) out.push(w);
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
    this.needAll();
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
    module.exports = { WordList: WordList, distance: distance, inflects: inflects, sameWord: sameWord, partOf: partOf,
                       MIN_PART: MIN_PART, COMMON_WORDS: COMMON_WORDS, PREFIX: PREFIX, ENDINGS: ENDINGS };
  }
})(typeof window === "object" ? window : globalThis);
