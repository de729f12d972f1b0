/* almenviden search: Pagefind behind a small Danish UI. This file has the shared core
 * (window.almenviden) and the header search box; catalogue.js has the catalogue browser.
 *
 * Classic script, no import at load time, so an offline copy can reuse it: by default Pagefind is
 * loaded with import("<site>/pagefind/pagefind.js"); a page that cannot do that (file://) defines
 *   window.almenvidenPagefindLoader = function (siteRoot) { return Promise<Pagefind instance> }
 * before the first search, and everything else stays the same. The instance needs the methods
 * search(term, options), filters() of Pagefind's createInstance(), with baseUrl "/".
 */
(function () {
  "use strict";

  var AV = (window.almenviden = window.almenviden || {});
  // This file is <site>/assets/almenviden/search.js.
  AV.siteRoot = new URL("../../", document.currentScript.src);

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

  function defaultLoader(siteRoot) {
    var bundle = new URL("pagefind/", siteRoot).href;
    return import(bundle + "pagefind.js").then(function (pagefind) {
      // No web worker: fewer bytes on the first search, and the same code path as the offline copy.
      return pagefind.createInstance({ basePath: bundle, baseUrl: "/", noWorker: true });
    });
  }

  // Ranking (Pagefind's defaults otherwise): a query word in the title counts most, one among the entry's
  // taxonomy labels (the "labels" metadata, see search_index.py) more than one in the body text.
  // Metadata fields (search_index.py): "titlewords" and "labels" hold every spelling (økonomi, okonomi, …),
  // split over numbered fields so that no query word counts twice in one; "title", "summary", "kind" hold
  // the text as written, shown in results, and add nothing (the title's words already rank by <h1>, the
  // summary's by its weight in the body).
  var TITLE_WEIGHT = 5.0, LABELS_WEIGHT = 2.0;
  AV.ranking = { metaWeights: { title: 0, summary: 0, kind: 0, updated: 0 } };
  ["", "2", "3", "4"].forEach(function (n) {
    AV.ranking.metaWeights["titlewords" + n] = TITLE_WEIGHT;
    AV.ranking.metaWeights["labels" + n] = LABELS_WEIGHT;
  });
  /** Why search failed, in Danish: from disk the online build cannot search at all, so reloading will not help. */
  AV.fromDisk = function () { return window.location.protocol === "file:" && !window.almenvidenPagefindLoader; };
  AV.failText = function () { return AV.fromDisk() ? AV.t.fromDisk : AV.t.error; };

  var instance = null;
  /** The Pagefind instance, loaded on first use. */
  AV.pagefind = function () {
    if (!instance) {
      var loader = window.almenvidenPagefindLoader || defaultLoader;
      instance = Promise.resolve(loader(AV.siteRoot)).then(function (pagefind) {
        return Promise.resolve(pagefind.options ? pagefind.options({ ranking: AV.ranking }) : null)
          .then(function () { return pagefind; });
      });
      instance.catch(function () { instance = null; });
    }
    return instance;
  };

  // ---------------------------------------------------------------- query words (issue 10)
  // Pagefind matches every query word by prefix, and a word that starts nothing by the longest indexed word
  // it starts with ("helikopter" finds "hele"). So each word is first checked against the words on the
  // site's pages (pagefind/almenviden-words.json, written by search_words.py): a word that is on no page,
  // in no inflected form, is not sent to Pagefind. A compound is also tried as its parts (affaldssortering:
  // affald sortering), a word also as the compounds that end in it (have: køkkenhave), and as its synonyms
  // from taxonomy.yaml. The splitting is hand-written and uses only the catalogue's own vocabulary.

  // Danish inflectional endings: "madklubberne" is an inflected "madklub" (b doubled), "seniorerne" of "seniorer".
  var ENDINGS = ["e", "en", "er", "et", "ene", "ere", "erne", "ernes", "es", "ens", "ers", "ets", "s", "ne", "nes",
                 "n", "ns", "r", "rne", "rnes", "t", "ts", "ede", "ende", "te"];
  var AFTER_PLURAL = ["ne", "nes", "s"];  // "kasser" + "ne", never "kasser" + "er" (kasserer is another word)
  var LINKS = ["", "s", "e"];  // affald-s-sortering, fugl-e-kasse
  var MIN_PART = 3;
  var COMMON_WORDS = 100;  // the most frequent words on the pages (og, eller, med, …) are never split or expanded

  /** A word as Pagefind compares it: lower case, accents folded (å -> a), æ and ø kept. */
  function fold(word) {
    return String(word).toLocaleLowerCase("da").replace(/å/g, "a").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\p{L}\p{N}]/gu, "");
  }
  /** A looser form for the synonym list, so "haervaerk" and "harvark" find "hærværk". */
  function loose(word) {
    return fold(word).replace(/ae|æ/g, "a").replace(/oe|ø/g, "o").replace(/aa/g, "a");
  }
  AV.queryWords = function (q) {
    return String(q).split(/[\s,.;:!?()"«»]+/).map(fold).filter(Boolean);
  };

  function Words(data) {
    this.words = data.words.map(fold);  // most frequent first
    this.all = new Set(this.words.concat(data.forms.map(fold)));
    this.sorted = Array.from(this.all).sort();
    this.synonyms = new Map();
    var self = this;
    Object.keys(data.synonyms || {}).forEach(function (w) { self.synonyms.set(loose(w), data.synonyms[w]); });
    this.topics = data.topics || [];
  }
  Words.prototype.rank = function (t) {
    if (!this.ranks) {
      this.ranks = new Map();
      for (var i = 0; i < this.words.length; i++) if (!this.ranks.has(this.words[i])) this.ranks.set(this.words[i], i);
    }
    return this.ranks.has(t) ? this.ranks.get(t) : Infinity;
  };
  Words.prototype.hasPrefix = function (t) {
    var lo = 0, hi = this.sorted.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (this.sorted[mid] < t) lo = mid + 1; else hi = mid; }
    return lo < this.sorted.length && this.sorted[lo].indexOf(t) === 0;
  };
  /** An inflected form of a word on the pages (rest is the ending). */
  Words.prototype.inflected = function (t) {
    for (var k = t.length - 1; k >= Math.max(MIN_PART, t.length - 5); k--) {
      var f = t.slice(0, k), rest = t.slice(k);
      if (!this.all.has(f)) continue;
      var endings = /(er|e)$/.test(f) ? AFTER_PLURAL.concat(/e$/.test(f) ? ["n", "ns", "r", "rne", "rnes", "t", "ts"] : [])
                                     : ENDINGS;
      if (endings.indexOf(rest) >= 0) return true;
      if (rest[0] === f[f.length - 1] && ENDINGS.indexOf(rest.slice(1)) >= 0 && !/(er|e)$/.test(f)) return true;
    }
    return false;
  };
  /** Whether a word on a page (w) is a match for the query word t: a longer form of t, t inflected from w, or a
   *  compound that ends in t. Pagefind's stemmer alone also matches "kasserer" with "kasse" (both stem to kass). */
  Words.prototype.matches = function (w, t) {
    if (w.indexOf(t) === 0 || (w.length > t.length && w.indexOf(t, MIN_PART) > 0)) return true;
    if (t.indexOf(w) !== 0 || w.length < MIN_PART) return false;
    var rest = t.slice(w.length);
    var endings = /(er|e)$/.test(w) ? AFTER_PLURAL.concat(/e$/.test(w) ? ["n", "ns", "r", "rne", "rnes", "t", "ts"] : [])
                                   : ENDINGS;
    return endings.indexOf(rest) >= 0 ||
      (rest[0] === w[w.length - 1] && ENDINGS.indexOf(rest.slice(1)) >= 0 && !/(er|e)$/.test(w));
  };
  /** On some page: the word itself, a word it begins (typing, or a longer form), or an inflected form. */
  Words.prototype.known = function (t) {
    return this.all.has(t) || this.hasPrefix(t) || this.inflected(t);
  };
  Words.prototype.head = function (a) {
    return this.all.has(a) || (a.length >= 4 && this.hasPrefix(a));
  };
  /** A compound split into parts that are on the pages, or null. */
  Words.prototype.split = function (t, depth) {
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
  Words.prototype.compoundsEndingIn = function (t, limit) {
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
  Words.prototype.synonymsOf = function (t) {
    var direct = this.synonyms.get(loose(t));
    if (direct) return direct;
    for (var k = t.length - 1; k >= Math.max(MIN_PART, t.length - 4); k--) {
      var found = this.synonyms.get(loose(t.slice(0, k)));
      if (found && ENDINGS.indexOf(t.slice(k)) >= 0) return found;
    }
    return [];
  };
  /** Close words on the pages for a word that is on none ("Mente du …?"), best first. */
  Words.prototype.suggest = function (t, limit) {
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

  var wordsLoading = null;
  /** The site's word list, or null if it cannot be had (then queries go to Pagefind as typed). */
  AV.words = function () {
    if (!wordsLoading) {
      wordsLoading = AV.pagefind().then(function () {  // offline, the Pagefind loader answers this fetch
        return fetch(new URL("pagefind/almenviden-words.json", AV.siteRoot).href);
      }).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      }).then(function (data) { return new Words(data); }, function (error) {
        console.warn("almenviden: ordlisten til søgningen mangler; søger uden den", error);
        return null;
      });
    }
    return wordsLoading;
  };

  var MAX_SEARCHES = 10;
  // How much a result found only through a rewritten word counts, against one found by the words as typed.
  var FACTOR = { synonym: 0.85, parts: 0.9, partsOfKnown: 0.5, compound: 0.6 };

  /** The Pagefind queries for q: [{phrase, factor}], the words on no page, and close words for them. */
  AV.plan = function (words, q) {
    var terms = AV.queryWords(q);
    var unknown = [];
    var slots = terms.map(function (t) {
      var known = words.known(t);
      var alts = [];
      words.synonymsOf(t).forEach(function (s) {
        if (AV.queryWords(s).every(function (w) { return words.known(w); })) alts.push([AV.queryWords(s).join(" "), FACTOR.synonym]);
      });
      var parts = t.length >= 6 && words.rank(t) >= COMMON_WORDS ? words.split(t) : null;
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

  /**
   * Search the site as the UI does: {results (Pagefind results, best first), filters (counts), unknown,
   * suggestions, topics}. options are Pagefind's (filters, sort); q may be empty (filters only).
   */
  AV.search = async function (q, options) {
    options = options || {};
    var pagefind = await AV.pagefind();
    var words = q && String(q).trim() ? await AV.words() : null;
    if (!words) {
      var plain = await pagefind.search(q && String(q).trim() ? q : null, options);
      return { results: plain.results, filters: plain.filters, unknown: [], suggestions: [], topics: [] };
    }
    var plan = AV.plan(words, q);
    if (!plan.queries.length) {
      return { results: [], filters: {}, unknown: plan.unknown, suggestions: plan.suggestions, topics: words.topics };
    }
    var sorted = options.sort && Object.keys(options.sort).length;
    var queries = sorted ? plan.queries.slice(0, 1) : plan.queries;  // a sort order cannot be merged
    var searches = await Promise.all(queries.map(function (query) { return pagefind.search(query.phrase, options); }));
    var dropped = false;
    for (var q2 = 0; q2 < searches.length; q2++) {
      var kept = await precise(words, searches[q2].results, AV.queryWords(queries[q2].phrase));
      if (kept.length !== searches[q2].results.length) dropped = true;
      searches[q2] = { results: kept, filters: searches[q2].filters };
    }
    var best = new Map();
    searches.forEach(function (search, i) {
      search.results.forEach(function (r) {
        var score = (r.score || 0) * queries[i].factor, tier = queries[i].tier;
        var seen = best.get(r.id);
        if (!seen || tier < seen.tier || (tier === seen.tier && score > seen.score)) {
          best.set(r.id, { result: r, score: score, tier: tier, order: seen ? seen.order : best.size });
        }
      });
    });
    var merged = Array.from(best.values());
    if (!sorted) merged.sort(function (a, b) { return a.tier - b.tier || b.score - a.score || a.order - b.order; });
    var results = merged.map(function (m) { return m.result; });
    var filters = searches[0].filters;
    if ((searches.length > 1 || dropped) && options.counts) filters = await countFilters(results);
    return { results: results, filters: filters, unknown: [], suggestions: [], topics: words.topics };
  };

  // The first PRECISE results of each query are checked word by word (Words.matches) against their page.
  var PRECISE = 40;
  async function precise(words, results, terms) {
    var head = results.slice(0, PRECISE);
    var data = await Promise.all(head.map(function (r) { return r.data(); }));
    var kept = head.filter(function (r, i) {
      var d = data[i];
      var meta = Object.keys(d.meta || {}).map(function (k) { return d.meta[k]; }).join(" ");
      var onPage = String(d.content + " " + meta).split(/[\s^]+/).map(fold).filter(Boolean);
      return terms.every(function (t) {
        return t.length < MIN_PART || onPage.some(function (w) { return words.matches(w, t); });
      });
    });
    return kept.concat(results.slice(PRECISE));
  }

  /** Facet counts of merged results (Pagefind counts one search only). */
  async function countFilters(results) {
    var data = await Promise.all(results.map(function (r) { return r.data(); }));
    var counts = {};
    data.forEach(function (d) {
      Object.keys(d.filters || {}).forEach(function (f) {
        counts[f] = counts[f] || {};
        d.filters[f].forEach(function (v) { counts[f][v] = (counts[f][v] || 0) + 1; });
      });
    });
    return counts;
  }

  /** Where the catalogue with all filters lives (the header form's target). */
  AV.searchPage = function () {
    var form = document.querySelector(".av-search__form");
    return form ? form.getAttribute("action") : new URL("soeg/", AV.siteRoot).href;
  };

  /** The way on from a search with no results: close words, the catalogue's topics, browsing with filters. */
  AV.wayOn = function (found) {
    var page = AV.searchPage();
    var box = AV.el("div", "av-wayon");
    box.setAttribute("data-av-wayon", "");
    if (found.suggestions && found.suggestions.length) {
      var p = AV.el("p", "av-wayon__suggest", "Mente du ");
      found.suggestions.forEach(function (w, i) {
        if (i) p.appendChild(document.createTextNode(i === found.suggestions.length - 1 ? " eller " : ", "));
        var a = AV.el("a", null, w);
        a.href = page + "?q=" + encodeURIComponent(w);
        a.setAttribute("data-av-suggestion", w);
        p.appendChild(a);
      });
      p.appendChild(document.createTextNode("?"));
      box.appendChild(p);
    }
    if (found.topics && found.topics.length) {
      box.appendChild(AV.el("p", "av-wayon__heading", "Se kataloget efter emne:"));
      var ul = AV.el("ul", "av-wayon__topics");
      found.topics.forEach(function (t) {
        var li = AV.el("li");
        var a = AV.el("a", null, t[2]);
        a.href = page + "?" + encodeURIComponent(t[0]) + "=" + encodeURIComponent(t[1]);
        li.appendChild(a);
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }
    var browse = AV.el("p", "av-wayon__browse");
    var link = AV.el("a", null, "Gennemse hele kataloget med filtre");
    link.href = page;
    browse.appendChild(link);
    box.appendChild(browse);
    return box;
  };

  /** Strip the alternative spellings the index carries ("økonomi^oekonomi^okonomi" -> "økonomi"). */
  AV.cleanText = function (text) {
    return String(text == null ? "" : text).replace(/\^[\p{L}\p{N}]+/gu, "");
  };

  /** A Pagefind excerpt as DOM: its text and <mark>s only, whatever else the string holds. */
  AV.excerpt = function (html) {
    var template = document.createElement("template");
    template.innerHTML = html || "";
    var out = document.createDocumentFragment();
    (function copy(from, to) {
      from.childNodes.forEach(function (node) {
        if (node.nodeType === Node.TEXT_NODE) {
          to.appendChild(document.createTextNode(AV.cleanText(node.data)));
        } else if (node.nodeType === Node.ELEMENT_NODE) {
          if (node.localName === "mark") {
            var mark = document.createElement("mark");
            copy(node, mark);
            to.appendChild(mark);
          } else {
            copy(node, to);
          }
        }
      });
    })(template.content, out);
    return out;
  };

  /** Link to a result: Pagefind's URLs are site-absolute ("/ideer/x/"); the site may live in a subfolder or on disk. */
  AV.resultUrl = function (url) {
    return new URL(String(url).replace(/^\/+/, ""), AV.siteRoot).href;
  };

  AV.el = function (tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  };

  // ---------------------------------------------------------------- header search box

  var MAX_RESULTS = 8;

  function SearchBox(root) {
    var form = root.querySelector("form");
    var input = root.querySelector("input[type=search]");
    var panel = root.querySelector(".av-search__panel");
    var list = root.querySelector("[data-av-search-results]");
    var status = root.querySelector("[data-av-search-status]");
    var live = root.querySelector("[data-av-search-live]");
    var more = root.querySelector("[data-av-search-more]");
    var searchPage = form.getAttribute("action");
    var seq = 0;
    var timer = null;
    var wayOn = null;
    var quietFocus = false;  // focus handed back by Escape must not reopen the results

    function links() { return Array.prototype.slice.call(panel.querySelectorAll("a")); }

    function open() { panel.hidden = false; root.classList.add("av-search--open"); }
    function close() {
      panel.hidden = true;
      root.classList.remove("av-search--open");
    }
    function say(text, announce) {
      status.textContent = text;
      if (announce) live.textContent = text;
    }

    function render(q, total, data, found) {
      list.replaceChildren();
      if (wayOn) { wayOn.remove(); wayOn = null; }
      data.forEach(function (d) {
        var item = AV.el("li", "av-sr");
        var a = AV.el("a", "av-sr__link");
        a.href = AV.resultUrl(d.url);
        a.appendChild(AV.el("span", "av-sr__kind", d.meta.kind || ""));
        a.appendChild(AV.el("span", "av-sr__title", AV.cleanText(d.meta.title)));
        if (d.meta.summary) a.appendChild(AV.el("span", "av-sr__summary", d.meta.summary));
        var excerpt = AV.el("span", "av-sr__excerpt");
        excerpt.appendChild(AV.excerpt(d.excerpt));
        a.appendChild(excerpt);
        item.appendChild(a);
        list.appendChild(item);
      });
      var text = total ? AV.t.found(total, q) + (total > data.length ? AV.t.showing(data.length) : "") : AV.t.none(q);
      say(text, true);
      if (!total) {
        wayOn = AV.wayOn(found);
        list.parentNode.insertBefore(wayOn, list.nextSibling);
      }
      more.parentNode.hidden = !total;
      more.textContent = AV.t.more(total);
      more.href = searchPage + "?q=" + encodeURIComponent(q);
    }

    async function run() {
      var q = input.value.trim();
      var mine = ++seq;
      if (!q) { close(); list.replaceChildren(); if (wayOn) { wayOn.remove(); wayOn = null; } say("", false); panel.setAttribute("aria-busy", "false"); return; }
      open();
      if (!list.children.length) say(AV.t.searching, false);
      try {
        var search = await AV.search(q);
        if (mine !== seq) return;
        var data = await Promise.all(search.results.slice(0, MAX_RESULTS).map(function (r) { return r.data(); }));
        if (mine !== seq) return;
        render(q, search.results.length, data, search);
        panel.setAttribute("aria-busy", "false");
      } catch (error) {
        if (mine !== seq) return;
        list.replaceChildren();
        more.parentNode.hidden = true;
        say(AV.failText(), true);
        panel.setAttribute("aria-busy", "false");
        console.error("almenviden: søgningen fejlede", error);
      }
    }

    input.addEventListener("focus", function () {
      AV.pagefind().catch(function () {});  // start loading while the reader types
      if (!quietFocus && input.value.trim() && list.children.length) open();
      quietFocus = false;
    });
    input.addEventListener("input", function () {
      panel.setAttribute("aria-busy", "true");
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        var first = links()[0];
        if (first && !panel.hidden) { event.preventDefault(); first.focus(); }
      } else if (event.key === "Escape") {
        if (!panel.hidden) { event.preventDefault(); close(); }
        else if (input.value) { event.preventDefault(); input.value = ""; }
      }
    });
    panel.addEventListener("keydown", function (event) {
      var all = links();
      var i = all.indexOf(document.activeElement);
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (i < all.length - 1) all[i + 1].focus();
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (i > 0) all[i - 1].focus(); else { quietFocus = true; input.focus(); }
      } else if (event.key === "Home" && i >= 0) {
        event.preventDefault(); all[0].focus();
      } else if (event.key === "End" && i >= 0) {
        event.preventDefault(); all[all.length - 1].focus();
      } else if (event.key === "Escape") {
        event.preventDefault(); close(); quietFocus = true; input.focus();
      }
    });
    form.addEventListener("submit", function (event) {
      if (!input.value.trim()) { event.preventDefault(); input.focus(); }
    });
    root.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !root.contains(event.relatedTarget)) {
        // Clicking plain text in the panel moves focus to the panel itself (tabindex=-1), so this is a real exit.
        setTimeout(function () { if (!root.contains(document.activeElement)) close(); }, 0);
      }
    });
  }

  document.querySelectorAll("[data-av-search]").forEach(function (root) { SearchBox(root); });
})();
