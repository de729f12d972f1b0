"""Browser tests. A package, so that pytest imports tests/browser/conftest.py as `browser.conftest` and it
never replaces tests/conftest.py, which other test modules import as plain `conftest`."""

import sys
from pathlib import Path

# The helpers here (av_expect, av_ui) are imported by their plain names, like the rest of tests/ does.
sys.path.insert(0, str(Path(__file__).resolve().parent))
