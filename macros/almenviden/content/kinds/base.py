"""What a kind of entry is: the one type each kind's module (idea.py, course.py, ...) fills in.

A kind declares everything about itself in one place: its names, its own fields (declared once each, see
content/fields.py: the typed record made from them is `fields`, and their JSON Schema, required list, scaffold
and form come from the same declarations), its facets and page facts, whether its listing is a catalogue
browser, the other entries it refers to, and field names staff are likely to type instead of the real ones.
Schema, facets, pages, validation, cache and scaffold read it from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping, NamedTuple

from almenviden.content.common_fields import COMMON_FIELDS
from almenviden.content.fields import Field
from almenviden.content.records import Record
from almenviden.content.taxonomy import CATEGORIES, Taxonomy


class Facet(NamedTuple):
    """A field whose taxonomy keys are search filters and facts on the page."""
    field: str  # on the entry (common fields) or in its kind's record
    category: str  # taxonomy category of its values
    name: str  # Danish name on pages and in the catalogue browser
    filter: str  # Pagefind filter name (ASCII)


def facet(field_name: str, category: str, filter_name: str) -> Facet:
    """A facet named after its taxonomy category (taxonomy.CATEGORIES is the one table of category names)."""
    return Facet(field_name, category, CATEGORIES[category], filter_name)


@dataclass(frozen=True)
class PageFact:
    """A fact on the entry page that is not a facet, e.g. "Deltagere: 10–30 beboere"."""
    name: str  # Danish name, shown on the page (and usable in `compact_facts`)
    field: str  # the kind's field it shows
    show: Callable[[Any], str] = str  # the value as Danish text
    after: str | None = None  # placed after the fact with this filter name; None: last


class Reference(NamedTuple):
    """A place in an entry that names another entry by id."""
    path: tuple  # where in the file, e.g. ("steps", 2, "entry"), for the diagnostic's line and column
    target: str  # the id referred to
    item: Any = None  # the record holding the reference (a guide's step), for pages that show it


def no_references(fields: Any) -> Iterator[Reference]:
    return iter(())


@dataclass(frozen=True, eq=False)  # one object per kind: compared and hashed by identity
class Kind:
    key: str  # folder under catalogue/ and the schema's name
    cli_name: str  # singular, as typed in `almenviden new KIND`
    url_dir: str  # folder of the entry pages on the site
    label: str  # Danish singular ("Idé"); in a sentence it is written in lower case ("1 idé")
    plural: str  # Danish plural ("Idéer"; "12 idéer")
    definite: str  # Danish definite singular, as in the scaffold's comments ("som idéen støtter")
    fields: type[Record]  # the typed record of the kind's own fields (Entry.details), made by records.record_class
    facets: tuple[Facet, ...]  # in page and browser order, after the common ones
    card_facets: tuple[str, ...]  # filter names shown as small labels on result cards
    compact_facts: tuple[str, ...]  # filter (or page fact) names on the line under the summary, in order
    page_facts: tuple[PageFact, ...] = ()
    browsed: bool = True  # its listing page is a catalogue browser (else it is filtered on the search page)
    references: Callable[[Any], Iterable[Reference]] = field(default=no_references, repr=False)
    field_synonyms: Mapping[str, str] = field(default_factory=dict)  # word staff may type -> the kind's field
    required_common: tuple[str, ...] = ()  # optional common fields this kind requires (a list: at least one item)

    @property
    def declared(self) -> tuple[Field, ...]:
        """The declarations of the kind's own fields, in order (those its record was made from)."""
        return self.fields.declared

    @property
    def all_fields(self) -> tuple[Field, ...]:
        """Every field of an entry of this kind, in order: the common ones, then its own."""
        return COMMON_FIELDS + self.declared

    def properties(self, taxonomy: Taxonomy) -> dict[str, Any]:
        """The JSON Schema of its own fields."""
        return {f.name: f.schema(taxonomy) for f in self.declared}

    @property
    def required(self) -> tuple[str, ...]:
        """Which of its own fields must be filled."""
        return tuple(f.name for f in self.declared if f.required)

    @property
    def noun(self) -> str:
        """The singular in a sentence ("1 idé")."""
        return self.label.lower()

    @property
    def noun_plural(self) -> str:
        """The plural in a sentence ("12 idéer")."""
        return self.plural.lower()
