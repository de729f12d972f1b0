/* almenviden browser code: the header search box (every page's [data-av-search]): results as the reader
 * types, keyboard navigation (arrows, Home, End, Escape), a link on to the search page with filters.
 */
(function () {
  "use strict";

  var AV = window.almenviden;

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
      if (total) text = AV.t.changed(found) + text;
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
      // Start loading Pagefind with every search shard (the box searches the whole site) and the word list's
      // core while the reader types (AV.words never rejects).
      AV.pagefind().catch(function () {});
      AV.words();
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
