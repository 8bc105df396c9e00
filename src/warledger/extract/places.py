"""Where a figure happened: from its clause, its sentence, its paragraph, its section, or
the one place the whole report is about.

Place resolution follows how reports write: a place right after the figure ("21 over the
Belgorod region"); a place in the figure's own clause; else one earlier in the sentence
("In Kherson, the governor said … killed two"); else later in it; else the official's own
region ("the governor of the Mykolaiv region said six were shot down there"); else the
paragraph's last-named place, the section heading ("===Kyiv==="), or the one place the
report is about. Munition totals (launched, intercepted) are national unless their own
clause names one region. Titles ("Moscow Mayor"), datelines ("KYIV, July 9 -"), metonyms
("Moscow says") and directions ("north of the Lviv region") are never where it happened.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..model import Document, Place, PlaceMention
from ..vocabulary import Kind
from .context import SentenceInfo
from .lexicon import (
    CASUALTY_TRIGGERS,
    CITY_SOURCES,
    ENCLOSING,
    FACILITY_NAME_NOUNS,
    LOCAL_AREA_OBJECTS,
    METONYMY_NEXT,
    NATIONAL_SOURCES,
    OUTLET_NOUNS,
    PERSON_NOUNS,
    REGION_WIDE_MARKERS,
    REGIONAL_SOURCES,
    ROUTE_NOUNS,
)
from .text import Token

if TYPE_CHECKING:
    from .figures import Figure


_CITY_DISTRICT_OF = re.compile(r"\s{1,3}(?:district|raion)\s{0,3},\s{0,3}$", re.IGNORECASE)
# "the city's Kyivskyi district", "in the Shevchenkivskyi district": a part of a city the
# report names elsewhere (an adjective, unlike a district named after its town), not a place
_CITY_DISTRICT_NAME = re.compile(r"(?:skyi|skyy|tskyi|zkyi|ivskyi)$", re.IGNORECASE)
_OWN_CITY = re.compile(r"\b(?:city|town|capital|village)['’]s\s{1,3}$", re.IGNORECASE)


def drop_possessed(mentions: list[PlaceMention], text: str) -> list[PlaceMention]:
    """ "Kharkiv's Kyivskyi district": the second name is a part of the first; "Dniprovskyi
    District, Kherson": a district named like one of Kyiv's is the named city's."""
    out: list[PlaceMention] = []
    for i, m in enumerate(mentions):
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if (
            m.place.level == "settlement"
            and (_OWN_CITY.search(text, max(0, m.start - 12), m.start) or _CITY_DISTRICT_NAME.search(m.text))
            and _DISTRICT.match(text, m.end)
        ):
            continue  # "in the Kyivskyi district" of a city: no settlement of that name
        if (
            nxt is not None
            and nxt.place.level == "settlement"
            and nxt.place.admin1 != m.place.admin1
            and _CITY_DISTRICT_OF.fullmatch(text, m.end, nxt.start)
        ):
            continue
        if (
            nxt is not None
            and m.text.lower().startswith("the ")
            and text[m.end : nxt.start].strip() in (",", "")
        ):
            continue  # "the capital, Moscow": the name that follows says which capital
        if out and out[-1].place.level == "settlement" and text[out[-1].end : m.start] in ("'s ", "’s ", " "):
            if text[out[-1].end : m.start] != " " or out[-1].text.endswith(("'s", "’s")):
                continue
        if (
            out
            and out[-1].text.endswith(("'s", "’s"))
            and out[-1].place.level == "settlement"
            and 0 <= m.start - out[-1].end <= 1
        ):
            continue
        out.append(m)
    return out


def assign_role(m: PlaceMention, tokens: list[Token]) -> PlaceMention:
    """A place followed by a speech verb is a government ("Moscow says"), not a location;
    a dateline ("KYIV, July 9 -") is where the reporter files from."""
    if m.role != "locative":
        return m
    if tokens and m.start == tokens[0].start and m.text.isupper() and len(m.text) > 2:
        return replace(m, role="dateline")
    after = [t for t in tokens if t.start >= m.end][:3]
    nxt = after[0] if after else None
    if nxt is not None and nxt.text in OUTLET_NOUNS:
        return replace(m, role="outlet")  # "The Kyiv Independent", "The Moscow Times": a publisher
    if nxt is not None and nxt.low in FACILITY_NAME_NOUNS:
        return replace(m, role="facility")  # "the Druzhba pipeline": a name, not a place
    if _route_end(m, tokens):
        return replace(m, role="route")  # "trains on the Kyiv–Kharkiv line": an end of a route
    if nxt is not None and nxt.low in _AUX and len(after) > 1:
        # "Moscow has denied" is a government; "Kharkiv has been badly damaged" is a place
        if after[1].low in METONYMY_NEXT and after[1].low not in _AUX:
            return replace(m, role="agent")
        return m
    if nxt is not None and (
        nxt.low in METONYMY_NEXT or (nxt.low.endswith("ly") and nxt.low not in {"early"})
    ):
        return replace(m, role="agent")  # "Moscow says", "Kyiv rarely comments"
    return m


_AUX = frozenset({"has", "have", "is", "was", "had"})
_DASHES = frozenset({"-", "–", "—"})


def _route_end(m: PlaceMention, tokens: list[Token]) -> bool:
    """Whether the mention is one end of a route named by its ends: "the Kyiv-Odesa highway",
    "the Kyiv – Kharkiv line"."""
    i = next((k for k, t in enumerate(tokens) if t.end > m.start), len(tokens))
    if i >= len(tokens):
        return False

    def route(k: int) -> bool:
        return k < len(tokens) and tokens[k].low in ROUTE_NOUNS

    t = tokens[i]
    if "-" in t.text and (t.start < m.start or t.end > m.end):
        return route(i + 1)  # one hyphenated token holds both ends
    if i + 2 < len(tokens) and tokens[i + 1].text in _DASHES and tokens[i + 2].text[:1].isupper():
        return route(i + 3)
    return i >= 2 and tokens[i - 1].text in _DASHES and tokens[i - 2].text[:1].isupper() and route(i + 1)


# "over six regions", "in 11 oblasts": a figure spread over several regions is national
N_REGIONS = re.compile(
    r"\b(?:over|in|across|and|hit|struck|targeting|targeted)\s(?:at least\s|more than\s)?"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|multiple)\s(?:other\s)?(?:regions|oblasts|provinces)\b"
)


_DISTRICT = re.compile(r"\s{1,3}(?:district|raion|hromada|community|municipality)\b", re.IGNORECASE)


def _letters(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalpha())


# "near Kharkiv", "in the vicinity of Odesa", "in and near Kharkiv": around a settlement is
# in its region, not in the settlement itself (but "near the city of Yavoriv" names the city
# that a base is known by; and a city's outskirts are the city's: "a market on the outskirts
# of Kharkiv").
_AROUND = re.compile(
    r"\b(?:near|nearby|outside|around|vicinity\s+of|close\s+to|not\s+far\s+from|suburbs\s+of)"
    r"\s{1,3}$",
    re.IGNORECASE,
)


def _region_of(place: Place) -> Place:
    from ..geocode import Gazetteer

    region = Gazetteer.default().region(place.admin1) if place.admin1 else None
    return region or place


def _as_region(m: PlaceMention) -> PlaceMention:
    from ..geocode import Gazetteer

    region = Gazetteer.default().region(m.place.admin1) if m.place.admin1 else None
    return replace(m, place=region) if region is not None else m


# A settlement this large is meant by its name even where a namesake village lies in a region
# the report names.
NAMESAKE_MAX_POPULATION = 50_000


def namesake(m: PlaceMention, regions: list[str]) -> PlaceMention:
    """ "Serhiivka, …, Odesa Oblast": of several settlements of one name, the one in a region the
    report names (``regions``, the sentence's first, then the report's)."""
    if m.place.level != "settlement" or not m.place.admin1 or m.place.admin1 in regions:
        return m
    from ..geocode import Gazetteer

    gaz = Gazetteer.default()
    if gaz.is_capital(m.place) or (m.place.population or 0) >= NAMESAKE_MAX_POPULATION:
        return m  # "Kharkiv" is the city, whatever villages share its name
    for code in regions:
        other = gaz.namesake_in(m.place, code)
        if other is not None:
            return replace(m, place=other)
    return m


def city_regions(mentions: Sequence[PlaceMention]) -> list[str]:
    """The regions of the large settlements a report names (those ``namesake`` never moves),
    most named first."""
    from ..geocode import Gazetteer

    gaz = Gazetteer.default()
    counts = Counter(
        m.place.admin1
        for m in mentions
        if m.place.level == "settlement"
        and m.place.admin1
        and (gaz.is_capital(m.place) or (m.place.population or 0) >= NAMESAKE_MAX_POPULATION)
    )
    return [code for code, _ in counts.most_common()]


_IN_REGION = re.compile(r"\s*(?:,|in(?:\s+the)?)\s*(?:(?:Russia|Ukraine)[’']s\s+)?")
_INTRODUCED = re.compile(r"\b(?:village|town|settlement|hamlet|city)\s+of\s+$")


def enclosed_elsewhere(mentions: list[PlaceMention], text: str) -> list[PlaceMention]:
    """ "the port of Pivdennyi in the Odesa region": a settlement the gazetteer places in
    another region than the one the report puts it in is a place we do not know; it stands for
    the region the report names (a namesake there would have been chosen already)."""
    out = list(mentions)
    for k in range(len(out) - 1):
        m, n = out[k], out[k + 1]
        if (
            m.place.level == "settlement"
            and n.place.level == "admin1"
            and n.place.admin1
            and m.place.admin1 != n.place.admin1
            and (m.place.population or 0) < NAMESAKE_MAX_POPULATION
            and _IN_REGION.fullmatch(text, m.end, n.start)
        ):
            if _INTRODUCED.search(text, max(0, m.start - 20), m.start):
                # "the village of Horodok in Russia's Kursk region": a settlement the report
                # names and places, that the gazetteer knows only elsewhere
                unlisted = Place(
                    name=m.text, level="settlement", country=n.place.country, admin1=n.place.admin1
                )
                out[k] = replace(m, place=unlisted)
            else:
                out[k] = replace(m, place=n.place)
    return out


def district_to_region(m: PlaceMention, text: str) -> PlaceMention:
    """ "the Nikopol district", "Kupiansk Raion" (a district named after its town) and "near
    Kharkiv" are in a region, not in the town: keep the region only."""
    if m.place.level != "settlement":
        return m
    # the district keeps its town's name in the report's own spelling ("Kupiansk" / Kupyansk)
    named = _letters(m.text)[:3] == _letters(m.place.name)[:3]
    if named and _DISTRICT.match(text, m.end):
        return _as_region(m)
    if _AROUND.search(text, max(0, m.start - 40), m.start):
        return _as_region(m)
    return m


NAMED_SETTLEMENT = re.compile(
    r"\b(?:village|town|settlement|hamlet|city) of ([A-Z][a-z’'-]{2,30}(?: [A-Z][a-z’'-]{2,30})?)"
)


# How many sentences back a settlement the gazetteer lacks looks for its region.
UNLISTED_REACH = 3


def unlisted_settlements(
    stext: str, base: int, places: list, infos: list, named_regions: list[str] | None = None
) -> list[PlaceMention]:
    """ "in the village of Dubovoye": a settlement too small for the shipped gazetteer, in the
    one region its sentence names, else the last sentences before it, else the one region
    the whole report names."""
    out: list[PlaceMention] = []

    def add(start: int, end: int, name: str, admin1: str) -> None:
        if any(q.start <= start < q.end for q, _ in places) or any(o.start == start for o in out):
            return  # a place the gazetteer (or an earlier pattern) already names
        place = Place(name=name, level="settlement", country=admin1[:2], admin1=admin1)
        out.append(PlaceMention(start, end, name, place))

    regions_here = {p.place.admin1 for p, _ in places if p.place.admin1}
    for m in NAMED_SETTLEMENT.finditer(stext):
        regions = regions_here
        for prev in reversed(infos[-UNLISTED_REACH:]):
            if regions:
                break
            regions = {p.place.admin1 for p, _ in prev.places if p.place.admin1 and p.role == "locative"}
        if not regions and named_regions is not None and len(set(named_regions)) == 1:
            regions = set(named_regions)
        if len(regions) == 1:
            add(base + m.start(1), base + m.end(1), m.group(1), next(iter(regions)))
    # "Chuhuiv district: in Chkalovske, a woman was injured": a name the gazetteer lacks that
    # opens the sentence or a labelled entry, in the one region the sentence names
    opening = _OPENING_IN.match(stext)
    if opening and len(regions_here) == 1 and opening.group(1).lower() not in _NOT_PLACE_WORDS:
        add(base + opening.start(1), base + opening.end(1), opening.group(1), next(iter(regions_here)))
    # "in Maslova Pristan, Belgorod Oblast, Russia": a name the gazetteer lacks, set in the
    # region named right after it
    for p, _ in places:
        if p.place.level != "admin1" or not p.place.admin1:
            continue
        before = _IN_NAME_COMMA.search(stext, max(0, p.start - base - 50), p.start - base)
        if before is not None:
            add(base + before.start(1), base + before.end(1), before.group(1), p.place.admin1)
    return out


_OPENING_IN = re.compile(
    r"\s*(?:[-–•*]\s*)?(?:[A-Z][\w’'-]*(?:\s[\w’'-]+){0,3}:\s*)?[Ii]n\s+([A-Z][a-z’'-]{3,30}),"
)
_NOT_PLACE_WORDS = frozenset(
    """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday telegram total addition response
    particular general short brief turn return fact summary parallel
    """.split()
)
_IN_NAME_COMMA = re.compile(r"\bin\s+([A-Z][a-z’'-]{2,30}(?:\s[A-Z][a-z’'-]{2,30})?),\s{1,2}$")


def repeated_settlements(stext: str, base: int, places: list, known: dict[str, Place]) -> list[PlaceMention]:
    """Later mentions of a settlement the report introduced as "the village of Hroza": the
    gazetteer does not know it, the report does ("a café in Hroza")."""
    out: list[PlaceMention] = []
    for name, place in known.items():
        at = stext.find(name)
        while at >= 0:
            start = base + at
            bounded = (at == 0 or not stext[at - 1].isalnum()) and (
                at + len(name) == len(stext) or not stext[at + len(name)].isalnum()
            )
            if bounded and not any(p.start <= start < p.end for p, _ in places):
                out.append(PlaceMention(start, start + len(name), name, place))
            at = stext.find(name, at + len(name))
    return out


def surface_name(pl: Place, doc: Document) -> str:
    """The settlement as the report spells it ("Zaporizhzhia", "Kiev"), when the report names
    it by a spelling of its own name; else the GeoNames name. Gold files list the report's
    spelling among a place's aliases, so this is what matches whoever reads the report."""
    if pl.geonameid is None:
        return pl.name
    for m in doc.places:
        if m.place.geonameid != pl.geonameid or m.place.level != "settlement":
            continue
        name = m.text.replace("’", "'")
        if name.endswith("'s"):
            name = name[:-2]
        if name.isupper():
            name = name.title()
        same_shape = name[:2].lower() == pl.name[:2].lower() and len(name.split()) == len(pl.name.split())
        if same_shape or name.lower() == pl.name.lower():
            return name.strip()
    return pl.name


def region_wide(info: SentenceInfo, clause: int) -> bool:
    words = info.clauses.get(clause, "")
    return any(m in words for m in REGION_WIDE_MARKERS)


def _national_source(source: str | None) -> bool:
    low = (source or "").lower()
    return any(n in low for n in NATIONAL_SOURCES)


def regional_source(source: str | None) -> bool:
    if not source:
        return False
    low = source.lower()
    return any(r in low for r in REGIONAL_SOURCES) or low.startswith("governor") or " governor" in low


def _city_source(source: str | None) -> bool:
    low = (source or "").lower()
    return any(c in low for c in CITY_SOURCES)


def _source_region(
    info: SentenceInfo,
    titled: list[PlaceMention],
    main: tuple[Place, bool] | None,
    infos: list[SentenceInfo] | None = None,
):
    """A regional official's munition count ("Ukrainian forces shot down nine drones, Kyiv's
    military administration said") is for the official's region: the place of their title,
    else the place their statement's clause names (or the sentence that named them first:
    a post's byline), else the place the report is about."""
    picked = _pick(titled) if titled else None
    for said in [info, *(infos or [])]:
        if picked is not None or not info.source:
            break
        # "Local authorities of the Kharkiv region confirm that …": the attribution's own clause
        at = said.text.find(info.source)
        if at >= 0:
            inside = [
                m for m, _ in said.places if at <= m.start - said.sentence.start < at + len(info.source)
            ]
            picked = _pick(inside) if inside else None
    if picked is None:
        picked = main
    return None if picked is None else (picked[0], False)


_PERIOD = re.compile(
    r"\b(?:past|last|previous)\s(?:24\shours|day|days|week)\b|\bover the day\b|\bduring the day\b"
)


def regional_reading(info: SentenceInfo, pl: Place) -> bool:
    """A regional governor's "In Kherson, … shelling killed two over the past day" reports
    the region: the name opens the sentence or the figure covers a period, and the report
    does not say "the city of"."""
    for m, _ in info.places:
        if m.place.geonameid != pl.geonameid:
            continue
        before = info.text[: m.start - info.sentence.start].lower()
        if before.endswith(("city of ", "town of ")):
            return False
        if before.strip() == "in" or _PERIOD.search(info.lowered):
            return True
    return False


def is_oblast_capital(pl: Place) -> bool:
    from ..geocode import Gazetteer

    return Gazetteer.default().is_capital(pl)


_REGIONAL_TITLE = re.compile(r"\b(?:governor|regional|oblast)\b", re.IGNORECASE)


def _governed(m: PlaceMention, info: SentenceInfo) -> PlaceMention:
    """ "Kyiv governor Oleksiy Kuleba": a governor's place is the region they govern."""
    if m.place.level != "settlement":
        return m
    base = info.sentence.start
    window = info.text[max(0, m.start - base - 25) : m.end - base + 25]
    if not _REGIONAL_TITLE.search(window):
        return m
    from ..geocode import Gazetteer

    region = Gazetteer.default().governed_region(m.place)
    return replace(m, place=region) if region is not None else _as_region(m)


def _usable(m: PlaceMention) -> bool:
    return m.role == "locative" and m.place.level != "country"


# A munition count this small, unplaced, in a report about one place is that place's strike.
SINGLE_TARGET_MAX = 10


def _pick(mentions: list[PlaceMention]) -> tuple[Place, bool] | None:
    """One place for a set of mentions: their common region (the settlement if one), or None."""
    if not mentions:
        return None
    regions = {m.place.admin1 for m in mentions}
    inner = {r for r in regions if ENCLOSING.get(r or "") in regions}
    outer_named_as_region = all(m.place.level == "admin1" for m in mentions if m.place.admin1 not in inner)
    if len(inner) == 1 and len(regions) == 2 and outer_named_as_region:
        # "Sevastopol, Crimea": the inner region and its place
        mentions = [m for m in mentions if m.place.admin1 in inner]
        regions = inner
    if len(regions) != 1:
        return None
    settlements = {m.place.name: m.place for m in mentions if m.place.level == "settlement"}
    if len(settlements) == 1:
        return next(iter(settlements.values())), True
    if len(settlements) > 1:
        # "Kyiv … Solomianskyi district" both resolve to one city; else the region
        names = {p.name for p in settlements.values()}
        if len(names) == 1:
            return next(iter(settlements.values())), True
    region_mentions = [m.place for m in mentions if m.place.level == "admin1"]
    if region_mentions:
        return region_mentions[0], False
    if settlements:
        return next(iter(settlements.values())), False
    return None  # only countries ("Poland's operational command"): no region


_THE_CITY = re.compile(r"\b(?:in|on|across|of)\s(?:the|this)\s(?:city|town|village)\b")


# "drones that approached the oblast", "19 were downed over the region": the region named before
_THE_REGION = re.compile(
    r"\b(?:in|over|across|approached|approaching|toward|towards|at|on|targeting|of)\s(?:the|this)\s(?:region|oblast|province)\b"
)
# how many sentences back "the region" looks for the region it means
REGION_ANAPHORA_REACH = 2


def _says_the_region(f: Figure, info: SentenceInfo) -> bool:
    """Whether the figure's clause, or the relative clause after its noun ("Of the 24 drones
    that approached the oblast"), says "the region" without naming it."""
    if _THE_REGION.search(info.clauses.get(f.clause, "")):
        return True
    return bool(_THE_REGION.search(info.lowered[f.q.end - info.sentence.start :].split(",", 1)[0]))


def _last_region(info: SentenceInfo, infos: list[SentenceInfo]) -> Place | None:
    """The one region named last, in this sentence or the few before it in its paragraph."""
    for j in range(info.index, max(-1, info.index - 1 - REGION_ANAPHORA_REACH), -1):
        prev = infos[j]
        if prev.sentence.paragraph != info.sentence.paragraph and j != info.index - 1:
            break
        named = {m.place.admin1 for m, _ in prev.places if _usable(m) and m.place.admin1}
        if len(named) == 1:
            return _region_of(next(m.place for m, _ in prev.places if m.place.admin1 in named))
        if named:
            return None
    return None


def _last_settlement(info: SentenceInfo, infos: list[SentenceInfo]) -> Place | None:
    """The settlement most recently named, in this sentence (titles included: "Kharkiv Mayor")
    or the ones before it in its paragraph."""
    here = [m for m, _ in info.places if m.place.level == "settlement" and m.role in ("locative", "title")]
    if here:
        return here[-1].place
    for j in range(info.index - 1, -1, -1):
        prev = infos[j]
        if prev.sentence.paragraph != info.sentence.paragraph:
            break
        named = [
            m for m, _ in prev.places if m.place.level == "settlement" and m.role in ("locative", "title")
        ]
        if named:
            return named[-1].place
    return None


_VAGUE_PARTS = frozenset({"most", "many", "some", "several", "half", "majority", "part"})


_EVENT_OPENERS = frozenset({"when", "after", "as"})


def _event_settlement(info: SentenceInfo, clause: int, admin1: str | None) -> Place | None:
    """The one settlement of ``admin1`` that a "when …"/"after …" clause after the figure's
    clause names."""
    first: dict[int, str] = {}
    for t in info.tokens:
        first.setdefault(t.clause, t.low)
    found = {
        m.place.name: m.place
        for m, c in info.places
        if c > clause
        and first.get(c) in _EVENT_OPENERS
        and _usable(m)
        and m.place.level == "settlement"
        and m.place.admin1 == admin1
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _list_goes_on(info: SentenceInfo, i: int, clause: int) -> bool:
    """Whether the number at token ``i`` is an item of a list that a later "and <number>" of
    its clause closes ("14 Geran-2 drones, 3 Lancet UAVs and 6 FPV drones")."""
    toks = info.tokens
    return any(
        toks[j].low == "and" and toks[j + 1].start in info.quantity_starts
        for j in range(i + 1, len(toks) - 1)
        if toks[j].clause == clause
    )


def _clause_places(
    info: SentenceInfo, clause: int, after: int = -1, parts_cut: bool = False
) -> list[PlaceMention]:
    """Usable places of a clause. Past ``after`` (the figure's end), places that follow an
    "including" (or, with ``parts_cut``, a further number) belong to those parts ("57 drones,
    27 of them over the Belgorod region")."""
    cut = None
    resume = None  # where a closed insertion (", including two children,") ends
    toks = info.tokens
    if after >= 0:
        for i, t in enumerate(toks):
            # "57 drones, 27 of them over Belgorod" (a part), not "440 drones and 32 missiles at Kyiv"
            coordinated = i > 0 and (
                toks[i - 1].low == "and" or (toks[i - 1].text == "," and _list_goes_on(info, i, clause))
            )
            further = (
                parts_cut
                and not coordinated
                and (t.low[:1].isdigit() or t.start in info.quantity_starts)
                # ("hit two districts of Kharkiv": a count of where the hits fell, no part)
                and not (i + 1 < len(toks) and toks[i + 1].low in LOCAL_AREA_OBJECTS)
            )
            vague_part = (
                t.low in _VAGUE_PARTS
                and i + 2 < len(toks)
                and toks[i + 1].low == "of"
                and toks[i + 2].low in ("them", "which")
            )  # "58 of 64 drones, most of them over the Belgorod and Kursk regions": the part's places
            if t.clause == clause and t.start > after and (t.low == "including" or further or vague_part):
                cut = t.start
                if t.low == "including" and i > 0 and toks[i - 1].text == ",":
                    close = next(
                        (j for j in range(i + 1, min(len(toks), i + 11)) if toks[j].text == ","), None
                    )
                    if close is not None and close + 1 < len(toks) and toks[close + 1].text[:1].islower():
                        # (", including the capital, Moscow": an apposition, not a closed insertion)
                        resume = toks[
                            close
                        ].end  # "twenty-five people, including two children, are injured in Budy"
                break

    def outside_the_part(m: PlaceMention) -> bool:
        opener = _subset_opener(info, m)
        return opener is None or (
            after >= 0 and opener < after <= m.start
        )  # the figure is in that part itself

    return [
        m
        for m, c in info.places
        if c == clause
        and _usable(m)
        and not launch_origin(info, m)
        and outside_the_part(m)
        and (cut is None or m.start < cut or (resume is not None and m.start >= resume))
    ]


# "from the Kursk region", "from the territory of the Russian Federation and the temporarily
# occupied Crimea": an origin phrase, its coordinated names included
_FROM = re.compile(
    r"\bfrom\s{1,3}(?:the\s{1,3})?(?:[\w’'-]+\s{1,3}){0,5}(?:(?:and|or)\s{1,3}(?:the\s{1,3})?(?:[\w’'-]+\s{1,3}){0,3})?$",
    re.IGNORECASE,
)
_LAUNCHED = re.compile(
    r"\b(?:launched|launch|launches|fired|fires|fire|flew|flying|took\s+off)\b", re.IGNORECASE
)


# How many words may stand between a casualty verb and the place it governs ("killed in
# the city of Lviv").
CASUALTY_PLACE_REACH = 4


def _casualty_place(info: SentenceInfo, m: PlaceMention) -> bool:
    """Whether ``m`` is where people were killed or hurt: "killed in Lviv", "injured in the
    village of Horodok" (a casualty verb a few words before it)."""
    at = next((k for k, t in enumerate(info.tokens) if t.start >= m.start), len(info.tokens))
    for k in range(at - 1, max(-1, at - 1 - CASUALTY_PLACE_REACH), -1):
        if info.tokens[k].low in CASUALTY_TRIGGERS:
            return True
    return False


_AGAIN = frozenset({"city", "town", "village", "there", "capital", "port"})


def _named_again(info: SentenceInfo, m: PlaceMention, f: Figure) -> bool:
    """Whether the words between a place and the figure refer back to it ("the city")."""
    return any(t.low in _AGAIN for t in info.tokens if m.end <= t.start < f.q.start)


_FRAME_WORDS = frozenset(
    {"the", "russia", "ukraine", "russia's", "russia’s", "ukraine's", "ukraine’s", "city", "of", ","}
)


def _listed_after_including(info: SentenceInfo, f: Figure, place: Place) -> bool:
    """ "20 drones against Russia, including the capital, Moscow": what "including" lists after
    the figure are its parts, not where the total is."""
    including = next((t.start for t in info.tokens if t.start > f.q.end and t.low == "including"), None)
    return including is not None and any(
        m.start > including and m.place.geonameid == place.geonameid for m, _ in info.places
    )


def _joint(info: SentenceInfo, a: PlaceMention, b: PlaceMention) -> bool:
    """ "the Cherkasy and Vinnytsia regions": two regions of one country joined in a list, a
    joint breakdown (kept as the first; the gold lists both as alternatives)."""
    base = info.sentence.start
    return (
        a.place.level == "admin1"
        and b.place.level == "admin1"
        and a.place.country == b.place.country
        and bool(_LIST_JOIN.fullmatch(info.text, a.end - base, b.start - base))
    )


def _joint_regions(info: SentenceInfo, ms: list[PlaceMention]) -> tuple[Place, bool] | None:
    """A clause's places when they are exactly such a pair: the first region."""
    if len(ms) == 2 and _joint(info, ms[0], ms[1]):
        return ms[0].place, False
    return None


def _opening_frame(info: SentenceInfo) -> tuple[Place, bool] | None:
    """The place a sentence opens with as its frame ("In the Kherson region, …"): a first
    clause that is "in" and a place name, nothing else."""
    toks = info.tokens
    if len(toks) < 3 or toks[0].low != "in":
        return None
    first = [t for t in toks if t.clause == 0]
    if not first or len(first) > 8:
        return None
    ms = [m for m, c in info.places if c == 0 and _usable(m)]
    if not ms:
        return None
    covered = {k for k, t in enumerate(first) if any(m.start <= t.start < m.end for m in ms)}
    rest = [t.low for k, t in enumerate(first) if k not in covered and k > 0]
    if any(w not in _FRAME_WORDS for w in rest):
        return None
    return _pick(ms)


# A verb or a target preposition between "from X" and a later place ends the origin phrase.
_PAST_ORIGIN = re.compile(
    r"\b(?:hit|hits|struck|strikes|attacked|attacks|targeted|targeting|at|on|toward|towards|into|over)\b",
    re.IGNORECASE,
)


def launch_origin(info: SentenceInfo, m: PlaceMention) -> bool:
    """ "two missiles fired from the Russia-annexed peninsula of Crimea", "drones launched from
    the Kursk region": where an attack came from is not where it struck."""
    base = info.sentence.start
    before = info.text[max(0, m.start - base - 90) : m.start - base]
    at = _FROM.search(before)
    if at is None or _PAST_ORIGIN.search(at.group()):
        return False  # "drones launched from the Kursk region hit Sumy": Sumy is the target
    head = info.text[: m.start - base - (len(before) - at.start())]
    if head.rstrip().endswith("(") or "airspace" in at.group().lower():
        return True  # "45 Kh-101 cruise missiles (from the Volgograd region)", "from the airspace of"
    return bool(_LAUNCHED.search(head))


def locate(f: Figure, info: SentenceInfo, infos: list[SentenceInfo], main: tuple[Place, bool] | None):
    """(Place, is_settlement) for a figure, or None for a national figure."""
    picked = _locate(f, info, infos, main)
    if picked is not None and not picked[1] and f.kind == Kind.CASUALTIES:
        # "Kharkiv region: two were killed when a rocket hit a market in Kharkiv": the
        # settlement of the event the figure's clause is about, in the region it names
        struck = _event_settlement(info, f.clause, picked[0].admin1)
        if struck is not None:
            return struck, True
    return picked


# Words that make a place the share of a figure, not its whole ("41 drones at the country,
# mostly at the Odesa region"; "mainly targeting Kharkiv").
_SHARE_WORDS = frozenset({"mostly", "mainly", "largely", "primarily", "chiefly", "predominantly"})
# How many words may stand between such a word and the place ("mostly at the").
SHARE_REACH = 3


def _a_share(info: SentenceInfo, m: PlaceMention) -> bool:
    """Whether ``m`` is named as where most of a munition figure went, not all of it."""
    before = [t for t in info.tokens if t.end <= m.start][-SHARE_REACH - 1 :]
    return any(t.low in _SHARE_WORDS for t in before) and not any(t.text in ",;" for t in before[1:])


def _locate(f: Figure, info: SentenceInfo, infos: list[SentenceInfo], main: tuple[Place, bool] | None):
    adjacent = _adjacent_place(f, info)
    if adjacent is SPREAD:
        return None  # over several places, one of them not a region we know: national
    if adjacent is not None:
        return adjacent
    # a munition total shares its clause with its per-region parts; people and damage share places
    own = _clause_places(info, f.clause, after=f.q.end, parts_cut=f.kind == Kind.MUNITIONS)
    if f.kind == Kind.MUNITIONS:
        # "five people are killed in Lviv during an attack involving 53 missiles": the place
        # is the deaths', not the munitions'
        # ("… killed in Kharkiv when Russia attacked the city with 12 drones" names it again)
        own = [
            m
            for m in own
            if not (m.start < f.q.start and _casualty_place(info, m) and not _named_again(info, m, f))
            and not _a_share(info, m)
        ]
    if own:
        # "two people were killed in Kostiantynivka and one in Pokrovsk": the places between
        # the figure and the next number are its own, before the clause's others
        nxt = min((q for q in info.quantity_starts if q > f.q.end), default=info.sentence.end)
        between = [m for m in own if f.q.end <= m.start < nxt]
        picked = _pick(between) if between else None
        if picked is None and f.kind == Kind.MUNITIONS:
            joint = _joint_regions(info, own)
            if joint is not None:
                return joint  # "four drones were downed over the Cherkasy and Vinnytsia regions"
        return picked if picked is not None else _pick(own)  # "In total, 17 people were injured in Kyiv"
    if f.clause in info.national_clauses:
        return None
    if f.part_of is not None and f.part_of.clause != f.clause:
        # "fired four missiles at Mykolaiv, and two of them were shot down": where its total was
        return _locate(f.part_of, info, infos, main)
    titled = [_governed(m, info) for m, _ in info.places if m.role == "title"]
    if f.kind == Kind.CASUALTIES and _THE_CITY.search(info.clauses.get(f.clause, "")):
        # "Kharkiv Mayor Ihor Terekhov said 11 people were injured in the city": the city named before
        named = _last_settlement(info, infos)
        if named is not None:
            return named, True
    if f.kind == Kind.MUNITIONS and _says_the_region(f, info):
        region = _last_region(info, infos)
        if region is not None:
            return region, False
        if main is not None:
            return _region_of(main[0]), False  # "the region" of a report about one region
    frame = _opening_frame(info)
    if frame is not None and f.clause != 0:
        return frame  # "In Russia's Belgorod region, …, the ministry said it downed two drones"
    if f.scope == "clause":
        # "six of the drones were shot down there": the governor's own region
        if titled and any(t.low == "there" for t in info.tokens if t.clause == f.clause):
            return _pick(titled)
        if f.kind == Kind.MUNITIONS and (regional_source(info.source) or _city_source(info.source)):
            return _source_region(info, titled, main, infos)
        if (
            f.kind == Kind.MUNITIONS
            and main is not None
            and f.value <= SINGLE_TARGET_MAX
            and not _national_source(info.source)
            and not info.national_clauses
        ):
            # "two Iskander-M missiles were fired" in a report about one strike on Odesa: a
            # handful of munitions is that strike's; national waves are counted in dozens
            return _region_of(main[0]), False
        if (
            f.kind == Kind.MUNITIONS
            and main is not None
            and main[0].country == "RU"
            and "russian-munition" not in f.flags
            and not _national_source(info.source)
            and not _listed_after_including(info, f, main[0])
        ):
            # a report about drones over one Russian region counts them there (Russia's own
            # national tallies say "over Russian regions" and stop at the national marker)
            return main[0] if main[0].level == "admin1" else _region_of(main[0]), False
        return None
    # earlier clauses of the sentence, nearest first; a national marker there ends the search
    for c in range(f.clause - 1, -1, -1):
        if c in info.national_clauses:
            return None
        ms = _clause_places(info, c)
        if ms:
            return _pick(ms)
    later = [
        m
        for m, c in info.places
        if c > f.clause and _usable(m) and not (f.kind == Kind.MUNITIONS and _a_share(info, m))
    ]
    if later:
        return _pick(later)
    if titled and not any(n in info.lowered for n in ("no casualties", "no damage")):
        picked = _pick(titled)
        if picked is not None:
            if (
                main is not None
                and main[1]
                and main[0].admin1 == picked[0].admin1
                and f.kind == Kind.CASUALTIES
            ):
                return main  # "according to the Kharkiv Oblast Governor" in a report about Kharkiv city
            return picked[0], False
    if f.scope == "sentence":
        return None
    # the paragraph: the last earlier sentence that names a place; wire copy puts each
    # sentence in a paragraph of its own, so the sentence just before the paragraph counts too
    national_source = _national_source(info.source)
    for j in range(info.index - 1, -1, -1):
        prev = infos[j]
        if national_source and prev.sentence.paragraph != info.sentence.paragraph:
            break  # "An F-16 pilot was killed, the Air Force said": a national body's own figure
        if prev.national_clauses and prev.sentence.paragraph == info.sentence.paragraph:
            return None  # "… attacks across Ukraine. At least 7 people were killed": the country's toll
        ms = [m for m, _ in prev.places if _usable(m)]
        if ms:
            return _pick(ms)
        if prev.sentence.paragraph != info.sentence.paragraph or prev.sentence.heading:
            break
    # the section heading ("===Kyiv===")
    for j in range(info.index - 1, -1, -1):
        prev = infos[j]
        if prev.sentence.heading and prev.text.lstrip().startswith(("=", "#")):
            ms = [m for m, _ in prev.places if _usable(m)]
            if ms:
                return _pick(ms)
            break
    # the place the report is about locates its people and damage; a munition count the
    # report does not place ("Eighteen drones hit targets") stays national
    return main if f.kind in (Kind.CASUALTIES, Kind.DAMAGE) else None


_ADJACENT = re.compile(
    r"[\s,]{0,3}(?:over|in|near|above|at|on|across)\s{1,3}(?:the\s{1,3})?(?:(?:northern|southern|eastern|western|central|north-eastern|south-eastern|north-western|south-western)\s{1,3})?$"
)


def _adjacent_place(f: Figure, info: SentenceInfo):
    """ "21 over the Belgorod region", "two killed in Kharkiv": a place right after the figure."""
    if f.end_tok >= len(info.tokens):
        return None
    end = info.tokens[f.end_tok].end
    text = info.text
    base = info.sentence.start
    for i, (m, _) in enumerate(info.places):
        if (
            m.start > end
            and m.start - end <= 30
            and _usable(m)
            and _ADJACENT.fullmatch(text, end - base, m.start - base)
        ):
            # "over the Belgorod and Kursk regions": a list names no single place
            nxt = info.places[i + 1][0] if i + 1 < len(info.places) else None
            # "at Kyiv, Ukraine", "in Sloviansk, Donetsk Oblast": the next name says where the first is
            locates = (
                nxt is not None
                and (
                    nxt.place.level == "country"
                    or nxt.place.admin1 in (m.place.admin1, ENCLOSING.get(m.place.admin1 or ""))
                )
                and nxt.place.level != "settlement"
            )
            if nxt is not None and not locates and _LIST_JOIN.fullmatch(text, m.end - base, nxt.start - base):
                third = info.places[i + 2][0] if i + 2 < len(info.places) else None
                listed_on = third is not None and _LIST_JOIN.fullmatch(
                    text, nxt.end - base, third.start - base
                )
                if _joint(info, m, nxt) and not listed_on:
                    # "four over the Cherkasy and Vinnytsia regions": a joint breakdown of two
                    # regions keeps the first (the gold lists both as alternatives)
                    return m.place, False
                return None
            if not locates and _LIST_NEXT.match(text, m.end - base):
                return SPREAD  # "over the Belgorod region and the Black Sea"
            return _pick([m])
    return None


SPREAD = (None, False)  # a figure over a list of places
# "over the Belgorod region and the Black Sea": a list goes on with another place — a name
# with a geographic word ("Sea", "region"), not any capitalised word ("…, Governor Syniehubov said").
_LIST_NEXT = re.compile(
    r"(?:\s{1,3}region|\s{1,3}oblast)?\s{0,3}(?:,|and|or)\s{1,3}(?:the\s{1,3})?[A-Z][\w’'-]*"
    r"(?:\s{1,3}[A-Z][\w’'-]*){0,2}\s{1,3}(?:Sea|Strait|Peninsula|Bay|Gulf|[Rr]egions?|Oblasts?|Krai|Republic|[Rr]iver)\b"
)
_LIST_JOIN = re.compile(r"\s{0,3}(?:,|and|or|,\s{0,3}and)\s{0,3}")


def _subset_opener(info: SentenceInfo, m: PlaceMention) -> int | None:
    """Where the "including" starts whose part names ``m`` ("seven civilians were killed,
    including a child in Lviv"), or None: such a place is that part's, not the report's."""
    counted = False  # the part counts someone ("a child", "two civilians"), not "including on a market"
    for t in reversed([t for t in info.tokens if t.end <= m.start]):
        if t.text in (",", ";") or t.low in ("and", "but"):
            return None
        counted = counted or t.low in PERSON_NOUNS or t.start in info.quantity_starts
        if t.low in ("including", "among"):
            return t.start if counted else None
    return None


def _in_subset(info: SentenceInfo, m: PlaceMention) -> bool:
    return _subset_opener(info, m) is not None


def main_place(infos: list[SentenceInfo]) -> tuple[Place, bool] | None:
    """The one place a report is about: the one region its lead paragraph names (an
    encyclopedia lead, "On 25 May 2024, Russian forces struck … in Kharkiv"), else the one
    region all its locative places (outside background clauses) share."""
    lead = _lead_place(infos)
    if lead is not None:
        return lead
    mentions = [
        m
        for info in infos
        for m, c in info.places
        if _usable(m)
        and c not in info.historical_clauses
        and not launch_origin(info, m)
        and not _in_subset(info, m)
    ]
    if not mentions:
        return None
    picked = _pick(mentions)
    if picked is None:
        return None
    place, is_settlement = picked
    if not is_settlement:
        # several settlements of one region: the most named
        counts: dict[str, int] = {}
        for m in mentions:
            if m.place.level == "settlement":
                counts[m.place.name] = counts.get(m.place.name, 0) + 1
        if counts:
            best = max(counts, key=lambda n: counts[n])
            for m in mentions:
                if m.place.name == best:
                    return m.place, True
    return picked


def _lead_place(infos: list[SentenceInfo]) -> tuple[Place, bool] | None:
    """The place of the first paragraph of prose, when it names exactly one region."""
    lead = [i for i in infos if not i.sentence.heading]
    if not lead:
        return None
    para = lead[0].sentence.paragraph
    mentions = [
        m
        for i in lead
        if i.sentence.paragraph == para
        for m, c in i.places
        if _usable(m) and c not in i.historical_clauses and not launch_origin(i, m) and not _in_subset(i, m)
    ]
    return _pick(mentions) if mentions else None
