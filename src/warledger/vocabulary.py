"""The vocabulary: SCHEMA.md's names, defined once, with what every module needs to know of them.

Kinds, measures, weapon classes, qualifiers and roles are ``StrEnum``s, so a member *is*
its string (``Measure.KILLED == "killed"``, it is stored and served as ``"killed"``) and
mypy checks every use. Each measure and weapon class also has a spec here: its label, its
sort order, its plausible bound per report, and for a measure its unit, the scope its place
is taken from and whether totals (the map, the time series) add it up.

Every other module reads this one: the extractors, the scorer (``evaluate``), the
plausibility bounds (``reconcile.plausible``), event labels and order
(``reconcile.across``), the store's totals, the API's filters and ``/api/vocabulary``, the
dashboard's labels (from that route), the exports. Adding a damage measure is an entry in
``MEASURES`` plus its trigger words in ``extract/lexicon.py`` (``DAMAGE_TRIGGERS``); a weapon
class is an entry in ``WEAPONS`` plus its names in the lexicon.

The specs are in registries (``MEASURES``, ``WEAPONS``) rather than only on the enums so
that a measure can be added by ``register_measure`` (a plugin, a test) without editing
this file; the enums list SCHEMA.md's own names, for the type checker.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal


class Kind(StrEnum):
    """What a fact counts (SCHEMA.md ``kind``)."""

    MUNITIONS = "munitions"
    CASUALTIES = "casualties"
    DAMAGE = "damage"
    REGIONS = "regions"


class Measure(StrEnum):
    """SCHEMA.md's measures; ``MEASURES`` says which kind each belongs to."""

    LAUNCHED = "launched"
    INTERCEPTED = "intercepted"
    HIT = "hit"
    LOST = "lost"
    KILLED = "killed"
    INJURED = "injured"
    MISSING = "missing"
    POWER_OUTAGE = "power_outage"
    SITES_HIT = "sites_hit"
    FIRE_AREA = "fire_area"
    RAIL_DELAY = "rail_delay"
    TRAINS_DELAYED = "trains_delayed"
    BUILDINGS_DAMAGED = "buildings_damaged"
    AFFECTED = "affected"


class Weapon(StrEnum):
    """SCHEMA.md's weapon classes (munitions only)."""

    DRONE = "drone"
    MISSILE = "missile"  # a total over types, or a type not given
    CRUISE_MISSILE = "cruise_missile"
    BALLISTIC_MISSILE = "ballistic_missile"
    GUIDED_BOMB = "guided_bomb"
    AIRCRAFT = "aircraft"


class Qualifier(StrEnum):
    """How a report bounds its figure (SCHEMA.md ``qualifier``)."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    UP_TO = "up_to"
    ABOUT = "about"
    VAGUE = "vague"  # "dozens", "hundreds": shown, never scored or added into totals


class Role(StrEnum):
    """How a fact relates to the others of its key in its report (``Fact.role``)."""

    TOTAL = "total"  # the figure for its key
    PART = "part"  # one of several figures that add up to the key's total
    UPDATE = "update"  # supersedes the report's own earlier figure ("the toll rose to 16")
    # a restatement of an earlier figure: ranked by the ledger (reconcile.across, R10) but no
    # extractor produces it yet
    RESTATED = "restated"


# Where an extractor may look for a figure's place: its clause, its sentence, or the
# context (the sentence, then earlier sentences and the report's one place).
Scope = Literal["clause", "sentence", "context"]


@dataclass(frozen=True, slots=True)
class MeasureSpec:
    """One measure: its kind, how it is shown, bounded, located and totalled."""

    name: str
    kind: Kind
    label: str  # for people: the dashboard, lists
    order: int  # where it sorts among the measures of its kind (events, lists)
    # the largest plausible value per report (one attack, one day's summary): generous,
    # several times the largest figure reported so far, so that only misreads are caught
    bound: float
    # the units the figure may carry (damage only; the first is the usual one)
    units: tuple[str, ...] = ()
    count: bool = True  # a whole count (False: an area, a duration; may be fractional)
    scope: Scope = "context"
    totalled: bool = False  # the map and the time series add it up per region / day


@dataclass(frozen=True, slots=True)
class WeaponSpec:
    """One weapon class: its plural label, its order, its plausible bound per attack."""

    name: str
    label: str  # plural, as an event label reads: "502 drones"
    order: int
    bound: float


# --- measures ------------------------------------------------------------------------------
# Bounds per report. Munitions: a combined drones + missiles count of one night (a fact
# with a weapon class is bounded by the class, WEAPONS). Casualties: the deadliest single
# strikes killed dozens to a few hundred; 10,000 leaves room for a city-wide disaster summary.
_MUNITIONS_BOUND = 2_000
_CASUALTIES_BOUND = 10_000
_KIND_BOUNDS: dict[str, float] = {Kind.MUNITIONS: _MUNITIONS_BOUND, Kind.CASUALTIES: _CASUALTIES_BOUND}

MEASURES: dict[str, MeasureSpec] = {
    s.name: s
    for s in (
        MeasureSpec(Measure.LAUNCHED, Kind.MUNITIONS, "Launched (drones and missiles)", 0, _MUNITIONS_BOUND, totalled=True),
        MeasureSpec(Measure.INTERCEPTED, Kind.MUNITIONS, "Intercepted", 1, _MUNITIONS_BOUND, totalled=True),
        MeasureSpec(Measure.HIT, Kind.MUNITIONS, "Hit", 2, _MUNITIONS_BOUND, totalled=True),
        MeasureSpec(Measure.LOST, Kind.MUNITIONS, "Lost (locationally)", 3, _MUNITIONS_BOUND),
        MeasureSpec(Measure.KILLED, Kind.CASUALTIES, "Killed", 4, _CASUALTIES_BOUND, totalled=True),
        MeasureSpec(Measure.INJURED, Kind.CASUALTIES, "Injured", 5, _CASUALTIES_BOUND, totalled=True),
        MeasureSpec(Measure.MISSING, Kind.CASUALTIES, "Missing", 6, _CASUALTIES_BOUND),
        # Damage measures sort by name among themselves (as events have always listed them).
        # Outages: the largest nationwide blackouts touched a few million consumers; 20
        # million is all of Ukraine.
        MeasureSpec(
            Measure.POWER_OUTAGE, Kind.DAMAGE, "Without power", 12, 20_000_000,
            units=("consumers", "households", "people"),
        ),
        # sites / buildings damaged in one report
        MeasureSpec(Measure.SITES_HIT, Kind.DAMAGE, "Sites hit", 14, 1_000, units=("sites",), scope="sentence"),
        # burnt area in square metres: 10 km² is a very large industrial or forest fire
        MeasureSpec(Measure.FIRE_AREA, Kind.DAMAGE, "Area burnt", 11, 10_000_000, units=("sq_m",), count=False),
        # rail delays in hours: three days is a network stopped, not a train late; rail
        # figures are network-wide unless their own clause names a place
        MeasureSpec(
            Measure.RAIL_DELAY, Kind.DAMAGE, "Longest train delay", 13, 72, units=("hours",), count=False,
            scope="clause",
        ),
        # Ukrzaliznytsia runs a few hundred passenger trains a day
        MeasureSpec(Measure.TRAINS_DELAYED, Kind.DAMAGE, "Trains delayed", 15, 2_000, units=("trains",), scope="clause"),
        MeasureSpec(Measure.BUILDINGS_DAMAGED, Kind.DAMAGE, "Buildings damaged", 10, 10_000, units=("buildings",)),
        # oblasts (UA: 27 incl. Kyiv city, Crimea, Sevastopol) or federal subjects (RU: 89)
        MeasureSpec(Measure.AFFECTED, Kind.REGIONS, "Regions affected", 20, 100),
    )
}  # fmt: skip

# --- weapon classes ------------------------------------------------------------------------
WEAPONS: dict[str, WeaponSpec] = {
    s.name: s
    for s in (
        # the largest single-night drone launches reported were in the high hundreds
        WeaponSpec(Weapon.DRONE, "drones", 0, 2_000),
        # the largest single-night missile salvoes were around 100-130 missiles
        WeaponSpec(Weapon.MISSILE, "missiles", 1, 300),
        WeaponSpec(Weapon.CRUISE_MISSILE, "cruise missiles", 2, 300),
        WeaponSpec(Weapon.BALLISTIC_MISSILE, "ballistic missiles", 3, 300),
        # guided (glide) bombs: a few hundred a day along the whole front line
        WeaponSpec(Weapon.GUIDED_BOMB, "guided bombs", 4, 1_000),
        # aircraft taking part in one strike (bombers, fighters)
        WeaponSpec(Weapon.AIRCRAFT, "aircraft", 5, 300),
    )
}

KINDS: tuple[Kind, ...] = tuple(Kind)
QUALIFIERS: tuple[Qualifier, ...] = tuple(Qualifier)
ROLES: tuple[Role, ...] = tuple(Role)


def measures_of(kind: str) -> tuple[str, ...]:
    """The measures of ``kind``, in SCHEMA.md's order (the registry's)."""
    return tuple(name for name, s in MEASURES.items() if s.kind == kind)


def all_measures() -> tuple[str, ...]:
    """Every measure, grouped by kind in ``KINDS`` order."""
    return tuple(m for k in KINDS for m in measures_of(k))


def weapons() -> tuple[str, ...]:
    return tuple(WEAPONS)


def totalled(kind: str | None = None) -> tuple[str, ...]:
    """The measures the map and the time series add up (of ``kind``, or of every kind)."""
    return tuple(
        m for m in all_measures() if MEASURES[m].totalled and (kind is None or MEASURES[m].kind == kind)
    )


def measure_spec(name: str) -> MeasureSpec | None:
    return MEASURES.get(name)


def scope_of(measure: str | None) -> Scope:
    spec = MEASURES.get(measure or "")
    return spec.scope if spec is not None else "context"


def measure_order(measure: str) -> int:
    spec = MEASURES.get(measure)
    return spec.order if spec is not None else 99


def kind_order(kind: str) -> int:
    return KINDS.index(kind) if kind in KINDS else 9  # type: ignore[arg-type]


def weapon_order(weapon: str) -> int:
    spec = WEAPONS.get(weapon)
    return spec.order if spec is not None else 99


def weapon_label(weapon: str | None) -> str:
    """The plural a label reads ("drones"); the kind's name for a figure with no class."""
    if not weapon:
        return Kind.MUNITIONS
    spec = WEAPONS.get(weapon)
    return spec.label if spec is not None else weapon


def bound(kind: str, measure: str, weapon: str | None = None) -> float:
    """The largest plausible value per report of a figure (infinite for an unknown measure)."""
    if kind == Kind.MUNITIONS and weapon and weapon in WEAPONS:
        return WEAPONS[weapon].bound
    spec = MEASURES.get(measure)
    if spec is not None and spec.kind == kind:
        return spec.bound
    # a measure of munitions or casualties that is not theirs: the kind's own bound
    return _KIND_BOUNDS.get(kind, math.inf)


def non_count_units() -> frozenset[str]:
    """Units of measures that are not whole counts (an area, a duration)."""
    return frozenset(u for s in MEASURES.values() if not s.count for u in s.units)


def register_measure(spec: MeasureSpec) -> None:
    """Add a measure (its trigger words go in the lexicon); its name must be new."""
    if spec.name in MEASURES:
        raise ValueError(f"measure {spec.name!r} is already defined")
    MEASURES[spec.name] = spec


def unregister_measure(name: str) -> None:
    """Take out a measure ``register_measure`` added (SCHEMA.md's own cannot be)."""
    if name in Measure.__members__.values():
        raise ValueError(f"{name!r} is one of SCHEMA.md's measures")
    MEASURES.pop(name, None)


def as_json() -> dict[str, object]:
    """The vocabulary as ``/api/vocabulary`` serves it (the dashboard's labels come from here)."""
    return {
        "kinds": [{"name": k, "measures": list(measures_of(k))} for k in KINDS],
        "measures": [
            {
                "name": s.name,
                "kind": s.kind,
                "label": s.label,
                "order": s.order,
                "bound": s.bound if math.isfinite(s.bound) else None,
                "units": list(s.units),
                "count": s.count,
                "scope": s.scope,
                "totalled": s.totalled,
            }
            for s in (MEASURES[m] for m in all_measures())
        ],
        "weapons": [
            {"name": w.name, "label": w.label, "order": w.order, "bound": w.bound} for w in WEAPONS.values()
        ],
        "qualifiers": list(QUALIFIERS),
        "roles": list(ROLES),
    }
