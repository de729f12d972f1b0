/* almenviden browser code: the catalogue browser ([data-av-catalogue]): all entries of a kind as cards,
 * narrowed by facets with counts and by a query, with the state in the URL (catalogue-state.js), its controls
 * built by catalogue-form.js and its cards by catalogue-card.js.
 *
 * The count next to a value is the number of results if that value were the facet's only choice.
 */
(function () {
  "use strict";

  var AV = window.almenviden;
  if (!AV) return;
  var S = AV.catalogueState;
  var SORTS = S.SORTS;
  var counter = 0;

  function Catalogue(root) {
    this.root = root;
    this.config = JSON.parse(root.getAttribute("data-av-config"));
    this.fallback = root.parentNode.querySelector(".av-catalogue-fallback");
    this.id = "av-cat-" + (++counter);
    this.seq = 0;
    this.results = [];
    this.shown = 0;
    this.state = this.readUrl();
  }

  // ------------------------------------------------------------------ state <-> URL

  Catalogue.prototype.readUrl = function () {
    return S.readState(this.config, window.location.search);
  };

  Catalogue.prototype.writeUrl = function () {
    var query = S.stateQuery(this.config, this.state);
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    try {
      window.history.replaceState(window.history.state, "", url);
    } catch (e) { /* some file:// setups refuse; the page still works */ }
  };

  Catalogue.prototype.active = function () { return S.isActive(this.state); };

  /** Pagefind filters for the current state, leaving out one facet (for that facet's counts). */
  Catalogue.prototype.filters = function (without) { return S.pagefindFilters(this.config, this.state, without); };

  Catalogue.prototype.build = function () { AV.buildCatalogue(this); };

  // ------------------------------------------------------------------ searching

  Catalogue.prototype.start = function () {
    var self = this;
    this.build();
    this.root.hidden = false;
    this.root.parentNode.classList.add("av-browse--js");
    AV.pagefind(this.config.kind || undefined)
      .then(function (pagefind) { return pagefind.filters().then(function () { return self.update(); }); })
      .catch(function (error) { self.fail(error); });
  };

  Catalogue.prototype.fail = function (error) {
    console.error("almenviden: kataloget kunne ikke indlæses", error);
    this.status.textContent = AV.fromDisk()
      ? AV.t.fromDisk + " Her er hele listen i stedet." : "Søgningen kunne ikke indlæses. Her er hele listen i stedet.";
    this.root.parentNode.classList.remove("av-browse--js");
    this.list.replaceChildren();
    this.more.hidden = true;
    this.main.setAttribute("aria-busy", "false");
  };

  Catalogue.prototype.sortOption = function (q) { return S.sortOption(this.state, q); };

  Catalogue.prototype.showSortChoices = function (q) {
    var options = this.sortSelect.options;
    options[0].textContent = q ? SORTS[0][1] : SORTS[1][1];
    options[1].hidden = !q;  // without a query the default already is A–Å
    if (!q && this.state.sort === "titel") { this.state.sort = ""; this.sortSelect.value = ""; }
  };

  Catalogue.prototype.update = async function () {
    var mine = ++this.seq;
    this.main.setAttribute("aria-busy", "true");
    var self = this;
    var q = this.state.q.trim() || null;
    this.showSortChoices(q);
    this.writeUrl();
    this.root.classList.toggle("av-catalogue--active", this.active());
    try {
      // A kind's catalogue filters by its kind (config.fixed), so its kind's search shards are all it needs.
      var kind = this.config.kind || undefined;
      var pagefind = await AV.pagefind(kind);
      var counted = async function (filters, sort) {
        var search = await AV.search(q, { filters: filters, sort: sort || {}, counts: true, kind: kind });
        var counts = search.filters;
        if (!q && !Object.keys(filters).length) counts = await pagefind.filters();  // Pagefind gives none then
        return { results: search.results, counts: counts || {}, found: search };
      };
      var main = counted(this.filters(null), this.sortOption(q));
      var own = {};  // a facet with choices counts its values as if they were its only choice
      this.config.facets.forEach(function (facet) {
        if (self.state.selected[facet.key].size) own[facet.key] = counted(self.filters(facet.key));
      });
      var result = await main;
      var counts = {};
      for (var i = 0; i < this.config.facets.length; i++) {
        var key = this.config.facets[i].key;
        counts[key] = own[key] ? (await own[key]).counts[key] || {} : result.counts[key] || {};
      }
      if (mine !== this.seq) return;
      this.results = result.results;
      this.take = result.found.take;
      this.changed = q ? AV.t.changed(result.found) : "";
      this.showWayOn(q && !result.results.length ? result.found : null);
      this.showCounts(counts);
      this.list.replaceChildren();
      this.shown = 0;
      await this.showMore(false, mine);
      if (mine !== this.seq) return;
      this.announce(q);
      this.main.setAttribute("aria-busy", "false");
    } catch (error) {
      if (mine === this.seq) this.fail(error);
    }
  };

  /** Close words, topics and a way to browse, when a query found nothing (found: AV.search's answer). */
  Catalogue.prototype.showWayOn = function (found) {
    if (this.wayOn) { this.wayOn.remove(); this.wayOn = null; }
    if (!found) return;
    this.wayOn = AV.wayOn(found);
    this.list.parentNode.insertBefore(this.wayOn, this.list);
  };

  Catalogue.prototype.showCounts = function (counts) {
    var self = this;
    var chosen = 0;
    this.config.facets.forEach(function (facet) {
      var nodes = self.facetNodes[facet.key];
      var selected = self.state.selected[facet.key];
      var visible = 0;
      facet.values.forEach(function (v) {
        var n = counts[facet.key][v[0]] || 0;
        var node = nodes.boxes[v[0]];
        node.count.textContent = "(" + AV.t.number(n) + ")";
        var on = selected.has(v[0]);
        node.box.disabled = !n && !on;
        node.li.classList.toggle("av-facet__value--empty", !n && !on);
        if (n || on) visible++;
      });
      chosen += selected.size;
      // A facet that cannot narrow anything here (e.g. course level among ideas) is left out.
      nodes.group.hidden = !visible;
    });
    this.chosenCount.textContent = chosen ? " (" + chosen + " valgt)" : "";
    this.resetButton.hidden = !this.active();
  };

  Catalogue.prototype.showMore = async function (focusNew, mine) {
    var size = this.config.pageSize;
    var slice = await this.take(this.shown, this.shown + size);  // in order across search shards
    var data = await Promise.all(slice.map(function (r) { return r.data(); }));
    if (mine !== undefined && mine !== this.seq) return;
    var q = this.state.q.trim();
    var firstNew = null;
    for (var i = 0; i < data.length; i++) {
      var card = this.card(data[i], q);
      if (!firstNew) firstNew = card;
      this.list.appendChild(card);
    }
    this.shown += data.length;
    this.more.hidden = this.shown >= this.results.length;
    this.more.textContent = "Vis flere (" + AV.t.number(this.results.length - this.shown) + " mere)";
    if (focusNew) this.announce(this.state.q.trim());
    if (focusNew && firstNew) firstNew.querySelector("a").focus();
  };

  Catalogue.prototype.card = function (d, q) { return AV.catalogueCard(this.config, d, q); };

  Catalogue.prototype.announce = function (q) {
    var n = this.results.length;
    var said = S.announcement(this.config.noun, n, this.shown, q);
    this.status.textContent = (n && this.changed ? this.changed : "") + said.text;
    this.status.setAttribute("data-count", String(n));
    this.showButton.textContent = said.button;
  };

  document.querySelectorAll("[data-av-catalogue]").forEach(function (root) {
    new Catalogue(root).start();
  });
})();
