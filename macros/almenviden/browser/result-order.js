/* almenviden browser code: the results of a sorted search in their order across search shards
 * (AV.resultOrder). No DOM.
 *
 * Pagefind answers a sorted search (options.sort) with each result's place in its own index's order as its
 * score, and a merged search (search shards, ARCHITECTURE.md §3.2) sorts every index's results together by
 * that score: the shards' results take turns. The site's pagefind.js marks each result of a merged search
 * with its index (`almenvidenIndex`, search/index.py), so each index's results are in order; here they are
 * merged by the value Pagefind sorted them by (render/sort_values.py: the same value, computed here from
 * the result's metadata and URL, `sortValue`), compared as Pagefind compares it (code point by code point).
 * The merge is lazy: only the results up to the one asked for, and the next result of every other index,
 * have their page data fetched (Pagefind keeps it for the cards). One index (one bundle, or a merged search
 * whose results all come from one shard) needs no page data at all.
 *
 * An ordered list is {all: the results (each once, in no particular order beyond what is already known),
 * head(n): Promise of the first n in order}.
 */
(function (root) {
  "use strict";

  var AV = (root.almenviden = root.almenviden || {});

  var SEP = "\t";
  var LATEST = 99999999;  // the "newest" value counts the date (YYYYMMDD) down from this
  var DANISH = { "æ": "{", "ø": "|", "å": "}", "é": "e", "ü": "y" };

  /** danish/sorting.danish_sort_key: lowercase (Unicode's mapping, as Python's lower()), æ ø å after z. */
  function danishKey(text) {
    return String(text).toLowerCase().replace(/[æøåéü]/g, function (c) { return DANISH[c]; });
  }

  /** render/sort_values.url_name: "/ideer/x/" or "ideer/x/index.html" -> "x". */
  function urlName(url) {
    var path = String(url).split("?")[0].split("#")[0];
    if (path.slice(-10) === "index.html") path = path.slice(0, -10);
    if (path.slice(-5) === ".html") path = path.slice(0, -5);
    path = path.replace(/\/+$/, "");
    return path.slice(path.lastIndexOf("/") + 1);
  }

  /** The value Pagefind sorted a result by (render/sort_values.py), from its page data. */
  function sortValue(sort, data) {
    var meta = data.meta || {};
    var title = danishKey(meta.title || "").replace(/[&<>"']/g, "") + SEP + urlName(data.url || "");
    if (sort !== "newest") return title;
    var day = Number(String(meta.updated || "").replace(/-/g, "")) || 0;
    return String(LATEST - day).padStart(8, "0") + SEP + title;
  }

  /** Compare two strings code point by code point (as Rust compares strings: Pagefind's order). */
  function compareCodePoints(a, b) {
    var i = 0, j = 0;
    while (i < a.length && j < b.length) {
      var x = a.codePointAt(i), y = b.codePointAt(j);
      if (x !== y) return x < y ? -1 : 1;
      i += x > 0xffff ? 2 : 1;
      j += y > 0xffff ? 2 : 1;
    }
    return i < a.length ? 1 : j < b.length ? -1 : 0;
  }

  function fromArray(results) {
    return { all: results, head: function (n) { return Promise.resolve(results.slice(0, n)); } };
  }

  /** The results of one Pagefind search sorted by `sort` ({name: "asc"|"desc"}) as an ordered list.
   *  keyOf(result) -> Promise of its sort value (default: from its page data, sortValue). */
  function sorted(results, sort, keyOf) {
    var name = Object.keys(sort || {})[0];
    var groups = new Map();
    results.forEach(function (r) {
      var g = r.almenvidenIndex === undefined ? -1 : r.almenvidenIndex;
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g).push(r);
    });
    if (!name || groups.size < 2) return fromArray(results);
    var sign = sort[name] === "desc" ? -1 : 1;
    keyOf = keyOf || function (r) { return r.data().then(function (d) { return sortValue(name, d); }); };
    var lists = Array.from(groups.values()), at = lists.map(function () { return 0; });
    var keys = new Map(), done = [], step = Promise.resolve();
    function key(r) {
      if (!keys.has(r)) keys.set(r, keyOf(r));
      return keys.get(r);
    }
    function upTo(n) {  // one merge at a time: a later call waits for the earlier one
      step = step.then(async function () {
        while (done.length < n) {
          var heads = [];
          for (var i = 0; i < lists.length; i++) if (at[i] < lists[i].length) heads.push(i);
          if (!heads.length) break;
          var values = await Promise.all(heads.map(function (i) { return key(lists[i][at[i]]); }));
          var best = 0;
          for (var h = 1; h < heads.length; h++) {
            if (sign * compareCodePoints(values[h], values[best]) < 0) best = h;
          }
          done.push(lists[heads[best]][at[heads[best]]++]);
        }
      });
      return step.then(function () { return done.slice(0, n); });
    }
    return { all: results, head: upTo };
  }

  /** `list` without the results whose id is in `ids` (a Set). */
  function without(list, ids) {
    if (!ids.size || !list.all.some(function (r) { return ids.has(r.id); })) return list;
    var all = list.all.filter(function (r) { return !ids.has(r.id); });
    return {
      all: all,
      head: async function (n) {
        n = Math.min(n, all.length);
        for (var m = n; ; ) {  // as few of the list's first results as give n
          var rs = await list.head(m);
          var kept = rs.filter(function (r) { return !ids.has(r.id); });
          if (kept.length >= n || rs.length < m) return kept.slice(0, n);
          m += n - kept.length;
        }
      },
    };
  }

  /** The lists one after another, each result once (where it first comes). */
  function concat(lists) {
    var seen = new Set(), all = [];
    var own = lists.map(function (list) {
      var before = new Set(seen);
      list.all.forEach(function (r) { if (!seen.has(r.id)) { seen.add(r.id); all.push(r); } });
      return without(list, before);
    });
    return {
      all: all,
      head: async function (n) {
        var out = [];
        for (var i = 0; i < own.length && out.length < n; i++) out = out.concat(await own[i].head(n - out.length));
        return out;
      },
    };
  }

  /** The first `checked` results in order followed by the rest (as Pagefind gave them): what the word-by-word
   *  check (search-run.js) needs of a sorted search. */
  function headFirst(list, checked) {
    return list.head(checked).then(function (head) {
      var ids = new Set(head.map(function (r) { return r.id; }));
      return head.concat(list.all.filter(function (r) { return !ids.has(r.id); }));
    });
  }

  AV.resultOrder = { danishKey: danishKey, urlName: urlName, sortValue: sortValue, compareCodePoints: compareCodePoints,
                     fromArray: fromArray, sorted: sorted, without: without, concat: concat, headFirst: headFirst };

  if (typeof module === "object" && module.exports) module.exports = AV.resultOrder;
})(typeof window === "object" ? window : globalThis);
