"""Munitions: launched / intercepted / hit / lost, per weapon class.

Reads a figure whose head noun is a munition ("502 drones", "21 of 24 missiles",
"three ballistic missiles") and decides its weapon class from the words of its noun phrase,
and its measure from the verb that governs it (see ``figures.governing``).
"""

from __future__ import annotations

from .lexicon import MUNITION_NOUNS, MUNITION_TRIGGERS, WEAPON_MODIFIERS
from .text import Token

# A total named in "X of Y drones" is what was launched, unless the verb says otherwise.
TOTAL_MEASURE = "launched"


def weapon_class(
    tokens: list[Token], start: int, head: int, default: str | None = None, mods_end: int | None = None
) -> str:
    """The weapon class of the noun phrase tokens[start..head].

    The head noun decides the family (drone, missile, bomb, aircraft); for missiles a
    modifier in the phrase ("cruise", "Kh-101", "Iskander-M", "ballistic") narrows it, unless
    the phrase names several classes ("40 ballistic, cruise and guided missiles": a total over
    types). ``mods_end`` ends the figure's own modifiers when it shares a later noun ("18
    ballistic and seven cruise missiles").
    """
    cls = default or MUNITION_NOUNS.get(tokens[head].low, "missile")
    if cls != "missile":
        return cls
    last = head if mods_end is None else mods_end
    named = {
        mod
        for tok in tokens[start : last + 1]
        for part in tok.low.split("/")
        if (mod := WEAPON_MODIFIERS.get(part)) in ("cruise_missile", "ballistic_missile", "guided_bomb")
    }
    if len(named) == 1 and (found := next(iter(named))) != "guided_bomb":
        return found
    return cls


def measure_of(trigger: str | None) -> str | None:
    if trigger is None:
        return None
    return MUNITION_TRIGGERS.get(trigger)

