"""Entry pages from one theme-rendered "shell" page per kind, by filling string slots. No MkDocs here.

The theme renders a page that is identical for every entry of a kind except for a few values: the
title, the main content, the page's own URL (canonical link) and the edit link. So the theme renders
one shell page whose values are unique slot markers, and every entry page is that HTML with the
markers replaced: the same bytes the theme would have produced, at the cost of a few str.replace.

The theme does not escape what it is given (MkDocs' Jinja environment has no autoescaping), so every
value is escaped here, where it enters the HTML. `Shell.parse` checks where the title slot landed:
in element text or a quoted attribute value (where HTML-escaping makes any text inert) and nowhere
else (a script, a style, a comment, a URL or event-handler attribute), so a theme upgrade that moves
the title somewhere escaping does not cover stops the build instead of opening a hole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import quote

from markupsafe import escape

SHELL_NAME = "__almenviden_shell__"  # never an entry id: ids are [a-z0-9-]
TITLE_SLOT = "__almenviden_title__"
EDIT_SLOT = "__almenviden_edit__"
# The theme adds its own <h1> unless the content has one; the slot has one, like every entry's content.
CONTENT_SLOT = "<h1>__almenviden_content__</h1>"

# Attributes whose value is a URL, code or style: HTML-escaping does not make text safe there.
_UNSAFE_ATTRIBUTE = re.compile(r"on.*|href|src|srcset|action|formaction|data|style|xlink:href|poster|"
                               r"background|ping|manifest|codebase|cite|http-equiv", re.I)
_QUOTED_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)\s*=\s*("[^"]*"|'[^']*')""")
# Elements whose text the browser does not parse as HTML (or runs): an escaped title is wrong or unsafe there.
_RAW_TEXT = {"script", "style", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"}


class ShellError(Exception):
    """The theme's output does not carry the slots as expected."""


class _SlotPlaces(HTMLParser):
    """Finds the places of `slot` in a page that HTML-escaping does not make safe."""

    def __init__(self, slot: str) -> None:
        super().__init__(convert_charrefs=True)
        self.slot = slot
        self.unsafe: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        raw = self.get_starttag_text() or ""
        if self.slot in raw:
            quoted = [(name, value) for name, value in _QUOTED_ATTRIBUTE.findall(raw) if self.slot in value]
            if sum(value.count(self.slot) for _name, value in quoted) != raw.count(self.slot):
                self.unsafe.append(f"<{tag}> outside a quoted attribute value")
            self.unsafe += [f"<{tag} {name}>" for name, _value in quoted if _UNSAFE_ATTRIBUTE.fullmatch(name)]
        if tag in _RAW_TEXT:
            self._open.append(tag)

    def handle_endtag(self, tag):
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):
        if self.slot in data and (self._open or self.cdata_elem):
            self.unsafe.append(f"text of <{self._open[-1] if self._open else self.cdata_elem}>")

    def handle_comment(self, data):
        if self.slot in data:
            self.unsafe.append("a comment")

    def handle_decl(self, decl):
        self.handle_comment(decl)

    def unknown_decl(self, data):
        self.handle_comment(data)

    def handle_pi(self, data):
        self.handle_comment(data)


def unsafe_places(html: str, slot: str) -> list[str]:
    """Where `slot` lands in `html` other than in element text or a quoted, non-URL attribute value."""
    finder = _SlotPlaces(slot)
    finder.feed(html)
    finder.close()
    return finder.unsafe


@dataclass(frozen=True)
class Shell:
    before: str
    after: str

    @classmethod
    def parse(cls, html: str) -> "Shell":
        if html.count(CONTENT_SLOT) != 1:
            raise ShellError("the theme did not render the content slot exactly once")
        unsafe = unsafe_places(html.replace(CONTENT_SLOT, ""), TITLE_SLOT)
        if unsafe:
            raise ShellError("the theme put the page title where escaping does not make it safe: " + ", ".join(unsafe))
        before, after = html.split(CONTENT_SLOT)
        return cls(before, after)

    def fill(self, *, entry_id: str, title: str, content: str, edit_path: str | None) -> str:
        """The entry's page. `edit_path` replaces the edit slot (the file's path after the edit base).
        `content` is HTML; every other value is text and is escaped here."""
        entry_id, title = str(escape(entry_id)), str(escape(title))
        edit = str(escape(quote(edit_path, safe="/"))) if edit_path is not None else None

        def sub(part: str) -> str:
            part = part.replace(SHELL_NAME, entry_id).replace(TITLE_SLOT, title)
            return part.replace(EDIT_SLOT, edit) if edit is not None else part
        return sub(self.before) + content + sub(self.after)
