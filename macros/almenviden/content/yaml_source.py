"""Read one YAML file safely, keeping the line and column of every value.

PyYAML's loaders drop positions, silently keep the last of two duplicate keys,
expand aliases (billion laughs) and recurse on deep nesting. This module walks
the event stream of the C parser instead and builds plain Python values
itself, so it can refuse all of that with a precise position.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import ScalarNode

from almenviden.content.safe_files import TooLarge, UnsafeFile, read_regular

try:  # the C parser is much faster; fall back to the pure-Python one
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
MAX_NODES = 100_000

Path_ = tuple  # a JSON-pointer-like path: ("steps", 2, "entry")

# Explicit tags a file may carry, per kind of node. Anything else (!!python/object, !!binary, !!set,
# local tags, and !!int/!!bool/... whose constructors misbehave on odd input) is refused.
_ALLOWED_TAGS = {
    yaml.ScalarEvent: {None, "!", "tag:yaml.org,2002:str"},
    yaml.SequenceStartEvent: {None, "!", "tag:yaml.org,2002:seq"},
    yaml.MappingStartEvent: {None, "!", "tag:yaml.org,2002:map"},
}
# Implicitly resolved tags that stay text: dates (the schema checks them), and the YAML 1.1 oddities
# '<<' (merge), '=' (value) and '!'/'&' (yaml) that SafeConstructor cannot build from a lone scalar.
_TEXT_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:merge",
              "tag:yaml.org,2002:value", "tag:yaml.org,2002:yaml"}
# Characters YAML does not allow in a stream (libyaml's "printable" set, inverted): C0/C1 controls
# other than tab, LF, CR and NEL, DEL, a BOM anywhere but at the start, U+FFFE and U+FFFF.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")

# Line breaks YAML knows besides CR and LF: next line (NEL) and the line and paragraph separators.
_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")

_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()


@dataclass(frozen=True)
class Problem:
    line: int  # 1-based
    col: int  # 1-based
    message: str


class YamlError(Exception):
    """The file cannot be read as one YAML mapping; `problems` says why and where."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass
class Document:
    """A loaded file: its value plus the position of every value and key."""

    value: Any
    value_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # non-fatal, e.g. duplicate keys

    def position(self, path: Path_) -> tuple[int, int]:
        """Line and column for `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.value_marks:
                return self.value_marks[path]
            path = path[:-1]
        return self.value_marks.get((), (1, 1))

    def key_position(self, path: Path_) -> tuple[int, int]:
        return self.key_marks.get(tuple(path)) or self.position(path)


_BREAKS = re.compile("\r\n|\r|\n")
_BREAKS_BYTES = re.compile(b"\r\n|\r|\n")


def _line_col(text: str | bytes, index: int) -> tuple[int, int]:
    """1-based line and column (in characters, as editors count) of `index`; CRLF, CR and LF end a line."""
    before = text[:index]
    breaks = (_BREAKS_BYTES if isinstance(before, bytes) else _BREAKS).findall(before)
    line = len(breaks) + 1
    line_start = before[before.rfind(breaks[-1]) + len(breaks[-1]):] if breaks else before
    if isinstance(line_start, bytes):
        line_start = line_start.decode("utf-8", "replace")
    return line, len(line_start) + 1


def short(text: str, limit: int = 60) -> str:
    """`text` cut to `limit` characters for a message, so a hostile value cannot flood the output."""
    text = str(text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _too_large(size: int) -> YamlError:
    return YamlError([Problem(1, 1, f"Filen er for stor ({size:,} bytes; højst {MAX_BYTES:,}). "
                                    "Del indholdet op i flere poster.".replace(",", "."))])


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (a BOM is allowed), no NUL bytes or control characters, not too large."""
    if len(data) > MAX_BYTES:
        raise _too_large(len(data))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlError([Problem(1, 1, "Filen er gemt som UTF-16. Gem den igen med tegnsættet UTF-8.")])
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _line_col(data, nul)
        raise YamlError([Problem(line, col, "Filen indeholder et NUL-tegn (byte 0). Gem filen igen som "
                                            "almindelig UTF-8-tekst.")])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        raise YamlError([Problem(line, col, "Filen er ikke gyldig UTF-8 (fx gemt som Windows-1252 eller "
                                            "Latin-1). Gem den igen med tegnsættet UTF-8.")]) from None
    odd_break = _ODD_BREAKS.search(text)
    if odd_break:  # YAML counts these as line breaks, editors mostly do not: the positions would disagree
        line, col = _line_col(text, odd_break.start())
        raise YamlError([Problem(line, col, f"Filen indeholder et usynligt linjeskift (U+{ord(odd_break.group()):04X}), "
                                            "som editorer viser forskelligt. Slet det, eller skriv et almindeligt "
                                            "linjeskift i stedet.")])
    bad = _NOT_PRINTABLE.search(text)
    if bad:
        line, col = _line_col(text, bad.start())
        code = f"U+{ord(bad.group()):04X}"
        if bad.group() == "\ufeff":
            message = f"Filen har et usynligt BOM-tegn ({code}) midt i teksten. Slet det, fx ved at skrive linjen igen."
        else:
            message = (f"Filen indeholder et usynligt styretegn ({code}), som YAML ikke tillader. Slet det, "
                       "fx ved at skrive ordet igen.")
        raise YamlError([Problem(line, col, message)])
    return text


def read_source(path: os.PathLike | str, inside: os.PathLike | str | None = None) -> bytes:
    """The bytes of a regular file of at most MAX_BYTES (safe_files.read_regular); YamlError if it is not one."""
    try:
        return read_regular(path, MAX_BYTES, inside)
    except TooLarge as exc:
        raise _too_large(exc.size) from None
    except UnsafeFile as exc:
        raise YamlError([Problem(1, 1, exc.message)]) from None


def load_file(path: os.PathLike | str, inside: os.PathLike | str | None = None) -> Document:
    """Read and parse one file, never reading more than MAX_BYTES into memory (OSError if it cannot be opened)."""
    return load_bytes(read_source(path, inside))


_SYNTAX_HINTS = [
    ("while scanning a quoted scalar",
     "Et anførselstegn er ikke lukket. Tjek at teksten slutter med samme slags anførselstegn."),
    ("found character '\\t' that cannot start any token",
     "Tabulatortegn (tab) er ikke tilladt til indrykning i YAML. Brug mellemrum i stedet."),
    ("found a tab character",
     "Tabulatortegn (tab) er ikke tilladt til indrykning i YAML. Brug mellemrum i stedet."),
    ("mapping values are not allowed",
     "Et kolon står et sted, hvor YAML ikke venter det. Sæt teksten i anførselstegn, hvis den "
     "indeholder ': ', eller ret indrykningen."),
    ("could not find expected ':'",
     "YAML mangler et ':' efter et feltnavn. Tjek at linjen har formen 'felt: værdi', og at "
     "fortsatte linjer er indrykket."),
    ("did not find expected key",
     "Indrykningen passer ikke. Tjek at linjen står under det rigtige felt med samme antal mellemrum."),
    ("did not find expected '-' indicator",
     "Indrykningen i listen passer ikke. Alle punkter skal starte med '- ' i samme kolonne."),
    ("found undefined alias", "Aliaser (*navn) er ikke tilladt i almenviden-filer. Skriv værdien helt ud."),
    ("found unexpected end of stream",
     "Filen slutter midt i en værdi. Tjek at alle anførselstegn og parenteser er lukket."),
    ("found unknown escape character",
     "Ukendt escape-sekvens med '\\' i tekst i dobbelte anførselstegn. Brug enkelte anførselstegn."),
    ("block sequence entries are not allowed",
     "Et '- ' står et sted, hvor der ikke må starte en liste. Ret indrykningen."),
    ("expected <block end>, but found",
     "Indrykningen passer ikke: en linje står længere til venstre eller højre end forventet."),
    ("found character that cannot start any token",
     "Et tegn kan ikke starte en værdi her (fx '@' eller '`'). Sæt værdien i anførselstegn."),
]


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and "quoted scalar" in (exc.context or ""):
        mark = exc.context_mark  # an unclosed quote: point at where it opens, not at the end of the file
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = f"{exc.context or ''} {exc.problem or ''}"
    lines = text.splitlines()
    if 0 < line <= len(lines) and "\t" in lines[line - 1][:col]:
        tab_col = lines[line - 1].index("\t") + 1
        return Problem(line, tab_col, "YAML-syntaksfejl: Tabulatortegn (tab) er ikke tilladt til indrykning "
                                      "i YAML. Brug mellemrum i stedet.")
    for needle, hint in _SYNTAX_HINTS:
        if needle in problem:
            return Problem(line, col, f"YAML-syntaksfejl: {hint}")
    return Problem(line, col, f"YAML-syntaksfejl ({(exc.problem or 'ukendt fejl').strip()}). "
                              "Tjek indrykning, kolon og anførselstegn på linjen.")


def _scalar(event: yaml.ScalarEvent) -> Any:
    try:
        return _construct_scalar(event)
    except (ValueError, OverflowError, KeyError, IndexError):  # e.g. an int of more than 4300 digits
        mark = event.start_mark
        raise YamlError([Problem(mark.line + 1, mark.column + 1,
                                 f"Værdien '{short(event.value, 40)}' kan ikke læses. Sæt den i anførselstegn.")]) from None


def _construct_scalar(event: yaml.ScalarEvent) -> Any:
    if event.tag not in (None, "!"):
        return event.value  # an explicit !!str (the only explicit scalar tag allowed)
    tag = _resolver.resolve(ScalarNode, event.value, event.implicit)
    if tag in _TEXT_TAGS:
        return event.value  # dates stay text; the schema checks them with format "date"
    node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    return _constructor.yaml_constructors[tag](_constructor, node)


def _describe_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def parse_text(text: str, loader: type = _Loader) -> Document:
    """Parse YAML text into a Document, or raise YamlError."""
    doc = Document(value=None)
    stack: list[list] = []  # frames: [container, path, pending_key or None, seen_keys]
    documents = 0
    nodes = 0
    root_set = False

    def mark_of(event) -> tuple[int, int]:
        return (event.start_mark.line + 1, event.start_mark.column + 1)

    def place(value: Any, event) -> Path_:
        nonlocal root_set
        if not stack:
            doc.value = value
            root_set = True
            path: Path_ = ()
        else:
            frame = stack[-1]
            container, parent = frame[0], frame[1]
            if isinstance(container, list):
                path = parent + (len(container),)
                container.append(value)
            else:
                key = frame[2]
                frame[2] = None
                path = parent + (key,)
                container[key] = value
        doc.value_marks[path] = mark_of(event)
        return path

    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    line, col = mark_of(event)
                    raise YamlError([Problem(line, col, "Filen indeholder flere YAML-dokumenter (adskilt af "
                                                        "'---'). Skriv kun én post pr. fil.")])
                continue
            if isinstance(event, yaml.AliasEvent):
                line, col = mark_of(event)
                raise YamlError([Problem(line, col, f"Aliaser (*{event.anchor}) er ikke tilladt i "
                                                    "almenviden-filer. Skriv værdien helt ud.")])
            if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                nodes += 1
                if nodes > MAX_NODES:
                    line, col = mark_of(event)
                    raise YamlError([Problem(line, col, f"Filen har over {MAX_NODES} værdier. Del den op.")])
                if event.tag not in _ALLOWED_TAGS[type(event)]:
                    line, col = mark_of(event)
                    raise YamlError([Problem(line, col, f"YAML-tagget '{short(_describe_tag(event.tag))}' er ikke "
                                                        "tilladt. Fjern det, og skriv værdien som almindelig tekst.")])
                # a mapping key?
                if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is None:
                    frame = stack[-1]
                    if not isinstance(event, yaml.ScalarEvent):
                        line, col = mark_of(event)
                        raise YamlError([Problem(line, col, "Et feltnavn skal være almindelig tekst, ikke en "
                                                            "liste eller en ordbog.")])
                    key = event.value  # as written: '~:' is the key '~', 'yes:' the key 'yes'
                    if event.tag is None and event.implicit[0] and key == "<<":  # plain <<, not "<<"
                        line, col = mark_of(event)
                        raise YamlError([Problem(line, col, "Sammenfletning med '<<' er ikke tilladt i "
                                                            "almenviden-filer. Skriv felterne helt ud.")])
                    key_path = frame[1] + (key,)
                    if key in frame[3]:
                        first_line = frame[3][key][0]
                        line, col = mark_of(event)
                        doc.problems.append(Problem(line, col, f"Feltet '{short(key)}' står to gange (første gang i "
                                                               f"linje {first_line}). Slet den ene, så YAML ikke "
                                                               "stille og roligt bruger den sidste."))
                        key = f"\x00dup{nodes}"  # keep parsing, but do not overwrite the first value
                    else:
                        frame[3][key] = mark_of(event)
                        doc.key_marks[key_path] = mark_of(event)
                    frame[2] = key
                    continue
                if isinstance(event, yaml.ScalarEvent):
                    place(_scalar(event), event)
                else:
                    if len(stack) >= MAX_DEPTH:
                        line, col = mark_of(event)
                        raise YamlError([Problem(line, col, f"Strukturen er indlejret mere end {MAX_DEPTH} "
                                                            "niveauer. almenviden-poster er flade: ret indrykningen.")])
                    container: Any = [] if isinstance(event, yaml.SequenceStartEvent) else {}
                    path = place(container, event)
                    stack.append([container, path, None, {}])
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                frame = stack.pop()
                if isinstance(frame[0], dict):
                    for key in [k for k in frame[0] if k.startswith("\x00dup")]:
                        del frame[0][key]
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in (exc.problem or "") and loader is not yaml.SafeLoader:
            # libyaml >= 0.2.6 (PyYAML >= 6.0.4) stops at 1000 levels while scanning ahead, before this
            # loop sees level MAX_DEPTH + 1. The pure-Python parser has no such limit, so let it find
            # the place where the file first goes too deep.
            return parse_text(text, yaml.SafeLoader)
        raise YamlError([_syntax_problem(exc, text)]) from None
    except yaml.reader.ReaderError as exc:  # decode() catches these first; kept as a safety net
        line, col = _line_col(text, len(text.encode("utf-8")[:exc.position].decode("utf-8", "ignore")))
        raise YamlError([Problem(line, col, f"Filen indeholder tegnet U+{exc.character:04X}, som YAML ikke "
                                            "tillader. Slet det.")]) from None
    except yaml.YAMLError:  # any other unmarked error
        raise YamlError([Problem(1, 1, "YAML-fejl: filen kan ikke læses. Tjek indrykning, kolon og "
                                       "anførselstegn.")]) from None
    if not root_set or doc.value is None:
        raise YamlError([Problem(1, 1, "Filen er tom. Udfyld felterne fra skabelonen (almenviden new).")])
    return doc


def load_bytes(data: bytes) -> Document:
    return parse_text(decode(data))
