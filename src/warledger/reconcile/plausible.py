"""Plausibility: the last stage, so that no absurd figure reaches the ledger as a normal fact.

An extractor reads what the text says, and texts (or their OCR, or a hostile submitter) can
say "9999999999999 drones", "2.5 people" or "a million people were killed in a village". A
fact whose value, low or high falls outside the bounds below is taken out of ``facts`` and
written to ``Document.notes`` instead, with its evidence offsets, so a person can see what
was refused and why:

    implausible: '9999999999999' munitions/launched/drone = 9999999999999 at [0,72]: above 2000 per report

``Fact`` is frozen and stored field by field, so a flag on the fact itself would be a model
and schema change; a note on the document is not.

The bounds are per report (one attack, one day's summary), deliberately generous: each is
several times the largest figure reported for the war so far, so that a real record
("more than 800 drones in one night") passes and only misreads and garbage are caught.
A ``historical`` fact (a cumulative total: "since the start of the year") may be up to
``HISTORICAL_FACTOR`` times its bound.
"""

from __future__ import annotations

import math

from ..model import Document, Fact

# --- the bounds: (kind, measure) -> largest plausible value per report -------------------
# Munitions are bounded by weapon class first (WEAPON_BOUNDS), then by this table.
BOUNDS: dict[tuple[str, str], float] = {
    # killed / injured / missing in one report: the deadliest single strikes of the war
    # killed dozens to a few hundred; 10,000 leaves room for a city-wide disaster summary
    ("casualties", "*"): 10_000,
    # consumers/households/people without power after one attack: the largest reported
    # nationwide blackouts touched a few million consumers; 20 million is all of Ukraine
    ("damage", "power_outage"): 20_000_000,
    # burnt area in square metres: 10 km² is a very large industrial or forest fire
    ("damage", "fire_area"): 10_000_000,
    # rail delays in hours: three days is a network stopped, not a train late
    ("damage", "rail_delay"): 72,
    # trains delayed: Ukrzaliznytsia runs a few hundred passenger trains a day
    ("damage", "trains_delayed"): 2_000,
    # sites / buildings damaged in one report
    ("damage", "sites_hit"): 1_000,
    ("damage", "buildings_damaged"): 10_000,
    # oblasts (UA: 27 incl. Kyiv city, Crimea, Sevastopol) or federal subjects (RU: 89)
    ("regions", "affected"): 100,
    # any munitions figure whose weapon class is unknown or not in WEAPON_BOUNDS:
    # a combined drones + missiles count of one night
    ("munitions", "*"): 2_000,
}

# Munitions per attack, by weapon class (a prefix/suffix match: "cruise_missile" is a missile).
WEAPON_BOUNDS: dict[str, float] = {
    # the largest single-night drone launches reported were in the high hundreds
    "drone": 2_000,
    # the largest single-night missile salvoes were around 100-130 missiles
    "missile": 300,
    # guided (glide) bombs: a few hundred a day along the whole front line
    "guided_bomb": 1_000,
    # aircraft taking part in one strike (bombers, fighters)
    "aircraft": 300,
}

# A cumulative figure ("since the start of the year") spans many attacks.
HISTORICAL_FACTOR = 1_000

# Measures that are not counts (and may therefore be fractional): their units.
NON_COUNT_UNITS = frozenset({"sq_m", "hours"})

NOTE_PREFIX = "implausible: "


def bound_for(fact: Fact) -> float:
    """The largest plausible value of ``fact`` (before the historical factor)."""
    if fact.kind == "munitions" and fact.weapon:
        for cls, limit in WEAPON_BOUNDS.items():
            if fact.weapon == cls or fact.weapon.endswith("_" + cls) or fact.weapon.startswith(cls + "_"):
                return limit
    return BOUNDS.get((fact.kind, fact.measure), BOUNDS.get((fact.kind, "*"), math.inf))


def implausible(fact: Fact) -> str | None:
    """Why ``fact`` cannot be a real figure, or None when it can."""
    limit = bound_for(fact) * (HISTORICAL_FACTOR if fact.historical else 1)
    is_count = fact.unit not in NON_COUNT_UNITS
    for name, v in (("value", fact.value), ("low", fact.low), ("high", fact.high)):
        if v is None:
            continue
        if not math.isfinite(v):
            return f"{name} {v} is not a finite number"
        if v < 0:
            return f"{name} {_fmt(v)} is negative"
        if is_count and not float(v).is_integer():
            return f"{name} {_fmt(v)} is not a whole count"
        if v > limit:
            return f"{name} {_fmt(v)} is above {_fmt(limit)} per report" + (
                " (historical)" if fact.historical else ""
            )
    return None


def check_facts(doc: Document) -> tuple[list[Fact], list[str]]:
    """(the plausible facts, a note for each fact taken out)."""
    keep: list[Fact] = []
    notes: list[str] = []
    for fact in doc.facts:
        why = implausible(fact)
        if why is None:
            keep.append(fact)
            continue
        s, e = fact.span or fact.evidence
        what = "/".join(x for x in (fact.kind, fact.measure, fact.weapon) if x)
        notes.append(
            f"{NOTE_PREFIX}{doc.text[s:e][:80]!r} {what} = {_fmt(fact.value)} at [{fact.evidence[0]},{fact.evidence[1]}]: {why}"
        )
    return keep, notes


class PlausibilityStage:
    """Moves implausible facts from ``facts`` to ``notes`` (see the module docstring)."""

    name = "plausibility"
    requires = ("facts",)
    assigns = ("facts", "notes")

    def __call__(self, doc: Document) -> Document:
        keep, notes = check_facts(doc)
        if not notes:
            return doc
        return doc.with_(facts=tuple(keep), notes=(*doc.notes, *notes))


def _fmt(x: float) -> str:
    return str(int(x)) if math.isfinite(x) and float(x).is_integer() else repr(x)
