"""The word list in parts (search/words.py write, browser/word-list.js prepare): the query plan made while
loading only the parts a query needs is the plan the whole list gives, and a query loads few parts."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from almenviden.search.words import MAX_ENDING, MIN_COMPOUND, PREFIX, WORDS_DIR, WORDS_FILE, SearchWords, read_written

REPO = Path(__file__).resolve().parents[1]
HELPER = REPO / "tests" / "js" / "helpers" / "word-parts.cjs"


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node findes ikke")
        pytest.skip("node findes ikke")
    return node


def _plans(bundle: Path, whole: dict, queries: list[str]) -> list[dict]:
    done = subprocess.run([_node(), str(HELPER)], input=json.dumps({"bundle": str(bundle), "whole": whole,
                                                                    "queries": queries}),
                          capture_output=True, text=True, check=True, encoding="utf-8")
    return json.loads(done.stdout)


def _queries(words: list[str], seed: int = 19) -> list[str]:
    """Test queries made from the list's own words: whole, begun, misspelt, glued together, inflected, several."""
    rng = random.Random(seed)
    sample = rng.sample(words, min(400, len(words)))
    out = list(sample)
    out += [w[:4] for w in sample[:80]] + [w[:1] for w in sample[:10]]
    out += [w[:2] + w[3] + w[2] + w[4:] for w in sample[:80] if len(w) > 5]  # two letters swapped
    out += [a + b for a, b in zip(sample[:60], sample[60:120])] + [a + "s" + b for a, b in zip(sample[:30], sample[90:120])]
    out += [w + "erne" for w in sample[:40]] + [w + "en" for w in sample[40:80]]
    out += [" ".join(sample[i:i + 3]) for i in range(0, 60, 3)]
    out += ["hvordan får vi en fælleshave", "xyzzyq", "helikopter", "skrald", "haveklub", "okonomi", "å", "ål"]
    return out


def test_the_plan_from_the_parts_a_query_loads_is_the_plan_of_the_whole_list(shipped_site):
    bundle = shipped_site / "pagefind"
    whole = read_written(bundle)
    plans = _plans(bundle, whole, _queries(whole["words"]))
    different = [(p["whole"], p["parts"]) for p in plans if p["whole"] != p["parts"]]
    assert not different, different[:3]
    parts = len(list((bundle / WORDS_DIR).glob("*.json")))
    assert parts > 20
    # A query of one word on the pages loads a few parts, not the list.
    known = [p for p in plans[:400] if not p["whole"]["unknown"] and not p["whole"]["corrected"]]
    assert known and sorted(len(p["loaded"]) for p in known)[len(known) // 2] <= 12


def test_a_word_on_no_page_loads_every_part_of_words_for_close_words(shipped_site):
    bundle = shipped_site / "pagefind"
    whole = read_written(bundle)
    (plan,) = _plans(bundle, whole, ["xyzzyq"])
    prefixes = len(json.loads((bundle / WORDS_FILE).read_text(encoding="utf-8"))["prefixes"])
    assert plan["parts"]["unknown"] == ["xyzzyq"]
    assert len([name for name in plan["loaded"] if name.startswith("p")]) == prefixes


def test_written_parts_read_back_as_the_whole_list(tmp_path):
    words = SearchWords({"kasserer": ["regnskab"]}, [("emne", "oekonomi", "Økonomi")])
    words.add("<article><h1>Økonomi^oekonomi^okonomi i afdelingen</h1>"
              "<p>Køkkenhave, fælleshave og have; haverne er åbne. Ålegræs.</p></article>")
    words.write(tmp_path)
    assert read_written(tmp_path) == words.data()
    words.write(tmp_path)  # again: no part left over from the first
    assert read_written(tmp_path) == words.data()


def test_the_writer_files_words_as_the_browser_looks_for_them():
    script = ("const w = require(process.argv[1]); console.log(JSON.stringify({prefix: w.PREFIX, "
              "ending: Math.max(...w.ENDINGS.map((e) => e.length)), part: w.MIN_PART}))")
    done = subprocess.run([_node(), "-e", script, str(REPO / "macros" / "almenviden" / "browser" / "word-list.js")],
                          capture_output=True, text=True, check=True)
    browser = json.loads(done.stdout)
    assert browser["prefix"] == PREFIX
    assert browser["ending"] <= MAX_ENDING  # every ending the browser strips is among the ends filed
    assert MIN_COMPOUND <= browser["part"] + 4  # compounds: MIN_PART letters before a word of 4 or more
