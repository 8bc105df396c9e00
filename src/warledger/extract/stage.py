"""The extract stage: figures of every sentence, located, dated, attributed, as Facts.

Takes ``sentences``, ``tokens``, ``quantities``, ``places``, ``dates`` and ``attributions`` and adds
``facts`` (before reconciliation): ``figures`` reads each number's kind and measure,
``places`` locates it, ``timing`` dates it and tells today's figures from background ones,
``regions`` lists the regions the report places the attack in.
"""

from __future__ import annotations

import re
from collections import Counter

from .. import __version__
from ..annotate.attribution import SPEECH_VERBS
from ..annotate.dates import document_date
from ..model import Document, Fact, Place
from ..packs import pack_for
from ..vocabulary import Kind, Measure, Role, Weapon
from . import munitions
from .context import SentenceInfo, bucket, clause_of, clause_texts, sentence_sources, speaks_for
from .figures import Figure, analyse, list_lead, restates_all
from .lexicon import (
    ADDITIVE_MARKERS,
    BACKGROUND_HEADINGS,
    CASUALTY_HINTS,
    GENERIC_MARKERS,
    NATIONAL_MARKERS,
    UPDATE_MARKERS,
)
from .munitions import named_family
from .places import (
    N_REGIONS,
    NAMED_SETTLEMENT,
    assign_role,
    city_regions,
    district_to_region,
    drop_possessed,
    enclosed_elsewhere,
    is_oblast_capital,
    locate,
    main_place,
    namesake,
    region_wide,
    regional_reading,
    regional_source,
    repeated_settlements,
    surface_name,
    unlisted_settlements,
)
from .regions import regions_facts
from .side import russian_source, side_attacked, third_country_defender
from .timing import (
    attack_anchor,
    background_sentence,
    figure_date,
    historical_clauses,
    opens_background_paragraph,
)

__all__ = ["EXTRACTOR", "ExtractStage", "document_date", "extract_facts"]


EXTRACTOR = f"warledger-rules/{__version__}"


class ExtractStage:
    """Adds ``facts``: every figure of the four kinds, with place, date, source, evidence."""

    name = "extract"
    requires = ("sentences", "tokens", "quantities", "places", "dates", "attributions")
    assigns = ("facts",)

    def __call__(self, doc: Document) -> Document:
        # the language's own rules: for English, ``extract_facts`` below (``warledger.lang.en``)
        return doc.with_(facts=tuple(pack_for(doc.lang).extract_facts(doc)))


# The extractor's own doubts about a figure, and what each costs its confidence (1.0 = none):
# - "guessed-place": its place comes from another sentence (the paragraph, a heading, the
#   place the report is about), not from its own;
# - "distant-verb": the verb that decided its measure stands more than DISTANT_VERB tokens
#   away from the number;
# - "unattributed": its sentence reports a statement ("said", "according to") whose speaker
#   the attribution layer could not name.
DOUBT_COST = {"guessed-place": 0.3, "distant-verb": 0.2, "unattributed": 0.2}
DISTANT_VERB = 8
_REPORTED = re.compile(rf"\b(?:{SPEECH_VERBS}|according to)\b")  # the attribution layer's verbs of saying


def doubts_of(f: Figure, info: SentenceInfo, located, source: str | None) -> tuple[str, ...]:
    out = []
    if located is not None and not any(m.place.admin1 == located[0].admin1 for m, _ in info.places):
        out.append("guessed-place")
    if f.verb_at is not None and abs(f.verb_at - f.i0) > DISTANT_VERB:
        out.append("distant-verb")
    if source is None and _REPORTED.search(info.lowered):
        out.append("unattributed")
    return tuple(out)


def confidence_of(doubts: tuple[str, ...]) -> float:
    return round(max(0.1, 1.0 - sum(DOUBT_COST[d] for d in doubts)), 2)


_MISSILE_CLASSES = frozenset({Weapon.CRUISE_MISSILE, Weapon.BALLISTIC_MISSILE})


def _definite(tokens: list, f: Figure) -> bool:
    """ "one of the missiles", "the missiles were downed": the missiles named before."""
    return f.head is not None and f.head > 0 and tokens[f.head - 1].low in ("the", "these", "those")


_LIST_MARKS = ("-", "–", "—", "•", "*", "·")


def _named_before(text: str, at: int, noun: str) -> bool:
    """Whether the report names a person ("The driver was injured") before ``at``: then they
    are someone it counted already."""
    return re.search(rf"\b{re.escape(noun.lower())}\b", text[:at].lower()) is not None


def _list_item(stext: str) -> bool:
    """Whether a sentence is an item of a dashed or bulleted list."""
    return stext.lstrip().startswith(_LIST_MARKS)


# A live blog: entries stamped with their time ("09:40", "09:40 —", "09:40 Officials said"), at
# least this many; a later entry's figure updates an earlier one's for the same place and measure.
_TIMESTAMP = re.compile(
    r"\s*(?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s*[ap]\.?m\.?)?(?:\s*(?:—|–|-|\||$)|\s*\n|\s+(?=(?-i:[A-Z\"“])))",
    re.IGNORECASE,
)
LIVE_ENTRIES = 3

# Figures of the rail network: a settlement their sentence names is a station or the damage
# that delayed them, not where the figure is (a region named in their clause still is).
NETWORK_MEASURES = frozenset({Measure.RAIL_DELAY, Measure.TRAINS_DELAYED})


def _fire_progress(figures: list[tuple[Figure, SentenceInfo]]) -> list[tuple[Figure, SentenceInfo]]:
    """ "The fire had spread over 3,500 m2. By 06:40 it was localized over 4,200 m2. The total
    area of the fire was 4,800 m2.": a fire's area restated as it grows, sentence after sentence
    of one paragraph, is its last statement (a sentence that adds "another" fire is its own)."""
    dropped: set[int] = set()
    last: tuple[int, int, int] | None = None  # paragraph, sentence, index into figures
    for k, (f, info) in enumerate(figures):
        if f.measure != Measure.FIRE_AREA or info.historical_clauses:
            continue
        para, sent = info.sentence.paragraph, info.index
        if (
            last is not None
            and last[0] == para
            and last[1] < sent
            and not any(m in info.lowered for m in ADDITIVE_MARKERS)
        ):
            dropped.add(last[2])
        last = (para, sent, k)
    return [fi for k, fi in enumerate(figures) if k not in dropped]


def _injured_before(figures: list[tuple[Figure, SentenceInfo]], info: SentenceInfo) -> bool:
    """Whether an injured figure of this paragraph stands before this sentence."""
    return any(
        f.measure == Measure.INJURED
        and i.sentence.paragraph == info.sentence.paragraph
        and i.index < info.index
        for f, i in figures
    )


def extract_facts(doc: Document) -> list[Fact]:
    text = doc.text
    infos: list[SentenceInfo] = []
    q_by_sent = bucket(doc.sentences, doc.quantities)
    p_by_sent = bucket(doc.sentences, doc.places)
    d_by_sent = bucket(doc.sentences, doc.dates)
    # the day of the attack the report is about (its publication date, unless its lead dates
    # the attack earlier: a statement made days later)
    doc_date = attack_anchor(doc, d_by_sent, [bool(q) for q in q_by_sent])
    figures: list[tuple[Figure, SentenceInfo]] = []
    carry: tuple[Figure, int] | None = None
    carry_all: list[Figure] = []  # every munition figure of the sentence ``carry`` is from
    missile_classes: set[str] = set()  # the classes of missile the report says were launched
    # what the line that opened a list counts ("… shot down:"), and where it stood
    lead: tuple[tuple[str, str, str | None], int] | None = None
    # the weapon of the report's last munition figure; before any, the one family it names
    last_weapon: str | None = named_family(doc.text)
    attack: tuple[str, int, int] | None = (
        None  # the class of "a cruise missile attack": class, paragraph, sentence
    )
    known: dict[str, Place] = {}
    # the regions the report names, most named first: they choose between namesake settlements
    region_counts = Counter(
        p.place.admin1 for p in doc.places if p.place.level == "admin1" and p.place.admin1
    )
    named_regions = [code for code, _ in region_counts.most_common()]
    # then the regions of the large cities it names ("Zolochiv, north-west of Kharkiv": the
    # Zolochiv of the Kharkiv region, not the Lviv region's)
    namesake_regions = named_regions + [
        code for code in city_regions(doc.places) if code not in named_regions
    ]
    recalled_paragraph: int | None = None  # the paragraph a "Recall that …" opened
    background_section = False  # under a "Background" heading
    for i, s in enumerate(doc.sentences):
        stext = text[s.start : s.end]
        lowered = stext.lower()
        if s.heading:
            # "==Background==": its section recalls other events, until the next heading
            background_section = stext.strip(" =#*\t").lower() in BACKGROUND_HEADINGS
        if recalled_paragraph is not None and recalled_paragraph != s.paragraph:
            recalled_paragraph = None
        if recalled_paragraph is None and opens_background_paragraph(lowered):
            recalled_paragraph = s.paragraph
        if (
            not q_by_sent[i]
            and not p_by_sent[i]
            and not NAMED_SETTLEMENT.search(stext)
            and not any(w in lowered for w in CASUALTY_HINTS)
            and not any(m in lowered for m in NATIONAL_MARKERS)
            and not (carry is not None and carry[1] == i - 1 and restates_all(lowered))
            and not stext.rstrip().endswith(":")  # it may open a list of figures
        ):
            # nothing to read here, and nothing later sentences could take as context
            infos.append(SentenceInfo(i, s, [], [], set(), set(), stext, lowered))
            continue
        toks = list(doc.tokens[i])  # the tokens layer (``annotate.stages.TokenStage``)
        texts = clause_texts(toks)
        named_here = [p.place.admin1 for p in p_by_sent[i] if p.place.level == "admin1" and p.place.admin1]
        chosen = [namesake(p, named_here + namesake_regions) for p in drop_possessed(p_by_sent[i], text)]
        places = [
            (assign_role(district_to_region(p, text), toks), clause_of(toks, p.start))
            for p in enclosed_elsewhere(chosen, text)
        ]
        extra = unlisted_settlements(stext, s.start, places, infos, named_regions)
        known.update((m.text, m.place) for m in extra)
        extra += repeated_settlements(stext, s.start, places + [(m, 0) for m in extra], known)
        places += [(m, clause_of(toks, m.start)) for m in extra]
        places.sort(key=lambda pc: pc[0].start)
        national = {
            c for c, ct in texts.items() if any(m in ct for m in NATIONAL_MARKERS) or N_REGIONS.search(ct)
        }
        background = historical_clauses(toks, texts, doc_date, d_by_sent[i])
        if recalled_paragraph is not None or background_section or background_sentence(lowered):
            background = set(texts)  # "Recall that …", "Earlier, …": earlier events
        info = SentenceInfo(
            i,
            s,
            toks,
            places,
            national,
            background,
            stext,
            lowered,
            None,
            frozenset(q.start for q in q_by_sent[i]),
            texts,
        )
        infos.append(info)
        if s.heading or not toks:
            continue
        if any(g in lowered for g in GENERIC_MARKERS):
            continue
        # the last munition figure of the sentence just before, for "Eighteen were shot down"
        previous = carry[0] if carry is not None and carry[1] == i - 1 else None
        found = analyse(
            toks,
            q_by_sent[i],
            i,
            stext,
            carry=previous,
            last_weapon=last_weapon,
            before=carry_all if previous is not None else [],
            lead=lead[0] if lead is not None and _list_item(stext) else None,
        )
        if lead is not None and not _list_item(stext):
            lead = None
        lead = (m, i) if (m := list_lead(toks, stext)) is not None else lead
        # "a Kalibr cruise missile attack on Lviv … seven of the ten missiles": the attack's class,
        # unless this sentence names classes of its own ("40 missiles, including 16 ballistic")
        if attack is not None and attack[1] != s.paragraph and i - attack[2] > 1:
            attack = None
        if attack is not None and not munitions.classes_named(toks):
            for f in found:
                if f.kind == Kind.MUNITIONS and f.weapon == Weapon.MISSILE:
                    f.weapon = attack[0]
        numbered = {k for k, t in enumerate(toks) if t.start in info.quantity_starts}
        named_attack = munitions.attack_class(toks, numbered)
        if named_attack is not None:
            attack = (named_attack, s.paragraph, i)
        for f in found:
            if f.kind == Kind.MUNITIONS and f.measure == Measure.LAUNCHED and f.weapon in _MISSILE_CLASSES:
                missile_classes.add(f.weapon)
            elif f.kind == Kind.MUNITIONS and f.measure == Measure.LAUNCHED and f.weapon == Weapon.MISSILE:
                # "19 missiles, including 11 Iskander-M ballistic missiles": "the missiles" are all 19
                missile_classes.add(Weapon.MISSILE)
            elif (
                f.kind == Kind.MUNITIONS
                and f.weapon == Weapon.MISSILE
                and len(missile_classes) == 1
                and _definite(toks, f)
            ):
                f.weapon = next(iter(missile_classes))  # "one of the missiles": of those launched
            elif "hospital" in f.flags and _injured_before(figures, info):
                continue  # "Four killed, 31 injured. Twelve people are in hospital.": 12 of the 31
            elif "definite" in f.flags and _named_before(text, s.start, f.q.text):
                continue  # "two injured, including a bus driver. The driver was injured by …"
            figures.append((f, info))
        munition_figs = [f for f in found if f.kind == Kind.MUNITIONS]
        carry = (munition_figs[-1], i) if munition_figs else None
        carry_all = munition_figs
        if munition_figs:
            last_weapon = munition_figs[-1].weapon
    figures = _fire_progress(figures)
    kinds: dict[int, set[str]] = {}
    for f, info in figures:
        kinds.setdefault(info.index, set()).add(f.kind or "")
    sources = sentence_sources(doc, kinds)
    said_at = {a.sentence: a.start for a in doc.attributions}
    live = sum(1 for s in doc.sentences if _TIMESTAMP.match(text, s.start, s.end)) >= LIVE_ENTRIES
    for info in infos:
        info.source = sources.get(info.index)
    main = main_place(infos)
    facts: list[Fact] = []
    for f, info in figures:
        # (a restated total, "All of them were shot down", is where the total was)
        located = locate(f, infos[f.sent] if f.sent < info.index else info, infos, main)
        if (
            located is not None
            and f.measure in NETWORK_MEASURES
            and not any(
                m.place.level == "admin1" and m.place.admin1 == located[0].admin1
                for m in p_by_sent[info.index]
            )
        ):
            located = None  # trains late "after damage to a substation near the capital": the network's
        if located is not None and located[1] and region_wide(info, f.clause):
            located = (located[0], False)  # "… and injuring 11 others across the region"
        admin1 = place = None
        geonameid = lat = lon = None
        country = side_attacked(located[0] if located is not None else None, info, f.clause)
        third = (
            third_country_defender(info, f.clause, f.i0, sources.get(info.index))
            if f.kind == Kind.MUNITIONS
            and f.measure in (Measure.INTERCEPTED, Measure.LOST)
            and located is None
            else None
        )
        if third is not None:
            country = third  # "Polish forces shot down four (Russian) drones"
        elif "russian-munition" in f.flags and (located is None or located[0].country == "UA"):
            country = "UA"  # "Russian drones" downed over Ukraine, whoever else the sentence names
        elif (
            f.kind == Kind.MUNITIONS
            and f.measure in (Measure.INTERCEPTED, Measure.LOST)
            and located is None
            and russian_source(sources.get(info.index))
        ):
            country = "RU"  # "The Russian military says it shot down 121 drones": over Russia
        if located is not None:
            pl, level_settlement = located
            admin1 = pl.admin1
            if level_settlement:
                place, geonameid, lat, lon = surface_name(pl, doc), pl.geonameid, pl.lat, pl.lon
            if (
                place is not None
                and f.kind == Kind.CASUALTIES
                and regional_source(sources.get(info.index))
                and is_oblast_capital(pl)
                and regional_reading(info, pl)
            ):
                place, geonameid = None, None  # "In Kherson, the regional governor said …": the region
        if (
            f.kind == Kind.MUNITIONS
            and "ukrainian-munition" in f.flags
            and (admin1 is None or admin1.startswith("RU"))
        ):
            country = "RU"
        historical = f.clause in info.historical_clauses
        fdate = figure_date(f, info, d_by_sent[info.index], doc_date, historical)
        role = Role.TOTAL
        low = info.lowered
        if "toll" in f.flags or (
            live and "additive" not in f.flags and not any(m in low for m in ADDITIVE_MARKERS)
        ):
            role = Role.UPDATE  # (a live blog's entries update what the ones before said)
        elif any(m in low for m in ADDITIVE_MARKERS) or "additive" in f.flags:
            role = Role.PART
        elif any(m in low for m in UPDATE_MARKERS):
            role = Role.UPDATE
        fact_source = sources.get(info.index) if speaks_for(info, f.clause, said_at.get(info.index)) else None
        doubts = doubts_of(f, info, located, fact_source)
        s = info.sentence
        # a figure read from a number of the sentence before ("Russia launched 36 drones. All
        # of them were shot down."): its evidence is both sentences
        first = doc.sentences[f.sent] if f.sent < info.index else s
        facts.append(
            Fact(
                doc=doc.id,
                kind=f.kind or "",
                measure=f.measure or "",
                value=f.value,
                evidence=(first.start, s.end),
                qualifier=f.qualifier,
                country=country,
                weapon=f.weapon if f.kind == Kind.MUNITIONS else None,
                admin1=admin1,
                place=place if f.kind == Kind.CASUALTIES else None,
                low=f.low,
                high=f.high,
                unit=f.unit,
                group=f.group,
                date=fdate,
                source=fact_source,
                confidence=confidence_of(doubts),
                doubts=doubts,
                historical=historical,
                geonameid=geonameid,
                lat=lat,
                lon=lon,
                span=(f.q.start, f.q.end),
                role=role,
                extractor=EXTRACTOR,
            )
        )
    facts.extend(regions_facts(doc, infos, facts, doc_date, q_by_sent))
    return facts
