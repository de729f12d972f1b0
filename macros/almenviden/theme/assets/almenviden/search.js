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

  /** Why search failed, in Danish: from disk the online build cannot search at all, so reloading will not help. */
  AV.fromDisk = function () { return window.location.protocol === "file:" && !window.almenvidenPagefindLoader; };
  AV.failText = function () { return AV.fromDisk() ? AV.t.fromDisk : AV.t.error; };

  var instance = null;
  /** The Pagefind instance, loaded on first use. */
  AV.pagefind = function () {
    if (!instance) {
      var loader = window.almenvidenPagefindLoader || defaultLoader;
      instance = Promise.resolve(loader(AV.siteRoot));
      instance.catch(function () { instance = null; });
    }
    return instance;
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

    function render(q, total, data) {
      list.replaceChildren();
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
      more.parentNode.hidden = !total;
      more.textContent = AV.t.more(total);
      more.href = searchPage + "?q=" + encodeURIComponent(q);
    }

    async function run() {
      var q = input.value.trim();
      var mine = ++seq;
      if (!q) { close(); list.replaceChildren(); say("", false); panel.setAttribute("aria-busy", "false"); return; }
      open();
      if (!list.children.length) say(AV.t.searching, false);
      try {
        var pagefind = await AV.pagefind();
        var search = await pagefind.search(q);
        if (mine !== seq) return;
        var data = await Promise.all(search.results.slice(0, MAX_RESULTS).map(function (r) { return r.data(); }));
        if (mine !== seq) return;
        render(q, search.results.length, data);
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
