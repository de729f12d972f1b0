"""A worker process for parallel_render.py: `python -m almenviden.build.worker_main`.

Reads from stdin one pickle of (catalogue, directory_urls, today) and one of the list of entry ids to
render, and writes to stdout one pickle of (entry id, (content, search article)) per entry, in order.
Only the parent process, which wrote the input, ever reads these pickles.
"""

from __future__ import annotations

import os
import pickle
import sys

from almenviden.build.workers import render_parts


def main() -> int:
    # Anything a library prints must not end up in the results: results get their own copy of stdout.
    results = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    source = sys.stdin.buffer
    catalogue, directory_urls, today = pickle.load(source)
    ids = pickle.load(source)
    with results:
        for entry_id in ids:
            parts = render_parts(catalogue.entries[entry_id], catalogue, directory_urls, today)
            pickle.dump((entry_id, parts), results, protocol=pickle.HIGHEST_PROTOCOL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
