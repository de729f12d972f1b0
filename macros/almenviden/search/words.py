"""The word list the search UI checks queries against: every word on an indexed page, the synonyms, the topics.

Pagefind matches every query word by prefix and, when nothing starts with it, by the longest indexed word
it starts with, so a word that is on no page still finds something ("helikopter" finds "hele"). The UI
(browser/query-plan.js, word-list.js) therefore checks each query word against this list before it asks
Pagefind, splits compounds into words that are on the pages, tries the synonyms, and, when nothing is left,
offers close words ("Mente du …?") and the catalogue's topics. The list is written next to Pagefind's bundle
(pagefind/almenviden-words.json), so the offline copy packs it like the bundle's other files.

The compound splitting is written here by hand, from the catalogue's own vocabulary (no Danish
decompounding resource fits a static site's browser code); see browser/word-list.js. The function words a
question is made of ("hvordan", "vi", "til") come from the Snowball project's Danish stop word list (the
`stop-words` package) plus the question words it lacks; the UI leaves them out of a query that has other words.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Iterable, Mapping

from stop_words import get_stop_words

from almenviden.danish.fold import MARK

WORDS_FILE = "almenviden-words.json"

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
        target = Path(bundle) / WORDS_FILE
        target.write_text(json.dumps(self.data(), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        return target


def symmetric_synonyms(synonyms: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """word -> alternatives, with every pair in both directions (regnskab also tries kasserer)."""
    out: dict[str, dict[str, None]] = {}
    for word, alternatives in synonyms.items():
        for alternative in alternatives:
            out.setdefault(word.lower(), {})[alternative.lower()] = None
            out.setdefault(alternative.lower(), {})[word.lower()] = None
    return {word: list(alternatives) for word, alternatives in sorted(out.items())}
