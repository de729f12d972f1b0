"""Mark every page of the offline copy: the age banner and the offline search script in <head>."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from markupsafe import escape

from ..dates import danish_date

ASSET_DIR = "assets/offline"  # inside the site; the files come from almenviden/assets/offline/
_HEAD_END = re.compile(r"</head\s*>", re.I)
_BODY_START = re.compile(r"<body\b[^>]*>", re.I)


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
    head, body = _HEAD_END.search(html), _BODY_START.search(html)
    if head is None or body is None or body.start() < head.start():
        raise ValueError("siden har ingen <head> og <body>")
    return (html[: head.start()] + head_html(prefix) + html[head.start(): body.end()]
            + banner_html(built_on) + html[body.end():])


def mark_pages(site_dir: Path, built_on: date) -> int:
    """Mark every .html file under `site_dir` in place. Returns how many."""
    count = 0
    for page in sorted(site_dir.rglob("*.html")):
        if page.is_relative_to(site_dir / "pagefind"):
            continue
        page.write_text(mark_page(page.read_text(encoding="utf-8"), root_prefix(page, site_dir), built_on),
                        encoding="utf-8")
        count += 1
    return count
