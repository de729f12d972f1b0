"""`serve` while the catalogue has errors: a banner with the errors at the top of every page. No MkDocs here.

The preview keeps showing the last catalogue that was free of errors (a failed rebuild would stall every
page request until the file is fixed); the banner says so and lists the errors as `file:line:col` lines.
The messages echo the files' text, so every one is HTML-escaped.
"""

from __future__ import annotations

import html
import re

from almenviden.content.diagnostics import Diagnostic

BANNER_ID = "almenviden-fejl"
MAX_SHOWN = 20
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_STYLE = ("position:sticky;top:0;z-index:10;margin:0;padding:.8em 1em;background:#fff3cd;color:#000;"
          "border-bottom:3px solid #b00020;font-size:.8rem;line-height:1.5")


def banner(diagnostics: list[Diagnostic]) -> str:
    shown = diagnostics[:MAX_SHOWN]
    lines = "\n".join(html.escape(d.gcc()) for d in shown)
    more = len(diagnostics) - len(shown)
    rest = f"<p>… og {more} fejl mere. Kør 'almenviden check' for at se dem alle.</p>" if more > 0 else ""
    return (f'<div id="{BANNER_ID}" role="alert" style="{_STYLE}"><p><strong>Kataloget har '
            f'{len(diagnostics)} fejl.</strong> Forhåndsvisningen viser den seneste udgave uden fejl. Ret '
            'linjerne nedenfor og gem filen, så opdateres siden af sig selv.</p>'
            f'<pre style="white-space:pre-wrap;margin:.4em 0 0">{lines}</pre>{rest}</div>')


def add(page: str, diagnostics: list[Diagnostic]) -> str:
    """`page` with the banner right after its <body> tag (or at the start, if it has none)."""
    match = _BODY.search(page)
    at = match.end() if match else 0
    return page[:at] + banner(diagnostics) + page[at:]
