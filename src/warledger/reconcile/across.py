"""Reconcile claims across reports into events: the attacks that many reports add up to.

``build_events(claims)`` takes every stored claim (one report's fact, with the report's
publication date) and returns the events they describe, each with one figure per thing
counted, every claim behind it kept. It is pure and deterministic: the claims are sorted
into a canonical order first, so the same claims in any order give the same events, figures
and keys. It runs in near-linear time: claims are blocked by country and day, and linked
through dictionaries of shared "tokens", never by comparing all pairs.

Rules, each named where the code applies it:

R1 ELIGIBLE — a claim takes part only when its fact has a ``date`` and is not
   ``historical``: background figures ("the largest attack since July") describe another
   attack, and an undated figure cannot be placed in time (but see R6).

R2 SAME_COUNTRY — an event is about one attacked territory (``fact.country``). Russian
   claims of Ukrainian drones over Russia (``country`` RU) therefore make their own events,
   never merged with the Ukrainian ones of the same night.

R3 SAME_DAY_LINK — two claims of the same country and the same date join one event when
   they share a token:
   - the same munition measure and weapon ("launched/drone"): one country is hit by one
     wave of a given weapon a night, whatever region a breakdown names;
   - the same region (``admin1``), counting the ``members`` of a regions fact: a governor's
     Kharkiv toll joins the air force report that names Kharkiv among the regions hit;
   - the same national (no ``admin1``) casualty or damage measure;
   - the same report: one report's figures of one day are one account of one attack.
   Claims in different regions with nothing else in common stay apart: events of
   different places are never merged.

R4 OVERNIGHT_LINK — dates one day apart are the same attack only in the "overnight" case:
   claim X's date equals its own report's publication date (a report of the morning that
   dates the attack "overnight", i.e. by its publication day) and claim Y's date is the day
   before (a report that dates the same night by its evening), and X and Y share a token
   of R3 other than the report. Any other pair of different dates never joins.

R5 SPAN — an event never spans more than two consecutive days: an R4 link that would stretch
   an event over three days is not made (links are tried in date order, so a night is first
   joined to the evening before it). Consequence: if one report dates an attack D-1, another
   D and a third (published D+1) D+1, the third stays its own event.

R6 UNDATED_JOIN — an undated, non-historical claim joins an event only when exactly one
   event of its country shares one of its regions (``admin1``, or a regions fact's members)
   AND has a date within one day of the claim's report's publication date. A national
   undated figure (no region), or one that fits several events stays out. Undated claims
   never create events and never link other claims (so they cannot make the result depend
   on order). R6b UNDATED_TARGET: a claim whose report has no publication date either joins
   the one event of its region whose reports name the same kind of target (a children's
   hospital, a power plant, a metro station), on the weekday it names when it names one:
   the dev corpus' 022 (UN DPPA: "the capital's main children's hospital … came under fire"
   on "Monday") joins 007's Monday 8 July 2024 Kyiv event (the Okhmatdyt children's hospital).

R7 REGIONS — a regions fact ("attacks hit 7 regions") makes no figure; its members join
   the event's ``admin1`` list (and act as region tokens for R3/R4/R6).

R8 FIGURE_KEY — one figure per (kind, measure, weapon, admin1, place, side): ``place`` is
   compared case-, accent- and spelling-insensitively (through the gazetteer: "Kharkov" is
   Kharkiv) and only for casualties, like within-report reconciliation; a settlement's figure
   is never merged with its region's (place None); and, as within one report, a Russian
   source's figure is never merged with a Ukrainian one (``within.side``).

R9 AGREEMENT — two claims agree when their values are equal, when either is vague, or when a
   bounded one only restates the other (``within._dominated``: "more than 500" and "502").

R10 STATUS — claims are put in time order: by their report's publication date (a report
   without one counts as the latest: in practice these are retrospective summaries), then
   by their within-report role (restated < total/part < update). Claims with the same
   (publication date, role) form a tier.
   - ``consistent``: all claims agree (R9). best = the most specific claim (exact before
     bounded before vague), then the latest.
   - ``conflict``: the latest tier disagrees within itself — sources speaking at the same
     time disagree beyond their qualifiers. best = the most specific, then latest, then
     best-supported (agreed with by most claims), then largest value; low/high span all.
   - ``revised``: the latest tier agrees within itself but an earlier claim disagrees with
     it — a later report raised or changed the figure. best = the latest tier's (most
     specific) value; low/high are the latest tier's; ``history`` keeps every claim's
     (publication date, value) in time order ("" for an unknown date).
   low/high come from what the claims they cover state, vague claims left out (R13).

R13 BOUNDS — each claim bounds the figure by its qualifier: exact "7" is [7, 7]; "at least
   7" and "more than 110" are [7, open] and [110, open]; "up to 7" is [open, 7]; "about" and
   ranges by their own low/high (else the value). ``high`` is the largest upper bound any
   claim states, provided it reaches the largest lower bound; otherwise no claim caps the
   figure and ``high`` is None (open): "at least 7" alone is 7 / 7 / open, with "9" beside it
   7 / 9 / 9. ``low`` likewise, from below. A figure whose claims are all vague ("dozens of
   drones") has qualifier ``vague`` and no bounds: it is shown as vague, and never added into
   totals (the label, the time series, the map, ACLED fatalities) or the arithmetic.

R14 NOT_STATED — in the checks a measure no report stated is "not stated", never a 0: a
   night with launched 728, intercepted 296 and lost 415 reads "drone: launched 728 =
   intercepted 296 + lost 415 + unaccounted 17; hit not stated".

R11 CHECKS — per weapon, on the national Ukrainian-side figures of an event: launched vs
   intercepted + hit + lost, over the measures stated (R14), and the unaccounted remainder
   ("drone: launched 502 = intercepted 430 + hit 69 + unaccounted 3; lost not stated"), and
   "intercepted exceeds launched". Vague figures take no part (R13).

R12 KEY/LABEL — ``key`` = "{date}-{country}-{hash}", the hash (10 hex digits of SHA-1) over
   the earliest claim's (publication date, doc_id, kind, measure, weapon, admin1, place,
   side): stable under reordering and under claims added later to the event; ``label`` is
   short text from the figures ("2025-09-03 UA: 502 drones, 24 missiles; 9 killed").
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..model import (
    ABOUT,
    AT_LEAST,
    CONFLICT,
    CONSISTENT,
    EXACT,
    MORE_THAN,
    REVISED,
    UP_TO,
    VAGUE,
    Claim,
    Event,
    EventFigure,
    Fact,
)
from ..vocabulary import Kind, Measure, Role, kind_order, measure_order, weapon_label, weapon_order
from .within import _dominated, side

__all__ = ["agrees", "build_events", "claim_bounds", "grouped_events", "place_key"]

# within-report roles in time order: a restatement repeats an earlier figure, an update
# supersedes the report's own earlier figure (R10)
ROLE_RANK: dict[str, int] = {Role.RESTATED: 0, Role.TOTAL: 1, Role.PART: 1, Role.UPDATE: 2}
# how much a qualifier pins a figure down (R10: "most specific")
SPECIFICITY: dict[str, int] = {EXACT: 3, AT_LEAST: 2, MORE_THAN: 2, ABOUT: 2, UP_TO: 2, VAGUE: 0}
# kinds, measures and weapon classes sort and read as the vocabulary orders and labels them
NO_DATE = 10**9  # an unknown publication date sorts after every known one (R10)


# --- agreement (R9) ------------------------------------------------------------------------


def agrees(a: Fact, b: Fact) -> bool:
    """Whether two claims of one figure agree within their qualifiers (R9).

    Reuses within-report reconciliation's rule (``_dominated``): what is one fact inside a
    report is agreement across reports.
    """
    if a.value == b.value or a.qualifier == VAGUE or b.qualifier == VAGUE:
        return True
    return _dominated(a, [b]) or _dominated(b, [a])


# --- places (R8) ---------------------------------------------------------------------------

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=8192)
def _place(name: str) -> tuple[str, str]:
    """(identity, display spelling) of a settlement name: the gazetteer's entry when it knows
    the name ("kharkov" -> Kharkiv), else the name folded (case, accents, punctuation)."""
    try:
        from ..geocode.gazetteer import Gazetteer

        p = Gazetteer.default().lookup(name)
    except Exception:  # noqa: BLE001 - a missing gazetteer only loses the spelling aliases
        p = None
    if p is not None and p.level == "settlement" and p.geonameid is not None:
        return f"gn:{p.geonameid}", p.name
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return _NON_ALNUM.sub("", folded), name


def place_key(name: str | None) -> str:
    """A settlement name's identity for R8: equal for "Kharkiv", "kharkiv" and "Kharkov"."""
    return _place(name)[0] if name else ""


# --- the claims, normalised once ------------------------------------------------------------


@dataclass(slots=True)
class _C:
    """A claim and what the rules need of it, computed once."""

    claim: Claim
    day: int | None  # ordinal of fact.date
    pub: int | None  # ordinal of the report's publication date
    side: str
    fkey: tuple  # R8
    tokens: tuple  # R3 tokens other than the report's own
    regions: tuple[str, ...]  # admin1 codes the claim touches (R6, R7)
    order: tuple  # canonical sort key

    @property
    def fact(self) -> Fact:
        return self.claim.fact

    @property
    def tier(self) -> tuple[int, int]:
        return (NO_DATE if self.pub is None else self.pub, ROLE_RANK.get(self.fact.role, 1))


def _ordinal(iso: str | None) -> int | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def _prepare(claim: Claim) -> _C:
    f = claim.fact
    s = side(f)
    place = place_key(f.place) if f.kind == Kind.CASUALTIES else ""
    fkey = (f.kind, f.measure, f.weapon, f.admin1, place, s)
    regions = tuple(sorted(set(f.members))) if f.kind == Kind.REGIONS else ((f.admin1,) if f.admin1 else ())
    tokens: list[tuple] = [("region", r) for r in regions]
    if f.kind == Kind.MUNITIONS:
        tokens.append(("munition", f.measure, f.weapon))
    elif f.kind != Kind.REGIONS and not f.admin1:
        tokens.append(("national", f.kind, f.measure))
    pub = claim.published.toordinal() if claim.published else None
    order = (
        f.country,
        f.date or "",
        NO_DATE if pub is None else pub,
        claim.doc_id,
        kind_order(f.kind),
        f.kind,
        f.measure,
        f.weapon or "",
        f.admin1 or "",
        place,
        s,
        f.value,
        f.qualifier,
        f.role,
        f.source or "",
        claim.fact_id,
    )
    return _C(claim, _ordinal(f.date), pub, s, fkey, tuple(tokens), regions, order)


# --- grouping claims into events (R1-R6) -----------------------------------------------------


class _Groups:
    """Union-find over claim indices that keeps each group's first and last day (R5)."""

    def __init__(self, days: Sequence[int]):
        self.parent = list(range(len(days)))
        self.lo = list(days)
        self.hi = list(days)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        a, b = self.find(i), self.find(j)
        if a == b:
            return True
        lo, hi = min(self.lo[a], self.lo[b]), max(self.hi[a], self.hi[b])
        if hi - lo > 1:  # R5 SPAN: never more than two consecutive days
            return False
        a, b = min(a, b), max(a, b)  # the smaller index is the root: deterministic
        self.parent[b] = a
        self.lo[a], self.hi[a] = lo, hi
        return True


def _group_dated(dated: list[_C]) -> list[list[_C]]:
    groups = _Groups([c.day for c in dated])  # type: ignore[misc]
    by_day: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, c in enumerate(dated):
        by_day[(c.fact.country, c.day)].append(i)  # type: ignore[index]
    # R3 SAME_DAY_LINK: per (country, day), the first claim holding a token anchors it
    anchors: dict[tuple[str, int], dict[tuple, int]] = {}
    for block, members in by_day.items():
        first: dict[tuple, int] = {}
        for i in members:
            c = dated[i]
            for tok in (*c.tokens, ("doc", c.claim.doc_id)):
                j = first.setdefault(tok, i)
                if j != i:
                    groups.union(j, i)
        anchors[block] = first
    # R4 OVERNIGHT_LINK, in date order (R5 prefers the evening before)
    for country, day in sorted(by_day):
        before = anchors.get((country, day - 1))
        if not before:
            continue
        for i in by_day[(country, day)]:
            c = dated[i]
            if c.pub != c.day:  # not an "overnight"-type claim: dated by its own publication day
                continue
            for tok in c.tokens:  # shared measure/weapon or region; never "same report"
                anchor = before.get(tok)
                if anchor is not None:
                    groups.union(anchor, i)
    out: dict[int, list[_C]] = defaultdict(list)
    for i, c in enumerate(dated):
        out[groups.find(i)].append(c)
    return list(out.values())


def _join_undated(events: list[list[_C]], undated: list[_C]) -> None:
    """R6 UNDATED_JOIN: a region shared with exactly one event dated within a day of the report."""
    index: dict[tuple[str, str], set[int]] = defaultdict(set)
    # and the events by day: a claim with a publication date looks at the events of three
    # days, not at every event of its region (a long ledger has thousands)
    on_day: dict[int | None, set[int]] = defaultdict(set)
    regions: list[set[tuple[str, str]]] = []
    for n, members in enumerate(events):
        regions.append(set())
        for c in members:
            on_day[c.day].add(n)
            for r in c.regions:
                index[(c.fact.country, r)].add(n)
                regions[n].add((c.fact.country, r))
    days = [{c.day for c in members} for members in events]
    joins: list[tuple[int, _C]] = []
    for c in undated:
        if not c.regions:
            continue
        if c.pub is not None:
            # a region shared with an event that has a day within one of the report's (R6)
            near = set().union(*(on_day.get(c.pub + k, set()) for k in (-1, 0, 1)))
            fits = [n for n in near if any((c.fact.country, r) in regions[n] for r in c.regions)]
        else:
            cands = set().union(*(index.get((c.fact.country, r), set()) for r in c.regions))
            fits = _same_target(c, sorted(cands), events, days)
        if len(fits) == 1:
            joins.append((fits[0], c))
    # joined afterwards, so that one undated claim never decides where another goes
    for n, c in joins:
        events[n].append(c)


# R6b: what a strike hit, as reports name it; two reports naming the same kind of target in
# the same region on the same weekday describe the same attack.
_TARGET = re.compile(
    r"\b(children's hospital|maternity hospital|hospital|thermal power (?:plant|station)|power (?:plant|station)|"
    r"hydroelectric (?:plant|power station|dam)|railway station|train station|metro station|"
    r"shopping (?:centre|center|mall)|supermarket|market|school|kindergarten|dormitory|oil (?:depot|refinery)|"
    r"port|airport|church|cathedral|university|institute|substation|bridge)\b"
)
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _targets(text: str) -> set[str]:
    return set(_TARGET.findall(text.replace("’", "'").lower()))


def _same_target(c: _C, cands: list[int], events: list[list[_C]], days: list[set]) -> list[int]:
    """R6b UNDATED_TARGET: a claim from a report with no date at all ("the capital's main
    children's hospital came under fire on Monday") joins the one event of its region that
    names the same kind of target, on the weekday the report names (when it names one)."""
    text = c.claim.evidence_text or ""
    mine = _targets(text)
    if not mine:
        return []
    weekday = _WEEKDAY.search(text)
    fits = []
    for n in cands:
        if weekday and not any(
            date.fromordinal(d).weekday() == WEEKDAYS.index(weekday.group(1)) for d in days[n] if d
        ):
            continue
        theirs = set().union(*(_targets(m.claim.evidence_text or "") for m in events[n]))
        if mine & theirs:
            fits.append(n)
    return fits


# --- figures (R8-R10) --------------------------------------------------------------------


# qualifiers that leave a figure open above ("at least 7": 7 or more) or below ("up to 7")
OPEN_ABOVE = frozenset({AT_LEAST, MORE_THAN})
OPEN_BELOW = frozenset({UP_TO})


def claim_bounds(f: Fact) -> tuple[float | None, float | None]:
    """What one claim says of its figure (R13): (low, high), None on a side it leaves open."""
    low = f.low if f.low is not None else (None if f.qualifier in OPEN_BELOW else f.value)
    high = f.high if f.high is not None else (None if f.qualifier in OPEN_ABOVE else f.value)
    return low, high


def _span(cs: Sequence[_C]) -> tuple[float | None, float | None]:
    """low/high of a figure over claims (R13): open (None) on a side no claim closes."""
    stated = [c.fact for c in cs if c.fact.qualifier != VAGUE]
    if not stated:
        return None, None  # all vague: "dozens" bounds nothing
    bounds = [claim_bounds(f) for f in stated]
    lows = [lo for lo, _ in bounds if lo is not None]
    highs = [hi for _, hi in bounds if hi is not None]
    # the largest upper bound caps the figure only if it reaches every claim's lower bound
    # ("at least 7" and "5" disagree: the 7-or-more claim still leaves it open above)
    high = max(highs) if highs and (not lows or max(highs) >= max(lows)) else None
    low = min(lows) if lows and (not highs or min(lows) <= min(highs)) else None
    return low, high


def _vq(c: _C) -> tuple[float, str]:
    return (c.fact.value, c.fact.qualifier)


@lru_cache(maxsize=65536)
def _agree_vq(a: tuple[float, str], b: tuple[float, str]) -> bool:
    """R9 on (value, qualifier) pairs: agreement depends on nothing else, so a figure compares
    its distinct statements, not its claims, and one claimed a thousand times stays cheap."""
    fa = Fact(doc="", kind="", measure="", value=a[0], evidence=(0, 0), qualifier=a[1])
    fb = Fact(doc="", kind="", measure="", value=b[0], evidence=(0, 0), qualifier=b[1])
    return agrees(fa, fb)


def _all_agree(cs: Sequence[_C]) -> bool:
    vqs = sorted({_vq(c) for c in cs})
    return all(_agree_vq(a, b) for n, a in enumerate(vqs) for b in vqs[n + 1 :])


def _pick(cs: Sequence[_C], support_of: Sequence[_C]) -> _C:
    """The most specific claim, then the latest, then the best supported, then the largest."""
    counts: dict[tuple[float, str], int] = defaultdict(int)
    for o in support_of:
        counts[_vq(o)] += 1

    def support(c: _C) -> int:
        return sum(n for vq, n in counts.items() if _agree_vq(_vq(c), vq))

    def rank(c: _C) -> tuple:
        return (SPECIFICITY.get(c.fact.qualifier, 1), c.tier, support(c), c.fact.value, c.order)

    return max(cs, key=rank)


def _figure(cs: list[_C]) -> tuple[EventFigure, _C]:
    """One figure over its claims (R10), and the claim whose value is its best."""
    cs = sorted(cs, key=lambda c: (c.tier, c.order))  # time order (R10)
    latest_tier = cs[-1].tier
    latest = [c for c in cs if c.tier == latest_tier]
    history: tuple[tuple[str, float], ...] = ()
    if _all_agree(cs):
        status, best, (low, high) = CONSISTENT, _pick(cs, cs), _span(cs)
    elif not _all_agree(latest):
        # sources speaking at the same time disagree: both kept, the range spans them
        status, best, (low, high) = CONFLICT, _pick(latest, cs), _span(cs)
    else:
        # a later report changed the figure: the latest wins, the rest is history
        status, best, (low, high) = REVISED, _pick(latest, latest), _span(latest)
        history = tuple(
            (c.claim.published.isoformat() if c.claim.published else "", c.fact.value) for c in cs
        )
    # who stated it, as the reports attribute it; an unattributed claim adds no source (its
    # report is known by its document and publisher, never passed off as a source)
    sources: list[str] = []
    for c in cs:
        s = c.fact.source
        if s and s not in sources:
            sources.append(s)
    f = best.fact
    places = {c.fact.place for c in cs}
    groups = {c.fact.group for c in cs}
    fig = EventFigure(
        kind=f.kind,
        measure=f.measure,
        weapon=f.weapon,
        admin1=f.admin1,
        # a casualty figure's place is part of its key; another kind's only when all agree
        place=(_place(f.place)[1] if f.place else None)
        if f.kind == Kind.CASUALTIES or len(places) == 1
        else None,
        low=low,
        best=f.value,
        high=high,
        status=status,
        claims=tuple(c.claim.fact_id for c in cs),
        sources=tuple(sources),
        history=history,
        unit=f.unit,
        group=f.group if len(groups) == 1 else None,
        qualifier=f.qualifier,
    )
    return fig, best


# --- checks and label (R11, R12) ------------------------------------------------------------


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


@dataclass(frozen=True, slots=True)
class _Sided:
    """An event's figure and the side whose claims it reconciles (the last part of its key:
    "UA", or the other side's country): what the label and the checks need beyond the figure."""

    figure: EventFigure
    side: str


def _headline(figures: Sequence[_Sided]) -> list[EventFigure]:
    """One figure per (kind, measure, weapon, admin1, place): the Ukrainian side's where both
    sides state it (a Russian ministry's claim about Ukraine is kept, not headlined), the
    other side's where only it does (Russian claims about drones over Russia)."""

    def key(fig: EventFigure) -> tuple:
        return (fig.kind, fig.measure, fig.weapon, fig.admin1, fig.place)

    chosen: dict[tuple, _Sided] = {}
    for s in figures:
        k = key(s.figure)
        if k not in chosen or (s.side == "UA" and chosen[k].side != "UA"):
            chosen[k] = s
    return [s.figure for s in figures if chosen.get(key(s.figure)) is s]


PARTS = (Measure.INTERCEPTED, Measure.HIT, Measure.LOST)  # what launched munitions became (R11)


def _checks(figures: Sequence[_Sided]) -> tuple[str, ...]:
    national: dict[str, dict[str, EventFigure]] = defaultdict(dict)
    for fig in _headline(figures):
        # R13: a vague figure ("dozens") is no number to add up
        if fig.kind == Kind.MUNITIONS and fig.admin1 is None and fig.weapon and not fig.vague:
            national[fig.weapon][fig.measure] = fig
    out: list[str] = []
    for weapon in sorted(national):
        m = national[weapon]
        launched = m.get(Measure.LAUNCHED)
        stated = [(k, m[k]) for k in PARTS if k in m]
        if launched is None or not stated:
            continue
        # R14: a measure no report gave is named as not stated, never counted as 0
        missing = [k for k in PARTS if k not in m]
        note = f"; {', '.join(missing)} not stated" if missing else ""
        terms = " + ".join(f"{k} {_amount(f, f.qualifier)}" for k, f in stated)
        total = sum(f.best for _, f in stated)
        rest = launched.best - total
        if rest >= 0:
            out.append(
                f"{weapon}: launched {_amount(launched, launched.qualifier)} = {terms} + unaccounted {_n(rest)}{note}"
            )
        else:
            what = f"{terms} = {_n(total)}" if len(stated) > 1 else terms
            out.append(
                f"{weapon}: {what} exceeds launched {_amount(launched, launched.qualifier)} by {_n(-rest)}{note}"
            )
        i = m.get(Measure.INTERCEPTED)
        if i is not None and i.best > launched.best:
            out.append(f"{weapon}: intercepted exceeds launched ({_n(i.best)} > {_n(launched.best)})")
    return tuple(out)


def _amount(fig: EventFigure, qualifier: str) -> str:
    if qualifier in (MORE_THAN, AT_LEAST):
        return f"{_n(fig.best)}+"
    if qualifier == ABOUT:
        return f"~{_n(fig.best)}"
    if qualifier == UP_TO:
        return f"up to {_n(fig.best)}"
    return _n(fig.best)


def _label(
    day: str,
    country: str,
    figures: Sequence[_Sided],
    admin1: Sequence[str],
) -> str:
    headline = _headline(figures)

    def usable(fig: EventFigure) -> bool:
        return not fig.vague

    munitions: list[str] = []
    national = [f for f in headline if f.kind == Kind.MUNITIONS and f.admin1 is None and usable(f)]
    weapons = sorted({f.weapon or "" for f in national}, key=lambda w: (weapon_order(w), w))
    for weapon in weapons:
        # what was launched; failing that, what was shot down ("24 drones downed")
        for measure, suffix in ((Measure.LAUNCHED, ""), (Measure.INTERCEPTED, " downed")):
            fig = next((f for f in national if (f.weapon or "") == weapon and f.measure == measure), None)
            if fig is not None:
                name = weapon_label(weapon)
                munitions.append(f"{_amount(fig, fig.qualifier)} {name}{suffix}")
                break
    people: list[str] = []
    for measure in (Measure.KILLED, Measure.INJURED):
        figs = [f for f in headline if f.kind == Kind.CASUALTIES and f.measure == measure and usable(f)]
        national = [f for f in figs if f.admin1 is None]
        if national:
            top = max(national, key=lambda f: f.best)
            amount = _amount(top, top.qualifier)
        else:
            # per region, the larger of its place and region figures (they may overlap)
            per_region: dict[str, float] = {}
            for f in figs:
                per_region[f.admin1 or ""] = max(per_region.get(f.admin1 or "", 0.0), f.best)
            amount = _n(sum(per_region.values()))
        if figs:
            people.append(f"{amount} {measure}")
    parts = [", ".join(munitions), ", ".join(people)]
    text = "; ".join(p for p in parts if p)
    if not text:
        n = len(admin1) if admin1 else len(figures)
        noun = "region" if admin1 else "figure"
        text = f"{n} {noun}{'s' if n != 1 else ''}"
    return f"{day} {country}: {text}"


def _event(members: list[_C]) -> Event:
    members.sort(key=lambda c: c.order)
    dated = [c for c in members if c.day is not None]
    # the event's date: the one given by most reports, ties to the earliest
    docs_by_day: dict[str, set[str]] = defaultdict(set)
    for c in dated:
        docs_by_day[c.fact.date[:10]].add(c.claim.doc_id)  # type: ignore[index]
    day = min(docs_by_day, key=lambda d: (-len(docs_by_day[d]), d))
    country = members[0].fact.country
    by_key: dict[tuple, list[_C]] = defaultdict(list)
    admin1: set[str] = set()
    for c in members:
        admin1.update(c.regions)
        if c.fact.kind != Kind.REGIONS:  # R7: regions make no figure
            by_key[c.fkey].append(c)
    keys = sorted(
        by_key,
        key=lambda k: (
            kind_order(k[0]),
            measure_order(k[1]),
            k[1],
            k[2] or "",
            k[3] or "",
            k[4],
            k[5] != "UA",
            k[5],
        ),
    )
    # each figure with its side; its qualifier is its best claim's (the label's "500+")
    figures = [_Sided(_figure(by_key[k])[0], k[5]) for k in keys]
    first = min(members, key=lambda c: (c.tier[0], c.order[3:]))
    f = first.fact
    seed = "|".join(
        str(x)
        for x in (
            first.tier[0],
            first.claim.doc_id,
            f.kind,
            f.measure,
            f.weapon,
            f.admin1,
            first.fkey[4],
            first.side,
        )
    )
    digest = hashlib.sha1(seed.encode("utf-8")).hexdigest()[:10]
    return Event(
        key=f"{day}-{country}-{digest}",
        date=day,
        country=country,
        admin1=tuple(sorted(admin1)),
        documents=tuple(sorted({c.claim.doc_id for c in members})),
        figures=tuple(s.figure for s in figures),
        checks=_checks(figures),
        label=_label(day, country, figures, sorted(admin1)),
    )


def build_events(claims: Iterable[Claim]) -> list[Event]:
    """The events that ``claims`` describe, in (date, country, key) order (module rules R1-R12)."""
    return [e for e, _ in grouped_events(claims)]


def grouped_events(claims: Iterable[Claim]) -> list[tuple[Event, tuple[int, ...]]]:
    """``build_events``, each event with the fact ids of every claim it drew on (regions facts
    and undated claims included, which no figure lists): what an incremental rebuild needs to
    know which days an event spans and whether recomputing a block changed it."""
    prepared = sorted((_prepare(c) for c in claims), key=lambda c: c.order)
    # R1 ELIGIBLE: historical figures never take part; undated ones only through R6
    dated = [c for c in prepared if not c.fact.historical and c.day is not None]
    undated = [c for c in prepared if not c.fact.historical and c.day is None]
    groups = _group_dated(dated)  # R2 (blocked by country), R3, R4, R5
    groups.sort(key=lambda g: min(c.order for c in g))
    _join_undated(groups, undated)
    events = [(_event(g), tuple(sorted(c.claim.fact_id for c in g))) for g in groups]
    events.sort(key=lambda em: (em[0].date or "", em[0].country, em[0].key))
    # two events can only share a key if one report's claims were split between them; keep
    # keys unique (deterministically: events are sorted) rather than let one shadow another
    seen: dict[str, int] = {}
    out: list[tuple[Event, tuple[int, ...]]] = []
    for e, members in events:
        n = seen.get(e.key, 0)
        seen[e.key] = n + 1
        out.append((e if n == 0 else Event(**{**_asdict(e), "key": f"{e.key}-{n + 1}"}), members))
    return out


def _asdict(e: Event) -> dict:
    return {name: getattr(e, name) for name in Event.__dataclass_fields__}
