"""Courses: training for board members and volunteers (catalogue/courses/, pages under kurser/)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from almenviden.content.fields import MAX_MINUTES, URL, choice, list_of, obj, text, whole
from almenviden.content.kinds.base import Kind, PageFact, facet
from almenviden.content.records import Record
from almenviden.content.taxonomy import Taxonomy
from almenviden.danish.durations import danish_duration


@dataclass(frozen=True)
class AgendaItem(Record):
    item: str
    minutes: int


@dataclass(frozen=True)
class Material(Record):
    title: str
    url: str | None = None  # a web address, or
    file: str | None = None  # a file that comes with the course


@dataclass(frozen=True)
class Provider(Record):
    name: str
    url: str | None = None


@dataclass(frozen=True)
class Signup(Record):
    how: str
    url: str | None = None
    price: str | None = None


@dataclass(frozen=True)
class CourseFields(Record):
    level: str
    format: str
    duration_minutes: int
    objectives: tuple[str, ...]
    agenda: tuple[AgendaItem, ...]
    provider: Provider
    signup: Signup
    materials: tuple[Material, ...] = ()
    prerequisites: tuple[str, ...] = ()


def properties(taxonomy: Taxonomy) -> dict[str, Any]:
    return {
        "level": choice(taxonomy, "course_levels", "Kursets niveau."),
        "format": choice(taxonomy, "course_formats", "Hvordan kurset foregår."),
        "duration_minutes": whole("Kursets samlede varighed i minutter.", 5, MAX_MINUTES),
        "objectives": list_of(text("Et læringsmål."), "Hvad deltagerne kan bagefter."),
        "agenda": list_of(
            obj({"item": text("Programpunkt."),
                 "minutes": whole("Varighed i minutter.", 1, MAX_MINUTES)},
                ["item", "minutes"], "Et programpunkt."),
            "Programmet punkt for punkt med minutter."),
        "materials": list_of(
            {**obj({"title": text("Materialets titel."), "url": URL,
                    "file": text("Filnavn på et materiale, der følger med kurset.")},
                   ["title"], "Et materiale: titel og enten url eller file."),
             "anyOf": [{"required": ["url"]}, {"required": ["file"]}]},
            "Materialer til kurset.", min_items=0),
        "prerequisites": list_of(text("En forudsætning."), "Hvad deltagerne skal have med sig.", min_items=0),
        "provider": obj({"name": text("Udbyderens navn, fx boligorganisationen eller BL."),
                         "url": {**URL, "description": "Udbyderens side om kurset (valgfri)."}},
                        ["name"], "Hvem udbyder kurset."),
        "signup": obj({"how": text("Sådan tilmelder man sig: hvor, til hvem og hvornår."),
                       "url": {**URL, "description": "Side, hvor man tilmelder sig (valgfri)."},
                       "price": text("Hvad kurset koster, fx 'Gratis for afdelingsbestyrelser' (valgfri).")},
                      ["how"], "Sådan tilmelder man sig kurset."),
    }


KIND = Kind(
    key="courses", cli_name="course", url_dir="kurser", label="Kursus", plural="Kurser", definite="kurset",
    fields=CourseFields,
    properties=properties,
    required=("level", "format", "duration_minutes", "objectives", "agenda", "provider", "signup"),
    facets=(facet("level", "course_levels", "niveau"), facet("format", "course_formats", "form")),
    card_facets=("niveau", "form"),
    compact_facts=("niveau", "form", "Varighed"),
    page_facts=(PageFact("Varighed", "duration_minutes", show=danish_duration),),
    field_synonyms={
        "niveau": "level", "varighed": "duration_minutes", "duration": "duration_minutes",
        "maalsaetninger": "objectives", "program": "agenda", "materialer": "materials",
        "forudsaetninger": "prerequisites", "udbyder": "provider", "tilmelding": "signup",
    },
    scaffold="new_courses.yaml.j2",
)
