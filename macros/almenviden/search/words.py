"""The word list the search UI checks queries against: every word on an indexed page, the synonyms, the topics.

Pagefind matches every query word by prefix and, when nothing starts with it, by the longest indexed word
it starts with, so a word that is on no page still finds something ("helikopter" finds "hele"). The UI
(browser/query-plan.js, word-list.js) therefore checks each query word against this list before it asks
Pagefind, splits compounds into words that are on the pages, tries the synonyms, and, when nothing is left,
offers close words ("Mente du …?") and the catalogue's topics. The list is written next to Pagefind's bundle,
so the offline copy packs it like the bundle's other files, in parts the browser loads only as a query needs
them (it grows with the vocabulary; see `write`):

- `almenviden-words.json`, the core: function words, synonyms, topics, and which part file holds which words;
- `almenviden-words/p<n>.json`: the words and spellings (forms) grouped by their first PREFIX letters as the
  browser folds them, each word with its rank (0 = most frequent): what `known`, `split` and `rank` look up;
- `almenviden-words/e<n>.json`: the words of 7 letters or more grouped by the PREFIX letters before each of
  their last 0..MAX_ENDING letters: the compounds that end in a query word (have: køkkenhave) are among
  those filed under the query word's last PREFIX letters.
Each part file holds the groups of a range of keys, in sorted order; the core lists each file's first key.

The compound splitting is written here by hand, from the catalogue's own vocabulary (no Danish
decompounding resource fits a static site's browser code); see browser/word-list.js. The function words a
question is made of ("hvordan", "vi", "til") come from the Snowball project's Danish stop word list (the
`stop-words` package) plus the question words it lacks; the UI leaves them out of a query that has other words.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Iterable, Mapping

from stop_words import get_stop_words

from almenviden.danish.fold import MARK

WORDS_FILE = "almenviden-words.json"
WORDS_DIR = "almenviden-words"
# Words are filed by this many first letters (browser/word-list.js: PREFIX).
PREFIX = 3
# The longest inflectional ending browser/word-list.js knows (ENDINGS: "ernes"), and the shortest word that can
# be a compound ending in a query word (3 letters before a word of 4; word-list.js compoundsEndingIn).
MAX_ENDING = 5
MIN_COMPOUND = 7
# A part file holds whole groups until it has about this many characters.
PART_CHARS = 3000

_TAG = re.compile(r"<[^>]*>")
# What Pagefind does not index: scripts, and the parts this project marks data-pagefind-ignore (facts lists,
# listings), except metadata (the labels), which Pagefind searches.
_IGNORED = re.compile(r"<(script|style)\b.*?</\1>|"
                      r"<(dl|ul|div)\b(?![^>]*\bdata-pagefind-meta\b)[^>]*\bdata-pagefind-ignore\b[^>]*>.*?</\2>",
                      re.S | re.I)
_WORD = re.compile(r"[^\W\d_]{2,}")
_VARIANTS = re.compile(re.escape(MARK) + r"[^\W_]+")

# Question words, modal verbs and a preposition Snowball's list lacks: "hvordan får vi …", "hvad må bestyrelsen …".
QUESTION_WORDS = frozenset({"hvordan", "hvorfor", "hvem", "hvornår", "hvilke", "hvilken", "hvilket", "kan", "må", "ved",
                            "får", "gør"})
# Words of Snowball's list that are nouns people search for here: "have" is a garden.
NOT_FUNCTION_WORDS = frozenset({"have"})


def function_words() -> list[str]:
    """The Danish words that say nothing about what a query is looking for."""
    return sorted((set(get_stop_words("danish")) | QUESTION_WORDS) - NOT_FUNCTION_WORDS)


class SearchWords:
    """Counts the words of the index documents as they are added; `write` puts the list in the bundle."""

    def __init__(self, synonyms: Mapping[str, Iterable[str]] | None = None,
                 topics: Iterable[tuple[str, str, str]] = ()) -> None:
        self.words: Counter[str] = Counter()  # words as written (lower case), for suggestions
        self.forms: set[str] = set()  # the alternative spellings the index also holds
        self.synonyms = synonyms or {}
        self.topics = list(topics)  # (facet, key, label)

    def add(self, document: str) -> None:
        text = _TAG.sub(" ", _IGNORED.sub(" ", document))
        for variant in _VARIANTS.findall(text):
            self.forms.add(variant[1:].lower())
        self.words.update(w.lower() for w in _WORD.findall(_VARIANTS.sub("", text)))

    def counts(self) -> dict:
        """What `add` counted, as JSON-ready data (a search shard's cached word counts)."""
        return {"words": dict(self.words), "forms": sorted(self.forms)}

    def merge(self, counts: Mapping) -> None:
        """Add the counts of other documents (`counts()` of another SearchWords): as if `add` had seen them."""
        self.words.update(counts["words"])
        self.forms.update(counts["forms"])

    def data(self) -> dict:
        words = [w for w, _ in sorted(self.words.items(), key=lambda item: (-item[1], item[0]))]
        return {
            "words": words,  # most frequent first
            "forms": sorted(self.forms - self.words.keys()),
            "synonyms": symmetric_synonyms(self.synonyms),
            "functionWords": function_words(),
            "topics": [list(t) for t in self.topics],
        }

    def write(self, bundle: Path) -> Path:
        """Write the word list into `bundle` in parts (see the module's docstring); returns the core file."""
        data = self.data()
        folder = Path(bundle) / WORDS_DIR
        if folder.is_dir():
            for old in folder.glob("*.json"):
                old.unlink()
        folder.mkdir(parents=True, exist_ok=True)
        by_prefix: dict[str, dict] = {}
        by_end: dict[str, list[str]] = {}
        for rank, word in enumerate(data["words"]):
            folded = browser_fold(word)
            by_prefix.setdefault(folded[:PREFIX], {"words": [], "forms": []})["words"] += [rank, word]
            for key in end_keys(folded):
                by_end.setdefault(key, []).append(word)
        for form in data["forms"]:
            by_prefix.setdefault(browser_fold(form)[:PREFIX], {"words": [], "forms": []})["forms"].append(form)
        prefixes = _write_parts(folder, "p", by_prefix, lambda part, group: (
            part.setdefault("words", []).extend(group["words"]), part.setdefault("forms", []).extend(group["forms"])))
        ends = _write_parts(folder, "e", by_end, lambda part, group: part.setdefault("words", []).extend(group))
        core = {key: data[key] for key in ("synonyms", "functionWords", "topics")}
        core.update({"dir": WORDS_DIR + "/", "prefix": PREFIX, "prefixes": prefixes, "ends": ends})
        target = Path(bundle) / WORDS_FILE
        target.write_text(_dumps(core), encoding="utf-8")
        return target


def browser_fold(word: str) -> str:
    """A word as browser/text-fold.js AV.fold folds it: lower case, å -> a, accents off, letters and digits only."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("å", "a"))
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c.isalnum())


def end_keys(folded: str) -> set[str]:
    """The groups of the end index a folded word is filed under (see the module's docstring)."""
    return {folded[: len(folded) - cut][-PREFIX:] for cut in range(MAX_ENDING + 1)
            if len(folded) - cut >= MIN_COMPOUND}


def _write_parts(folder: Path, letter: str, groups: dict, merge) -> list[str]:
    """Write the groups, in key order, into part files of about PART_CHARS; returns each file's first key."""
    starts: list[str] = []
    part: dict = {}
    number = 0

    def flush() -> None:
        nonlocal part, number
        if part:
            (folder / f"{letter}{number}.json").write_text(_dumps(part), encoding="utf-8")
            number += 1
            part = {}

    for key in sorted(groups):
        if not part:
            starts.append(key)
        merge(part, groups[key])
        if len(_dumps(part)) >= PART_CHARS:
            flush()
    flush()
    return starts


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def read_written(bundle: Path) -> dict:
    """The word list as `SearchWords.data()` gave it, read back from what `write` wrote into `bundle`."""
    bundle = Path(bundle)
    core = json.loads((bundle / WORDS_FILE).read_text(encoding="utf-8"))
    ranked, forms = [], []
    for number in range(len(core["prefixes"])):
        part = json.loads((bundle / core["dir"] / f"p{number}.json").read_text(encoding="utf-8"))
        ranked += zip(part["words"][::2], part["words"][1::2])
        forms += part["forms"]
    return {"words": [word for _, word in sorted(ranked)], "forms": sorted(forms),
            **{key: core[key] for key in ("synonyms", "functionWords", "topics")}}


def symmetric_synonyms(synonyms: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """word -> alternatives, with every pair in both directions (regnskab also tries kasserer)."""
    out: dict[str, dict[str, None]] = {}
    for word, alternatives in synonyms.items():
        for alternative in alternatives:
            out.setdefault(word.lower(), {})[alternative.lower()] = None
            out.setdefault(alternative.lower(), {})[word.lower()] = None
    return {word: list(alternatives) for word, alternatives in sorted(out.items())}
