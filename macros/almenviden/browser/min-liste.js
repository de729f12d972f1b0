/* almenviden: the reader's list ("min liste"): its logic and storage, the entries' data files, and the buttons
 * and header count on every page. Classic script, no bundler; works from file://. The list page itself is
 * min-liste-page.js, its printed handout min-liste-print.js (loaded after this file; they use AV.minListe).
 *
 * - Every entry page has a "Føj til min liste" button (render/templates/entry.html, hidden until this script
 *   runs); catalogue cards (static ones and those the catalogue browser renders) get one from here.
 * - The header's "Min liste" link shows how many entries the list holds, in step across tabs.
 * - /min-liste/ (docs/min-liste.md) shows the list: reorder, remove, share (?poster=id1,id2), print.
 *
 * The list is a JSON array of entry ids in localStorage (STORAGE_KEY). The page knows only ids: an entry's
 * title, kind, summary, link and printable article come from its data file, assets/almenviden/poster/<id>.js
 * (written by the build, render/list_data.py), which calls AV.entryData({...}); only the listed ids are loaded.
 * Ids from the URL or from storage are checked against the id pattern before any URL is built from them;
 * reader and URL data only ever reach the page as text (textContent), never as markup.
 */
(function () {
  "use strict";

  var root = typeof window === "object" ? window : globalThis;
  var AV = (root.almenviden = root.almenviden || {});

  var C = AV.constants; // the values shared with Python (constants.js, loaded first; in node, required first)
  var STORAGE_KEY = C.storageKeys.minListe;
  var ID_PATTERN = new RegExp(C.idPattern); // content/fields.ID_PATTERN
  var MAX_IDS = 100; // a list for a meeting; a shared link with more is refused
  var MAX_ID_LENGTH = 200;
  var MAX_QUERY_LENGTH = 8192; // characters of a shared link's query string
  var DATA_DIR = "assets/almenviden/poster/"; // render/list_data.DATA_DIR
  var SCRIPT_PATH = "assets/almenviden/min-liste.js";
  var MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
    "oktober", "november", "december"];

  // ---- Pure logic (tested with node: tests/js/min-liste.test.js) -------------------------------------------

  function isValidId(id) {
    return typeof id === "string" && id.length > 0 && id.length <= MAX_ID_LENGTH && ID_PATTERN.test(id);
  }

  function unique(ids) {
    var seen = Object.create(null);
    return ids.filter(function (id) {
      if (seen[id]) return false;
      seen[id] = true;
      return true;
    });
  }

  /* A shared link's list: {present, ids, invalid, error}. `search` is location.search ("?poster=a,b").
     present: the link carries a list; error: a Danish message when the link is refused as a whole. */
  function parsePosterParam(search) {
    var result = { present: false, ids: [], invalid: [], error: null };
    search = typeof search === "string" ? search : "";
    if (search.length > MAX_QUERY_LENGTH) {
      result.present = true;
      result.error = "Linket er for langt til at være en liste fra almenviden, så det er ikke vist.";
      return result;
    }
    var value;
    try {
      value = new URLSearchParams(search).get("poster");
    } catch {
      value = null;
    }
    if (value === null) return result;
    result.present = true;
    var parts = value.split(",").map(function (p) { return p.trim(); }).filter(function (p) { return p; });
    if (parts.length > MAX_IDS) {
      result.error = "Linket har " + parts.length + " poster. En liste kan højst have " + MAX_IDS +
        " poster, så linket er ikke vist.";
      return result;
    }
    parts.forEach(function (p) {
      (isValidId(p) ? result.ids : result.invalid).push(p);
    });
    result.ids = unique(result.ids);
    return result;
  }

  /* The stored list from localStorage's text: valid ids only, each once, at most MAX_IDS. Damaged JSON,
     a value that is not an array, or items that are not ids are dropped, never thrown. */
  function parseStored(text) {
    if (typeof text !== "string" || !text) return [];
    var value;
    try {
      value = JSON.parse(text);
    } catch {
      return [];
    }
    if (!Array.isArray(value)) return [];
    return unique(value.filter(isValidId)).slice(0, MAX_IDS);
  }

  function serialize(ids) {
    return JSON.stringify(ids);
  }

  /* List operations return a new array; the input is never changed. */
  function addId(ids, id) {
    if (!isValidId(id) || ids.indexOf(id) >= 0 || ids.length >= MAX_IDS) return ids.slice();
    return ids.concat([id]);
  }

  function removeId(ids, id) {
    return ids.filter(function (x) { return x !== id; });
  }

  function moveId(ids, id, delta) {
    var from = ids.indexOf(id);
    var to = from + delta;
    if (from < 0 || to < 0 || to >= ids.length) return ids.slice();
    var out = ids.slice();
    out.splice(from, 1);
    out.splice(to, 0, id);
    return out;
  }

  function sameList(a, b) {
    return a.length === b.length && a.every(function (x, i) { return x === b[i]; });
  }

  function shareQuery(ids) {
    return "?poster=" + ids.join(","); // ids are [a-z0-9-]: nothing to encode
  }

  function countLabel(n) {
    return "Min liste, " + n + (n === 1 ? " post" : " poster");
  }

  function danishDate(d) {
    return d.getDate() + ". " + MONTHS[d.getMonth()] + " " + d.getFullYear();
  }

  /* The entry id a card links to: the last path segment of its URL (".html" dropped), if the URL is an
     entry's page under the site root (<kind folder>/<id>), else null. */
  function idFromEntryUrl(href, siteRoot) {
    if (typeof href !== "string" || typeof siteRoot !== "string" || href.indexOf(siteRoot) !== 0) return null;
    var path = href.slice(siteRoot.length).split(/[?#]/)[0].replace(/\/index\.html$/, "/");
    var parts = path.split("/").filter(function (p) { return p; });
    if (parts.length !== 2) return null;
    var id = parts[1].replace(/\.html$/, "");
    try {
      id = decodeURIComponent(id);
    } catch {
      return null;
    }
    return isValidId(id) ? id : null;
  }

  /* A page's address from its URL relative to the site root (`url`, in the built site's style: "ideer/x/").
     Opened from disk (the offline copy) a folder is not a page, so its index.html is named. */
  function pageHref(siteRoot, url, fromDisk) {
    var href = siteRoot + url;
    if (!fromDisk) return href;
    var cut = href.search(/[?#]/);
    var path = cut < 0 ? href : href.slice(0, cut), rest = cut < 0 ? "" : href.slice(cut);
    return (/\/$/.test(path) ? path + "index.html" : path) + rest;
  }

  var logic = {
    pageHref: pageHref,
    STORAGE_KEY: STORAGE_KEY, MAX_IDS: MAX_IDS, MAX_QUERY_LENGTH: MAX_QUERY_LENGTH, isValidId: isValidId,
    parsePosterParam: parsePosterParam, parseStored: parseStored, serialize: serialize, addId: addId,
    removeId: removeId, moveId: moveId, sameList: sameList, shareQuery: shareQuery, countLabel: countLabel,
    danishDate: danishDate, idFromEntryUrl: idFromEntryUrl,
  };

  if (typeof module === "object" && module.exports) module.exports = logic;
  if (typeof document !== "object") return;

  // ---- In the browser ----------------------------------------------------------------------------------------

  // ---- Storage: localStorage, or memory when the browser refuses it ---------------------------------------

  var memory = null; // the list while localStorage cannot be used
  var storageNotice = "";

  function loadList() {
    if (memory !== null) return memory.slice();
    try {
      return parseStored(root.localStorage.getItem(STORAGE_KEY));
    } catch {
      memory = [];
      storageNotice = "Browseren tillader ikke, at listen gemmes. Den gælder kun, indtil du lukker siden.";
      return [];
    }
  }

  function saveList(ids) {
    if (memory === null) {
      try {
        root.localStorage.setItem(STORAGE_KEY, serialize(ids));
        return;
      } catch {
        storageNotice = "Listen kunne ikke gemmes i browseren. Den gælder kun, indtil du lukker siden.";
      }
    }
    memory = ids.slice();
  }

  // ---- Small DOM helpers ------------------------------------------------------------------------------------

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function button(text, cls, hiddenSuffix) {
    var b = el("button", "md-button av-ml-button " + (cls || ""), text);
    b.type = "button";
    if (hiddenSuffix) b.appendChild(el("span", "av-visually-hidden", hiddenSuffix));
    return b;
  }

  var siteRoot = (function () {
    var script = document.currentScript;
    var src = script && script.src ? script.src.split(/[?#]/)[0] : "";
    return src.slice(-SCRIPT_PATH.length) === SCRIPT_PATH ? src.slice(0, -SCRIPT_PATH.length) : "";
  })();

  // ---- Buttons on entry pages and cards, and the header count -----------------------------------------------

  function setToggle(btn, inList) {
    btn.setAttribute("aria-pressed", inList ? "true" : "false");
    var label = btn.querySelector(".av-list-toggle__label") || btn;
    if (label === btn) {
      btn.textContent = inList ? "Fjern fra min liste" : "Føj til min liste";
    } else {
      label.textContent = inList ? "Fjern fra min liste" : "Føj til min liste";
    }
  }

  function refreshControls() {
    var ids = loadList();
    Array.prototype.forEach.call(document.querySelectorAll("button[data-av-list-id]"), function (btn) {
      setToggle(btn, ids.indexOf(btn.getAttribute("data-av-list-id")) >= 0);
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-av-list-link]"), function (link) {
      link.setAttribute("aria-label", countLabel(ids.length));
      var count = link.querySelector("[data-av-list-count]");
      if (count) {
        count.textContent = String(ids.length);
        count.hidden = false;
      }
    });
  }

  function enhanceCards(scope) {
    var cards = (scope || document).querySelectorAll(".av-card:not([data-av-list-card])");
    Array.prototype.forEach.call(cards, function (card) {
      card.setAttribute("data-av-list-card", "");
      var link = card.querySelector(".av-card-title a[href]");
      var id = link ? idFromEntryUrl(link.href, siteRoot) : null;
      if (!id) return;
      var b = el("button", "md-button av-list-toggle av-list-toggle--card");
      b.type = "button";
      b.setAttribute("data-av-list-id", id);
      b.appendChild(el("span", "av-list-toggle__label"));
      b.appendChild(el("span", "av-visually-hidden", ": " + link.textContent));
      var wrap = el("p", "av-card-list");
      wrap.appendChild(b);
      card.appendChild(wrap);
      setToggle(b, loadList().indexOf(id) >= 0);
    });
  }

  var live = null; // a polite live region for the buttons outside the list page

  function announce(text) {
    var region = document.querySelector(".av-ml-status") || live;
    if (!region) {
      live = region = el("div", "av-visually-hidden av-ml-live");
      live.setAttribute("role", "status");
      document.body.appendChild(live);
    }
    region.textContent = "";
    root.setTimeout(function () { region.textContent = text; }, 50);
  }

  function onToggleClick(event) {
    var btn = event.target.closest ? event.target.closest("button[data-av-list-id]") : null;
    if (!btn) return;
    var id = btn.getAttribute("data-av-list-id");
    var ids = loadList();
    if (ids.indexOf(id) >= 0) {
      saveList(removeId(ids, id));
      announce("Fjernet fra min liste. Listen har nu " + countLabel(ids.length - 1).replace("Min liste, ", "") + ".");
    } else if (ids.length >= MAX_IDS) {
      announce("Listen kan højst have " + MAX_IDS + " poster. Fjern en post, før du føjer en ny til.");
    } else {
      saveList(addId(ids, id));
      announce("Føjet til min liste. Listen har nu " + countLabel(ids.length + 1).replace("Min liste, ", "") + ".");
    }
    refreshControls();
    if (storageNotice) announce(storageNotice);
  }

  // ---- Entry data files -------------------------------------------------------------------------------------

  var entries = Object.create(null); // id: data from its file
  var waiting = Object.create(null); // id: [resolve, …]

  function validData(d) {
    return d && typeof d === "object" && isValidId(d.id) && ["title", "kind", "summary", "url", "article"]
      .every(function (k) { return typeof d[k] === "string"; });
  }

  AV.entryData = function (d) {
    if (validData(d) && waiting[d.id]) entries[d.id] = d;
  };

  function loadEntry(id) {
    return new Promise(function (resolve) {
      if (entries[id]) return resolve(entries[id]);
      if (!isValidId(id) || !siteRoot) return resolve(null);
      if (waiting[id]) return waiting[id].push(resolve);
      waiting[id] = [resolve];
      var script = document.createElement("script");
      var done = function () {
        var found = entries[id] || null;
        (waiting[id] || []).forEach(function (r) { r(found); });
        delete waiting[id];
        script.remove();
      };
      script.addEventListener("load", done);
      script.addEventListener("error", done);
      script.src = siteRoot + DATA_DIR + id + ".js";
      document.head.appendChild(script);
    });
  }

  function loadEntries(ids) {
    return Promise.all(ids.map(loadEntry)).then(function (found) {
      return { found: found.filter(Boolean), missing: ids.filter(function (id, i) { return !found[i]; }) };
    });
  }

  // ---- Start --------------------------------------------------------------------------------------------------

  function start() {
    document.addEventListener("click", onToggleClick);
    Array.prototype.forEach.call(document.querySelectorAll(".av-list-toggle-wrap"), function (w) { w.hidden = false; });
    enhanceCards(document);
    refreshControls();
    var pending = false;
    new MutationObserver(function () { // cards the catalogue browser adds
      if (pending) return;
      pending = true;
      root.setTimeout(function () {
        pending = false;
        enhanceCards(document);
      }, 0);
    }).observe(document.body, { childList: true, subtree: true });
    root.addEventListener("storage", function (e) { // another tab changed the list
      if (e.key === STORAGE_KEY || e.key === null) refreshControls();
    });
  }

  // What min-liste-page.js and min-liste-print.js use.
  AV.minListe = Object.assign({}, logic, {
    loadList: loadList, saveList: saveList, storageNotice: function () { return storageNotice; },
    refreshControls: refreshControls, loadEntries: loadEntries, el: el, button: button, siteRoot: siteRoot,
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
