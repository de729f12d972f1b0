/* almenviden: the reader's list ("min liste"). Classic script, no bundler; works from file://.
 *
 * - Every entry page has a "Føj til min liste" button (render/templates/entry.html, hidden until this script
 *   runs); catalogue cards (static ones and those the catalogue browser renders) get one from here.
 * - The header's "Min liste" link shows how many entries the list holds, in step across tabs.
 * - /min-liste/ (docs/min-liste.md) shows the list: reorder, remove, share (?poster=id1,id2), print.
 *
 * The list is a JSON array of entry ids in localStorage (STORAGE_KEY). The page knows only ids: an entry's
 * title, kind, summary, link and printable article come from its data file, assets/almenviden/poster/<id>.js
 * (written by the build, render/entry_data.py), which calls AV.entryData({...}); only the listed ids are loaded.
 * Ids from the URL or from storage are checked against the id pattern before any URL is built from them;
 * reader and URL data only ever reach the page as text (textContent), never as markup.
 */
(function () {
  "use strict";

  var root = typeof window === "object" ? window : globalThis;
  var AV = (root.almenviden = root.almenviden || {});

  var STORAGE_KEY = "almenviden.minListe.v1";
  var ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/; // content/fields.ID_PATTERN
  var MAX_IDS = 100; // a list for a meeting; a shared link with more is refused
  var MAX_ID_LENGTH = 200;
  var MAX_QUERY_LENGTH = 8192; // characters of a shared link's query string
  var SHOWN_INVALID = 10; // invalid ids named in a notice, at most
  var DATA_DIR = "assets/almenviden/poster/"; // render/entry_data.DATA_DIR
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
    } catch (e) {
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
    } catch (e) {
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
    } catch (e) {
      return null;
    }
    return isValidId(id) ? id : null;
  }

  var logic = {
    STORAGE_KEY: STORAGE_KEY, MAX_IDS: MAX_IDS, MAX_QUERY_LENGTH: MAX_QUERY_LENGTH, isValidId: isValidId,
    parsePosterParam: parsePosterParam, parseStored: parseStored, serialize: serialize, addId: addId,
    removeId: removeId, moveId: moveId, sameList: sameList, shareQuery: shareQuery, countLabel: countLabel,
    danishDate: danishDate, idFromEntryUrl: idFromEntryUrl,
  };

  if (typeof module === "object" && module.exports) module.exports = logic;
  if (typeof document !== "object") return;

  // ---- Storage: localStorage, or memory when the browser refuses it ---------------------------------------

  var memory = null; // the list while localStorage cannot be used
  var storageNotice = "";

  function loadList() {
    if (memory !== null) return memory.slice();
    try {
      return parseStored(root.localStorage.getItem(STORAGE_KEY));
    } catch (e) {
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
      } catch (e) {
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

  // ---- The list page ----------------------------------------------------------------------------------------

  function ListPage(container) {
    this.container = container;
    this.shared = parsePosterParam(root.location.search);
    this.confirming = false;
    document.documentElement.classList.add("av-ml-page");
    container.textContent = "";
    this.screen = el("div", "av-ml-screen");
    this.status = el("div", "av-visually-hidden av-ml-status");
    this.status.setAttribute("role", "status");
    this.notices = el("div", "av-ml-notices");
    this.intro = el("div", "av-ml-intro");
    this.list = el("ol", "av-ml-items");
    this.list.setAttribute("aria-label", "Posterne på listen");
    this.empty = el("p", "av-ml-empty");
    this.empty.tabIndex = -1;
    this.tools = el("div", "av-ml-tools");
    this.print = el("div", "av-ml-print");
    this.screen.append(this.notices, this.intro, this.empty, this.list, this.tools);
    container.append(this.status, this.screen, this.print);
    this.meetingTitle = "";
    this.buildTools();
    var self = this;
    this.list.addEventListener("click", function (e) { self.onListClick(e); });
    root.addEventListener("beforeprint", function () { self.renderPrint(); });
  }

  ListPage.prototype.isShared = function () {
    if (!this.shared.present || this.shared.error) return false;
    return !sameList(this.shared.ids, loadList());
  };

  ListPage.prototype.ids = function () {
    return this.isShared() ? this.shared.ids : loadList();
  };

  ListPage.prototype.notice = function (text, cls) {
    var p = el("p", "admonition " + (cls || "note") + " av-ml-notice", text);
    this.notices.appendChild(p);
    return p;
  };

  ListPage.prototype.buildTools = function () {
    var self = this;
    var share = el("section", "av-ml-share");
    share.setAttribute("aria-labelledby", "av-ml-share-h");
    var h = el("h2", "", "Del listen");
    h.id = "av-ml-share-h";
    share.appendChild(h);
    share.appendChild(el("p", "", "Linket viser de samme poster i samme rækkefølge. Send det til de andre i bestyrelsen."));
    var label = el("label", "", "Link til listen");
    label.htmlFor = "av-ml-share-url";
    this.shareField = el("input", "av-ml-share-url");
    this.shareField.id = "av-ml-share-url";
    this.shareField.type = "text";
    this.shareField.readOnly = true;
    var copy = button("Kopiér link", "av-ml-copy");
    copy.addEventListener("click", function () { self.copyLink(); });
    share.append(label, this.shareField, copy);

    var printer = el("section", "av-ml-printer");
    printer.setAttribute("aria-labelledby", "av-ml-print-h");
    var ph = el("h2", "", "Print til mødet");
    ph.id = "av-ml-print-h";
    printer.appendChild(ph);
    printer.appendChild(el("p", "", "Printet har en forside med dato og listen og derefter hver post på sin egen side."));
    var tlabel = el("label", "", "Mødets titel (valgfri)");
    tlabel.htmlFor = "av-ml-meeting";
    this.titleField = el("input", "av-ml-meeting");
    this.titleField.id = "av-ml-meeting";
    this.titleField.type = "text";
    this.titleField.maxLength = 200;
    this.titleField.autocomplete = "off";
    this.titleField.addEventListener("input", function () {
      self.meetingTitle = self.titleField.value;
      self.renderCover();
    });
    var printButton = button("Print listen", "md-button--primary av-ml-print-button");
    printButton.addEventListener("click", function () {
      self.renderPrint();
      root.print();
    });
    printer.append(tlabel, this.titleField, printButton);
    this.tools.append(share, printer);
  };

  ListPage.prototype.copyLink = function () {
    var self = this;
    var url = this.shareField.value;
    var fallback = function () {
      self.shareField.focus();
      self.shareField.select();
      self.say("Linket er markeret. Kopiér det med Ctrl+C (Cmd+C på Mac).");
    };
    if (root.navigator.clipboard && root.navigator.clipboard.writeText) {
      root.navigator.clipboard.writeText(url).then(function () {
        self.say("Linket er kopieret.");
      }, fallback);
    } else {
      fallback();
    }
  };

  ListPage.prototype.say = function (text) {
    var status = this.status;
    status.textContent = "";
    root.setTimeout(function () { status.textContent = text; }, 50);
  };

  ListPage.prototype.render = function (focus) {
    var self = this;
    var ids = this.ids();
    this.notices.textContent = "";
    if (storageNotice) this.notice(storageNotice, "warning");
    if (this.shared.error) this.notice(this.shared.error, "warning");
    if (this.shared.invalid.length) {
      var shown = this.shared.invalid.slice(0, SHOWN_INVALID).map(function (s) {
        return s.length > 80 ? s.slice(0, 80) + "…" : s;
      });
      var more = this.shared.invalid.length - shown.length;
      this.notice("Linket har poster, som ikke er gyldige, og de er udeladt: " + shown.join(", ") +
        (more > 0 ? " og " + more + " til" : "") + ".", "warning");
    }
    this.renderIntro();
    return loadEntries(ids).then(function (result) {
      self.found = result.found;
      if (result.missing.length) {
        var p = self.notice((result.missing.length === 1 ? "Denne post findes ikke længere: " :
          "Disse poster findes ikke længere: ") + result.missing.join(", ") + ".", "warning");
        p.classList.add("av-ml-missing");
        if (!self.isShared()) {
          var drop = button("Fjern dem fra min liste", "av-ml-drop-missing");
          drop.addEventListener("click", function () {
            saveList(loadList().filter(function (id) { return result.missing.indexOf(id) < 0; }));
            refreshControls();
            self.render().then(function () { self.empty.focus(); });
          });
          p.appendChild(document.createTextNode(" "));
          p.appendChild(drop);
        }
      }
      self.renderItems(result.found);
      self.renderShare(result.found.map(function (d) { return d.id; }));
      self.renderPrint();
      if (focus) focus();
    });
  };

  ListPage.prototype.renderIntro = function () {
    var self = this;
    this.intro.textContent = "";
    if (!this.isShared()) return;
    var own = loadList();
    this.intro.appendChild(el("p", "", "Du ser en liste, som nogen har delt med dig. Din egen liste er ikke ændret."));
    var keep = button("Gem som min liste", "md-button--primary av-ml-keep");
    var ownLink = el("a", "av-ml-own", "Vis min egen liste");
    ownLink.href = root.location.pathname;
    var actions = el("p", "av-ml-actions");
    actions.append(keep, document.createTextNode(" "), ownLink);
    this.intro.appendChild(actions);
    if (this.confirming && own.length) {
      var confirm = el("div", "admonition warning av-ml-confirm");
      confirm.setAttribute("role", "group");
      confirm.setAttribute("aria-label", "Bekræft");
      confirm.appendChild(el("p", "", "Din egen liste har " + (own.length === 1 ? "1 post" : own.length + " poster") +
        ". Den bliver erstattet af listen fra linket."));
      var yes = button("Ja, erstat min liste", "md-button--primary av-ml-confirm-yes");
      var no = button("Annullér", "av-ml-confirm-no");
      yes.addEventListener("click", function () { self.keepShared(); });
      no.addEventListener("click", function () {
        self.confirming = false;
        self.renderIntro();
        self.intro.querySelector(".av-ml-keep").focus();
      });
      confirm.append(yes, document.createTextNode(" "), no);
      this.intro.appendChild(confirm);
    }
    keep.addEventListener("click", function () {
      if (loadList().length) {
        self.confirming = true;
        self.renderIntro();
        self.intro.querySelector(".av-ml-confirm-yes").focus();
      } else {
        self.keepShared();
      }
    });
  };

  ListPage.prototype.keepShared = function () {
    var self = this;
    var keep = (this.found || []).map(function (d) { return d.id; });
    saveList(keep);
    this.confirming = false;
    this.shared = parsePosterParam("");
    if (root.history && root.history.replaceState) {
      try {
        root.history.replaceState(null, "", root.location.pathname);
      } catch (e) { /* file:// may refuse: the page still shows the reader's own list */ }
    }
    refreshControls();
    this.render(function () {
      var first = self.list.querySelector("a");
      (first || self.empty).focus();
    }).then(function () {
      self.say("Listen er gemt som din liste med " + (keep.length === 1 ? "1 post" : keep.length + " poster") + ".");
    });
  };

  ListPage.prototype.renderItems = function (found) {
    var self = this;
    var shared = this.isShared();
    this.list.textContent = "";
    this.empty.textContent = found.length ? "" : (shared ? "Linket har ingen poster, der findes." :
      "Din liste er tom. Brug knappen \u201dFøj til min liste\u201d på en post eller i kataloget.");
    this.empty.hidden = found.length > 0;
    this.list.hidden = found.length === 0;
    this.tools.hidden = found.length === 0;
    found.forEach(function (d, i) {
      var li = el("li", "av-ml-item");
      li.setAttribute("data-av-list-item", d.id);
      var h = el("h2", "av-ml-title");
      var a = el("a", "", d.title);
      a.href = siteRoot + d.url;
      h.appendChild(a);
      li.append(el("p", "av-ml-kind", d.kind), h, el("p", "av-ml-summary", d.summary));
      if (!shared) {
        var tools = el("p", "av-ml-item-tools");
        var up = button("Flyt op", "av-ml-up", ": " + d.title);
        var down = button("Flyt ned", "av-ml-down", ": " + d.title);
        var remove = button("Fjern", "av-ml-remove", ": " + d.title);
        if (i === 0) up.setAttribute("aria-disabled", "true");
        if (i === found.length - 1) down.setAttribute("aria-disabled", "true");
        tools.append(up, document.createTextNode(" "), down, document.createTextNode(" "), remove);
        li.appendChild(tools);
      }
      self.list.appendChild(li);
    });
  };

  ListPage.prototype.onListClick = function (event) {
    var btn = event.target.closest ? event.target.closest("button") : null;
    var item = btn ? btn.closest("[data-av-list-item]") : null;
    if (!item || btn.getAttribute("aria-disabled") === "true" || this.isShared()) return;
    var id = item.getAttribute("data-av-list-item");
    var title = (item.querySelector(".av-ml-title") || item).textContent;
    var shownIds = Array.prototype.map.call(this.list.querySelectorAll("[data-av-list-item]"), function (li) {
      return li.getAttribute("data-av-list-item");
    });
    var stored = loadList();
    var hidden = stored.filter(function (x) { return shownIds.indexOf(x) < 0; }); // entries without data
    var self = this;
    if (btn.classList.contains("av-ml-up") || btn.classList.contains("av-ml-down")) {
      var up = btn.classList.contains("av-ml-up");
      var moved = moveId(shownIds, id, up ? -1 : 1);
      saveList(moved.concat(hidden));
      var place = moved.indexOf(id) + 1;
      this.render(function () {
        var li = self.list.querySelector('[data-av-list-item="' + id + '"]');
        var same = li.querySelector(up ? ".av-ml-up" : ".av-ml-down");
        var other = li.querySelector(up ? ".av-ml-down" : ".av-ml-up");
        (same.getAttribute("aria-disabled") === "true" ? other : same).focus();
        self.say(title + " er flyttet " + (up ? "op" : "ned") + " til plads " + place + " af " + moved.length + ".");
      });
    } else if (btn.classList.contains("av-ml-remove")) {
      var index = shownIds.indexOf(id);
      var rest = removeId(shownIds, id);
      saveList(rest.concat(hidden));
      refreshControls();
      this.render(function () {
        var next = rest[Math.min(index, rest.length - 1)];
        var target = next ? self.list.querySelector('[data-av-list-item="' + next + '"] .av-ml-remove') : self.empty;
        target.focus();
        self.say(title + " er fjernet fra listen. Listen har nu " +
          (rest.length === 1 ? "1 post." : rest.length + " poster."));
      });
    }
  };

  ListPage.prototype.renderShare = function (ids) {
    var base = root.location.href.split(/[?#]/)[0];
    this.shareField.value = base + shareQuery(ids);
  };

  ListPage.prototype.renderCover = function () {
    var cover = this.print.querySelector(".av-print-cover");
    if (!cover) return;
    cover.querySelector(".av-print-meeting").textContent = this.meetingTitle.trim() || "Min liste";
    cover.querySelector(".av-print-date").textContent = danishDate(new Date());
  };

  /* The handout: a cover (site name, date, the meeting's title, the numbered list), then each entry's
     article on its own page. The article is the build's own output (render/entry_data.py), parsed inert
     with DOMParser; its links are made absolute from the entry's page, ids and page-only controls dropped. */
  ListPage.prototype.renderPrint = function () {
    var found = this.found || [];
    this.print.textContent = "";
    var cover = el("section", "av-print-cover");
    var site = document.querySelector(".md-header__topic .md-ellipsis");
    cover.appendChild(el("p", "av-print-site", site ? site.textContent.trim() : "almenviden"));
    cover.appendChild(el("h1", "av-print-meeting"));
    cover.appendChild(el("p", "av-print-date"));
    var ol = el("ol", "av-print-list");
    found.forEach(function (d) {
      var li = el("li", "", d.title + " ");
      li.appendChild(el("span", "av-print-kind", "(" + d.kind + ")"));
      ol.appendChild(li);
    });
    cover.appendChild(ol);
    this.print.appendChild(cover);
    this.renderCover();
    var parser = new DOMParser();
    var self = this;
    found.forEach(function (d) {
      var section = el("section", "av-print-entry");
      section.setAttribute("data-av-print-entry", d.id);
      var doc = parser.parseFromString(d.article, "text/html");
      var base = siteRoot + d.url;
      Array.prototype.forEach.call(doc.querySelectorAll(".av-list-toggle-wrap, .av-toc, nav, script, style, " +
        "iframe, object, embed"), function (n) { n.remove(); });
      Array.prototype.forEach.call(doc.querySelectorAll("[id]"), function (n) { n.removeAttribute("id"); });
      Array.prototype.forEach.call(doc.querySelectorAll("a[href]"), function (a) {
        try {
          var abs = new URL(a.getAttribute("href"), base);
          if (abs.protocol === "javascript:") {
            a.removeAttribute("href");
          } else {
            a.href = abs.href;
            // A link within the site is not printed out in full (docs/assets/almenviden.css prints web addresses).
            if (abs.href.indexOf(siteRoot) === 0) a.classList.add("av-print-internal");
          }
        } catch (e) {
          a.removeAttribute("href");
        }
      });
      Array.prototype.forEach.call(doc.body.childNodes, function (n) {
        section.appendChild(document.importNode(n, true));
      });
      self.print.appendChild(section);
    });
  };

  // ---- Start --------------------------------------------------------------------------------------------------

  function start() {
    document.addEventListener("click", onToggleClick);
    Array.prototype.forEach.call(document.querySelectorAll(".av-list-toggle-wrap"), function (w) { w.hidden = false; });
    enhanceCards(document);
    refreshControls();
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      root.setTimeout(function () {
        pending = false;
        enhanceCards(document);
      }, 0);
    }).observe(document.body, { childList: true, subtree: true });
    var container = document.getElementById("av-min-liste");
    var page = container ? new ListPage(container) : null;
    if (page) page.render();
    root.addEventListener("storage", function (e) {
      if (e.key !== STORAGE_KEY && e.key !== null) return;
      refreshControls();
      if (page) page.render();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
