"""Figures of an official tally post: the air force's (or a defence ministry's) nightly
count of what was launched, shot down, lost and what hit.

Shared by the packs of languages whose official posts have this shape (Ukrainian,
Russian); each gives a ``TallyLexicon`` (its trigger words, weapon names, markers), and
the rules below read the layers the earlier stages set: ``sentences``, ``quantities``,
``dates``, ``places`` and ``attributions``. The text is only matched against the
lexicon's patterns, never parsed again for numbers.

The post's structure, as the rules read it:
- each sentence is cut into clauses (commas, semicolons, colons, "а також"); a clause's
  measure is its trigger word ("атакував" launched, "збито/подавлено" intercepted,
  "влучання" hit, "не досягли цілей" / "локаційно втрачені" lost, "падіння уламків" debris:
  not counted), else the measure of the clause before it in the sentence; a dashed line
  takes the measure of the lead sentence above it ("збито/подавлено 141 ціль:");
- a number's weapon class comes from the words after it up to the next number or clause
  break: a class adjective ("балістичними", "крилатих") first (two different ones: a mixed
  figure, ``missile``), then a type name ("Іскандер-М", "Х-101", "Shahed"), then the noun
  ("ракет", "БпЛА"); "– 23" after a name ("Х-101 – 23") takes the name before it;
  reconnaissance drones (Орлан, Зала, Supercam) are not attack munitions; a number with no
  weapon ("363 цілі", "(72 із них — реактивні)") states no munition figure, unless a
  verb after it counts the weapon named before ("37 з них знищено", "Ще 19 – локаційно
  втрачені") or it is a region's part ("18 – над территорией Брянской области");
- figures still aloft ("в повітряному просторі знаходяться 10 БпЛА"), drones that left the
  airspace, figures still being confirmed ("уточнюється") and totals since the war began
  are no figures of the attack;
- a missile named in the singular without a numeral ("балістичною ракетою Іскандер-М",
  "влучання ракети") is one;
- "на N локаціях" in a hit clause is ``damage/sites_hit``; debris locations are not;
- "N із M": M is the launched total; "усі вони знищені" with no number: as many as the
  post says were launched (of the class it names, else the last launched); missiles downed
  or hitting with no class take the one class of missile launched, when there is one;
- the headline ("ЗБИТО/ПОДАВЛЕНО 95 ВОРОЖИХ БПЛА") counts only where the body does not
  state that measure and class; a total over missile types ("37 ракет") only where the
  post gives no class of missile for that measure (its parts are the facts);
- per measure and class, the figures of one sentence or one list are parts and add up
  ("56 БпЛА … а також два «Бандероль»"); a later sentence restating it is the same figure
  (the larger, unless a correction — "уточнена інформація" — came later: then the latest).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from .. import __version__
from ..model import Document, Fact, Quantity
from ..vocabulary import Kind, Measure, Weapon

EXTRACTOR = f"warledger-tally/{__version__}"
# A fact's doubt (``Fact.doubts``) when the post says the attack goes on ("Атака триває"):
# its figures are those counted so far, and a later post may give more; what it costs the
# fact's confidence (the English extractor's doubts cost 0.2-0.3: those may be wrong, these
# are right as of the post)
ONGOING = "attack-ongoing"
ONGOING_COST = 0.1
MISSILES = frozenset({Weapon.MISSILE, Weapon.CRUISE_MISSILE, Weapon.BALLISTIC_MISSILE})
RECON = "recon"  # a weapon pattern's class for reconnaissance drones: no figure


@dataclass(frozen=True)
class TallyLexicon:
    """A language's words for the tally rules (all patterns match lowercased text)."""

    lang: str
    # (pattern, measure); measures: launched intercepted hit lost; debris (not counted);
    # skip (figures still being confirmed, background totals: no figure, whatever else the
    # clause says); aloft ("in the airspace now": no figure, unless the clause also counts)
    triggers: tuple[tuple[re.Pattern[str], str], ...]
    # (pattern, class, how): how is "override" (decides whatever else: "керовані авіабомби"),
    # "adj" (a class adjective), "type" (a designation or name), "noun" (the generic noun:
    # "ракета", "БпЛА"); class RECON: not counted
    weapons: tuple[tuple[re.Pattern[str], str, str], ...]
    clause_break: re.Pattern[str]  # where a clause ends inside a sentence
    window_end: re.Pattern[str]  # where a number's noun phrase ends
    partitive: re.Pattern[str]  # "із" just before a number: "26 із 30"
    sites: re.Pattern[str]  # after a number: "локаціях"
    sites_before: re.Pattern[str]  # before it: "на"
    list_item: re.Pattern[str]  # a dashed line
    correction: re.Pattern[str]  # a sentence that opens corrected figures
    # a missile noun in a singular form when no numeral counts it ("ракетою")
    is_singular: Callable[[str, str], bool]  # (word, the text just before it) -> singular
    singular_head: re.Pattern[str]  # words that may head a singular missile phrase
    own_post: re.Pattern[str]  # the channel's own post: its sign-off or its URL
    own_source: str  # the source a channel's own figures carry
    default_country: str = "UA"
    # the side attacked when the post says so ("украинских беспилотников" over Russia)
    country_markers: tuple[tuple[re.Pattern[str], str], ...] = ()
    # after a number with no weapon of its own: a verb that counts the weapon named before
    # ("37 з них знищено"), not a subset's description ("(57 із них – реактивні)")
    refers_back: re.Pattern[str] | None = None
    # after a number, the words that make it a region's part of the figure before it
    # ("18 – над территорией Брянской области"); None: the pack's figures are national
    breakdown: re.Pattern[str] | None = None
    # "all of them" with a downing verb and no number: as many as were launched
    all_of_them: re.Pattern[str] | None = None
    # the post says the attack goes on ("Атака триває"): its figures may still grow
    ongoing: re.Pattern[str] | None = None
    # a count downed in a clause that names one region where it was downed ("На Одещині
    # збито 12 ударних БпЛА", "на Миколаївщині – 8") is that region's part
    regional_parts: bool = False


@dataclass
class _Fig:
    measure: str
    weapon: str | None
    value: float
    q: Quantity | None
    sentence: int
    block: tuple[int, int]
    headline: bool
    generic: bool = False
    corrected: bool = False
    kind: str = Kind.MUNITIONS
    spans: list[tuple[int, int]] = field(default_factory=list)
    admin1: str | None = None  # a per-region part ("18 – над территорией Брянской области")


def _classify(lex: TallyLexicon, window: str) -> tuple[str | None, bool]:
    """(weapon class, generic) of the words after a number."""
    adjectives: list[str] = []
    overrides: list[str] = []  # a guided bomb is one whatever adjective ("керовані авіабомби")
    types: list[tuple[int, str]] = []
    nouns: list[tuple[int, str]] = []
    for pattern, cls, how in lex.weapons:
        for m in pattern.finditer(window):
            if how == "override":
                overrides.append(cls)
            elif how == "adj":
                adjectives.append(cls)
            elif how == "type":
                types.append((m.start(), cls))
            else:
                nouns.append((m.start(), cls))
    named = sorted(types + nouns)
    if named and named[0][1] == RECON or any(c == RECON for _, c in types):
        return None, False
    if overrides:
        return overrides[0], False
    if adjectives:
        distinct = set(adjectives)
        return (distinct.pop() if len(distinct) == 1 else Weapon.MISSILE), False
    if types:
        return min(types)[1], False
    if nouns:
        cls = min(nouns)[1]
        return cls, cls == Weapon.MISSILE
    return None, False


def _clauses(lex: TallyLexicon, text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, s = [], start
    for m in lex.clause_break.finditer(text, start, end):
        out.append((s, m.start()))
        s = m.end()
    out.append((s, end))
    return out


def _measure_of(lex: TallyLexicon, clause: str) -> str | None:
    # each measure's first trigger: where the clause first says it
    found = [(m.start(), measure) for pattern, measure in lex.triggers if (m := pattern.search(clause))]
    if not found:
        return None
    measures = {m for _, m in found}
    for strong in ("skip", "debris", Measure.LOST, Measure.HIT):
        if strong in measures:
            return strong
    counted = [f for f in found if f[1] != "aloft"]
    if not counted:
        return "skip"  # "в повітряному просторі знаходяться 10 БпЛА": no figure of the attack
    return min(counted)[1]


_LETTERS = re.compile(r"[^\W\d_]")
_CAPITALS = re.compile(r"[^\W\d_a-zа-яіїєґёыэъ]")  # a letter that is no lowercase one
_DASH_BEFORE = re.compile(r"[–—-]\s*$")
NAME_REACH = 60  # how far before "– 23" a weapon's name may start
_NAMED_COUNT = re.compile(r"\S\s*[–—-]\s*\d+\s*[;.,]?\s*$")


def _is_headline(text: str, s_start: int, s_end: int, index: int) -> bool:
    """The post's capitals headline ("⚡️ ЗБИТО/ПОДАВЛЕНО 95 ВОРОЖИХ БПЛА"): its first or
    second sentence, four fifths of its letters capitals."""
    if index > 1 or s_end - s_start > 200:
        return False
    letters = len(_LETTERS.findall(text, s_start, s_end))
    return letters > 8 and len(_CAPITALS.findall(text, s_start, s_end)) >= 0.8 * letters


def _lowered(text: str) -> str:
    """``text`` lowercased with every offset kept (a character whose lowercase is longer,
    as "İ", stays as it is)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _breakdown_region(lex: TallyLexicon, doc: Document, lower: str, at: int, end: int) -> str | None:
    """The region of a per-region part ("18 – над территорией Брянской области"): the first
    place named in the clause after the number, when the lexicon's pattern opens it."""
    if lex.breakdown is None or not lex.breakdown.match(lower, at, end):
        return None
    for m in doc.places:  # few per post; in text order
        if at <= m.start < end and m.place.admin1:
            return m.place.admin1
        if m.start >= end:
            break
    return None


def _clause_region(starts: list[int], codes: list[str], c0: int, c1: int) -> str | None:
    """The one region a clause names as where something happened (none, or two or more —
    "в межах Сумської та Полтавської областей" — give None)."""
    i = bisect_left(starts, c0)
    found = None
    while i < len(starts) and starts[i] < c1:
        if found is not None and codes[i] != found:
            return None
        found = codes[i]
        i += 1
    return found


def _list_goes_on(clauses: list[tuple[int, int]], ci: int, places: list[int], numbers: list[int]) -> bool:
    """A clause next to clause ``ci`` names a place and states no number: the regions are a
    list split by commas ("на Київщині, Сумщині, Харківщині"), not one region's count."""
    for n in (ci - 1, ci + 1):
        if 0 <= n < len(clauses):
            n0, n1 = clauses[n]
            p = bisect_left(places, n0)
            q = bisect_left(numbers, n0)
            if p < len(places) and places[p] < n1 and not (q < len(numbers) and numbers[q] < n1):
                return True
    return False


def read_figures(lex: TallyLexicon, doc: Document) -> list[_Fig]:
    """Every figure the post states, before headline, totals and restatements are resolved.

    Linear in the post: each number looks only at its own clause up to the next number, and
    what later numbers need from earlier ones (the last class named, the last launch count
    per class) is kept as it goes."""
    text = doc.text
    lower = _lowered(text)
    figs: list[_Fig] = []
    last_weapon: tuple[str, bool] | None = None  # the class of the last munition figure
    launched_by: dict[str | None, list[_Fig]] = {}  # the last launched block per class
    by_sentence: dict[int, list[Quantity]] = {}
    si = 0
    sents = doc.sentences
    for q in doc.quantities:
        while si < len(sents) and sents[si].end <= q.start:
            si += 1
        if si < len(sents) and sents[si].start <= q.start:
            by_sentence.setdefault(si, []).append(q)
    # where the post says something happened: its locative regions, in text order
    located = [m for m in doc.places if m.role == "locative" and m.place.admin1] if lex.regional_parts else []
    place_starts = [m.start for m in located]
    place_codes = [m.place.admin1 or "" for m in located]
    lead_measure: str | None = None
    lead_index = -1
    in_list = False
    corrected = False
    for i, s in enumerate(sents):
        stext = text[s.start : s.end]
        if lex.correction.search(lower, s.start, s.end):
            corrected = True
        # a dashed line, or a short "Х-101 – 23" line under a lead that ends with a colon
        item = bool(lex.list_item.match(stext)) or (
            in_list and len(stext) <= 80 and bool(_NAMED_COUNT.search(stext))
        )
        headline = _is_headline(text, s.start, s.end, i)
        running = lead_measure if item else None
        block = (lead_index, 1) if item else (i, 0)
        qs = by_sentence.get(i, [])
        qi = 0
        clauses = _clauses(lex, text, s.start, s.end)
        q_starts = [q.start for q in qs]
        for ci, (c0, c1) in enumerate(clauses):
            clause = lower[c0:c1]
            claimed: list[tuple[int, int]] = []  # the noun phrases the clause's numbers took
            own = _measure_of(lex, clause)
            measure = own or running
            running = measure if measure != "skip" else running
            k0 = qi
            here = (
                _clause_region(place_starts, place_codes, c0, c1)
                if place_starts and measure == Measure.INTERCEPTED
                else None
            )
            if here is not None and _list_goes_on(clauses, ci, place_starts, q_starts):
                here = None  # "на Київщині, Сумщині та Одещині": one count over several regions
            while qi < len(qs) and qs[qi].start < c1:
                qi += 1
            cqs = qs[k0:qi]  # the clause's numbers (clauses and numbers are both in text order)
            for k, q in enumerate(cqs):
                nxt = cqs[k + 1].start if k + 1 < len(cqs) else c1
                wend = nxt
                m_end = lex.window_end.search(lower, q.end, nxt)
                if m_end is not None:
                    wend = m_end.start()
                window = lower[q.end : wend]
                claimed.append((q.start, wend))
                before = lower[max(c0, q.start - 12) : q.start]
                if measure in (None, "skip", "debris"):
                    continue
                if (
                    measure == Measure.HIT
                    and lex.sites.match(text, q.end)
                    and lex.sites_before.search(before)
                ):
                    figs.append(
                        _Fig(Measure.SITES_HIT, None, q.value, q, i, block, headline, kind=Kind.DAMAGE)
                    )
                    continue
                weapon, generic = _classify(lex, window)
                this = measure
                if lex.partitive.search(before) and k > 0:
                    this = Measure.LAUNCHED  # "26 із 30 ударних БпЛА": 30 were launched
                    prev = figs[-1] if figs and figs[-1].q is cqs[k - 1] else None
                    if prev is not None and prev.weapon is None and weapon is not None:
                        prev.weapon, prev.generic = weapon, generic
                elif lex.partitive.search(before):
                    this = Measure.LAUNCHED  # "із 140 БпЛА … збито близько 120": 140 launched
                if (
                    weapon is None
                    and k + 1 < len(cqs)
                    and not window.strip(" \t")
                    and lex.partitive.search(lower[max(c0, cqs[k + 1].start - 12) : cqs[k + 1].start])
                ):
                    # "26 із 30 …": the class comes with the next number
                    figs.append(_Fig(this, None, q.value, q, i, block, headline, False, corrected))
                    continue
                region = _breakdown_region(lex, doc, lower, q.end, c1)
                if here is not None and weapon is not None and this == measure:
                    # "На Одещині збито 12 ударних БпЛА": that region's part
                    fig = _Fig(this, weapon, q.value, q, i, block, headline, generic, corrected)
                    fig.admin1 = here
                    figs.append(fig)
                    last_weapon = (weapon, generic)
                    continue
                if region is None and here is not None and not window.strip(" –—-.;,"):
                    region = here  # "на Миколаївщині – 8": the class named before
                if region is not None and last_weapon is not None and weapon is None:
                    # "41 беспилотник: 18 – над территорией Брянской области": that region's part
                    fig = _Fig(
                        this, last_weapon[0], q.value, q, i, block, headline, last_weapon[1], corrected
                    )
                    fig.admin1 = region
                    figs.append(fig)
                    continue
                if weapon is None and lex.refers_back is not None and lex.refers_back.match(lower, q.end, c1):
                    # "37 з них знищено", "Ще 89 – локаційно втрачені": the class named before
                    if last_weapon is not None:
                        weapon, generic = last_weapon
                if weapon is None and _DASH_BEFORE.search(text, max(c0, q.start - 4), q.start):
                    # "Х-101 – 23": the name before the dash (a line's name is short)
                    weapon, generic = _classify(lex, lower[max(c0, q.start - NAME_REACH) : q.start])
                fig = _Fig(this, weapon, q.value, q, i, block, headline, generic, corrected)
                figs.append(fig)
                if weapon is not None:
                    last_weapon = (weapon, generic)
                    if this == Measure.LAUNCHED:
                        same = launched_by.get(weapon)
                        if same and same[-1].block == block:
                            same.append(fig)
                        else:
                            launched_by[weapon] = [fig]
                        launched_by[None] = launched_by[weapon]
            # "Усі вони знищені": as many as were launched, when the post counted them
            if (
                not cqs
                and measure == Measure.INTERCEPTED
                and own == Measure.INTERCEPTED
                and lex.all_of_them is not None
                and lex.all_of_them.search(clause)
            ):
                named, generic = _classify(lex, clause)
                same = launched_by.get(named)
                if same:
                    f = _Fig(
                        Measure.INTERCEPTED,
                        same[-1].weapon,
                        sum(x.value for x in same),
                        None,
                        i,
                        block,
                        headline,
                    )
                    f.spans.append((c0, c1))
                    figs.append(f)
            # missiles named in the singular, counted by no numeral: one each
            if measure in (Measure.LAUNCHED, Measure.INTERCEPTED, Measure.HIT, Measure.LOST):
                j = 0  # claimed spans are in text order, and so are the matches
                taken_until = -1  # the end of the last singular phrase counted
                for m in lex.singular_head.finditer(lower, c0, c1):
                    while j < len(claimed) and claimed[j][1] <= m.start():
                        j += 1
                    if m.start() < taken_until or (j < len(claimed) and claimed[j][0] <= m.start()):
                        continue
                    word = text[m.start() : m.end()]
                    if not lex.is_singular(word, lower[max(c0, m.start() - 30) : m.start()]):
                        continue
                    phrase_end = lex.window_end.search(lower, m.end(), c1)
                    wend = phrase_end.start() if phrase_end else c1
                    weapon, generic = _classify(lex, lower[m.start() : wend])
                    if weapon in MISSILES:
                        taken_until = wend
                        f = _Fig(measure, weapon, 1.0, None, i, block, headline, generic, corrected)
                        f.spans.append((m.start(), m.end()))
                        figs.append(f)
        if not item:
            lead_measure = running
            lead_index = i
        in_list = item or stext.rstrip().endswith(":")
    return [f for f in figs if f.weapon is not None or f.kind == Kind.DAMAGE]


def resolve(figs: list[_Fig]) -> list[_Fig]:
    """One figure per measure and class: headline and generic totals give way to the body's
    class figures; parts of one sentence or list add up; restatements are one."""
    body = {(f.measure, f.weapon) for f in figs if not f.headline}
    figs = [f for f in figs if not f.headline or (f.measure, f.weapon) not in body]
    specific = {f.measure for f in figs if f.weapon in MISSILES and not f.generic}
    figs = [f for f in figs if not (f.generic and f.measure in specific)]
    # "випустив 31 крилату ракету … знищено 29 ракет": one class of missile was launched, so
    # the missiles downed, lost or hitting are of that class
    launched = {
        f.weapon for f in figs if f.measure == Measure.LAUNCHED and f.weapon in MISSILES and not f.generic
    }
    if len(launched) == 1:
        (only,) = launched
        for f in figs:
            if f.generic and f.measure != Measure.LAUNCHED:
                f.weapon, f.generic = only, False
    out: list[_Fig] = []
    groups: dict[tuple[str, str, str | None, str | None], dict[tuple[int, int], list[_Fig]]] = {}
    for f in figs:
        groups.setdefault((f.kind, f.measure, f.weapon, f.admin1), {}).setdefault(f.block, []).append(f)
    for blocks in groups.values():
        sums = []
        for parts in blocks.values():
            total = _Fig(**{**parts[0].__dict__, "spans": list(parts[0].spans)})
            # parts: "56 БпЛА … а також два «Бандероль»"; "ракет на 4 локаціях, БпЛА на 11"
            total.value = sum(p.value for p in parts)
            sums.append((total, parts))
        fixes = [t for t in sums if t[0].corrected]
        if fixes:
            chosen = fixes[-1]
        else:
            chosen = max(sums, key=lambda t: (t[0].value, -t[0].sentence))
        out.append(chosen[0])
    # regions' parts and no national figure of that measure and class ("На Одещині знищено 5
    # дронів, на Миколаївщині – 3"): the national figure the post supports is their sum
    national = {(f.kind, f.measure, f.weapon) for f in out if f.admin1 is None}
    parts_of: dict[tuple[str, str, str | None], list[_Fig]] = {}
    for f in out:
        if f.admin1 is not None and (f.kind, f.measure, f.weapon) not in national:
            parts_of.setdefault((f.kind, f.measure, f.weapon), []).append(f)
    for parts in parts_of.values():
        total = _Fig(**{**parts[0].__dict__, "spans": list(parts[0].spans)})
        total.admin1 = None
        total.value = sum(p.value for p in parts)
        out.append(total)
    return out


def tally_facts(
    lex: TallyLexicon, doc: Document, attack_date: Callable[[Document], str | None]
) -> list[Fact]:
    """The post's facts, in SCHEMA.md's shape, each with its sentence as evidence."""
    figs = resolve(read_figures(lex, doc))
    day = attack_date(doc)
    said = {a.sentence: a.source for a in doc.attributions}
    own = lex.own_source if lex.own_post.search((doc.url or "") + "\n" + doc.text) else None
    low = doc.text.lower()
    country = lex.default_country
    for pattern, code in lex.country_markers:
        if pattern.search(low):
            country = code
            break
    ongoing = lex.ongoing is not None and lex.ongoing.search(low) is not None
    doubts = (ONGOING,) if ongoing else ()
    facts = []
    for f in sorted(figs, key=lambda f: (f.sentence, f.q.start if f.q else 0)):
        s = doc.sentences[f.sentence]
        span = (f.q.start, f.q.end) if f.q is not None else (f.spans[0] if f.spans else None)
        facts.append(
            Fact(
                doc=doc.id,
                kind=f.kind,
                measure=f.measure,
                value=f.value,
                evidence=(s.start, s.end),
                qualifier=f.q.qualifier if f.q is not None else "exact",
                country=country,
                weapon=f.weapon if f.kind == Kind.MUNITIONS else None,
                admin1=f.admin1,
                low=f.q.low if f.q is not None else None,
                high=f.q.high if f.q is not None else None,
                unit="sites" if f.kind == Kind.DAMAGE else None,
                date=day,
                source=said.get(f.sentence) or own,
                span=span,
                role="update" if f.corrected else "total",
                extractor=EXTRACTOR,
                confidence=round(1.0 - ONGOING_COST, 2) if ongoing else 1.0,
                doubts=doubts,
            )
        )
    return facts


def regions_fact(doc: Document, facts: list[Fact]) -> list[Fact]:
    """The regions the post places the attack in: every region or city it names as struck
    or attacked ("Основний напрямок удару – Київщина", "на Харківщині"), not launch areas
    ("із Брянської обл.") nor directions ("на півночі"); none when the post states no figure."""
    if not facts:
        return []
    members: list[str] = []
    first = None
    for m in doc.places:
        code = m.place.admin1
        if m.role != "locative" or code is None or m.place.country != facts[0].country:
            continue
        if code not in members:
            members.append(code)
            first = first or m
    if not members or first is None:
        return []
    return [
        Fact(
            doc=doc.id,
            kind=Kind.REGIONS,
            measure=Measure.AFFECTED,
            value=float(len(members)),
            evidence=(first.start, first.end),
            country=facts[0].country,
            members=tuple(members),
            date=facts[0].date,
            source=facts[0].source,
            extractor=EXTRACTOR,
        )
    ]


def night_date(doc: Document, night: re.Pattern[str]) -> str | None:
    """The day of the attack: the date after "у ніч на" (the night's morning, as English
    reports date an overnight attack); else the latest date of the first dated sentence;
    else the publication date."""
    text = doc.text
    for d in doc.dates:
        if night.search(text[max(0, d.start - 12) : d.start].lower()):
            return d.date
    if doc.dates:
        first = doc.dates[0]
        same = [d.date for d in doc.dates if _same_sentence(doc, first.start, d.start)]
        return max(same)
    return doc.published.isoformat() if isinstance(doc.published, date) else None


def _same_sentence(doc: Document, a: int, b: int) -> bool:
    for s in doc.sentences:
        if s.start <= a < s.end:
            return s.start <= b < s.end
    return False


__all__ = [
    "EXTRACTOR",
    "ONGOING",
    "TallyLexicon",
    "night_date",
    "regions_fact",
    "read_figures",
    "resolve",
    "tally_facts",
]
