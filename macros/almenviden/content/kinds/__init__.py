"""The four kinds of entry, their folders, URLs and Danish names."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    key: str  # folder under catalogue/ and the schema's name
    cli_name: str  # singular, as typed in `almenviden new KIND`
    url_dir: str  # folder of the entry pages on the site
    label: str  # Danish singular
    plural: str  # Danish plural


KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        Kind("ideas", "idea", "ideer", "Idé", "Idéer"),
        Kind("courses", "course", "kurser", "Kursus", "Kurser"),
        Kind("recommendations", "recommendation", "anbefalinger", "Anbefaling", "Anbefalinger"),
        Kind("guides", "guide", "introforloeb", "Introforløb", "Introforløb"),
    )
}

KIND_BY_CLI_NAME = {k.cli_name: k for k in KINDS.values()}
