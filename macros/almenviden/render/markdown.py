"""Entry Markdown to safe HTML: Python-Markdown, then nh3 removes anything executable."""

from __future__ import annotations

from functools import lru_cache

import markdown
import nh3

_ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr",
    "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "abbr", "sup", "sub",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}

_md = markdown.Markdown(extensions=["tables", "sane_lists", "smarty"],
                        extension_configs={"smarty": {"smart_quotes": False}})


def _shift_headings(html: str) -> str:
    # The page's only <h1> is the entry's title: headings in the body start at <h2>.
    for level in range(5, 0, -1):
        html = html.replace(f"<h{level}", f"<h{level + 1}").replace(f"</h{level}>", f"</h{level + 1}>")
    return html


# An entry's body is rendered twice in a row, for its page and for its search record
# (sitebuild/workers.render_parts): the second time comes from here.
@lru_cache(maxsize=64)
def render_markdown(text: str) -> str:
    """Render untrusted Markdown to HTML that contains no script, style, event handler or javascript: URL."""
    _md.reset()
    html = _shift_headings(_md.convert(text))
    return nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES, url_schemes=_URL_SCHEMES,
                     link_rel="noopener noreferrer")
