/* almenviden browser code: the catalogue browser ([data-av-catalogue]): all entries of a kind as cards,
 * narrowed by facets with counts and by a query, with the state in the URL (catalogue-state.js).
 *
 * The count next to a value is the number of results if that value were the facet's only choice.
 */
(function () {
  "use strict";

  var AV = window.almenviden;
  if (!AV) return;
  var el = AV.el;
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

  // ------------------------------------------------------------------ DOM

  Catalogue.prototype.build = function () {
    var self = this;
    var config = this.config;
    var wrap = el("div", "av-cat");

    // A skip link past the search field and the filters, straight to the count and the results.
    var skip = el("a", "av-cat__skip", "Spring til resultaterne");
    skip.href = "#" + this.id + "-results";
    wrap.appendChild(skip);

    var form = el("form", "av-cat__form");
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", config.searchLabel);  // one of two search landmarks: the header has the other
    form.addEventListener("submit", function (e) { e.preventDefault(); self.update(); });

    var queryBox = el("div", "av-cat__query");
    var label = el("label", "av-cat__label", config.searchLabel);
    label.htmlFor = this.id + "-q";
    var input = el("input", "av-cat__input");
    input.type = "search";
    input.id = this.id + "-q";
    input.name = "q";
    input.autocomplete = "off";
    input.spellcheck = false;
    input.value = this.state.q;
    var timer = null;
    input.addEventListener("input", function () {
      self.state.q = input.value;
      self.main.setAttribute("aria-busy", "true");
      clearTimeout(timer);
      timer = setTimeout(function () { self.update(); }, 200);
    });
    queryBox.appendChild(label);
    queryBox.appendChild(input);
    form.appendChild(queryBox);

    var filters = el("details", "av-cat__filters");
    var wide = window.matchMedia("(min-width: 60em)").matches;
    filters.open = wide;  // on a phone the results come first; the summary says how many filters are on
    var summary = el("summary", "av-cat__filters-summary", "Filtre");
    this.chosenCount = el("span", "av-cat__chosen");
    summary.appendChild(this.chosenCount);
    filters.appendChild(summary);

    this.facetNodes = {};
    config.facets.forEach(function (facet) {
      var group = el("details", "av-facet");
      group.open = self.state.selected[facet.key].size > 0 || (wide && facet.values.length <= 8);
      group.appendChild(el("summary", "av-facet__name", facet.label));
      var fieldset = el("fieldset", "av-facet__values");
      var legend = el("legend", "av-visually-hidden", facet.label);
      fieldset.appendChild(legend);
      var ul = el("ul", "av-facet__list");
      var boxes = {};
      facet.values.forEach(function (v) {
        var li = el("li", "av-facet__value");
        var lab = el("label");
        var box = el("input");
        box.type = "checkbox";
        box.name = facet.key;
        box.value = v[0];
        box.checked = self.state.selected[facet.key].has(v[0]);
        box.addEventListener("change", function () {
          if (box.checked) self.state.selected[facet.key].add(v[0]);
          else self.state.selected[facet.key].delete(v[0]);
          self.update();
        });
        var count = el("span", "av-facet__count");
        lab.appendChild(box);
        lab.appendChild(el("span", "av-facet__label", v[1]));
        lab.appendChild(document.createTextNode(" "));
        lab.appendChild(count);
        li.appendChild(lab);
        ul.appendChild(li);
        boxes[v[0]] = { li: li, box: box, count: count };
      });
      fieldset.appendChild(ul);
      group.appendChild(fieldset);
      filters.appendChild(group);
      self.facetNodes[facet.key] = { group: group, boxes: boxes };
    });
    var reset = el("button", "av-cat__reset md-button", "Nulstil søgning og filtre");
    reset.type = "button";
    reset.addEventListener("click", function () {
      self.state.q = "";
      input.value = "";
      Object.keys(self.state.selected).forEach(function (k) { self.state.selected[k].clear(); });
      Object.keys(self.facetNodes).forEach(function (k) {
        var boxes = self.facetNodes[k].boxes;
        Object.keys(boxes).forEach(function (v) { boxes[v].box.checked = false; });
      });
      self.update();
      input.focus();
    });
    this.resetButton = reset;
    // On a phone the open filters cover the results: this button (sticky at the panel's bottom, so the count is
    // in view whenever a filter changes) closes the panel and goes to the results.
    var show = el("button", "av-cat__show md-button md-button--primary", "Vis resultater");
    show.type = "button";
    show.addEventListener("click", function () {
      filters.open = false;
      self.main.scrollIntoView({ block: "start" });
      self.status.focus({ preventScroll: true });
    });
    this.showButton = show;
    var actions = el("div", "av-cat__actions");
    actions.appendChild(show);
    actions.appendChild(reset);
    filters.appendChild(actions);
    form.appendChild(filters);
    wrap.appendChild(form);

    var main = el("div", "av-cat__main");
    main.id = this.id + "-results";
    main.setAttribute("aria-busy", "true");
    this.main = main;
    var bar = el("div", "av-cat__bar");
    this.status = el("p", "av-cat__status", "Indlæser …");
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    this.status.tabIndex = -1;  // the skip link and "Vis N idéer" land here
    bar.appendChild(this.status);
    var sortLabel = el("label", "av-cat__sort", "Sortér: ");
    var select = el("select");
    select.name = "sort";
    SORTS.forEach(function (s) {
      var option = el("option", null, s[1]);
      option.value = s[0];
      select.appendChild(option);
    });
    select.value = this.state.sort;
    select.addEventListener("change", function () { self.state.sort = select.value; self.update(); });
    this.sortSelect = select;
    sortLabel.appendChild(select);
    bar.appendChild(sortLabel);
    main.appendChild(bar);

    this.list = el("ul", "av-cards av-cat__results");
    main.appendChild(this.list);
    this.more = el("button", "av-cat__more md-button", "Vis flere");
    this.more.type = "button";
    this.more.hidden = true;
    this.more.addEventListener("click", function () { self.showMore(true); });
    main.appendChild(this.more);
    wrap.appendChild(main);

    this.root.replaceChildren(wrap);
  };

  // ------------------------------------------------------------------ searching

  Catalogue.prototype.start = function () {
    var self = this;
    this.build();
    this.root.hidden = false;
    this.root.parentNode.classList.add("av-browse--js");
    AV.pagefind()
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
      var pagefind = await AV.pagefind();
      var counted = async function (filters, sort) {
        var search = await AV.search(q, { filters: filters, sort: sort || {}, counts: true });
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
    var slice = this.results.slice(this.shown, this.shown + size);
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
