"""A macro's HTML put into its page after Markdown (sitebuild/fragments.py): through Markdown the placeholder comes
out as it went in, the HTML goes in exactly where it stood, and what goes in after the page's policy carries no
inline script. tests/test_comply_sheet.py shows it in a real build."""

from __future__ import annotations

import markdown
import pytest

from almenviden.sitebuild.fragments import FragmentError, Fragments

# The site's Markdown extensions (mkdocs.yml).
EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", "toc"]
SHEET = '<div class="x" data-x>\n<p>*not emphasis*</p>\n</div>\n<script src="../a.js" defer></script>'


def page_with(placeholder: str) -> str:
    return markdown.markdown(f"# Titel\n\nFør.\n{placeholder}Efter *her*.\n", extensions=EXTENSIONS)


def test_the_placeholder_passes_markdown_and_the_html_goes_in_where_it_stood():
    fragments = Fragments()
    content = page_with(fragments.hold("a.md", SHEET))
    assert content.count("<!-- almenviden-html ") == 1
    filled = fragments.into_content("a.md", content)
    assert SHEET in filled and "almenviden-html" not in filled
    assert filled.index("Før.") < filled.index(SHEET) < filled.index("Efter <em>her</em>.")
    assert fragments.into_page("a.md", filled) == filled  # nothing left for the page


def test_after_the_policy_the_html_goes_into_the_finished_page_only():
    fragments = Fragments()
    content = page_with(fragments.hold("a.md", SHEET, after_policy=True))
    assert fragments.into_content("a.md", content) == content
    page = f"<html><head></head><body>{content}</body></html>"
    assert SHEET in fragments.into_page("a.md", page)
    assert fragments.into_page("a.md", page) == page  # once only: the next build holds its own


@pytest.mark.parametrize("script", ["<script>alert(1)</script>", '<SCRIPT src="a.js">x</SCRIPT>',
                                    '<script type="application/json">{}</script>',
                                    '<script src="https://example.org/a.js" defer></script>'])
def test_a_script_the_policy_would_not_allow_stops_the_fragment_after_the_policy(script):
    fragments = Fragments()
    content = page_with(fragments.hold("a.md", SHEET + "\n" + script, after_policy=True))
    with pytest.raises(FragmentError, match="a.md: .*Content-Security-Policy"):
        fragments.into_page("a.md", content)


@pytest.mark.parametrize("copies", [0, 2])
def test_a_placeholder_lost_or_doubled_stops_the_build(copies):
    fragments = Fragments()
    placeholder = fragments.hold("a.md", SHEET).strip()
    with pytest.raises(FragmentError, match="2 gange|0 gange"):
        fragments.into_content("a.md", "<p>x</p>" + placeholder * copies)


def test_a_fragment_the_host_did_not_put_into_the_content_is_not_dropped():
    fragments = Fragments()
    placeholder = fragments.hold("a.md", SHEET)
    with pytest.raises(FragmentError, match="a.md"):
        fragments.into_page("a.md", placeholder)


def test_each_build_draws_its_own_placeholders_and_pages_keep_their_own():
    first, second = Fragments(), Fragments()
    assert first.hold("a.md", "<p>1</p>") != second.hold("a.md", "<p>1</p>")
    b = first.hold("b.md", "<p>2</p>")
    assert first.into_content("b.md", b) == "\n\n<p>2</p>\n\n"
    assert first.into_content("c.md", b) == b  # another page's placeholder is not this page's
