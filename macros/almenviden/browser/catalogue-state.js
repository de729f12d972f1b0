/* almenviden browser code: the catalogue browser's state (query, chosen facet values, sort order) and how it
 * maps to the URL (?q=…&udgift=gratis&aarstid=vinter&sort=titel) and to Pagefind's filters and sort. No DOM.
 *
 * config is the browser's data-av-config (render/browse.py): facets [{key, label, values: [[key, label]]}],
 * fixed filters, entryKinds, cardFacets, implied, noun, pageSize, searchLabel.
 * Within one facet the chosen values are alternatives (any of them); different facets must all hold.
 */
(function (root) {
  "use strict";

  var AV = (root.almenviden = root.almenviden || {});

  // "" is the default: best match for a query, titles A–Å without one.
  var SORTS = [["", "Bedste match"], ["titel", "Titel (A–Å)"], ["opdateret", "Senest opdateret"]];

  function fold(text) { return String(text).trim().toLocaleLowerCase("da"); }

  /** The state a URL's query string ("?q=…") asks for: {q, sort, selected: {facet key: Set of value keys}}.
   *  A facet value may be given by key (udgift=gratis) or label (udgift=Gratis), repeated or comma-separated;
   *  unknown values and sort orders are left out. */
  function readState(config, search) {
    var params = new URLSearchParams(search);
    var state = { q: params.get("q") || "", sort: "", selected: {} };
    var sort = params.get("sort") || "";
    if (SORTS.some(function (s) { return s[0] === sort; })) state.sort = sort;
    config.facets.forEach(function (facet) {
      var byKey = {};
      facet.values.forEach(function (v) { byKey[fold(v[0])] = v[0]; byKey[fold(v[1])] = v[0]; });
      var chosen = new Set();
      params.getAll(facet.key).forEach(function (raw) {
        raw.split(",").forEach(function (part) {
          var key = byKey[fold(part)];
          if (key) chosen.add(key);
        });
      });
      state.selected[facet.key] = chosen;
    });
    return state;
  }

  /** The query string (without "?") that gives `state` back: facets and values in the config's order. */
  function stateQuery(config, state) {
    var params = new URLSearchParams();
    if (state.q.trim()) params.set("q", state.q.trim());
    config.facets.forEach(function (facet) {
      facet.values.forEach(function (v) {
        if (state.selected[facet.key].has(v[0])) params.append(facet.key, v[0]);
      });
    });
    if (state.sort) params.set("sort", state.sort);
    return params.toString();
  }

  /** Whether a query or any facet value is chosen. */
  function isActive(state) {
    return Boolean(state.q.trim()) || Object.keys(state.selected).some(function (k) { return state.selected[k].size; });
  }

  /** Pagefind filters for the state, leaving out one facet (`without`, for that facet's counts). Without a
   *  query, a browser that lists several kinds keeps to entries (no hand-written pages). */
  function pagefindFilters(config, state, without) {
    var out = {};
    var fixed = config.fixed;
    Object.keys(fixed).forEach(function (k) { out[k] = { any: fixed[k].slice() }; });
    if (!state.q.trim() && !fixed.type && config.entryKinds) out.type = { any: config.entryKinds.slice() };
    var selected = state.selected;
    Object.keys(selected).forEach(function (k) {
      if (k !== without && selected[k].size) out[k] = { any: Array.from(selected[k]) };
    });
    return out;
  }

  /** Pagefind's sort option for the state (q: the trimmed query or null). */
  function sortOption(state, q) {
    if (state.sort === "titel" || (!state.sort && !q)) return { title: "asc" };
    if (state.sort === "opdateret") return { newest: "asc" };  // newest first, then A–Å (render/sort_values.py)
    return {};
  }

  /** The status line and the "show results" button's text for n results of which `shown` are shown. */
  function announcement(noun, n, shown, q) {
    var word = n === 1 ? noun[0] : noun[1];
    var number = AV.t.number;
    var text = !n ? "Ingen " + noun[1] + " passer til " + (q ? "søgningen og " : "") + "filtrene."
      : number(n) + " " + word + (q ? " for »" + q + "«" : "") + (shown < n ? ", viser " + number(shown) : "") + ".";
    return { text: text, button: n ? "Vis " + number(n) + " " + word : "Ingen " + noun[1] + " – ret filtrene" };
  }

  AV.catalogueState = { SORTS: SORTS, readState: readState, stateQuery: stateQuery, isActive: isActive,
                        pagefindFilters: pagefindFilters, sortOption: sortOption, announcement: announcement };

  if (typeof module === "object" && module.exports) module.exports = AV.catalogueState;
})(typeof window === "object" ? window : globalThis);
