/* almenviden browser code: the DOM pieces both search UIs show: elements with text (AV.el), a Pagefind
 * excerpt as text and <mark>s (AV.excerpt), and the way on from a search with no results (AV.wayOn).
 * Reader and index text only ever becomes text nodes.
 */
(function (root) {
  "use strict";

  var AV = (root.almenviden = root.almenviden || {});

  AV.el = function (tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  };

  /** A Pagefind excerpt as DOM: its text and <mark>s only, whatever else the string holds. */
  AV.excerpt = function (html) {
    var template = document.createElement("template");
    // eslint-disable-next-line no-restricted-syntax -- an inert <template>: parsed, never rendered or run
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

  /** The way on from a search with no results: close words, the catalogue's topics, browsing with filters. */
  AV.wayOn = function (found) {
    var page = AV.searchPage();
    var box = AV.el("div", "av-wayon");
    box.setAttribute("data-av-wayon", "");
    if (found.suggestions && found.suggestions.length) {
      var p = AV.el("p", "av-wayon__suggest", "Mente du ");
      found.suggestions.forEach(function (w, i) {
        if (i) p.appendChild(document.createTextNode(i === found.suggestions.length - 1 ? " eller " : ", "));
        var a = AV.el("a", null, w);
        a.href = page + "?q=" + encodeURIComponent(w);
        a.setAttribute("data-av-suggestion", w);
        p.appendChild(a);
      });
      p.appendChild(document.createTextNode("?"));
      box.appendChild(p);
    }
    if (found.topics && found.topics.length) {
      box.appendChild(AV.el("p", "av-wayon__heading", "Se kataloget efter emne:"));
      var ul = AV.el("ul", "av-wayon__topics");
      found.topics.forEach(function (t) {
        var li = AV.el("li");
        var a = AV.el("a", null, t[2]);
        a.href = page + "?" + encodeURIComponent(t[0]) + "=" + encodeURIComponent(t[1]);
        li.appendChild(a);
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }
    var browse = AV.el("p", "av-wayon__browse");
    var link = AV.el("a", null, "Gennemse hele kataloget med filtre");
    link.href = page;
    browse.appendChild(link);
    box.appendChild(browse);
    return box;
  };
})(typeof window === "object" ? window : globalThis);
