/* almenviden: the printed handout of the reader's list (window.print() on /min-liste/): a cover (site name, today's
 * date, the meeting's title the reader typed, the numbered list), then each entry's article, each starting on a
 * new page (min-liste.css, @media print). Uses AV.minListe (min-liste.js). Classic script; works from file://.
 */
(function () {
  "use strict";

  var AV = window.almenviden;
  if (!AV || !AV.minListe) return; // min-liste.js did not load
  var L = AV.minListe, el = L.el, siteRoot = L.siteRoot;
  var SCHEMES = ["http:", "https:", "file:", "mailto:"]; // what a link in the handout may keep

  /* The cover's title and date: the reader's text, as text. */
  function cover(container, meetingTitle) {
    var section = container.querySelector(".av-print-cover");
    if (!section) return;
    section.querySelector(".av-print-meeting").textContent = (meetingTitle || "").trim() || "Min liste";
    section.querySelector(".av-print-date").textContent = L.danishDate(new Date());
  }

  /* One entry's article, from its data file: the build's own output (render/list_data.py), parsed inert with
     DOMParser; links made absolute from the entry's page, ids and page-only controls dropped. */
  function article(d) {
    var section = el("section", "av-print-entry");
    section.setAttribute("data-av-print-entry", d.id);
    var doc = new DOMParser().parseFromString(d.article, "text/html");
    var base = siteRoot + d.url;
    Array.prototype.forEach.call(doc.querySelectorAll(".av-list-toggle-wrap, .av-edit-form, .av-no-print, .av-toc, nav, script, style, " +
      "iframe, object, embed"), function (n) { n.remove(); });
    Array.prototype.forEach.call(doc.querySelectorAll("[id]"), function (n) { n.removeAttribute("id"); });
    Array.prototype.forEach.call(doc.querySelectorAll("a[href]"), function (a) {
      try {
        var abs = new URL(a.getAttribute("href"), base);
        if (SCHEMES.indexOf(abs.protocol) < 0) {
          a.removeAttribute("href");
        } else {
          a.href = abs.protocol === "file:" ? L.pageHref("", abs.href, true) : abs.href;
          // A link within the site is not printed out in full (docs/assets/almenviden.css prints web addresses).
          if (abs.href.indexOf(siteRoot) === 0) a.classList.add("av-print-internal");
        }
      } catch {
        a.removeAttribute("href");
      }
    });
    Array.prototype.forEach.call(doc.body.childNodes, function (n) {
      section.appendChild(document.importNode(n, true));
    });
    return section;
  }

  /* The whole handout into `container` for the entries `found` (their data), in order. */
  function render(container, found, meetingTitle) {
    container.textContent = "";
    var section = el("section", "av-print-cover");
    var site = document.querySelector(".md-header__topic .md-ellipsis");
    section.appendChild(el("p", "av-print-site", site ? site.textContent.trim() : "almenviden"));
    section.appendChild(el("h1", "av-print-meeting"));
    section.appendChild(el("p", "av-print-date"));
    var ol = el("ol", "av-print-list");
    found.forEach(function (d) {
      var li = el("li", "", d.title + " ");
      li.appendChild(el("span", "av-print-kind", "(" + d.kind + ")"));
      ol.appendChild(li);
    });
    section.appendChild(ol);
    container.appendChild(section);
    cover(container, meetingTitle);
    found.forEach(function (d) { container.appendChild(article(d)); });
  }

  AV.minListePrint = { render: render, cover: cover };
})();
