/* almenviden browser code: the catalogue browser's controls (AV.buildCatalogue): a skip link, the search
 * field, the facets as fieldsets of checkboxes in foldable groups, the reset and "Vis resultater" buttons, the
 * status line, the sort order, the result list and "Vis flere". Each control changes the browser's state and
 * calls its update(); searching, counts and cards are catalogue.js's.
 */
(function () {
  "use strict";

  var AV = window.almenviden;
  var el = AV.el;
  var SORTS = AV.catalogueState.SORTS;

  /** Build the browser's controls into catalogue.root; the nodes catalogue.js updates become its properties
   *  (main, status, list, more, facetNodes, chosenCount, resetButton, showButton, sortSelect). */
  AV.buildCatalogue = function (catalogue) {
    var self = catalogue;
    var config = self.config;
    var wrap = el("div", "av-cat");

    // A skip link past the search field and the filters, straight to the count and the results.
    var skip = el("a", "av-cat__skip", "Spring til resultaterne");
    skip.href = "#" + self.id + "-results";
    wrap.appendChild(skip);

    var form = el("form", "av-cat__form");
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", config.searchLabel);  // one of two search landmarks: the header has the other
    form.addEventListener("submit", function (e) { e.preventDefault(); self.update(); });

    var queryBox = el("div", "av-cat__query");
    var label = el("label", "av-cat__label", config.searchLabel);
    label.htmlFor = self.id + "-q";
    var input = el("input", "av-cat__input");
    input.type = "search";
    input.id = self.id + "-q";
    input.name = "q";
    input.autocomplete = "off";
    input.spellcheck = false;
    input.value = self.state.q;
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
    self.chosenCount = el("span", "av-cat__chosen");
    summary.appendChild(self.chosenCount);
    filters.appendChild(summary);

    self.facetNodes = {};
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
    self.resetButton = reset;
    // On a phone the open filters cover the results: this button (sticky at the panel's bottom, so the count is
    // in view whenever a filter changes) closes the panel and goes to the results.
    var show = el("button", "av-cat__show md-button md-button--primary", "Vis resultater");
    show.type = "button";
    show.addEventListener("click", function () {
      filters.open = false;
      self.main.scrollIntoView({ block: "start" });
      self.status.focus({ preventScroll: true });
    });
    self.showButton = show;
    var actions = el("div", "av-cat__actions");
    actions.appendChild(show);
    actions.appendChild(reset);
    filters.appendChild(actions);
    form.appendChild(filters);
    wrap.appendChild(form);

    var main = el("div", "av-cat__main");
    main.id = self.id + "-results";
    main.setAttribute("aria-busy", "true");
    self.main = main;
    var bar = el("div", "av-cat__bar");
    self.status = el("p", "av-cat__status", "Indlæser …");
    self.status.setAttribute("role", "status");
    self.status.setAttribute("aria-live", "polite");
    self.status.tabIndex = -1;  // the skip link and "Vis N idéer" land here
    bar.appendChild(self.status);
    var sortLabel = el("label", "av-cat__sort", "Sortér: ");
    var select = el("select");
    select.name = "sort";
    SORTS.forEach(function (s) {
      var option = el("option", null, s[1]);
      option.value = s[0];
      select.appendChild(option);
    });
    select.value = self.state.sort;
    select.addEventListener("change", function () { self.state.sort = select.value; self.update(); });
    self.sortSelect = select;
    sortLabel.appendChild(select);
    bar.appendChild(sortLabel);
    main.appendChild(bar);

    self.list = el("ul", "av-cards av-cat__results");
    main.appendChild(self.list);
    self.more = el("button", "av-cat__more md-button", "Vis flere");
    self.more.type = "button";
    self.more.hidden = true;
    self.more.addEventListener("click", function () { self.showMore(true); });
    main.appendChild(self.more);
    wrap.appendChild(main);

    self.root.replaceChildren(wrap);
    };
})();
