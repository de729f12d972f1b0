/* almenviden browser code: a search as the UI runs it (AV.search): the query planned (query-plan.js),
 * one Pagefind search per planned query, results checked word by word, merged by tier and score, and
 * facet counts of the merged results. Used by the header search box and the catalogue browser.
 */
(function (root) {
  "use strict";

  var AV = (root.almenviden = root.almenviden || {});

  // The first PRECISE results of each query are checked word by word (WordList.matches) against their page.
  var PRECISE = 40;
  // A query's words are searched with one left out (query-plan.js) when together they find fewer pages.
  var RELAX_BELOW = 8;
  // Of a search with a word left out only the first RELAXED_PRECISE results are checked (and their text fetched).
  var RELAXED_PRECISE = 12;
  // The filter every page has exactly one value of (render/facets.KIND_FILTER; hand-written pages: "side").
  var KIND_FILTER = "type";

  /**
   * Search the site as the UI does: {results (Pagefind results, best first), filters (counts), ignored (the
   * words on no page that were left out), corrected ([typed, searched] for typos), unknown (the words on no page when nothing was searched),
   * suggestions, topics, take (take(start, end): a Promise of the results from start to end in their order,
   * see taker)}. options are Pagefind's (filters, sort), and `kind` (a kind's catalogue page, which filters
   * by its kind: Pagefind with that kind's shards only, AV.pagefind); q may be empty (filters only).
   */
  AV.search = async function (q, options) {
    options = Object.assign({}, options);
    var pagefind = await AV.pagefind(options.kind);
    delete options.kind;
    var words = q && String(q).trim() ? await AV.words() : null;
    var plan = words ? await planned(words, q) : null;
    if (!plan) {  // no word list (or a part of it could not be had): the query goes to Pagefind as typed
      var plain = await pagefind.search(q && String(q).trim() ? q : null, options);
      return { results: plain.results, filters: plain.filters, ignored: [], corrected: [], unknown: [], suggestions: [],
               topics: [], take: taker(AV.resultOrder.sorted(plain.results, options.sort)) };
    }
    if (!plan.queries.length) {
      return { results: [], filters: {}, ignored: [], corrected: [], unknown: plan.unknown, suggestions: plan.suggestions,
               topics: words.topics, take: taker(AV.resultOrder.fromArray([])) };
    }
    var sorted = options.sort && Object.keys(options.sort).length;
    var queries = sorted ? plan.queries.slice(0, 1) : plan.queries;  // a sort order cannot be merged
    var full = queries.filter(function (query) { return !query.relaxed; });
    var found = await searchEach(pagefind, full, options, PRECISE);
    var searches = await run(words, full, found, PRECISE, !sorted);
    var results = AV.mergeResults(full, searches.map(function (s) { return s.results; }), sorted);
    // Only when the words together find few pages are they searched with one left out (each such search
    // fetches the text of its first results to check them).
    var relaxed = results.length < RELAX_BELOW ? queries.filter(function (query) { return query.relaxed; }) : [];
    if (relaxed.length) {
      // Relaxed results are weighed by how many results the other searches have: check those exactly.
      if (searches.some(function (s) { return s.shadowed; })) searches = await run(words, full, found, PRECISE, false);
      var more = await searchEach(pagefind, relaxed, options, RELAXED_PRECISE);
      searches = searches.concat(await run(words, relaxed, more, RELAXED_PRECISE, false));
      found = found.concat(more);
      queries = full.concat(relaxed);
      results = AV.mergeResults(queries, searches.map(function (s) { return s.results; }), sorted);
    } else {
      queries = full;
    }
    var dropped = searches.some(function (s) { return s.dropped; });
    var filters = searches[0].filters;
    if ((searches.length > 1 || dropped) && options.counts) filters = await countFilters(searches, found);
    var order = AV.resultOrder.fromArray(results);
    if (sorted) {  // each search's results in their order, without those the check dropped, one after another
      order = AV.resultOrder.concat(searches.map(function (s, i) {
        var kept = new Set(s.results.map(function (r) { return r.id; }));
        var gone = found[i].results.filter(function (r) { return !kept.has(r.id); });
        return AV.resultOrder.without(found[i].order, new Set(gone.map(function (r) { return r.id; })));
      }));
    }
    return { results: results, filters: filters, ignored: plan.ignored, corrected: plan.corrected, unknown: [],
             suggestions: plan.suggestions, topics: words.topics, take: taker(order) };
  };

  /** take(start, end): a Promise of the results from start to end in their order (AV.search's answer). For
   *  a sorted search on a sharded site `results` is in that order only as far as the word-by-word check
   *  looked; take() merges the shards' orders as far as asked (result-order.js). */
  function taker(order) {
    return function (start, end) {
      return order.head(end).then(function (head) { return head.slice(start, end); });
    };
  }

  /** Pagefind's answer to each query; for a sorted search each answer has `order` (AV.resultOrder.sorted)
   *  and its first `checked` results in that order, ready for the word-by-word check. */
  function searchEach(pagefind, queries, options, checked) {
    return Promise.all(queries.map(async function (query) {
      var answer = await pagefind.search(query.phrase, options);
      if (!options.sort || !Object.keys(options.sort).length) return answer;
      var order = AV.resultOrder.sorted(answer.results, options.sort);
      return Object.assign({}, answer, { results: await AV.resultOrder.headFirst(order, checked), order: order });
    }));
  }

  /** The plan of q, with the parts of the word list it needs loaded (WordList.prepare), or null if they cannot be had. */
  async function planned(words, q) {
    try {
      return await words.prepare(function (list) { return AV.plan(list, q); });
    } catch (error) {
      console.warn("almenviden: en del af ordlisten til søgningen mangler; søger uden den", error);
      return null;
    }
  }

  /** The results of several planned queries as one list: each result once, at its best (lowest) tier and
   *  there its best score times its query's factor; by tier, then score, then first appearance (unless the
   *  search was sorted, then in the order found). A query with a word left out (query.relaxed) scores its
   *  results against its own best, times how rare its words are: left out of "larm naboen", "larm" (on one
   *  page) says more than "naboen" (on twenty). */
  AV.mergeResults = function (queries, resultLists, sorted) {
    var best = new Map();
    var most = Math.max.apply(null, resultLists.map(function (results) { return results.length; }).concat([1]));
    resultLists.forEach(function (results, i) {
      var top = Math.max.apply(null, results.map(function (r) { return r.score || 0; }).concat([1e-9]));
      var weight = queries[i].relaxed ? Math.log(1 + most / Math.max(results.length, 1)) / top : 1;
      results.forEach(function (r) {
        var score = (r.score || 0) * weight * queries[i].factor, tier = queries[i].tier;
        var seen = best.get(r.id);
        if (!seen || tier < seen.tier || (tier === seen.tier && score > seen.score)) {
          best.set(r.id, { result: r, score: score, tier: tier, order: seen ? seen.order : best.size });
        }
      });
    });
    var merged = Array.from(best.values());
    if (!sorted) merged.sort(function (a, b) { return a.tier - b.tier || b.score - a.score || a.order - b.order; });
    return merged.map(function (m) { return m.result; });
  };

  /** Pagefind's results (found) for each query, checked word by word: [{results, filters, dropped, shadowed}].
   *  With shadow, a result that an earlier query of a lower tier already has is not checked (its text not
   *  fetched): mergeResults keeps that earlier one whatever this query says (sorted searches merge in the
   *  order found, so they never shadow; relaxed queries are weighed by list lengths, so they do not either). */
  async function run(words, queries, found, checked, shadow) {
    var searches = [];
    for (var i = 0; i < found.length; i++) {
      var before = new Set();
      if (shadow) {
        for (var j = 0; j < i; j++) {
          if (queries[j].tier < queries[i].tier) searches[j].results.forEach(function (r) { before.add(r.id); });
        }
      }
      var kept = await precise(words, found[i].results, AV.queryWords(queries[i].phrase), checked, before);
      searches.push({ results: kept, filters: found[i].filters, dropped: kept.length !== found[i].results.length,
                      shadowed: before.size > 0 });
    }
    return searches;
  }

  /** The results whose page holds every term (as WordList.matches); only the first `checked` are checked, and
   *  none whose id is in `skip`. */
  async function precise(words, results, terms, checked, skip) {
    var head = results.slice(0, checked);
    var data = await Promise.all(head.map(function (r) { return skip.has(r.id) ? null : r.data(); }));
    var kept = head.filter(function (r, i) {
      var d = data[i];
      if (!d) return true;
      var meta = Object.keys(d.meta || {}).map(function (k) { return d.meta[k]; }).join(" ");
      var onPage = String(d.content + " " + meta).split(/[\s^]+/).map(AV.fold).filter(Boolean);
      return terms.every(function (t) {
        return t.length < AV.wordRules.MIN_PART || onPage.some(function (w) { return words.matches(w, t); });
      });
    });
    return kept.concat(results.slice(checked));
  }

  /** Facet counts of the merged results (the union of every search's kept results), from Pagefind's own
   *  counts of each search (found[i].filters): those minus the results the word-by-word check dropped (their
   *  page data is fetched already), minus, for a result kept by several searches, its values once for each
   *  search after the first (their page data is fetched: the only results fetched for counting). When a
   *  search's counts are not of its results (a sort leaves out the pages without its value, yet Pagefind has
   *  counted them: its kind filter, one value a page, adds up to more than its results), that search's kept
   *  results are counted from their page data instead. */
  async function countFilters(searches, found) {
    var counts = {};
    function add(filters, sign) {
      Object.keys(filters || {}).forEach(function (f) {
        counts[f] = counts[f] || {};
        Object.keys(filters[f]).forEach(function (v) { counts[f][v] = (counts[f][v] || 0) + sign * filters[f][v]; });
      });
    }
    async function addPages(results, sign) {
      var data = await Promise.all(results.map(function (r) { return r.data(); }));
      data.forEach(function (d) {
        var one = {};
        Object.keys(d.filters || {}).forEach(function (f) {
          one[f] = {};
          d.filters[f].forEach(function (v) { one[f][v] = (one[f][v] || 0) + 1; });
        });
        add(one, sign);
      });
    }
    var times = new Map();
    for (var i = 0; i < searches.length; i++) {
      var kept = searches[i].results, answer = found[i];
      kept.forEach(function (r) { times.set(r.id, (times.get(r.id) || { result: r, n: 0 })); times.get(r.id).n++; });
      if (!countsAllResults(answer)) { await addPages(kept, 1); continue; }
      add(answer.filters, 1);
      var ids = new Set(kept.map(function (r) { return r.id; }));
      await addPages(answer.results.filter(function (r) { return !ids.has(r.id); }), -1);
    }
    var again = [];
    times.forEach(function (t) { for (var k = 1; k < t.n; k++) again.push(t.result); });
    await addPages(again, -1);
    Object.keys(counts).forEach(function (f) {  // as counted from the pages: only values some result has
      Object.keys(counts[f]).forEach(function (v) { if (!counts[f][v]) delete counts[f][v]; });
      if (!Object.keys(counts[f]).length) delete counts[f];
    });
    return counts;
  }

  /** Whether Pagefind's filter counts of a search are counts of its results (see countFilters). */
  function countsAllResults(answer) {
    var kinds = (answer.filters || {})[KIND_FILTER];
    if (!kinds) return false;
    var n = Object.keys(kinds).reduce(function (sum, v) { return sum + kinds[v]; }, 0);
    return n === answer.results.length;
  }

  if (typeof module === "object" && module.exports) module.exports = { mergeResults: AV.mergeResults };
})(typeof window === "object" ? window : globalThis);
