"""Synthetic catalogues for benchmarks: N valid entries of all four kinds with Danish-like text.

Each synthetic entry is a copy of a real entry of the same kind from the shipped catalogue (so every
field the schema asks for is there, with values from the taxonomy), with a new id, title, summary,
body and related/steps pointing at other synthetic entries. The result passes `almenviden check`.

    python -m tests.perf.synthetic --count 1000 --out /tmp/cat1000
"""

from __future__ import annotations

import argparse
import itertools
import random
import shutil
from pathlib import Path

import yaml

try:
    from yaml import CSafeDumper as _Dumper, CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper, SafeLoader as _Loader

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "catalogue"
KINDS = ("ideas", "courses", "recommendations", "guides")
# Shares of the catalogue per kind (a real catalogue is mostly ideas).
SHARES = {"ideas": 0.70, "courses": 0.15, "recommendations": 0.10, "guides": 0.05}

WORDS = (
    "fællesskab afdeling beboere bestyrelse gården naboer fællesspisning beboerhus aktivitet frivillige "
    "ældre børnefamilier ungdomsboliger grøn affald sortering kompost have højbede cykler værksted "
    "økonomi budget husleje afdelingsmøde beslutning forslag dirigent referat vedligeholdelse drift "
    "ejendomskontor boligorganisation repræsentantskab kommune helhedsplan puljer fonde ansøgning "
    "ensomhed tryghed trivsel inklusion sprog kultur fest sommer vinter efterår forår plantedag "
    "loppemarked byttehylde reparation energi varme vand strøm solceller regnvand natur fuglekasser "
    "legeplads unge lektiecafé motion gåtur kaffe kage invitation opslag nyhedsbrev hjemmeside "
    "erfaringer eksempel plan trin tid udgift deltagere samarbejde dialog møde ansvar opgave"
).split()
TITLE_HEADS = ("Fælles", "Grøn", "Tryg", "Åben", "Lokal", "Hyggelig", "Ny", "Stærk", "Sund", "Let")


# vocabulary="zipf": WORDS plus made-up Danish-looking words, drawn with Zipf frequencies (a few words
# are everywhere, most are rare), so a query matches a realistic share of the pages. The default,
# "small", draws from WORDS alone: every word is on nearly every page, the worst case for a search index.
_SYLLABLES = ("af", "be", "bo", "bør", "da", "de", "dæk", "fæl", "for", "ge", "gå", "græ", "hu", "hø", "kla",
              "kø", "la", "le", "lø", "ma", "me", "må", "ne", "nø", "ord", "pe", "pla", "rå", "ri", "se",
              "ska", "ste", "sø", "ta", "te", "træ", "tu", "un", "ve", "vå", "æl", "øk", "år")
_ENDINGS = ("", "", "en", "er", "erne", "et", "ing", "hed", "else", "ning")
ZIPF_WORDS = 20_000


def zipf_vocabulary(size: int = ZIPF_WORDS, seed: int = 7) -> list[str]:
    """WORDS followed by made-up words up to `size`, in the order of their frequency rank."""
    rng = random.Random(seed)
    words, seen = list(WORDS), set(WORDS)
    while len(words) < size:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))) + rng.choice(_ENDINGS)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


class _Zipf:
    def __init__(self, words: list[str]):
        self.words = words
        self.cum_weights = list(itertools.accumulate(1.0 / rank for rank in range(1, len(words) + 1)))

    def pick(self, rng: random.Random, n: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum_weights, k=n)


_pick = None  # None: rng.choice(WORDS), the original generator; else a _Zipf


def _words(rng: random.Random, n: int) -> list[str]:
    return [rng.choice(WORDS) for _ in range(n)] if _pick is None else _pick.pick(rng, n)


def _sentence(rng: random.Random, n: int) -> str:
    words = _words(rng, n)
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng, rng.randint(6, 14)) for _ in range(sentences))


def _templates() -> dict[str, list[dict]]:
    out = {}
    for kind in KINDS:
        out[kind] = [yaml.load(p.read_text(encoding="utf-8"), Loader=_Loader)
                     for p in sorted((SHIPPED / kind).glob("*.yaml"))]
    return out


def plan_ids(count: int) -> dict[str, list[str]]:
    """Ids per kind for a catalogue of `count` entries (at least one of each kind)."""
    sizes = {k: max(1, int(count * s)) for k, s in SHARES.items()}
    sizes["ideas"] += count - sum(sizes.values())
    return {kind: [f"syn-{kind[:3]}-{i:06d}" for i in range(n)] for kind, n in sizes.items()}


def make_entry(kind: str, index: int, ids: dict[str, list[str]], templates: dict[str, list[dict]],
               rng: random.Random, non_guides: list[str] | None = None) -> dict:
    """One entry; `non_guides` (the ids of ideas, courses and recommendations, in that order) can be passed
    in so that a large catalogue does not build that list once per entry."""
    data = dict(templates[kind][index % len(templates[kind])])
    if non_guides is None:
        non_guides = ids["ideas"] + ids["courses"] + ids["recommendations"]
    own = ids[kind][index]
    if _pick is None:
        data["title"] = f"{rng.choice(TITLE_HEADS)} {rng.choice(WORDS)} og {rng.choice(WORDS)} nr. {index + 1}"
    else:
        first, second = _pick.pick(rng, 2)
        data["title"] = f"{rng.choice(TITLE_HEADS)} {first} og {second} nr. {index + 1}"
    data["summary"] = _paragraph(rng, 2)[:280].rstrip(" .") + "."
    body = [_paragraph(rng, rng.randint(3, 6)) for _ in range(rng.randint(2, 4))]
    body.insert(1, f"## {_sentence(rng, 4)[:-1]}")
    body.append("\n".join(f"- {_sentence(rng, 5)}" for _ in range(3)))
    data["body"] = "\n\n".join(body) + "\n"
    data["related"] = sorted({r for r in rng.sample(non_guides, min(3, len(non_guides))) if r != own})
    if kind == "guides":
        steps = []
        for step in data["steps"]:
            step = dict(step)
            step["entry"] = rng.choice(non_guides)
            steps.append(step)
        data["steps"] = steps
    return data


def write_catalogue(dest: Path, count: int, seed: int = 6, vocabulary: str = "small") -> dict[str, list[str]]:
    """Write a catalogue of `count` synthetic entries to `dest` (replacing it), streaming. Returns the ids per kind.

    vocabulary: "small" (the default, WORDS only) or "zipf" (see zipf_vocabulary)."""
    global _pick
    _pick = _Zipf(zipf_vocabulary()) if vocabulary == "zipf" else None
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copy(SHIPPED / "taxonomy.yaml", dest / "taxonomy.yaml")
    shutil.copytree(SHIPPED / "schema", dest / "schema")
    rng = random.Random(seed)
    templates = _templates()
    ids = plan_ids(count)
    non_guides = ids["ideas"] + ids["courses"] + ids["recommendations"]
    for kind in KINDS:  # one entry at a time: nothing but the ids is held in memory
        (dest / kind).mkdir()
        for i, entry_id in enumerate(ids[kind]):
            data = make_entry(kind, i, ids, templates, rng, non_guides)
            text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
            (dest / kind / f"{entry_id}.yaml").write_text(text, encoding="utf-8")
    return ids


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--vocabulary", choices=["small", "zipf"], default="small",
                        help="small: ~110 words on every page (worst case); zipf: 20,000 words, Zipf frequencies")
    args = parser.parse_args(argv)
    write_catalogue(args.out, args.count, args.seed, args.vocabulary)
    print(f"Skrev {args.count} syntetiske poster i {args.out}")


if __name__ == "__main__":
    main()
