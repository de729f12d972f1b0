"""What a site generator (a "host") gives almenviden, and what almenviden asks of it. No MkDocs here.

almenviden renders the entries itself; the host renders everything else: the hand-written pages and the
theme around every page. The pipeline (pipeline.py) asks the host for three things only:

- `settings`: plain data about this build (`SiteSettings`: where the catalogue and the site are, the URL
  style, the language, the edit links' root, whether it is a preview, where the caches go);
- `shell_page(kind)`: one page rendered by the host's theme for each kind that has entries, whose title,
  main content and edit link are the slot markers of shell.py (`shell_request(kind, ...)` says what to
  render); every entry page of that kind is that HTML with the slots filled (shell.Shell);
- `pages()`: the host's own hand-written pages that should be searchable, as `HandWrittenPage`s (their
  path in the site, title and rendered main content); the host writes those pages itself.

A host whose generator calls plugins instead of being called (MkDocs) does not implement `Host`: it calls
the pipeline's steps one by one with a `SiteSettings` of its own (see pipeline.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Protocol

from almenviden.render.feedback import FeedbackTarget


@dataclass(frozen=True)
class Contribute:
    """Where the contribution form (/bidrag/) sends a new file: GitHub's new-file page of this repository."""
    github: str  # "owner/name"
    branch: str = "main"


@dataclass(frozen=True)
class SiteSettings:
    catalogue_dir: Path
    site_dir: Path
    directory_urls: bool  # True: ideer/x/ (ideer/x/index.html); False: ideer/x.html (the offline copy)
    lang: str = "da"  # the pages' language (<html lang>), also the search index's
    # The folder the edit links' paths are relative to (the repository), or None for no edit links: the
    # host puts its edit base in front of the path (shell.EDIT_SLOT in the shell page).
    edit_root: Path | None = None
    preview: bool = False  # serve: Pagefind waits until the preview has reloaded
    cache_dir: Path | None = None  # None: no caches
    quiet: bool = False  # no progress line
    site_name: str = "almenviden"  # the feed's title
    site_description: str = ""  # the feed's subtitle
    site_url: str | None = None  # the site's absolute address, if known: absolute links in the feed and feedback
    feedback: FeedbackTarget | None = None  # "Giv besked om siden" (render/feedback.py); None: no link
    contribute: Contribute | None = None  # None: the form offers the file, but no GitHub link


@dataclass(frozen=True)
class HandWrittenPage:
    path: str  # the page's file relative to the site, e.g. "om/index.html"
    title: str
    content: str  # the page's main content as HTML, as the host rendered it (no theme around it)


@dataclass(frozen=True)
class ShellRequest:
    """What the host renders as a kind's shell page: a page at `url` (file `path`) with these values."""
    kind: str
    path: str
    url: str
    title: str  # shell.TITLE_SLOT
    content: str  # shell.CONTENT_SLOT, as the page's main content (HTML)
    edit_path: str | None  # shell.EDIT_SLOT after the host's edit base; None when there are no edit links


class Host(Protocol):
    settings: SiteSettings

    def shell_page(self, request: ShellRequest) -> str:
        """The full HTML of the page `request` describes, rendered by the host's theme."""
        ...

    def pages(self) -> Iterable[HandWrittenPage]:
        """The host's searchable hand-written pages (already written to the site by the host)."""
        ...


@dataclass(frozen=True)
class BuildSummary:
    """What a build made, for the Danish result line: pages written and records in the search index."""
    pages: int
    indexed: int


class BuildError(Exception):
    """The host stopped the build with a message for the user (Danish)."""


class BuildStopped(Exception):
    """The host stopped the build and has already shown why."""
