"""The controlled vocabulary: catalogue/taxonomy.yaml, keys with Danish labels."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .yaml_source import Document, Problem, YamlError, load_file

# category in taxonomy.yaml -> Danish name of the category (used on pages and in messages)
CATEGORIES: dict[str, str] = {
    "goals": "Almene mål",
    "audiences": "Målgruppe",
    "housing_types": "Boligtype",
    "cost": "Udgift",
    "time": "Tidsforbrug",
    "seasons": "Årstid",
    "sustainability": "Bæredygtighed",
    "funding_sources": "Finansiering",
    "tags": "Emner",
    "course_formats": "Form",
    "course_levels": "Niveau",
    "recommendation_areas": "Område",
    "roles": "Rolle",
}


@dataclass(frozen=True)
class Taxonomy:
    values: Mapping[str, Mapping[str, str]]  # category -> key -> label

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
    for category, entries in doc.value.items():
        line, col = doc.key_position((category,))
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
    return Taxonomy(values), problems
