"""HTML a hand-written page's macro renders, put into the page by the host after Markdown (issue 19). No MkDocs here.

A macro's output is HTML already. Handed to Markdown as part of the page, it is parsed again (Python-Markdown's
`md_in_html` reads every raw HTML block) at a cost in proportion to its size, and comes out the same. So a macro
hands its HTML to `Fragments.hold` and puts the returned placeholder into the page's Markdown instead: an HTML
comment in a block of its own, which Markdown passes through untouched. The host swaps the HTML in later:

- `into_content`: into the page's content right after Markdown, before the host indexes the page for search
  and before it computes the page's Content-Security-Policy (browser/csp.py), whose parse sees it as before;
- `into_page` (held with `after_policy=True`): into the finished page, after its policy was computed, so the
  policy's parse (an HTMLParser over the whole page) does not read it either. Such HTML may load scripts only
  from the site's own files and carry no inline script, which the policy would then not allow:
  `csp.require_no_inline_script` checks it as it is swapped in, and the build fails otherwise.

A placeholder carries a token drawn at random for each build, so no page text can forge one, and it must be
found exactly once in its page: a macro's HTML is never dropped, doubled or left out silently.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from almenviden.browser import csp


class FragmentError(ValueError):
    """A held fragment could not be put into its page (placeholder missing or doubled, or an inline script)."""


@dataclass(frozen=True)
class _Held:
    placeholder: str
    html: str
    after_policy: bool


class Fragments:
    """The HTML held for the pages of one build, by page (the host's name for the page, e.g. its source path)."""

    def __init__(self) -> None:
        self._token = secrets.token_hex(8)
        self._count = 0
        self._held: dict[str, list[_Held]] = {}

    def hold(self, page: str, html: str, *, after_policy: bool = False) -> str:
        """Keep `html` for `page`; returns the Markdown to put in its place (a comment in a block of its own)."""
        self._count += 1
        placeholder = f"<!-- almenviden-html {self._token}-{self._count} -->"
        self._held.setdefault(page, []).append(_Held(placeholder, html, after_policy))
        return f"\n\n{placeholder}\n\n"

    def into_content(self, page: str, content: str) -> str:
        """The page's content (after Markdown) with its fragments that go before the policy swapped in."""
        held = self._held.get(page)
        if not held:
            return content
        for fragment in [f for f in held if not f.after_policy]:
            content = _swap(page, content, fragment)
            held.remove(fragment)
        return content

    def into_page(self, page: str, output: str) -> str:
        """The finished page (after its policy) with its remaining fragments swapped in; each must be there."""
        for fragment in self._held.pop(page, []):
            if not fragment.after_policy:  # into_content did not find it: the host skipped that step
                raise FragmentError(f"{page}: HTML'en fra en makro blev ikke sat ind i sidens indhold.")
            try:
                csp.require_no_inline_script(fragment.html)
            except csp.InlineScriptError as exc:
                raise FragmentError(f"{page}: {exc}") from exc
            output = _swap(page, output, fragment)
        return output


def _swap(page: str, html: str, fragment: _Held) -> str:
    found = html.count(fragment.placeholder)
    if found != 1:
        raise FragmentError(f"{page}: pladsholderen for en makros HTML står {found} gange i siden, ikke 1 gang "
                            f"({fragment.placeholder}). Kald makroen alene i sit eget afsnit, og kun i sidens tekst.")
    return html.replace(fragment.placeholder, fragment.html, 1)
