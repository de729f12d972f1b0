"""The Content-Security-Policy every page of the site declares, as `<meta http-equiv>` early in its <head>.

Scripts run only from the site's own files ('self') plus the inline scripts the page itself carries, each
allowed by the SHA-256 hash of its exact text, computed here from the page (so a theme upgrade that changes
one of Material's few inline scripts, or a new inline script in a template, is hashed at the next build and
never needs a hand-kept list). No 'unsafe-inline' or 'unsafe-eval' for scripts: text a reader or a URL
brings in can never run. 'wasm-unsafe-eval' lets Pagefind compile its WebAssembly (it allows no JavaScript
eval). Data blocks (`<script type="application/json">`) are not scripts and need no hash.

The policy is host-independent: the MkDocs host adds it to every page it renders (`with_policy`; entry pages
get their shell page's), and the offline copy makes it its own (`with_offline_policy`). No MkDocs here.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

# A <script> is run as a classic script or module for these types (HTML's JavaScript MIME type essence
# matches, case-insensitively) and for none at all; any other type is a data block.
_JS_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript",
             "application/x-ecmascript", "application/x-javascript", "text/ecmascript", "text/javascript1.0",
             "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
             "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript", "text/x-javascript"}

_NEWLINE = re.compile("\n")
# Elements whose content is text up to their end tag, as a browser reads them (<script> the parser knows).
_TEXT_ONLY = ("title", "textarea", "style", "noscript", "xmp", "iframe", "noembed", "noframes")
_HTTP_EQUIV = "Content-Security-Policy"


def policy(script_hashes: list[str], *, offline: bool = False) -> str:
    """The policy's text for a page whose inline scripts have these hashes ("sha256-…").

    From file:// (the offline copy) the standard's 'self' matches no file (a file's origin is opaque);
    Chromium makes an exception, other browsers need not. So there the site's own files are also allowed as
    `file:`: a page on a reader's disk may load scripts from that disk and nothing else; inline scripts
    still need their hash."""
    own = ["'self'", "file:"] if offline else ["'self'"]
    directives = {
        "default-src": own,
        "script-src": [*own, *(f"'{h}'" for h in script_hashes), "'wasm-unsafe-eval'"],
        "style-src": own,
        "img-src": [*own, "data:"],
        "connect-src": own,
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def script_hash(text: str) -> str:
    """The CSP source expression's hash of an inline script: "sha256-<base64 of its UTF-8 text's SHA-256>"."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


class _BodyReached(Exception):
    pass


class _Page(HTMLParser):
    """The texts of a page's inline scripts and where its <head> is, from the page's own markup
    (`head_only`: stops at <body>, so its scripts are not read)."""

    def __init__(self, html: str, head_only: bool = False) -> None:
        super().__init__(convert_charrefs=False)
        self._html = html
        self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(html)]
        self.scripts: list[str] = []
        self.head_start: int | None = None  # just after <head …>
        self.after_charset: int | None = None  # just after <meta charset=…> inside <head>
        self.policies: list[tuple[int, int]] = []  # existing CSP <meta>s: (start, end)
        self.in_head = False
        self._head_only = head_only
        self._script_start: int | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        start = self._offset()
        end = start + len(self.get_starttag_text() or "")
        values = {name: (value or "") for name, value in attrs}
        if tag == "head" and self.head_start is None:
            self.head_start, self.in_head = end, True
        elif tag == "body":
            self.in_head = False
            if self._head_only:
                raise _BodyReached
        elif tag == "meta" and self.in_head:
            if "charset" in values and self.after_charset is None:
                self.after_charset = end
            if values.get("http-equiv", "").lower() == _HTTP_EQUIV.lower():
                self.policies.append((start, end))
        elif tag in _TEXT_ONLY:
            self.set_cdata_mode(tag)  # its text holds no tags, whatever it looks like
        if tag == "script":
            runs = "src" not in values and values.get("type", "").strip().lower() in _JS_TYPES
            self._script_start = end if runs else None

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        elif tag == "script" and self._script_start is not None:
            self.scripts.append(self._html[self._script_start:self._offset()])
            self._script_start = None


def _parse(html: str, head_only: bool = False) -> _Page:
    page = _Page(html, head_only)
    try:
        page.feed(html)
        page.close()
    except _BodyReached:
        pass
    return page


def meta_tag(policy_text: str) -> str:
    # The policy's quotes are single quotes: inside the double-quoted attribute only & and " need escaping.
    content = policy_text.replace("&", "&amp;").replace('"', "&quot;")
    return f'<meta http-equiv="{_HTTP_EQUIV}" content="{content}">'


def with_policy(html: str) -> str:
    """The page with its policy `<meta>` right after its <meta charset> (or first in <head>), for the inline
    scripts it has. A page that has a policy already, or no <head>, is returned as it is."""
    page = _parse(html)
    at = page.after_charset if page.after_charset is not None else page.head_start
    if at is None or page.policies:
        return html
    hashes = list(dict.fromkeys(script_hash(text) for text in page.scripts))
    return html[:at] + meta_tag(policy(hashes)) + html[at:]


class InlineScriptError(ValueError):
    """HTML put into a page after its policy was computed carries a script the policy does not allow."""


_SCRIPT_OPEN = re.compile(r"<script", re.IGNORECASE)  # every script element a browser can read starts so
# A script of the site's own: a relative URL (no scheme, no "//" or "\\", no character reference or white space
# that a browser would turn into one), loaded with defer or async and nothing inline.
_OWN_SCRIPT = re.compile(r'<script src="(?![A-Za-z][A-Za-z0-9+.-]*:|/[/\\])[^"\'<>\\&\s]+"(?: defer| async)?></script>')


def require_no_inline_script(fragment: str) -> None:
    """Raise `InlineScriptError` unless every `<script` in `fragment` is exactly a `<script src="…"></script>` of
    the site's own files. For HTML a host puts into a page after `with_policy` computed the page's hashes
    (sitebuild/fragments.py): an inline script there would have no hash (the browser blocks it), so the build
    stops instead. A scan for the text `<script`, not a parse: cheap on a page of megabytes, and stricter than a
    browser (text that merely looks like a tag, unescaped, fails too)."""
    for found in _SCRIPT_OPEN.finditer(fragment):
        if not _OWN_SCRIPT.match(fragment, found.start()):
            line = fragment.count("\n", 0, found.start()) + 1
            raise InlineScriptError(
                f"HTML'en, der sættes ind efter sidens Content-Security-Policy, har på sin linje {line} et "
                f"<script>, der ikke kun henter en af sitets egne filer: {fragment[found.start():found.start() + 80]!r}. "
                "Politikken ville blokere det. Læg koden i en fil i almenviden/browser/ og hent den med "
                "<script src>, eller sæt HTML'en ind før politikken (Fragments.hold uden after_policy).")


_HASH_SOURCE = re.compile(r"'(sha256-[A-Za-z0-9+/]+=*)'")


def with_offline_policy(html: str) -> str:
    """A page of the site with its policy made the offline copy's (the same hashes; see `policy`). Reads only
    the <head>: the hashes are those the build computed for the page. A page without a policy stays as it is."""
    page = _parse(html, head_only=True)
    if not page.policies:
        return html
    start, end = page.policies[0]
    hashes = _HASH_SOURCE.findall(html[start:end])
    return html[:start] + meta_tag(policy(hashes, offline=True)) + html[end:]
