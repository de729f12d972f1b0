"""The values shared by Python and the browser code come from one place (almenviden/browser/constants.py)."""

from __future__ import annotations

import re

from almenviden.browser import constants
from almenviden.content.fields import ID_PATTERN
from almenviden.render import search_record


def test_constants_js_is_up_to_date():
    assert constants.JS_FILE.read_text(encoding="utf-8") == constants.js_text(), \
        "browser/constants.js er forældet: kør 'python -m almenviden.browser.constants'"


def test_the_javascript_carries_the_python_values():
    text = constants.JS_FILE.read_text(encoding="utf-8")
    for value in (ID_PATTERN, constants.TITLE_META, constants.LABELS_META, *constants.STORAGE_KEYS.values()):
        assert f'"{value}"' in text, value
    assert f'"summaryWeight": {constants.SUMMARY_WEIGHT}' in text


def test_search_records_use_the_shared_names_and_weight(shipped):
    entry = next(iter(shipped.entries.values()))
    record = search_record.entry_record(entry, shipped, directory_urls=True, today=entry.updated)
    assert f'data-pagefind-meta="{constants.TITLE_META}"' in record
    assert f'data-pagefind-meta="{constants.LABELS_META}"' in record
    summary = re.search(r'<p class="av-summary"[^>]*>', record).group(0)
    assert f'data-pagefind-weight="{constants.SUMMARY_WEIGHT}"' in summary
    page = search_record.page_record("<p>Om <strong>følg eller forklar</strong></p>", "Om")
    assert f'<strong data-pagefind-weight="{constants.SUMMARY_WEIGHT}">' in page


def test_the_storage_keys_are_versioned_and_distinct():
    keys = list(constants.STORAGE_KEYS.values())
    assert len(set(keys)) == len(keys)
    assert all(re.fullmatch(r"almenviden\.[A-Za-z]+\.v\d+", key) for key in keys), keys
