"""Reconcile the figures of one report: one fact per figure.

Takes ``facts`` as the extract stage found them (a figure may be stated several times) and
replaces them with one fact per key (kind, measure, country, weapon, region, place, side):
- the same value stated twice is one fact;
- a bounded or vague statement is evidence for a precise one it agrees with ("more than
  500" and "502" -> 502; "more than 300" and "at least 328" -> 328);
- an update supersedes what came before it ("Later, police confirmed 61 killed");
- parts add up: "three women and five men … one woman was killed in a later drone attack"
  -> 9, and when the report also states that total, the total stands;
- a national figure that repeats a placed one ("injuring four railway workers" … "four
  railway workers in the Kirovohrad region") is the placed one.
Claims of the two sides are never merged: a Russian ministry's figure stays its own fact.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..extract.side import russian_source
from ..model import ABOUT, AT_LEAST, EXACT, MORE_THAN, UP_TO, VAGUE, Document, Fact, sentence_spans
from ..vocabulary import Kind, Measure, Role

# Measures that are the largest of their statements, not their sum: "delays of up to seven
# hours … three hours on the Lviv line" is a longest delay of 7 (SCHEMA.md: rail_delay).
LARGEST_OF_STATEMENTS = frozenset({Measure.RAIL_DELAY})

# A bounded figure agrees with a precise one within these factors ("more than 300" / 328).
AGREE_FACTOR = 1.5
ABOUT_TOLERANCE = 0.15


def side(fact: Fact) -> str:
    return "RU" if russian_source(fact.source) else "UA"


def _key(f: Fact) -> tuple:
    place = (f.place or "").lower() if f.kind == Kind.CASUALTIES else ""
    return (f.kind, f.measure, f.country, f.weapon, f.admin1, place, f.historical, side(f))


def _dominated(f: Fact, others: list[Fact]) -> bool:
    """True when a bounded/vague ``f`` only restates a more precise figure among ``others``."""
    v = f.value
    for g in others:
        if g is f or g.qualifier == VAGUE:
            continue
        w = g.value
        if f.qualifier == VAGUE:
            return True
        if f.qualifier == MORE_THAN and v < w <= v * AGREE_FACTOR and g.qualifier in (EXACT, AT_LEAST):
            return True
        if f.qualifier == AT_LEAST and v < w <= v * AGREE_FACTOR and g.qualifier == EXACT:
            return True
        if f.qualifier == ABOUT and abs(w - v) <= v * ABOUT_TOLERANCE and g.qualifier == EXACT and w != v:
            return True
        if f.qualifier == UP_TO and w < v and g.qualifier == EXACT:
            return True
    return False


def _tally_keeper(source: str | None) -> bool:
    """Whether a source is the one that keeps munition tallies (an air force)."""
    return "air force" in (source or "").lower()


def _speaker(source: str | None) -> frozenset[str]:
    words = re.findall(r"[a-z]+", (source or "").lower())
    return frozenset(w for w in words if w not in _NOT_SPEAKER)


_NOT_SPEAKER = frozenset("the a an of and s in on at to according said says its".split())


# Words of a source that names a kind of speaker, not one ("local officials", "Ukrainian
# authorities").
_UNNAMED_WORDS = frozenset(
    "officials official authorities authority local regional city district state government ukrainian "
    "russian ukraine russia ukraine's russia's".split()
)


def _unnamed_speaker(source: str | None) -> bool:
    return bool(source) and _speaker(source) <= _UNNAMED_WORDS


def _different_speakers(facts: list[Fact]) -> bool:
    """Every statement has a named source and no two share a speaker's word."""
    speakers = [_speaker(f.source) for f in facts]
    if not all(speakers):
        return len([s for s in speakers if s]) > 1 and _pairwise_apart([s for s in speakers if s])
    return _pairwise_apart(speakers)


def _pairwise_apart(speakers: list[frozenset[str]]) -> bool:
    return all(not (a & b) for i, a in enumerate(speakers) for b in speakers[i + 1 :])


def _merge(group: list[Fact]) -> Fact | list[Fact]:
    # one fact per distinct value (the first statement of it, in text order)
    seen: dict[float, Fact] = {}
    for f in sorted(group, key=lambda f: f.evidence[0]):
        if f.value not in seen or (seen[f.value].qualifier == VAGUE and f.qualifier != VAGUE):
            seen[f.value] = f
        elif seen[f.value].source is None and f.source:
            # "12 injured" in the lead, "Twelve people were injured," the governor wrote: the
            # figure carries the attribution the report gives it
            seen[f.value] = replace(seen[f.value], source=f.source)
        elif _unnamed_speaker(seen[f.value].source) and f.source and not _unnamed_speaker(f.source):
            # "killing two, officials said" in the lead, "killed two, governor Serhiy Tkachuk
            # said" below it: the figure is the one who is named for it
            seen[f.value] = replace(seen[f.value], source=f.source)
        elif f.kind == Kind.MUNITIONS and _tally_keeper(f.source) and not _tally_keeper(seen[f.value].source):
            # "Ukraine's military said … 23 drones" and "the air force reported … 18 of the 23":
            # a munition tally is the air force's, whoever repeats it
            seen[f.value] = replace(seen[f.value], source=f.source)
    distinct = list(seen.values())
    if len(distinct) > 1 and distinct[0].measure in LARGEST_OF_STATEMENTS:
        stated = [f for f in distinct if f.qualifier != VAGUE] or distinct
        return max(stated, key=lambda f: f.value)
    if len(distinct) > 1:
        kept = [f for f in distinct if not _dominated(f, distinct)]
        distinct = kept or distinct
    if len(distinct) == 1:
        only = distinct[0]
        # a part with no other part of its key ("41 drones: 16 over Bryansk, …") is the total
        return replace(only, role=Role.TOTAL) if only.role == Role.PART else only
    # (of every statement: a figure said again later — "four killed" in a recap at the top,
    # "two killed" at 02:40, "four killed" at 09:30; "at least five killed" in the lead, "the
    # toll has risen to five" below — is as late as its last saying)
    updates = [f for f in group if f.role == Role.UPDATE and any(d.value == f.value for d in distinct)]
    if updates:
        # the latest statement; within one sentence, the toll (the largest)
        last = max(updates, key=lambda f: (f.evidence[0], f.value))
        latest = seen[last.value] if seen[last.value].role == Role.UPDATE else last
        if latest.source is None:
            # "A recap: three were killed and 12 injured": a restatement names no speaker; the
            # figure is the one the speaker of the last statement before it gave
            named = [f for f in group if f.source and f.evidence[0] < latest.evidence[0]]
            if named:
                latest = replace(latest, source=max(named, key=lambda f: f.evidence[0]).source)
        return latest
    # a stated total equal to the sum of the other statements stands
    total = sum(f.value for f in distinct)
    for f in distinct:
        if abs(2 * f.value - total) < 1e-9:
            return f
    first = distinct[0]
    if first.kind == Kind.MUNITIONS and not any(f.role == Role.PART for f in distinct):
        # munition totals are restated, not split across sentences: the largest statement,
        # unless different speakers claim different figures (both claims stand)
        if _different_speakers(distinct):
            return distinct
        return max(distinct, key=lambda f: f.value)
    # parts of one figure, stated apart: their sum
    lo = min(f.evidence[0] for f in distinct)
    hi = max(f.evidence[1] for f in distinct)
    low = total if first.low is not None else None
    spans = sentence_spans(s for f in distinct for s in f.evidence_spans)
    return replace(
        first, value=total, low=low, high=None, evidence=(lo, hi), evidence_spans=spans, role=Role.TOTAL
    )


def reconcile_facts(facts: list[Fact]) -> list[Fact]:
    groups: dict[tuple, list[Fact]] = {}
    order: list[tuple] = []
    out_regions = [f for f in facts if f.kind == Kind.REGIONS]
    for f in facts:
        if f.kind == Kind.REGIONS:
            continue
        k = _key(f)
        if k not in groups:
            groups[k] = []
            order.append(k)
        groups[k].append(f)
    merged: list[Fact] = []
    for k in order:
        kept = _merge(groups[k])
        merged.extend(kept if isinstance(kept, list) else [kept])
    # a national casualty or damage figure that repeats a placed one is that one
    placed = {
        (f.kind, f.measure, f.value, f.group)
        for f in merged
        if f.admin1 and f.kind in (Kind.CASUALTIES, Kind.DAMAGE)
    }
    merged = [
        f
        for f in merged
        if not (
            f.admin1 is None
            and f.kind in (Kind.CASUALTIES, Kind.DAMAGE)
            and (f.kind, f.measure, f.value, f.group) in placed
        )
    ]
    return _without_summed_regions(merged) + out_regions


def _without_summed_regions(facts: list[Fact]) -> list[Fact]:
    """A region's casualty figure stated before the settlement figures the report then gives
    for that region, and equal to their sum ("killed 4 residents of the Donetsk region", then
    2, 1 and 1 by town), is their total, not a further figure (ANNOTATING.md: per settlement,
    else per oblast). A region's figure after them ("Dnipro district: two men were injured")
    is one of its own."""
    settled: dict[tuple, tuple[float, int]] = {}
    for f in facts:
        if f.kind == Kind.CASUALTIES and f.place and f.admin1:
            k = (f.measure, f.admin1, f.historical, side(f))
            total, first = settled.get(k, (0.0, f.evidence[0]))
            settled[k] = (total + f.value, min(first, f.evidence[0]))

    def summed(f: Fact) -> bool:
        total, first = settled.get((f.measure, f.admin1, f.historical, side(f)), (-1.0, 0))
        return abs(total - f.value) < 1e-9 and f.evidence[0] < first

    return [
        f for f in facts if not (f.kind == Kind.CASUALTIES and f.place is None and f.admin1 and summed(f))
    ]


class ReconcileStage:
    """Replaces ``facts`` with one fact per figure."""

    name = "reconcile"
    requires = ("facts",)
    assigns = ("facts",)

    def __call__(self, doc: Document) -> Document:
        return doc.with_(facts=tuple(reconcile_facts(list(doc.facts))))
