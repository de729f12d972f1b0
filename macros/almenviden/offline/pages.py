"""Mark every page of the offline copy: the age banner, the offline search script in <head>, and the offline
copy's Content-Security-Policy (browser/csp.py).

The tags go where an HTML parser finds the page's real </head> and <body>, never where the text
"<body>" first occurs: a page's text (an entry's title, say) is not markup, whatever it spells.
"""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from markupsafe import escape

from almenviden.browser import csp
from almenviden.danish.dates import danish_date

ASSET_DIR = "assets/offline"  # inside the site; the files come from almenviden/assets/offline/
# Elements whose content is text up to their end tag, as a browser reads them (RCDATA and raw text).
_TEXT_ONLY = ("title", "textarea", "script", "style", "noscript", "xmp", "iframe", "noembed", "noframes")

_NEWLINE = re.compile("\n")


class PageMarkError(ValueError):
    """A page has no <body> to mark; the message is Danish."""


class _BodyFound(Exception):
    pass


class _HeadAndBody(HTMLParser):
    """Offsets in a page of its </head> end tag and of the end of its <body> start tag.

    Stops at <body>, so only the <head> is parsed."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(html)]
        self.head_end: int | None = None
        self.body_start: int | None = None
        self.body_end: int | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.body_start = self._offset()
            self.body_end = self.body_start + len(self.get_starttag_text())
            raise _BodyFound
        if tag in _TEXT_ONLY:
            self.set_cdata_mode(tag)  # its text holds no tags, whatever it looks like

    def handle_endtag(self, tag):
        if tag == "head" and self.head_end is None:
            self.head_end = self._offset()


def head_and_body(html: str) -> tuple[int, int, int] | None:
    """(where </head> starts, where <body …> starts, where it ends) in `html`, or None without a <body>.
    A page without </head> (it is optional) gets the first: its head ends where the body starts."""
    parser = _HeadAndBody(html)
    try:
        parser.feed(html)
        parser.close()
    except _BodyFound:
        pass
    if parser.body_start is None:
        return None
    head_end = parser.head_end if parser.head_end is not None else parser.body_start
    return head_end, parser.body_start, parser.body_end


def banner_text(built_on: date) -> str:
    return f"Offline-kopi bygget {danish_date(built_on)}"


def banner_html(built_on: date) -> str:
    return (f'<div class="av-offline-banner" role="note" data-pagefind-ignore="all">'
            f"<strong>{escape(banner_text(built_on))}.</strong> "
            "Du læser en kopi fra disken; indholdet kan være ændret siden.</div>")


def head_html(prefix: str) -> str:
    """Tags for <head>; `prefix` leads from the page to the site root ("", "../", …)."""
    return (f'<link rel="stylesheet" href="{prefix}{ASSET_DIR}/offline.css">'
            f'<script src="{prefix}{ASSET_DIR}/offline-search.js"></script>')


def root_prefix(page: Path, site_dir: Path) -> str:
    return "../" * (len(page.relative_to(site_dir).parts) - 1)


def mark_page(html: str, prefix: str, built_on: date) -> str:
    """The page with the offline tags at the end of its <head>, the banner first in its <body> and the
    offline copy's Content-Security-Policy. Raises PageMarkError if it has no <body>."""
    places = head_and_body(html)
    if places is None:
        raise PageMarkError("siden har ingen <body>")
    head_end, _body_start, body_end = places
    marked = (html[:head_end] + head_html(prefix) + html[head_end:body_end]
              + banner_html(built_on) + html[body_end:])
    return csp.with_offline_policy(marked)


def mark_pages(site_dir: Path, built_on: date) -> int:
    """Mark every .html file under `site_dir` in place. Returns how many. Raises PageMarkError, naming the page."""
    count = 0
    for page in sorted(site_dir.rglob("*.html")):
        if page.is_relative_to(site_dir / "pagefind"):
            continue
        try:
            marked = mark_page(page.read_text(encoding="utf-8"), root_prefix(page, site_dir), built_on)
        except PageMarkError as exc:
            raise PageMarkError(f"{page.relative_to(site_dir).as_posix()}: {exc}. Byg sitet igen; sker det igen, "
                                "så send beskeden til udviklerne.") from None
        page.write_text(marked, encoding="utf-8")
        count += 1
    return count
