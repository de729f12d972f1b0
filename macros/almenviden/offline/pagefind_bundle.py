"""Make a built Pagefind bundle (`<site>/pagefind/`) loadable from `file://`.

Browsers refuse ES modules and `fetch` for pages opened from disk, but run classic `<script>` files.
So, after indexing:

- `pagefind.js` (an ES module) becomes `pagefind-offline.js`, a classic script that hands its exports
  to `almenvidenOffline.module({...})` (see assets/offline/offline-search.js);
- every data file Pagefind fetches (entry JSON, wasm, meta, index chunks, fragments, filters) becomes
  `<same path>.js`, a classic script calling `almenvidenOffline.put("<path>", "<base64>")`, and the
  original file is removed. The offline search shim loads those scripts one by one, on demand.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

OFFLINE_PAGEFIND_JS = "pagefind-offline.js"

# Files Pagefind's browser code does not fetch (scripts and styles) stay as they are, except pagefind.js,
# replaced by its classic version, and the worker, which cannot start from file:// (noWorker offline).
_KEEP_SUFFIXES = (".js", ".css")
_UNUSABLE_OFFLINE = ("pagefind.js", "pagefind-worker.js")
_EXPORT = re.compile(r"\bexport\s*\{([^{}]*)\}\s*;?\s*$")


class PagefindBundleError(Exception):
    """The Pagefind bundle is missing or not in the shape this module knows."""


def classic_pagefind_js(module_source: str) -> str:
    """Pagefind's ES-module `pagefind.js` as a classic script.

    Wrapped in a strict function scope (modules are strict; its top-level names stay private),
    `import.meta.url` replaced by a variable holding a URL that ends in `pagefind.js` (Pagefind derives its
    base path from that name), the final `export{...}` replaced by a call handing the exports over.
    """
    match = _EXPORT.search(module_source)
    if match is None or re.match(r"\s*import[\s{*]", module_source):
        raise PagefindBundleError("pagefind.js har ikke den form, offline-kopien kender (én export{...} til sidst). "
                                  "Er Pagefind opdateret? Versionen er fastlåst i pyproject.toml.")
    exports = []
    for item in match.group(1).split(","):
        item = item.strip()
        if not item:
            continue
        local, _, exported = item.partition(" as ")
        exports.append(f"{(exported or local).strip()}:{local.strip()}")
    body = module_source[: match.start()].replace("import.meta.url", "__almenvidenPagefindUrl")
    if "import.meta" in body:
        raise PagefindBundleError("pagefind.js bruger import.meta på en måde, offline-kopien ikke kender.")
    return ("(function(){\"use strict\";"
            "var __almenvidenPagefindUrl=window.almenvidenOffline.pagefindUrl;\n"
            f"{body}\nwindow.almenvidenOffline.module({{{','.join(exports)}}});\n}})();\n")


def data_script(relative_path: str, data: bytes) -> str:
    """A classic script registering one bundle file's bytes under its path inside `pagefind/`."""
    encoded = base64.b64encode(data).decode("ascii")
    return f'almenvidenOffline.put("{relative_path}","{encoded}");\n'


def convert_bundle(bundle_dir: Path) -> dict[str, int]:
    """Convert `bundle_dir` (a site's `pagefind/` folder) in place. Returns counts for reporting."""
    entry = bundle_dir / "pagefind-entry.json"
    module = bundle_dir / "pagefind.js"
    if not entry.is_file() or not module.is_file():
        raise PagefindBundleError(f"Der er intet Pagefind-søgeindeks i {bundle_dir} (pagefind-entry.json og "
                                  "pagefind.js mangler). Byggeriet skal lave indekset, før offline-kopien pakkes.")
    (bundle_dir / OFFLINE_PAGEFIND_JS).write_text(classic_pagefind_js(module.read_text(encoding="utf-8")),
                                                 encoding="utf-8")
    for name in _UNUSABLE_OFFLINE:
        (bundle_dir / name).unlink(missing_ok=True)
    converted = 0
    for path in sorted(p for p in bundle_dir.rglob("*") if p.is_file()):
        if path.suffix in _KEEP_SUFFIXES:
            continue
        relative = path.relative_to(bundle_dir).as_posix()
        path.with_name(path.name + ".js").write_text(data_script(relative, path.read_bytes()), encoding="ascii")
        path.unlink()
        converted += 1
    return {"data_files": converted}
