"""The Content-Security-Policy of every page (almenviden/browser/csp.py): what it allows, where it goes, which
inline scripts it hashes. tests/browser/test_csp.py shows in Chromium that it holds and blocks injected code."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from almenviden.browser import csp

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/json\")[^>]*>(.*?)</script>", re.S)


def sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def directives(policy_text: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in policy_text.split(";"))}


HEAD_SCRIPT = 'var a = "</p>";'
MODULE_SCRIPT = 'import("./y.js")'
PAGE = """<!doctype html>
<html lang="da"><head>
<meta charset="utf-8">
<title>Om &lt;script&gt;alert(1)&lt;/script&gt;</title>
<script>""" + HEAD_SCRIPT + """</script>
<script id="__config" type="application/json">{"x": 1}</script>
<script src="assets/x.js"></script>
</head><body><textarea><script>not a script</script></textarea>
<script type="module">""" + MODULE_SCRIPT + """</script>
</body></html>"""


def test_scripts_only_from_the_site_and_by_hash_never_unsafe_inline_or_eval():
    d = directives(csp.policy([sha256("x")]))
    assert d["script-src"][0] == "'self'" and f"'{sha256('x')}'" in d["script-src"]
    assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "data:", "blob:"} & set(d["script-src"])
    assert d["default-src"] == ["'self'"] and d["connect-src"] == ["'self'"]
    assert d["object-src"] == ["'none'"] and d["base-uri"] == ["'self'"]
    assert d["img-src"] == ["'self'", "data:"]
    assert "'unsafe-inline'" not in d["style-src"]


def test_the_policy_goes_right_after_the_charset_and_hashes_each_inline_script():
    html = csp.with_policy(PAGE)
    (policy_text,) = META.findall(html)
    assert html.index('<meta charset="utf-8">') < html.index("Content-Security-Policy") < html.index("<script")
    hashes = [v for v in directives(policy_text)["script-src"] if v.startswith("'sha256-")]
    # the classic script in <head> and the module in <body>; not the data block, the src script, or text
    assert hashes == [f"'{sha256(HEAD_SCRIPT)}'", f"'{sha256(MODULE_SCRIPT)}'"]


def test_a_page_with_a_policy_or_without_a_head_is_left_as_it_is():
    once = csp.with_policy(PAGE)
    assert csp.with_policy(once) == once
    assert csp.with_policy("<p>no head</p>") == "<p>no head</p>"


def test_the_offline_copy_keeps_the_hashes_and_also_allows_its_own_files():
    offline = csp.with_offline_policy(csp.with_policy(PAGE))
    (policy_text,) = META.findall(offline)
    d = directives(policy_text)
    assert d["script-src"][:2] == ["'self'", "file:"]
    assert f"'{sha256(HEAD_SCRIPT)}'" in d["script-src"]
    assert "'unsafe-inline'" not in d["script-src"]
    assert offline.replace(META.search(offline).group(0), "") == PAGE  # nothing else changed


def test_every_built_page_declares_the_policy_for_its_own_inline_scripts(small_site):
    pages = [p for p in small_site.rglob("*.html") if "pagefind" not in p.parts]
    assert len(pages) > 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        found = META.findall(html)
        assert len(found) == 1, path
        assert html.index("Content-Security-Policy") < html.index("<script"), path
        allowed = set(directives(found[0].replace("&#39;", "'"))["script-src"])
        inline = {f"'{sha256(text)}'" for text in INLINE_SCRIPT.findall(html)}
        assert inline and inline <= allowed, (path, inline - allowed)


def test_html_put_in_after_the_policy_may_only_load_the_sites_own_scripts():
    own = ['<script src="../../assets/almenviden/foelg-eller-forklar.js" defer></script>', '<script src="a.js"></script>',
           '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>']
    for html in own:
        csp.require_no_inline_script("<div>\n" + html + "\n</div>")
    blocked = ["<script>alert(1)</script>", "<ScRiPt>alert(1)</ScRiPt>", '<script src="a.js" defer>alert(1)</script>',
               "<script\nsrc=a.js></script>", '<script type="application/json">{}</script>', "<svg><script>x</script>",
               '<script src="//example.org/a.js"></script>', '<script src="https://example.org/a.js"></script>',
               '<script src="\\\\example.org/a.js"></script>', '<script src="&#47;/example.org/a.js"></script>',
               '<script src=" //example.org/a.js"></script>', '<textarea><script>x</script></textarea>']
    for html in blocked:
        with pytest.raises(csp.InlineScriptError, match="linje 2"):
            csp.require_no_inline_script("<div>\n" + html + "\n</div>")
