"""The controlled vocabulary: catalogue/taxonomy.yaml, keys with Danish labels."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from almenviden.content.yaml_source import Document, Problem, YamlError, load_file

# category in taxonomy.yaml -> Danish name of the category. The one table of these names: a facet's name on
# entry pages and in the catalogue browser comes from here (content/kinds/base.py `facet`).
CATEGORIES: dict[str, str] = {
    "goals": "Almene mål",
    "audiences": "Målgruppe",
    "housing_types": "Boligtype",
    "cost": "Udgift",
    "time": "Indsats",
    "seasons": "Årstid",
    "sustainability": "Bæredygtighed",
    "funding_sources": "Finansiering",
    "tags": "Emner",
    "course_formats": "Form",
    "course_levels": "Niveau",
    "recommendation_areas": "Område",
    "roles": "Rolle",
}


# Not a category of values but the search's synonym list: a word -> the words a search for it also tries.
SYNONYMS = "synonyms"
_WORD = re.compile(r"^[^\W\d_]+(?:[ -][^\W\d_]+)*$")


@dataclass(frozen=True)
class Taxonomy:
    values: Mapping[str, Mapping[str, str]]  # category -> key -> label
    synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # lower-case word -> alternatives

    def keys(self, category: str) -> list[str]:
        return list(self.values.get(category, {}))

    def label(self, category: str, key: str) -> str:
        return self.values.get(category, {}).get(key, key)


def load_taxonomy(path: Path) -> tuple[Taxonomy, list[Problem]]:
    """Read taxonomy.yaml; problems are returned, never raised."""
    try:
        doc: Document = load_file(path, inside=Path(path).parent)
    except FileNotFoundError:
        return Taxonomy({}), [Problem(1, 1, "Filen taxonomy.yaml mangler i kataloget. Kopiér den fra "
                                            "almenvidens eget katalog.")]
    except OSError as exc:
        return Taxonomy({}), [Problem(1, 1, f"Filen taxonomy.yaml kan ikke læses ({exc.strerror or exc}). "
                                            "Tjek at den er en almindelig fil, du har lov at læse.")]
    except YamlError as exc:
        return Taxonomy({}), exc.problems
    problems = list(doc.problems)
    values: dict[str, dict[str, str]] = {}
    if not isinstance(doc.value, dict):
        return Taxonomy({}), problems + [Problem(1, 1, "taxonomy.yaml skal være en ordbog af kategorier.")]
    synonyms: dict[str, tuple[str, ...]] = {}
    for category, entries in doc.value.items():
        line, col = doc.key_position((category,))
        if category == SYNONYMS:
            synonyms = _load_synonyms(doc, entries, problems)
            continue
        if category not in CATEGORIES:
            problems.append(Problem(line, col, f"Ukendt kategori '{category}'. Kendte kategorier: "
                                               f"{', '.join(CATEGORIES)}."))
            continue
        if not isinstance(entries, dict) or not all(isinstance(v, str) for v in entries.values()):
            problems.append(Problem(line, col, f"Kategorien '{category}' skal have formen 'nøgle: Etiket'."))
            continue
        values[category] = dict(entries)
    for category in CATEGORIES:
        if category not in values and not any(category in p.message for p in problems):
            problems.append(Problem(1, 1, f"Kategorien '{category}' mangler i taxonomy.yaml."))
    return Taxonomy(values, synonyms), problems


def _load_synonyms(doc: Document, entries, problems: list[Problem]) -> dict[str, tuple[str, ...]]:
    """`synonyms:` as word -> alternatives (each a word or a short phrase); problems are appended."""
    line, col = doc.key_position((SYNONYMS,))
    if not isinstance(entries, dict):
        problems.append(Problem(line, col, "'synonyms' skal have formen 'ord: [andet ord, tredje ord]'."))
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for word, alternatives in entries.items():
        wline, wcol = doc.key_position((SYNONYMS, word))
        if not isinstance(word, str) or not _WORD.match(word.strip()):
            problems.append(Problem(wline, wcol, f"Synonymet '{word}' skal være et ord (kun bogstaver), fx 'kasserer'."))
            continue
        if isinstance(alternatives, str):
            alternatives = [alternatives]
        if not isinstance(alternatives, list) or not alternatives:
            problems.append(Problem(wline, wcol, f"Skriv synonymerne for '{word}' som en liste, "
                                                 f"fx '{word}: [økonomi, regnskab]'."))
            continue
        good = []
        for i, alternative in enumerate(alternatives):
            if isinstance(alternative, str) and _WORD.match(alternative.strip()):
                good.append(alternative.strip().lower())
            else:
                aline, acol = doc.position((SYNONYMS, word, i))
                problems.append(Problem(aline, acol, f"'{alternative}' under '{word}' skal være et ord eller "
                                                     "nogle få ord (kun bogstaver), fx 'økonomi'."))
        key = word.strip().lower()
        if key in out:
            problems.append(Problem(wline, wcol, f"Synonymet '{word}' står to gange. Saml dem under ét."))
        if good:
            out[key] = tuple(dict.fromkeys(good))
    return out
