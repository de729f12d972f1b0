"""Entry pages from one theme-rendered "shell" page per kind, by filling string slots. No MkDocs here.

The theme renders a page that is identical for every entry of a kind except for a few values: the
title, the main content, the page's own URL (canonical link) and the edit link. So the theme renders
one shell page whose values are unique slot markers, and every entry page is that HTML with the
markers replaced: the same bytes the theme would have produced, at the cost of a few str.replace.
"""

from __future__ import annotations

from dataclasses import dataclass

SHELL_NAME = "__almenviden_shell__"  # never an entry id: ids are [a-z0-9-]
TITLE_SLOT = "__almenviden_title__"
EDIT_SLOT = "__almenviden_edit__"
# The theme adds its own <h1> unless the content has one; the slot has one, like every entry's content.
CONTENT_SLOT = "<h1>__almenviden_content__</h1>"


class ShellError(Exception):
    """The theme's output does not carry the slots as expected."""


@dataclass(frozen=True)
class Shell:
    before: str
    after: str

    @classmethod
    def parse(cls, html: str) -> "Shell":
        if html.count(CONTENT_SLOT) != 1:
            raise ShellError("the theme did not render the content slot exactly once")
        before, after = html.split(CONTENT_SLOT)
        return cls(before, after)

    def fill(self, *, entry_id: str, title: str, content: str, edit_path: str | None) -> str:
        """The entry's page. `edit_path` replaces the edit slot (the file's path after the edit base)."""
        def sub(part: str) -> str:
            part = part.replace(SHELL_NAME, entry_id).replace(TITLE_SLOT, title)
            return part.replace(EDIT_SLOT, edit_path) if edit_path is not None else part
        return sub(self.before) + content + sub(self.after)
