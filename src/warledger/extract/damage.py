"""Damage: power outages, sites hit, fire area, rail delays, trains delayed, buildings.

Each measure is a head noun (the unit: consumers, sq m, hours, trains, buildings) plus
evidence in its clause or sentence that it is damage of that kind: a power word for
outages (and no nearer heat/water word: "46,000 people without heat" is not a power cut),
a fire word for burnt area, a delay word for rail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import vocabulary
from ..vocabulary import Measure
from .lexicon import (
    AREA_UNITS,
    DAMAGE_TRIGGERS,
    DELAY_WORDS,
    FIRE_WORDS,
    HOUR_NOUNS,
    MINUTE_NOUNS,
    OTHER_UTILITY_WORDS,
    POWER_UNITS,
    POWER_WORDS,
    TRAIN_NOUNS,
)
from .text import Token

if TYPE_CHECKING:
    from .figures import Figure

# Words that say a supply was cut (as tokens: "Power was restored to 12,000 consumers" is no outage).
OUTAGE_WORDS = frozenset(
    """
    without cut cuts cutting lost lose losing disrupted disruption disruptions outage outages de-energised
    de-energized blackout blackouts off interrupted knocked knocking plunged plunging
    """.split()
)
DEBRIS_WORDS = frozenset({"debris", "wreckage", "fragments", "falling"})
DEBRIS_REACH = 5  # tokens before a site count that a debris word may stand
RAIL_WORDS = frozenset({"train", "trains", "railway", "rail", "railways", "services", "ukrzaliznytsia"})
# How many tokens apart a utility word may be from the figure to count for it.
UTILITY_WINDOW = 12


def _nearest_utility(tokens: list[Token], fig: Figure) -> str | None:
    """'power' or 'other' by the utility word nearest the figure, or None."""
    best: tuple[int, str] | None = None
    centre = fig.i0
    for k, t in enumerate(tokens):
        if t.low in POWER_WORDS:
            kind = "power"
        elif t.low in OTHER_UTILITY_WORDS:
            kind = "other"
        else:
            continue
        if t.low == "supply" and k > 0 and tokens[k - 1].low in OTHER_UTILITY_WORDS:
            kind = "other"
        elif t.low == "supply":
            continue
        d = abs(k - centre)
        if d <= UTILITY_WINDOW * 2 and (best is None or d < best[0]):
            best = (d, kind)
    return best[1] if best else None


def classify(
    tokens: list[Token], fig: Figure, head: str | None, lowered: str
) -> tuple[str, str | None, float] | None:
    """(measure, unit, factor) when the figure is damage, else None."""
    if head is None:
        return None
    clause = tokens[fig.i0].clause
    clause_words = {t.low for t in tokens if t.clause == clause}
    words = {t.low for t in tokens}
    square_km = (
        head in ("km", "kilometres", "kilometers")
        and fig.head is not None
        and fig.head > 0
        and tokens[fig.head - 1].low in ("sq", "sq.", "square")
    )
    if (
        head in AREA_UNITS
        or head in ("m", "m.", "meters", "metres")
        or head.startswith(("square-met", "sq-m"))
        or square_km
    ):
        if words & FIRE_WORDS:
            factor = 1_000_000.0 if square_km else AREA_UNITS.get(head, 1.0)
            return Measure.FIRE_AREA, "sq_m", factor
        return None
    if head in HOUR_NOUNS or head in MINUTE_NOUNS:
        if words & DELAY_WORDS and words & RAIL_WORDS:
            return Measure.RAIL_DELAY, "hours", 1.0 if head in HOUR_NOUNS else 1 / 60
        return None
    if head in TRAIN_NOUNS:
        if words & DELAY_WORDS and head != "routes":
            return Measure.TRAINS_DELAYED, "trains", 1.0
        return None
    if head in POWER_UNITS:
        if _nearest_utility(tokens, fig) == "power" and words & OUTAGE_WORDS:
            return Measure.POWER_OUTAGE, POWER_UNITS[head], 1.0
        if not any(head in t.heads for t in DAMAGE_TRIGGERS):
            return None
    # the measures read from a head noun and a word beside it (sites, buildings, and any
    # measure a lexicon entry adds): the first whose head it is decides
    for trigger in DAMAGE_TRIGGERS:
        if head in trigger.heads:
            if trigger.measure == Measure.SITES_HIT and any(
                t.low in DEBRIS_WORDS
                for t in tokens[max(0, fig.i0 - DEBRIS_REACH) : fig.i0]
                if t.clause == clause
            ):
                return None  # "debris fell at 2 locations": where wreckage fell, not hits
            if (clause_words if trigger.window == "clause" else words) & trigger.words:
                spec = vocabulary.measure_spec(trigger.measure)
                return trigger.measure, spec.units[0] if spec is not None and spec.units else None, 1.0
            return None
    return None
