/* almenviden browser code: one result of the catalogue browser as a card (AV.catalogueCard): kind, title
 * link, summary, excerpt for a query, and chips for the card facets (AV.cardChips, no DOM).
 */
(function (root) {
  "use strict";

  var AV = (root.almenviden = root.almenviden || {});

  /** The chips of a card: for each of config.cardFacets, the result's values in the facet's order, except
   *  values another of its values implies (config.implied). [{label, facet: the facet's label}]. */
  AV.cardChips = function (config, filters) {
    var chips = [];
    config.cardFacets.forEach(function (key) {
      var facet = config.facets.find(function (f) { return f.key === key; });
      var values = (filters && filters[key]) || [];
      if (!facet || !values.length) return;
      var implied = config.implied[key] || {};
      var hidden = new Set();
      values.forEach(function (v) { (implied[v] || []).forEach(function (x) { hidden.add(x); }); });
      facet.values.forEach(function (v) {
        if (values.indexOf(v[0]) >= 0 && !hidden.has(v[0])) chips.push({ label: v[1], facet: facet.label });
      });
    });
    return chips;
  };

  /** d: a Pagefind result's data; q: the query ("" for none). */
  AV.catalogueCard = function (config, d, q) {
    var el = AV.el;
    var li = el("li", "av-card");
    li.appendChild(el("p", "av-card-kind", d.meta.kind || ""));
    var h = el("h2", "av-card-title");
    var a = el("a", null, AV.cleanText(d.meta.title));
    a.href = AV.resultUrl(d.url);
    h.appendChild(a);
    li.appendChild(h);
    if (d.meta.summary) li.appendChild(el("p", "av-card-summary", d.meta.summary));
    if (q && d.excerpt) {
      var ex = el("p", "av-card-excerpt");
      ex.appendChild(AV.excerpt(d.excerpt));
      li.appendChild(ex);
    }
    var chips = el("p", "av-card-facts");
    AV.cardChips(config, d.filters).forEach(function (c) {
      var chip = el("span", "av-chip", c.label);
      chip.title = c.facet;
      chips.appendChild(chip);
      chips.appendChild(document.createTextNode(" "));
    });
    if (chips.childNodes.length) li.appendChild(chips);
    return li;
  };

  if (typeof module === "object" && module.exports) module.exports = { cardChips: AV.cardChips };
})(typeof window === "object" ? window : globalThis);
