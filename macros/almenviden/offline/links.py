"""Links of a site built for a server (directory URLs: `ideer/x/`) made to work from disk (`ideer/x/index.html`).

A browser opening a page from `file://` shows a folder listing for `ideer/x/`, not its index.html. So in every
page of the offline copy, each relative URL in an `href`, `src` or `action` attribute of a start tag whose path
is a folder (ends in "/", or is "." or "..") gets "index.html" appended, before its query and fragment. An HTML
parser finds the tags; text, comments and the content of script, style, title and textarea elements are never
touched, whatever they spell. The feed (`feed.xml`, written by xml.etree, so every "<" in its text is escaped)
gets the same treatment for its `<link href>` tags.

Elements marked `data-av-online-only` (the online site's offer of the offline zip, offline/download.py) are
removed with everything in them: the copy does not hold the zip they link to. So are the list items that only
link to a heading inside them (the theme's table of contents).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

ONLINE_ONLY = "data-av-online-only"
_URL_ATTRIBUTE = re.compile(r"""(\s(?:href|src|action)\s*=\s*)("[^"]*"|'[^']*'|[^\s"'>]+)""", re.I)
_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#|$)", re.I)  # a scheme, another host, a fragment, nothing
# Elements whose content is text up to their end tag, as a browser reads them (pages.py has the same list).
_TEXT_ONLY = ("title", "textarea", "script", "style", "noscript", "xmp", "iframe", "noembed", "noframes")
_NEWLINE = re.compile("\n")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def file_url(url: str) -> str:
    """`url` with "index.html" after a folder path: "../ideer/" -> "../ideer/index.html", "..#a" ->
    "../index.html#a"; anything else unchanged."""
    if _ABSOLUTE.match(url):
        return url
    cut = min([i for i in (url.find("?"), url.find("#")) if i >= 0] or [len(url)])
    path, rest = url[:cut], url[cut:]
    if path in (".", "..") or path.endswith(("/.", "/..")):
        path += "/"
    if path.endswith("/") or not path:
        path += "index.html"
    return path + rest


def _fix_attributes(tag_text: str) -> str:
    def fix(match: re.Match) -> str:
        value = match.group(2)
        if value[0] in "\"'":
            return match.group(1) + value[0] + file_url(value[1:-1]) + value[0]
        return match.group(1) + file_url(value)
    return _URL_ATTRIBUTE.sub(fix, tag_text)


class _Edits(HTMLParser):
    """Where a page's start tags need new URLs, and which ranges are online-only."""

    def __init__(self, html: str, dropped_ids: frozenset[str] = frozenset()) -> None:
        super().__init__(convert_charrefs=False)
        self._html = html
        self.dropped_ids = dropped_ids  # ids of removed elements: list items linking to them go too
        self.ids_in_online_only: set[str] = set()
        self._items: list[list] = []  # open <li>s: [start offset, links to a dropped id]
        self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(html)]
        self.edits: list[tuple[int, int, str]] = []  # (offset, length, replacement)
        self._online_only: list[tuple[str, int, int]] = []  # (tag, start offset, depth of that tag) being skipped
        self._depth: dict[str, int] = {}

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        at, text = self._offset(), self.get_starttag_text() or ""
        if tag not in _VOID:
            self._depth[tag] = self._depth.get(tag, 0) + 1
        if self._online_only or any(name == ONLINE_ONLY for name, _value in attrs):
            self.ids_in_online_only.update(value for name, value in attrs if name == "id" and value)
        if tag == "li":
            self._items.append([at, False])
        elif tag == "a" and self._items and self.dropped_ids and \
                any(name == "href" and value and value[1:] in self.dropped_ids and value.startswith("#")
                    for name, value in attrs):
            self._items[-1][1] = True
        if not self._online_only and any(name == ONLINE_ONLY for name, _value in attrs) and tag not in _VOID:
            self._online_only.append((tag, at, self._depth[tag]))
        elif not self._online_only:
            fixed = _fix_attributes(text)
            if fixed != text:
                self.edits.append((at, len(text), fixed))
        if tag in _TEXT_ONLY:
            self.set_cdata_mode(tag)  # its text holds no tags, whatever it looks like

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self._depth[tag] -= 1

    def _remove_to_end_tag(self, start: int, tag: str) -> None:
        end = self._offset() + len(f"</{tag}")
        close = self._html.find(">", end)
        end = close + 1 if close >= 0 else len(self._html)
        self.edits = [e for e in self.edits if not start <= e[0] < end]  # nothing left to edit inside
        self.edits.append((start, end - start, ""))

    def handle_endtag(self, tag):
        if self._online_only and self._online_only[0][0] == tag and self._online_only[0][2] == self._depth.get(tag):
            _tag, start, _depth = self._online_only.pop()
            self._remove_to_end_tag(start, tag)
        if tag == "li" and self._items:
            start, dropped = self._items.pop()
            if dropped:
                self._remove_to_end_tag(start, tag)
        if self._depth.get(tag):
            self._depth[tag] -= 1


def _parsed(html: str, dropped_ids: frozenset[str] = frozenset()) -> _Edits:
    parser = _Edits(html, dropped_ids)
    parser.feed(html)
    parser.close()
    return parser


def offline_page(html: str) -> str:
    """A page of the online site as the offline copy needs it (see the module's docstring)."""
    parser = _parsed(html)
    if parser.ids_in_online_only:  # a second pass for the table of contents' links to them
        parser = _parsed(html, frozenset(parser.ids_in_online_only))
    pieces, done = [], 0  # the page between the edits, and the edits: one join, not a copy of the page per edit
    for at, length, replacement in sorted(parser.edits):
        pieces += (html[done:at], replacement)
        done = at + length
    pieces.append(html[done:])
    return "".join(pieces)


_FEED_LINK = re.compile(r"<link\b[^>]*>")


def offline_feed(xml: str) -> str:
    """The Atom feed with its links to folders made links to their index.html."""
    return _FEED_LINK.sub(lambda m: _fix_attributes(m.group(0)), xml)
