"""The side attacked (SCHEMA.md ``country``): ``UA`` when Russia strikes Ukrainian-held
territory, ``RU`` when Ukraine strikes Russia or territory Russia holds.

The place decides first: a figure located in Russia, or in Crimea or Sevastopol, is on the
Russian side; one located in a third country keeps that country. For a figure in Ukraine or
with no place, the attacker decides: "a Ukrainian missile attack", "Ukraine launches 20
drones", "airstrikes launched by Ukraine" make the clause (or else the sentence, when it names
no Russian attack) one about strikes on the Russian side.
"""

from __future__ import annotations

import re

from ..model import Place
from .context import SentenceInfo
from .lexicon import RUSSIA_HELD_REGIONS, RUSSIAN_SOURCE_WORDS, UKRAINIAN_ATTACKER, UKRAINIAN_DEFENDER

_ATTACKER = re.compile("|".join(UKRAINIAN_ATTACKER))
_DEFENDER = re.compile(UKRAINIAN_DEFENDER)
_RUSSIAN_ATTACK = re.compile(
    r"\brussian\s(?:[a-z-]+\s){0,2}(?:attacks?|strikes?|drones?|missiles?|shelling|bombardment|airstrikes?)\b|\brussia\s(?:launch|launched|launches|attack|attacked|attacks|strike|struck|strikes|fired)\b"
)


def _ukraine_attacks(words: str) -> bool:
    return bool(_ATTACKER.search(words)) and not _DEFENDER.search(words)


def ukraine_attacker(info: SentenceInfo, clause: int) -> bool:
    """Whether the figure's clause, or its sentence, says Ukraine carried out the attack."""
    own = " ".join(t.low for t in info.tokens if t.clause == clause)
    if _ukraine_attacks(own):
        return True
    if _RUSSIAN_ATTACK.search(own):
        return False
    return _ukraine_attacks(info.lowered) and not _RUSSIAN_ATTACK.search(info.lowered)


def side_attacked(place: Place | None, info: SentenceInfo, clause: int) -> str:
    """The ISO country code of the side a figure's attack struck."""
    if place is not None:
        if place.country == "RU" or place.admin1 in RUSSIA_HELD_REGIONS:
            return "RU"
        if place.country != "UA":
            return place.country
    return "RU" if ukraine_attacker(info, clause) else "UA"


def russian_source(source: str | None) -> bool:
    """Whether a figure's source speaks for Russia ("Russia's defence ministry", "TASS")."""
    low = (source or "").lower()
    return any(w in low for w in RUSSIAN_SOURCE_WORDS)
