/* almenviden: the page /min-liste/ (docs/min-liste.md): the reader's list with reorder and remove, a shared
 * list (?poster=id1,id2) shown beside the reader's own and kept only on request, the share link and the
 * printed handout (min-liste-print.js). Uses AV.minListe (min-liste.js, loaded first). Reader and URL data
 * reach the page as text only. Classic script; works from file://.
 */
(function () {
  "use strict";

  var root = window;
  var AV = root.almenviden || {};
  var L = AV.minListe;
  if (!L || typeof document !== "object") return;
  var el = L.el, button = L.button, loadList = L.loadList, saveList = L.saveList, siteRoot = L.siteRoot;
  var parsePosterParam = L.parsePosterParam, sameList = L.sameList, removeId = L.removeId, moveId = L.moveId;
  var SHOWN_INVALID = 10; // invalid ids named in a notice, at most

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
    this.printer = AV.minListePrint;
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

  /* A section with its heading (its accessible name) and a line of explanation. */
  function toolSection(id, heading, text) {
    var section = el("section", "av-ml-" + id);
    section.setAttribute("aria-labelledby", "av-ml-" + id + "-h");
    var h = el("h2", "", heading);
    h.id = "av-ml-" + id + "-h";
    section.append(h, el("p", "", text));
    return section;
  }

  /* A labelled one-line text field, appended to `section` with its label. */
  function textField(section, id, label) {
    var l = el("label", "", label);
    l.htmlFor = id;
    var field = el("input", id);
    field.id = id;
    field.type = "text";
    section.append(l, field);
    return field;
  }

  ListPage.prototype.buildTools = function () {
    var self = this;
    var share = toolSection("share", "Del listen",
      "Linket viser de samme poster i samme rækkefølge. Send det til de andre i bestyrelsen.");
    this.shareField = textField(share, "av-ml-share-url", "Link til listen");
    this.shareField.readOnly = true;
    var copy = button("Kopiér link", "av-ml-copy");
    copy.addEventListener("click", function () { self.copyLink(); });
    share.appendChild(copy);

    var printer = toolSection("printer", "Print til mødet",
      "Printet har en forside med dato og listen og derefter hver post på sin egen side.");
    this.titleField = textField(printer, "av-ml-meeting", "Mødets titel (valgfri)");
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
    printer.appendChild(printButton);
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
    if (L.storageNotice()) this.notice(L.storageNotice(), "warning");
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
    return L.loadEntries(ids).then(function (result) {
      self.found = result.found;
      if (result.missing.length) {
        var p = self.notice((result.missing.length === 1 ? "Denne post findes ikke længere: " :
          "Disse poster findes ikke længere: ") + result.missing.join(", ") + ".", "warning");
        p.classList.add("av-ml-missing");
        if (!self.isShared()) {
          var drop = button("Fjern dem fra min liste", "av-ml-drop-missing");
          drop.addEventListener("click", function () {
            saveList(loadList().filter(function (id) { return result.missing.indexOf(id) < 0; }));
            L.refreshControls();
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
      } catch { /* file:// may refuse: the page still shows the reader's own list */ }
    }
    L.refreshControls();
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
      a.href = L.pageHref(siteRoot, d.url, window.location.protocol === "file:");
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
      L.refreshControls();
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
    this.shareField.value = base + L.shareQuery(ids);
  };

  ListPage.prototype.renderCover = function () {
    this.printer.cover(this.print, this.meetingTitle);
  };

  ListPage.prototype.renderPrint = function () {
    this.printer.render(this.print, this.found || [], this.meetingTitle);
  };

  function start() {
    var container = document.getElementById("av-min-liste");
    if (!container) return;
    var page = new ListPage(container);
    page.render();
    root.addEventListener("storage", function (e) { // another tab changed the list
      if (e.key === L.STORAGE_KEY || e.key === null) page.render();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
