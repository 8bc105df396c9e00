"""Munitions: launched / intercepted / hit / lost, per weapon class.

Reads a figure whose head noun is a munition ("502 drones", "21 of 24 missiles",
"three ballistic missiles") and decides its weapon class from the words of its noun phrase,
and its measure from the verb that governs it (see ``figures.governing``).
"""

from __future__ import annotations

import re

from ..vocabulary import Measure, Weapon
from .lexicon import (
    ATTACK_NOUNS,
    MUNITION_NOUNS,
    MUNITION_TRIGGERS,
    VEHICLE_NOUNS,
    WEAPON_MODIFIERS,
    WEAPON_NAME_NOUNS,
)
from .text import Token

# A total named in "X of Y drones" is what was launched, unless the verb says otherwise.
TOTAL_MEASURE = Measure.LAUNCHED


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
    low = tokens[head].low
    cls = (
        default
        or MUNITION_NOUNS.get(low)
        or VEHICLE_NOUNS.get(low)
        or WEAPON_NAME_NOUNS.get(low, Weapon.MISSILE)
    )
    if cls != Weapon.MISSILE:
        return cls
    last = head if mods_end is None else mods_end
    named = {
        mod
        for tok in tokens[start : last + 1]
        for part in tok.low.split("/")
        if (mod := WEAPON_MODIFIERS.get(part))
        in (Weapon.CRUISE_MISSILE, Weapon.BALLISTIC_MISSILE, Weapon.GUIDED_BOMB)
    }
    if len(named) > 1:
        named.discard(Weapon.GUIDED_BOMB)  # "Kh-59/Kh-69 guided missiles": guided missiles, not bombs
    if len(named) == 1 and (found := next(iter(named))) != Weapon.GUIDED_BOMB:
        return found
    return cls


def measure_of(trigger: str | None) -> str | None:
    if trigger is None:
        return None
    return MUNITION_TRIGGERS.get(trigger)


def classes_named(tokens: list[Token]) -> set[str]:
    """The missile classes a sentence names anywhere ("16 ballistic", "Kh-101", "Iskander-M")."""
    return {
        cls
        for t in tokens
        for part in t.low.split("/")
        if (cls := WEAPON_MODIFIERS.get(part) or WEAPON_NAME_NOUNS.get(part))
        in (Weapon.CRUISE_MISSILE, Weapon.BALLISTIC_MISSILE)
    }


def attack_class(tokens: list[Token], numbered: set[int]) -> str | None:
    """The missile class of "a Kalibr cruise missile attack" (a class named for a whole attack,
    with no number of its own), or None. ``numbered`` holds the token indices of numbers."""
    for i, t in enumerate(tokens):
        if t.low not in ATTACK_NOUNS or i < 2:
            continue
        k = i - 1
        if tokens[k].low not in ("missile", "missiles"):
            continue
        named = set()
        k -= 1
        while (
            k >= 0
            and k not in numbered
            and (tokens[k].low in WEAPON_MODIFIERS or tokens[k].low in WEAPON_NAME_NOUNS)
        ):
            cls = WEAPON_MODIFIERS.get(tokens[k].low) or WEAPON_NAME_NOUNS.get(tokens[k].low)
            if cls in (Weapon.CRUISE_MISSILE, Weapon.BALLISTIC_MISSILE):
                named.add(cls)
            k -= 1
        if k >= 0 and k in numbered:
            continue
        if len(named) == 1:
            return next(iter(named))
    return None


_FAMILY_WORDS = {
    Weapon.MISSILE: re.compile(r"\bmissiles?\b", re.IGNORECASE),
    Weapon.DRONE: re.compile(r"\b(?:drones?|uavs?|shaheds?)\b", re.IGNORECASE),
}


def named_family(text: str) -> str | None:
    """The one munition family a report names ("missile" or "drone"), or None for both or neither."""
    named = [family for family, rx in _FAMILY_WORDS.items() if rx.search(text)]
    return named[0] if len(named) == 1 else None
