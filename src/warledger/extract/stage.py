"""The extract stage: figures of every sentence, located, dated, attributed, as Facts.

Takes ``sentences``, ``quantities``, ``places``, ``dates`` and ``attributions`` and adds
``facts`` (before reconciliation). Place resolution follows how reports write: a place in
the figure's own clause; else one earlier in the sentence ("In Kherson, the governor said
… killed two"); else later in it; else the official's own region ("the governor of the
Mykolaiv region said six were shot down there"); else the paragraph's last-named place, the
section heading ("===Kyiv==="), or the one place the whole report is about. Munition
totals (launched, intercepted) are national unless their own clause names one region.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date

from .. import __version__
from ..annotate.dates import first_full_date
from ..model import Document, Fact, Place, PlaceMention, Sentence
from .figures import Figure, analyse
from .lexicon import (
    ADDITIVE_MARKERS,
    GENERIC_MARKERS,
    HISTORICAL_MARKERS,
    METONYMY_NEXT,
    NATIONAL_MARKERS,
    REGION_WIDE_MARKERS,
    SENTENCE_HISTORICAL_MARKERS,
    UPDATE_MARKERS,
)
from .regions import regions_facts
from .text import Token, tokenize

EXTRACTOR = f"warledger-rules/{__version__}"
# A date this many days before the report's own date makes a figure background.
HISTORICAL_DAYS = 7
REGIONAL_SOURCES = ("regional governor", "regional head", "regional administration", "regional military", "oblast", "region's governor", "head of the region", "governor of the")
SUPERLATIVES = frozenset({"largest", "biggest", "deadliest", "heaviest", "most", "first", "worst", "record", "one"})


@dataclass(slots=True)
class SentenceInfo:
    index: int
    sentence: Sentence
    tokens: list[Token]
    places: list[tuple[PlaceMention, int]]  # mention, clause
    national_clauses: set[int]
    historical_clauses: set[int]
    text: str
    lowered: str
    source: str | None = None
    quantity_starts: frozenset[int] = frozenset()


def _clause_of(tokens: list[Token], pos: int) -> int:
    starts = [t.start for t in tokens]
    i = bisect_left(starts, pos + 1) - 1
    return tokens[i].clause if 0 <= i < len(tokens) else 0


def _drop_possessed(mentions: list[PlaceMention], text: str) -> list[PlaceMention]:
    """"Kharkiv's Kyivskyi district": the second name is a part of the first."""
    out: list[PlaceMention] = []
    for m in mentions:
        if out and out[-1].place.level == "settlement" and text[out[-1].end : m.start] in ("'s ", "’s ", " "):
            if text[out[-1].end : m.start] != " " or out[-1].text.endswith(("'s", "’s")):
                continue
        if out and out[-1].text.endswith(("'s", "’s")) and out[-1].place.level == "settlement" and 0 <= m.start - out[-1].end <= 1:
            continue
        out.append(m)
    return out


def _role(m: PlaceMention, tokens: list[Token]) -> PlaceMention:
    """A place followed by a speech verb is a government ("Moscow says"), not a location;
    a dateline ("KYIV, July 9 -") is where the reporter files from."""
    if m.role != "locative":
        return m
    if tokens and m.start == tokens[0].start and m.text.isupper() and len(m.text) > 2:
        return replace(m, role="dateline")
    nxt = next((t for t in tokens if t.start >= m.end), None)
    if nxt is not None and (nxt.low in METONYMY_NEXT or (nxt.low.endswith("ly") and nxt.low not in {"early"})):
        return replace(m, role="agent")  # "Moscow says", "Kyiv rarely comments"
    return m


# "over six regions", "in 11 oblasts": a figure spread over several regions is national
_N_REGIONS = re.compile(r"\b(?:over|in|across)\s(?:at least\s|more than\s)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|multiple)\s(?:regions|oblasts|provinces)\b")
_DISTRICT = re.compile(r"\s{1,3}(?:district|raion|hromada|community|municipality)\b", re.IGNORECASE)


def _district(m: PlaceMention, text: str) -> PlaceMention:
    """"the Nikopol district" is a district of a region, not the town: keep the region only."""
    named = m.text.lower().replace("’", "'").split("'")[0][:4] == m.place.name.lower()[:4]
    if m.place.level == "settlement" and named and _DISTRICT.match(text, m.end):
        from ..geocode import Gazetteer

        region = Gazetteer.default().region(m.place.admin1) if m.place.admin1 else None
        if region is not None:
            return replace(m, place=region)
    return m


# "in the village of Dubovoye": a settlement too small for the shipped gazetteer still names
# where it happened; its region comes from the sentence (or the one before).
# a person in the singular ("a woman was killed") needs no numeral: such sentences are read too
_CASUALTY_HINTS = ("killed", "injured", "wounded", "hurt", "died")
_NAMED_SETTLEMENT = re.compile(r"\b(?:village|town|settlement|hamlet|city) of ([A-Z][a-z’'-]{2,30}(?: [A-Z][a-z’'-]{2,30})?)")


def _unlisted_settlements(stext: str, base: int, places: list, infos: list) -> list[PlaceMention]:
    out: list[PlaceMention] = []
    for m in _NAMED_SETTLEMENT.finditer(stext):
        start = base + m.start(1)
        if any(p.start <= start < p.end for p, _ in places):
            continue
        regions = {p.place.admin1 for p, _ in places if p.place.admin1}
        if not regions and infos:
            regions = {p.place.admin1 for p, _ in infos[-1].places if p.place.admin1 and p.role == "locative"}
        if len(regions) != 1:
            continue
        admin1 = next(iter(regions))
        place = Place(name=m.group(1), level="settlement", country=admin1[:2], admin1=admin1)
        out.append(PlaceMention(start, base + m.end(1), m.group(1), place))
    return out


def _clause_texts(tokens: list[Token]) -> dict[int, str]:
    """Each clause's words, lower-cased and space-joined, for marker look-ups."""
    words: dict[int, list[str]] = {}
    for t in tokens:
        words.setdefault(t.clause, []).append(t.low)
    return {c: " ".join(w) for c, w in words.items()}


def _historical_clauses(tokens: list[Token], clause_texts: dict[int, str], doc_date: date | None, dates_in: list) -> set[int]:
    """Clauses about something other than the attack reported: cumulative totals, records,
    earlier attacks."""
    out: set[int] = set()
    clauses = sorted(clause_texts)
    sentence = " ".join(clause_texts[c] for c in clauses)
    if any(m in sentence for m in SENTENCE_HISTORICAL_MARKERS):
        return set(clauses)  # "The previous record was set on July 4, when …"
    dated = {
        _clause_of(tokens, dm.start)
        for dm in dates_in
        if doc_date is not None and _days_before(dm.date, doc_date) > HISTORICAL_DAYS
    }
    for c in clauses:
        text = clause_texts[c]
        for marker in HISTORICAL_MARKERS:
            at = text.find(marker)
            if at >= 0 and not _after_superlative(text[:at]):
                out.add(c)
                break
        # ", when 728 drones were launched": the clause after a past time
        if text.startswith("when ") and c > 0 and (c - 1 in out or c - 1 in dated or "since" in clause_texts.get(c - 1, "").split()):
            out.add(c)
    for dm in dates_in:
        c = _clause_of(tokens, dm.start)
        before = " ".join(t.low for t in tokens if t.clause == c and t.start < dm.start)
        if dm.text.lower().startswith("since"):
            if not _after_superlative(before):
                out.add(c)
            continue
        if doc_date is None or dm.text.lower().startswith(("this ", "earlier this")) or _after_superlative(before):
            continue  # "this year" contains the attack; "the deadliest … this year" is today's
        if _days_before(dm.date, doc_date) > HISTORICAL_DAYS:
            out.add(c)
    return out


def _days_before(iso: str, ref: date) -> int:
    try:
        return (ref - date.fromisoformat(iso)).days
    except ValueError:
        return 0


def _after_superlative(before: str) -> bool:
    """"the deadliest strike on the capital since July": the figure is today's."""
    return bool(SUPERLATIVES & set(before.split()[-6:]))


class ExtractStage:
    """Adds ``facts``: every figure of the four kinds, with place, date, source, evidence."""

    name = "extract"
    requires = ("sentences", "quantities", "places", "dates", "attributions")
    assigns = ("facts",)

    def __call__(self, doc: Document) -> Document:
        return doc.with_(facts=tuple(extract_facts(doc)))


def document_date(doc: Document) -> date | None:
    """The day of the attack the report covers: its publication date, else its first full date."""
    if doc.published is not None:
        return doc.published
    return first_full_date(doc.text)


def extract_facts(doc: Document) -> list[Fact]:
    text = doc.text
    doc_date = document_date(doc)
    infos: list[SentenceInfo] = []
    q_by_sent = _bucket(doc.sentences, doc.quantities)
    p_by_sent = _bucket(doc.sentences, doc.places)
    d_by_sent = _bucket(doc.sentences, doc.dates)
    figures: list[tuple[Figure, SentenceInfo]] = []
    carry: tuple[Figure, int] | None = None
    for i, s in enumerate(doc.sentences):
        stext = text[s.start : s.end]
        lowered = stext.lower()
        if not q_by_sent[i] and not p_by_sent[i] and not _NAMED_SETTLEMENT.search(stext) and not any(w in lowered for w in _CASUALTY_HINTS):
            # nothing to read here, and nothing later sentences could take as context
            infos.append(SentenceInfo(i, s, [], [], set(), set(), stext, lowered))
            continue
        toks = tokenize(text, s.start, s.end)
        clause_texts = _clause_texts(toks)
        places = [(_role(_district(p, text), toks), _clause_of(toks, p.start)) for p in _drop_possessed(p_by_sent[i], text)]
        places += [(m, _clause_of(toks, m.start)) for m in _unlisted_settlements(stext, s.start, places, infos)]
        national = {
            c for c, ct in clause_texts.items() if any(m in ct for m in NATIONAL_MARKERS) or _N_REGIONS.search(ct)
        }
        historical = _historical_clauses(toks, clause_texts, doc_date, d_by_sent[i])
        info = SentenceInfo(i, s, toks, places, national, historical, stext, lowered, None, frozenset(q.start for q in q_by_sent[i]))
        infos.append(info)
        if s.heading or not toks:
            continue
        if any(g in lowered for g in GENERIC_MARKERS):
            continue
        # the last munition figure of the sentence just before, for "Eighteen were shot down"
        previous = carry[0] if carry is not None and carry[1] == i - 1 else None
        found = analyse(toks, q_by_sent[i], i, stext, carry=previous)
        for f in found:
            figures.append((f, info))
        munition_figs = [f for f in found if f.kind == "munitions"]
        carry = (munition_figs[-1], i) if munition_figs else None
    sources = _sources(doc)
    for info in infos:
        info.source = sources.get(info.index)
    main = _main_place(infos)
    facts: list[Fact] = []
    for f, info in figures:
        located = locate(f, info, infos, main)
        if located is not None and located[1] and _region_wide(info, f.clause):
            located = (located[0], False)  # "… and injuring 11 others across the region"
        admin1 = place = None
        geonameid = lat = lon = None
        country = "UA"
        if located is not None:
            pl, level_settlement = located
            admin1 = pl.admin1
            if level_settlement:
                place, geonameid, lat, lon = _surface(pl, doc), pl.geonameid, pl.lat, pl.lon
            country = pl.country
            if (
                place is not None
                and f.kind == "casualties"
                and _regional_source(sources.get(info.index))
                and _is_oblast_capital(pl)
                and _regional_reading(info, pl)
            ):
                place, geonameid = None, None  # "In Kherson, the regional governor said …": the region
        if f.kind == "munitions" and "ukrainian-munition" in f.flags and (admin1 is None or admin1.startswith("RU")):
            country = "RU"
        historical = f.clause in info.historical_clauses
        fdate = _figure_date(f, info, d_by_sent[info.index], doc_date, historical)
        role = "total"
        low = info.lowered
        if any(m in low for m in ADDITIVE_MARKERS) or "additive" in f.flags:
            role = "part"
        elif any(m in low for m in UPDATE_MARKERS):
            role = "update"
        s = info.sentence
        facts.append(
            Fact(
                doc=doc.id, kind=f.kind or "", measure=f.measure or "", value=f.value,
                evidence=(s.start, s.end), qualifier=f.qualifier, country=country,
                weapon=f.weapon if f.kind == "munitions" else None, admin1=admin1,
                place=place if f.kind == "casualties" else None, low=f.low, high=f.high,
                unit=f.unit, group=f.group, date=fdate, source=sources.get(info.index),
                historical=historical, geonameid=geonameid, lat=lat, lon=lon,
                span=(f.q.start, f.q.end), role=role, extractor=EXTRACTOR,
            )
        )
    facts.extend(regions_facts(doc, infos, facts, doc_date, sources))
    return facts


def _bucket(sentences, items) -> list[list]:
    out: list[list] = [[] for _ in sentences]
    starts = [s.start for s in sentences]
    for it in items:
        i = bisect_left(starts, it.start + 1) - 1
        if 0 <= i < len(sentences) and it.start < sentences[i].end:
            out[i].append(it)
    return out


def _sources(doc: Document) -> dict[int, str]:
    """The source of each sentence: its own attribution, else the paragraph's previous one."""
    own = {a.sentence: a.source for a in doc.attributions}
    out: dict[int, str] = {}
    last: tuple[int, str] | None = None
    for i, s in enumerate(doc.sentences):
        if i in own:
            last = (s.paragraph, own[i])
            out[i] = own[i]
        elif last is not None and last[0] == s.paragraph:
            out[i] = last[1]
    return out


def _surface(pl: Place, doc: Document) -> str:
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


NATIONAL_SOURCES = ("air force", "general staff", "defence ministry", "defense ministry", "ministry of defence", "military", "president", "zelensk", "prosecutor general", "armed forces")


def _region_wide(info: SentenceInfo, clause: int) -> bool:
    words = " ".join(t.low for t in info.tokens if t.clause == clause)
    return any(m in words for m in REGION_WIDE_MARKERS)


def _national_source(source: str | None) -> bool:
    low = (source or "").lower()
    return any(n in low for n in NATIONAL_SOURCES)


def _regional_source(source: str | None) -> bool:
    if not source:
        return False
    low = source.lower()
    return any(r in low for r in REGIONAL_SOURCES) or low.startswith("governor") or " governor" in low


_PERIOD = re.compile(r"\b(?:past|last|previous)\s(?:24\shours|day|days|week)\b|\bover the day\b|\bduring the day\b")


def _regional_reading(info: SentenceInfo, pl: Place) -> bool:
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


def _is_oblast_capital(pl: Place) -> bool:
    from ..geocode import Gazetteer

    return Gazetteer.default().is_capital(pl)


def _figure_date(f: Figure, info: SentenceInfo, dates_in: list, doc_date: date | None, historical: bool) -> str | None:
    """The day the figure refers to: a date of its clause, else of its sentence, else the report's.

    Periods ("since May", "this year") name no day; a background date is only taken for a
    background figure ("in the deadliest attack this year" does not date today's toll)."""
    usable = [
        dm for dm in dates_in
        if not dm.text.lower().startswith(("since", "this ", "earlier this"))
        and (historical or doc_date is None or _days_before(dm.date, doc_date) <= HISTORICAL_DAYS)
    ]
    for dm in usable:
        if _clause_of(info.tokens, dm.start) == f.clause:
            return dm.date
    if usable:
        return usable[0].date
    return doc_date.isoformat() if doc_date else None


# --- places ---------------------------------------------------------------------------


def _usable(m: PlaceMention) -> bool:
    return m.role == "locative" and m.place.level != "country"


def _pick(mentions: list[PlaceMention]) -> tuple[Place, bool] | None:
    """One place for a set of mentions: their common region (the settlement if one), or None."""
    if not mentions:
        return None
    regions = {m.place.admin1 for m in mentions}
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
    return next(iter(settlements.values())), False


MULTI = object()  # several regions: a national figure


def _clause_places(info: SentenceInfo, clause: int, after: int = -1, parts_cut: bool = False) -> list[PlaceMention]:
    """Usable places of a clause. Past ``after`` (the figure's end), places that follow an
    "including" (or, with ``parts_cut``, a further number) belong to those parts ("57 drones,
    27 of them over the Belgorod region")."""
    cut = None
    if after >= 0:
        for t in info.tokens:
            further = parts_cut and (t.low[:1].isdigit() or t.start in info.quantity_starts)
            if t.clause == clause and t.start > after and (t.low == "including" or further):
                cut = t.start
                break
    return [m for m, c in info.places if c == clause and _usable(m) and (cut is None or m.start < cut)]


def locate(f: Figure, info: SentenceInfo, infos: list[SentenceInfo], main: tuple[Place, bool] | None):
    """(Place, is_settlement) for a figure, or None for a national figure."""
    adjacent = _adjacent_place(f, info)
    if adjacent is not None:
        return adjacent
    # a munition total shares its clause with its per-region parts; people and damage share places
    own = _clause_places(info, f.clause, after=f.q.end, parts_cut=f.kind == "munitions")
    if own:
        return _pick(own)  # "In total, 17 people were injured in Kyiv"
    if f.clause in info.national_clauses:
        return None
    titled = [m for m, _ in info.places if m.role == "title"]
    if f.scope == "clause":
        # "six of the drones were shot down there": the governor's own region
        if titled and any(t.low == "there" for t in info.tokens if t.clause == f.clause):
            return _pick(titled)
        return None
    # earlier clauses of the sentence, nearest first; a national marker there ends the search
    for c in range(f.clause - 1, -1, -1):
        if c in info.national_clauses:
            return None
        ms = _clause_places(info, c)
        if ms:
            return _pick(ms)
    later = [m for m, c in info.places if c > f.clause and _usable(m)]
    if later:
        return _pick(later)
    if titled and not any(n in info.lowered for n in ("no casualties", "no damage")):
        picked = _pick(titled)
        if picked is not None:
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
    return main


_ADJACENT = re.compile(r"[\s,]{0,3}(?:over|in|near|above|at|on|across)\s{1,3}(?:the\s{1,3})?(?:(?:northern|southern|eastern|western|central|north-eastern|south-eastern|north-western|south-western)\s{1,3})?$")


def _adjacent_place(f: Figure, info: SentenceInfo):
    """"21 over the Belgorod region", "two killed in Kharkiv": a place right after the figure."""
    if f.end_tok >= len(info.tokens):
        return None
    end = info.tokens[f.end_tok].end
    text = info.text
    base = info.sentence.start
    for m, _ in info.places:
        if m.start > end and m.start - end <= 30 and _usable(m) and _ADJACENT.fullmatch(text, end - base, m.start - base):
            return _pick([m])
    return None


def _main_place(infos: list[SentenceInfo]) -> tuple[Place, bool] | None:
    """The one place a report is about, when all its locative places share one region."""
    mentions = [m for info in infos for m, _ in info.places if _usable(m)]
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
