"""Values the Python side and the browser code share, written once: here.

The build uses them from Python (render/search_record.py names the search metadata fields and weighs the
summary; content/fields.py's ID_PATTERN checks entry ids); the browser code reads the same values from
``constants.js`` in this folder (``window.almenviden.constants``, and ``module.exports`` for node), which this
module writes: ``python -m almenviden.browser.constants``. The file is committed (it is served as is, like
every file of this folder), and tests/test_browser_constants.py fails when it is out of date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from almenviden.content.fields import ID_PATTERN

JS_FILE = Path(__file__).resolve().parent / "constants.js"

# Search metadata (render/search_record.py writes them; browser/ranking.js weighs them). The words of the title
# and of the taxonomy labels, in every spelling, split over numbered fields (name, name2, …) so that no field
# holds a word together with a longer word it begins.
TITLE_META = "titlewords"
LABELS_META = "labels"
META_WEIGHTS = {TITLE_META: 5.0, LABELS_META: 2.0}
WEIGHTED_META_FIELDS = 4  # name, name2, name3, name4 get the weight
# Metadata shown in results as written; their words rank through the page text instead (weight 0).
SHOWN_META = ("title", "summary", "kind", "updated")
# data-pagefind-weight of an entry's summary and of a hand-written page's bold text (body text weighs 1).
SUMMARY_WEIGHT = 3

# localStorage keys of what a reader keeps in their browser: the list of entry ids ("min liste") and the
# comply-or-explain answers. The version ends the key: a new format gets a new key.
STORAGE_KEYS = {"minListe": "almenviden.minListe.v1", "foelgEllerForklar": "almenviden.foelgEllerForklar.v1"}


def browser_constants() -> dict:
    """What constants.js gives the browser code, as JSON-ready data (keys in JavaScript's camelCase)."""
    return {
        "idPattern": ID_PATTERN,
        "meta": {"title": TITLE_META, "labels": LABELS_META, "shown": list(SHOWN_META)},
        "metaWeights": dict(META_WEIGHTS),
        "weightedMetaFields": WEIGHTED_META_FIELDS,
        "summaryWeight": SUMMARY_WEIGHT,
        "storageKeys": dict(STORAGE_KEYS),
    }


def js_text() -> str:
    """The contents constants.js must have."""
    data = json.dumps(browser_constants(), indent=2, ensure_ascii=False).replace("\n", "\n  ")
    return f"""/* almenviden browser code: the values shared with Python (AV.constants). No DOM.
 * WRITTEN BY `python -m almenviden.browser.constants` from macros/almenviden/browser/constants.py: edit that
 * file and run the command; tests/test_browser_constants.py fails while this file is out of date.
 */
(function (root) {{
  "use strict";

  var AV = (root.almenviden = root.almenviden || {{}});

  AV.constants = {data};

  if (typeof module === "object" && module.exports) module.exports = AV.constants;
}})(typeof window === "object" ? window : globalThis);
"""


def write_js() -> bool:
    """Write constants.js if it is not what js_text() gives; True if it was written."""
    text = js_text()
    if JS_FILE.is_file() and JS_FILE.read_text(encoding="utf-8") == text:
        return False
    JS_FILE.write_text(text, encoding="utf-8")
    return True


if __name__ == "__main__":
    written = write_js()
    print(f"{JS_FILE.name}: {'skrevet' if written else 'uændret'}", file=sys.stderr)
