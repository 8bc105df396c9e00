"""Geocode stage: find the places a report names and resolve each to a gazetteer entry.

Takes ``doc.text`` and ``doc.sentences``; adds ``doc.places``, a tuple of ``PlaceMention`` sorted
by start offset. A mention is a settlement ("Kharkiv", "Kiev", "Krivoy Rog"), a first-level region
("Kharkiv Oblast", "Kharkivska oblast", "the Sumy, Kherson and Dnipropetrovsk regions", "Crimea")
or a neighbouring country ("the border with Poland"). Ukraine and Russia themselves are never
emitted: reports name them as context ("Russia's Voronezh region", "across Ukraine"), not as where
something happened. Each mention has a role: "title" when the place is part of an official's title
or an institution's name ("Kyiv Mayor", "Sumy Oblast Military Administration"), "direction" when
it is a reference point ("west of Kyiv", "30 km from Kharkiv"), else "locative".

The data are the TSV files in ``warledger/data``: ``gazetteer.tsv`` (GeoNames settlements, built by
``scripts/build_gazetteer.py``), ``regions.tsv``, ``aliases.tsv``, ``countries.tsv`` and
``geocode_stopwords.tsv``. They are read once per process (``Gazetteer.default()``).

Matching is token-based and linear: one regex pass splits the text into words (no backtracking
beyond a run of capitals), and a capitalised word starts a dictionary look-up of at most a few
following words, longest first. No regex is built per place name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..model import Document, Place, PlaceMention
from ..packs import pack_for

DATA = Path(__file__).resolve().parent.parent / "data"

# Words, split at a lower->upper case change so that "2025Ternopil" and "inWestern" yield the
# place name. Alternatives are tried in order; the only backtracking is `[A-Z]+` giving back one
# capital before a lower-case letter, so the scan is linear in the text's length.
_WORD = re.compile(r"[A-Z][a-z]+|[A-Z]+(?![a-z])|[a-z]+")
# What may stand between the members of a list of regions ("Sumy, Kherson and Dnipropetrovsk").
_LISTSEP = re.compile(r"\s*,\s*(?:(?:and|or|&)\s+)?|\s+(?:and|or|&)\s+")
_APOSTROPHES = ("'", "’", "`", "ʼ")
# "in Russia", "Russia's", "Russian city of": the sentence places an ambiguous name in Russia.
_RUSSIA_CONTEXT = re.compile(
    r"\b(?:in|inside|into|across|of|within|western|southern|central)\s+Russia\b|\bRussia['’]s\b"
    r"|\bRussian\s+(?:border\s+)?(?:city|town|village|region|oblast|province|territory)\b"
)

# A region type word after a region's base name makes the region ("Kharkiv region").
REGION_TYPES = frozenset(
    {"oblast", "oblasts", "region", "regions", "regional", "krai", "province", "provinces", "territory"}
)
PLURAL_TYPES = frozenset({"oblasts", "regions", "provinces"})
# Words that may follow a settlement name without making it part of a longer name.
SETTLEMENT_TYPES = frozenset(
    {"city", "town", "village", "district", "raion", "rayon", "hromada", "community", "municipality"}
)
# After a place: the place is part of an official's title or an institution's name.
TITLE_AFTER = frozenset(
    {
        "mayor",
        "governor",
        "administration",
        "council",
        "head",
        "chief",
        "prosecutor",
        "prosecutors",
        "administrator",
        "ombudsman",
        "deputy",
    }
)
# Words that can sit between the place and a TITLE_AFTER word ("Kyiv City Military Administration",
# "Kharkiv Regional State Administration"); "military" alone is not a title ("Yavoriv military base").
TITLE_GLUE = frozenset({"city", "regional", "oblast", "region", "state", "municipal", "military"})
# Before "of": the place is part of a title ("Mayor of Kyiv", "the governor of the Mykolaiv region").
TITLE_BEFORE = frozenset(
    {"mayor", "governor", "head", "chief", "administrator", "prosecutor", "mayors", "governors", "ombudsman"}
)
DIRECTIONS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
    }
)
DISTANCE_UNITS = frozenset(
    {"km", "kms", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile"}
)
# Words skipped when looking back from a place for a title or direction ("governor of the
# Russian border region of", "west of Ukraine's central").
_SKIP_BACK = frozenset(
    {
        "the",
        "russian",
        "ukrainian",
        "ukraine",
        "russia",
        "s",
        "central",
        "eastern",
        "western",
        "northern",
        "southern",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "neighbouring",
        "neighboring",
        "occupied",
        "border",
        "frontline",
    }
)
# A capitalised word after a settlement name that still leaves the name a place ("Kyiv Monday").
_TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december".split()
)
# How many words before a bare "the capital" may name Moscow, making it Moscow's.
CAPITAL_CONTEXT_WORDS = 30
# "the capital" is Kyiv unless one of these follows it ("the capital markets").
_CAPITAL_NOUNS = frozenset(
    {
        "punishment",
        "gains",
        "investment",
        "investments",
        "market",
        "markets",
        "expenditure",
        "spending",
        "flows",
    }
)


@dataclass(slots=True)
class _Entry:
    """Everything one normalised name (a dictionary key) can denote."""

    settlement_ua: Place | None = None
    settlement_ru: Place | None = None
    curated: bool = False  # from aliases.tsv: always a place name, never stop-listed
    district: bool = False  # a district of Kyiv
    region_base: Place | None = None  # a region when "Oblast"/"region" follows
    adjective: Place | None = None  # "Kharkivska": a region on its own
    standalone: Place | None = None  # "Volyn", "Crimea": a region on its own
    country: Place | None = None
    emit_country: bool = False

    @property
    def region(self) -> Place | None:
        return self.adjective or self.standalone or self.region_base


def _key(name: str) -> str:
    """The dictionary key of a name: its words, lower-cased, one space apart."""
    return " ".join(w.lower() for w in _WORD.findall(name))


def _read_tsv(path: Path) -> list[dict[str, str]]:
    lines = [
        ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")
    ]
    header = lines[0].split("\t")
    n = len(header)
    return [dict(zip(header, (ln.split("\t") + [""] * n)[:n], strict=True)) for ln in lines[1:]]


def _split(cell: str) -> list[str]:
    return [x for x in cell.split("|") if x]


class Gazetteer:
    """The place index: settlements, regions and countries, and the matcher over it."""

    _default: Gazetteer | None = None

    def __init__(self, data_dir: Path = DATA):
        self._index: dict[str, _Entry] = {}
        self._regions: dict[str, Place] = {}
        self._capital_of: dict[str, int] = {}  # region ISO -> capital geonameid
        self._capitals: set[int] = set()
        # (lower main name, country, admin1) -> the most populous such settlement
        self._homonyms: dict[tuple[str, str, str | None], Place] = {}
        self._by_id: dict[int, Place] = {}
        self._load(data_dir)
        # first word of each key -> the longest key (in words) that starts with it
        self._maxlen: dict[str, int] = {}
        for key in self._index:
            words = key.split(" ")
            if len(words) > self._maxlen.get(words[0], 0):
                self._maxlen[words[0]] = len(words)

    @classmethod
    def default(cls) -> Gazetteer:
        """The shipped gazetteer, loaded once per process."""
        if cls._default is None:
            cls._default = cls()
        return cls._default

    # --- loading -------------------------------------------------------------------------

    def _entry(self, name: str) -> _Entry:
        key = _key(name)
        e = self._index.get(key)
        if e is None:
            e = self._index[key] = _Entry()
        return e

    def _load(self, data_dir: Path) -> None:
        stop_rows = _read_tsv(data_dir / "geocode_stopwords.tsv")
        self.stopwords = {r["word"].lower() for r in stop_rows}
        self.titles = {r["word"].lower() for r in stop_rows if r["kind"] == "title"}
        self.first_names = {r["word"].lower() for r in stop_rows if r["kind"] == "firstname"}

        region_rows = _read_tsv(data_dir / "regions.tsv")
        for r in region_rows:
            self._capitals.add(int(r["capital_geonameid"]))

        # Settlements: every name and filtered alternate of every row is a candidate for its key;
        # the flag says whether it is the row's main name.
        candidates: dict[str, list[tuple[Place, bool]]] = {}
        names: dict[tuple[str, str], list[Place]] = {}  # (lower name, country) -> places
        for r in _read_tsv(data_dir / "gazetteer.tsv"):
            place = Place(
                name=r["name"],
                level="settlement",
                country=r["country"],
                admin1=r["admin1"],
                geonameid=int(r["geonameid"]),
                lat=float(r["lat"]),
                lon=float(r["lon"]),
                population=int(r["population"]),
            )
            self._by_id[place.geonameid] = place  # type: ignore[index]
            names.setdefault((place.name.lower(), place.country), []).append(place)
            known = self._homonyms.get((place.name.lower(), place.country, place.admin1))
            if known is None or (known.population or 0) < (place.population or 0):
                self._homonyms[(place.name.lower(), place.country, place.admin1)] = place
            for n, main in [(place.name, True), *((a, False) for a in _split(r["aliases"]))]:
                key = _key(n)
                if key in self.stopwords:
                    continue
                candidates.setdefault(key, []).append((place, main))
        for key, cands in candidates.items():
            e = self._index.setdefault(key, _Entry())
            pool = self._pool(cands)
            e.settlement_ua = self._best(p for p in pool if p.country == "UA")
            e.settlement_ru = self._best(p for p in pool if p.country != "UA")

        # Curated aliases override GeoNames: one place per alias.
        for r in _read_tsv(data_dir / "aliases.tsv"):
            found = names.get((r["canonical"].lower(), r["country"]))
            if not found:
                raise ValueError(f"aliases.tsv: {r['canonical']!r} ({r['country']}) is not in gazetteer.tsv")
            e = self._entry(r["alias"])
            best = self._best(found)
            assert best is not None  # found is not empty
            place = best
            e.settlement_ua = place if place.country == "UA" else None
            e.settlement_ru = place if place.country != "UA" else None
            e.curated = True
            e.district = r["kind"] == "district"

        # Regions: the Place takes its capital's coordinates (an oblast has no point of its own).
        for r in region_rows:
            capital = self._by_id[int(r["capital_geonameid"])]
            region = Place(
                name=r["name"],
                level="admin1",
                country=r["iso"][:2],
                admin1=r["iso"],
                geonameid=None,
                lat=capital.lat,
                lon=capital.lon,
            )
            self._regions[r["iso"]] = region
            self._capital_of[r["iso"]] = capital.geonameid  # type: ignore[assignment]
            for n in _split(r["bases"]):
                self._entry(n).region_base = region
            for n in _split(r["adjectives"]):
                self._entry(n).adjective = region
            for n in _split(r["standalone"]):
                self._entry(n).standalone = region

        for r in _read_tsv(data_dir / "countries.tsv"):
            country = Place(name=r["name"], level="country", country=r["code"])
            for n in _split(r["spellings"]):
                e = self._entry(n)
                e.country = country
                e.emit_country = r["emit"] == "yes"

    @staticmethod
    def _pool(cands: list[tuple[Place, bool]]) -> list[Place]:
        """The places a name can denote: those whose main GeoNames name it is, else those that have it
        as an alternate. "Voronezh" is the Russian city, not the Ukrainian village Voronizh that
        GeoNames also calls so; "Samar" is the Ukrainian city, not Samara. (A population rule across
        the two would pick city sections such as Donetsk's "Oleksandrivskyi" for every Oleksandrivka.)"""
        mains = [p for p, m in cands if m]
        return mains or [p for p, _ in cands]

    def _best(self, places) -> Place | None:
        """Of several places with one name: a regional capital, else the most populous."""
        return max(places, key=lambda p: (p.geonameid in self._capitals, p.population), default=None)

    # --- public look-ups -------------------------------------------------------------------

    def region(self, iso: str) -> Place | None:
        """The admin1 Place of an ISO 3166-2 code ("UA-63" -> Kharkiv Oblast); None if unknown."""
        return self._regions.get(iso)

    def regions(self) -> list[Place]:
        return list(self._regions.values())

    def capital(self, iso: str) -> Place | None:
        """The settlement that is the administrative centre of a region ("UA-23" -> Zaporizhzhya)."""
        gid = self._capital_of.get(iso)
        return None if gid is None else self._by_id.get(gid)

    def namesake_in(self, place: Place, admin1: str) -> Place | None:
        """The settlement of the same name in region ``admin1`` ("Serhiivka" of Odesa Oblast,
        where the most populous Serhiivka is in Poltava Oblast), or None."""
        if place.level != "settlement" or place.admin1 == admin1:
            return None
        return self._homonyms.get((place.name.lower(), place.country, admin1))

    def governed_region(self, place: Place) -> Place | None:
        """The region a settlement is the seat of, where that is not its own admin1 (Kyiv is
        Kyiv Oblast's seat, not part of it): "Kyiv governor" governs Kyiv Oblast."""
        if place.geonameid is None:
            return None
        for iso, gid in self._capital_of.items():
            if gid == place.geonameid and iso != place.admin1:
                return self._regions.get(iso)
        return None

    def is_capital(self, place: Place) -> bool:
        """Whether a settlement is the capital of a region in regions.tsv (Kyiv, Kharkiv, ...)."""
        return place.geonameid is not None and place.geonameid in self._capitals

    def lookup(self, name: str) -> Place | None:
        """The place a single name denotes ("Kharkov" -> Kharkiv, "Kharkivska oblast" -> Kharkiv Oblast)."""
        name = name.strip()
        hits = self.find(name)
        if len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(name):
            return hits[0].place
        e = self._index.get(_key(name))
        if e is None:
            return None
        return e.standalone or e.adjective or e.settlement_ua or e.settlement_ru or e.country or e.region_base

    # --- matching ----------------------------------------------------------------------------

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[PlaceMention]:
        """Place mentions inside ``text[start:end]``, in order; offsets index ``text``."""
        end = len(text) if end is None else end
        ms = list(_WORD.finditer(text, start, end))
        return _Matcher(self, text, start, end, ms).run()


class _Matcher:
    """One pass over one span of text. Tokens are the regex's words; separators are the text between."""

    def __init__(self, gaz: Gazetteer, text: str, start: int, end: int, ms: list[re.Match[str]]):
        self.g = gaz
        self.text = text
        self.start = start
        self.end = end
        self.words = [m.group() for m in ms]
        self.low = [w.lower() for w in self.words]
        self.s = [m.start() for m in ms]
        self.e = [m.end() for m in ms]
        self.n = len(ms)
        self._russia: bool | None = None
        self._ru_seen = False  # a Russian place is among the hits
        # hits: [first token, end token, place, entry, typed]; "typed" when the span ends with a
        # region type word ("Kharkiv region"), which ends a list that a later plural spreads over
        self.hits: list[list] = []

    # separators -------------------------------------------------------------------------------

    def sep(self, t: int) -> str:
        """The text between token t and token t + 1."""
        return self.text[self.e[t] : self.s[t + 1]]

    def spaced(self, t: int) -> bool:
        """Token t and t + 1 are separated by plain spaces only (same line, no punctuation)."""
        if t + 1 >= self.n:
            return False
        sep = self.sep(t)
        return bool(sep) and sep.strip(" \t\u00a0") == ""

    def possessive(self, t: int) -> bool:
        """Token t is followed by 's ("Kyiv's", "Kharkiv’s")."""
        return t + 1 < self.n and self.low[t + 1] == "s" and self.sep(t) in _APOSTROPHES

    def joins(self, t: int) -> bool:
        """Tokens t and t + 1 can be two words of one name ("Kryvyi Rih", "Ivano-Frankivsk", "St. Petersburg")."""
        sep = self.sep(t)
        return sep in (" ", "-", "\u00a0") or (self.low[t] == "st" and sep in (".", ". "))

    def next_word(self, t: int) -> int | None:
        """The index of the word after token t when only spaces separate them, skipping a possessive."""
        if self.possessive(t):
            t += 1
        return t + 1 if self.spaced(t) else None

    def prev_word(self, t: int) -> int | None:
        """The index of the word before token t when only spaces (or a hyphen) separate them."""
        if t == 0:
            return None
        sep = self.sep(t - 1)
        if sep and (sep.strip(" \t\u00a0") == "" or sep == "-"):
            return t - 1
        return None

    # main loop -----------------------------------------------------------------------------

    def run(self) -> list[PlaceMention]:
        g, low, words = self.g, self.low, self.words
        i = 0
        fwd_region = False  # inside "the regions of X, Y and Z"
        while i < self.n:
            w = words[i]
            if not w[0].isupper():
                if low[i] == "capital":
                    self._capital(i)
                i += 1
                continue
            maxn = g._maxlen.get(low[i])
            if not maxn:
                i += 1
                continue
            k, entry = self._longest(i, maxn)
            if entry is None:
                i += 1
                continue
            j = i + k
            hit = self._resolve(i, j, entry, fwd_region)
            if hit is None:
                i = j
                continue
            a, b, place, plural = hit
            if place.level == "admin1" and plural:
                if a < i:  # "regions of X, Y and Z"
                    fwd_region = True
                else:  # "X, Y and Z regions"
                    self._spread_back(a)
            elif fwd_region and not (self.hits and self._listsep(self.hits[-1][1], a)):
                fwd_region = False
            self._add(a, b, place, entry, b > j or a < i)
            i = max(b, j)
        return self._emit()

    def _add(self, a: int, b: int, place: Place, entry: _Entry, typed: bool = False) -> None:
        self.hits.append([a, b, place, entry, typed])
        self._ru_seen = self._ru_seen or place.country == "RU"

    def _longest(self, i: int, maxn: int) -> tuple[int, _Entry | None]:
        idx = self.g._index
        k = 1
        # how many tokens from i can form one name
        while k < maxn and i + k < self.n and self.joins(i + k - 1):
            k += 1
        for size in range(k, 0, -1):
            e = idx.get(" ".join(self.low[i : i + size]))
            if e is not None:
                return size, e
        return 0, None

    def _listsep(self, b: int, a: int) -> bool:
        """Tokens b-1 and a are neighbours in a list ("Sumy, Kherson and ...")."""
        return 0 < b <= a and _LISTSEP.fullmatch(self.text, self.e[b - 1], self.s[a]) is not None

    def _spread_back(self, a: int) -> None:
        """ "Lvivska, Rivnenska and Volynska oblasts": the plural type word makes every member a region."""
        # Stops at a member with its own type word, so each hit is walked at most once (linear time).
        for h in reversed(self.hits):
            if h[4] or not self._listsep(h[1], a) or h[3].region is None:
                break
            h[2] = h[3].region if h[2].level != "admin1" else h[2]
            a = h[0]

    def _resolve(self, i: int, j: int, e: _Entry, fwd_region: bool) -> tuple[int, int, Place, bool] | None:
        """What tokens i..j denote here: (span first token, span end token, place, plural type)."""
        low = self.low
        nxt = j if self.spaced(j - 1) else None
        # 1. "Kharkiv Oblast", "Kharkivska oblast", "Moscow region", "Kharkiv regional governor"
        if nxt is not None and low[nxt] in REGION_TYPES and (e.region_base or e.adjective or e.standalone):
            region = e.adjective or e.region_base or e.standalone
            return i, nxt + 1, region, low[nxt] in PLURAL_TYPES  # type: ignore[return-value]
        # 2. an adjectival name alone is the oblast ("Kharkivska", "Zaporizka")
        if e.adjective is not None:
            return i, j, e.adjective, False
        # 3. "region of Volyn", "the regions of Kharkiv and Sumy"
        p1 = self.prev_word(i)
        if e.region_base is not None and p1 is not None and low[p1] == "of":
            p2 = self.prev_word(p1)
            if p2 is not None and low[p2] in REGION_TYPES:
                return p2, j, e.region_base, low[p2] in PLURAL_TYPES
        if fwd_region and e.region_base is not None and self.hits and self._listsep(self.hits[-1][1], i):
            return i, j, e.region_base, False
        # 4. names that alone are a region ("Volyn", "Crimea", "Dnipropetrovsk")
        if e.standalone is not None:
            return None if self._blocked(i, j, nxt) else (i, j, e.standalone, False)
        # 5. settlements
        place = self._settlement(e, i)
        if place is not None:
            if self._blocked(i, j, nxt) or (e.district and self._other_city_district(i, j)):
                return None
            return i, j, place, False
        if e.country is not None and e.emit_country and not self._blocked(i, j, nxt):
            return i, j, e.country, False
        return None

    def _settlement(self, e: _Entry, i: int) -> Place | None:
        ua, ru = e.settlement_ua, e.settlement_ru
        if ua is not None and ru is not None:
            return ru if self._in_russia() else ua
        return ua or ru

    def _in_russia(self) -> bool:
        """The span says it is about Russia: "in Russia", "Russia's", or an earlier Russian place."""
        if self._ru_seen:
            return True
        if self._russia is None:
            self._russia = _RUSSIA_CONTEXT.search(self.text, self.start, self.end) is not None
        return self._russia

    def _blocked(self, i: int, j: int, nxt: int | None) -> bool:
        """A name that is part of a person's or an organisation's name ("Ivan Kyiv", "Kyiv Independent")."""
        p = self.prev_word(i)
        if p is not None and self.words[p][0].isupper() and self.sep(p) != "-":
            lp = self.low[p]
            if lp in self.g.titles or lp in self.g.first_names:
                return True
        if nxt is not None and nxt < self.n and self.words[nxt][0].isupper():
            ln = self.low[nxt]
            if ln in REGION_TYPES or ln in SETTLEMENT_TYPES or ln in TITLE_AFTER or ln in _TIME_WORDS:
                return False
            # "Mayor of Kyiv Vitali Klitschko": a title before the place lets a name follow it
            return not self._title_before(i)
        return False

    def _other_city_district(self, i: int, j: int) -> bool:
        """A Kyiv district name used for another city's district ("Kharkiv's Shevchenkivskyi district")."""
        if self.hits:
            h = self.hits[-1]
            if h[1] + 1 == i and self.possessive(h[1] - 1) and h[2].admin1 != "UA-30":
                return True
        # "the Shevchenkivskyi district of Kharkiv"
        t = j
        if t < self.n and self.low[t] in ("district", "raion"):
            t += 1
        if t + 1 < self.n and self.low[t] == "of" and self.words[t + 1][0].isupper():
            e = self.g._index.get(self.low[t + 1])
            if e is not None and e.settlement_ua is not None and e.settlement_ua.admin1 != "UA-30":
                return True
        return False

    def _capital(self, i: int) -> None:
        """ "the capital", "the Ukrainian capital", "Ukraine's capital" -> Kyiv; "the Russian capital" -> Moscow."""
        low = self.low
        p = self.prev_word(i)
        country = "UA"
        if p is None:
            return
        if (
            low[p] == "s"
            and p >= 1
            and self.sep(p - 1) in _APOSTROPHES
            and low[p - 1] in ("ukraine", "russia")
        ):
            a = p - 1  # "Ukraine's capital"
            country = "RU" if low[a] == "russia" else "UA"
        elif low[p] == "the":
            a = p
            # "Moscow Mayor Sergei Sobyanin said three drones flying towards the capital …":
            # a bare "the capital" after Moscow and no Kyiv is Moscow
            window = set(low[max(0, i - CAPITAL_CONTEXT_WORDS) : i])
            if "moscow" in window and not window & {"kyiv", "kiev", "ukraine", "ukrainian"}:
                country = "RU"
        elif low[p] in ("ukrainian", "russian"):
            country = "RU" if low[p] == "russian" else "UA"
            pp = self.prev_word(p)
            a = pp if pp is not None and low[pp] == "the" else p
        else:  # "the regional capital", "the region's capital"
            return
        b = i + 1
        nxt = self.next_word(i)
        if nxt is not None and not self.possessive(i):
            if low[nxt] in _CAPITAL_NOUNS:
                return
            if low[nxt] == "of":
                if nxt + 1 < self.n and low[nxt + 1] in ("ukraine", "russia") and self.spaced(nxt):
                    country = "RU" if low[nxt + 1] == "russia" else "UA"
                    b = nxt + 2
                else:  # "the capital of the Kharkiv region" is Kharkiv, said elsewhere
                    return
        city = (
            self.g._index["moscow"].settlement_ru if country == "RU" else self.g._index["kyiv"].settlement_ua
        )
        if city is not None:
            self._add(a, b, city, _Entry())

    # roles -------------------------------------------------------------------------------------

    def _skip_back(self, t: int | None) -> int | None:
        """From token t backwards, past "the", "Russia's", "southern" and the like; the first other word."""
        steps = 0
        while t is not None and steps < 6:
            lt = self.low[t]
            if lt == "s" and t > 0 and self.sep(t - 1) in _APOSTROPHES:
                t = t - 1  # the possessive's owner, checked next round
            elif lt in _SKIP_BACK:
                t = self.prev_word(t)
            else:
                return t
            steps += 1
        return None

    def _title_before(self, a: int) -> bool:
        t = self._skip_back(self.prev_word(a))
        if t is None or self.low[t] != "of":
            return False
        p = self.prev_word(t)
        return p is not None and self.low[p] in TITLE_BEFORE

    def _title_after(self, b: int) -> bool:
        t: int | None = b - 1
        for _ in range(4):
            t = self.next_word(t) if t is not None else None
            if t is None:
                return False
            lt = self.low[t]
            if lt in TITLE_AFTER:
                return True
            if lt not in TITLE_GLUE:
                return False
        return False

    def _direction(self, a: int) -> bool:
        p = self.prev_word(a)
        if p is not None and self.low[p] in ("bordering", "borders"):  # "the region borders Poland"
            return True
        t = self._skip_back(p)
        if t is None:
            return False
        lt = self.low[t]
        if lt in ("of", "from", "with"):
            q = self.prev_word(t)
            if q is None:
                return False
            lq = self.low[q]
            if lt == "of":
                return lq in DIRECTIONS
            if lt == "from":
                if lq == "away":
                    q = self.prev_word(q)
                    lq = self.low[q] if q is not None else ""
                return lq in DISTANCE_UNITS
            return lq in ("border", "borders", "frontier")
        return False

    def _role(self, a: int, b: int) -> str:
        if self._title_after(b) or self._title_before(a):
            return "title"
        if self._direction(a):
            return "direction"
        return "locative"

    def _emit(self) -> list[PlaceMention]:
        out = []
        for a, b, place, _, _ in self.hits:
            s, e = self.s[a], self.e[b - 1]
            out.append(PlaceMention(s, e, self.text[s:e], place, self._role(a, b)))
        return out


def find_places(text: str, start: int = 0, end: int | None = None) -> list[PlaceMention]:
    """Place mentions in ``text[start:end]`` with the shipped gazetteer."""
    return Gazetteer.default().find(text, start, end)


class GeocodeStage:
    """Pipeline stage: ``places`` from ``sentences``, one ``find`` per sentence."""

    name = "geocode"
    requires = ("sentences",)
    assigns = ("places",)

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gazetteer = gazetteer or Gazetteer.default()

    def __call__(self, doc: Document) -> Document:
        # a language pack's own place names, else this gazetteer's (English spellings)
        find = pack_for(doc.lang).find_places or self.gazetteer.find
        mentions: list[PlaceMention] = []
        for s in doc.sentences:
            mentions.extend(find(doc.text, s.start, s.end))
        mentions.sort(key=lambda m: (m.start, m.end))
        return doc.with_(places=tuple(mentions))
