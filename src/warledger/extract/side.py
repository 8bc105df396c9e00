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
from .lexicon import (
    RUSSIA_HELD_REGIONS,
    RUSSIAN_SOURCE_WORDS,
    THIRD_COUNTRY_DEMONYMS,
    UKRAINIAN_ATTACKER,
    UKRAINIAN_DEFENDER,
)

_ATTACKER = re.compile("|".join(UKRAINIAN_ATTACKER))
_DEFENDER = re.compile(UKRAINIAN_DEFENDER)
_RUSSIAN_ATTACK = re.compile(
    r"\brussian\s(?:[a-z-]+\s){0,2}(?:attacks?|strikes?|drones?|missiles?|shelling|bombardment|airstrikes?)\b|\brussia\s(?:launch|launched|launches|attack|attacked|attacks|strike|struck|strikes|fired)\b"
)


def _ukraine_attacks(words: str) -> bool:
    return bool(_ATTACKER.search(words)) and not _DEFENDER.search(words)


def ukraine_attacker(info: SentenceInfo, clause: int) -> bool:
    """Whether the figure's clause, or its sentence, says Ukraine carried out the attack."""
    own = info.clauses.get(clause, "")
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


def third_country_defender(info: SentenceInfo, clause: int, i0: int, source: str | None) -> str | None:
    """The third country whose forces downed an unplaced munition count: "Polish forces shot
    down four drones", "…, Poland's operational command said". Read from the figure's clause
    before the figure (its subject) and from the statement's source."""
    words = [t.low for t in info.tokens[:i0] if t.clause == clause]
    words += (source or "").lower().replace("'s", " ").split()
    for w in words:
        if w in THIRD_COUNTRY_DEMONYMS:
            return THIRD_COUNTRY_DEMONYMS[w]
    base = info.sentence.start
    lo = info.tokens[0].start if info.tokens else base
    subject_end = info.tokens[i0].start if i0 < len(info.tokens) else base
    at = info.text.find(source) + base if source and source in info.text else -1
    for m, c in info.places:
        if m.place.level != "country" or m.place.country in ("UA", "RU"):
            continue
        in_subject = c == clause and lo <= m.start < subject_end
        in_source = at >= 0 and at <= m.start < at + len(source or "")
        if in_subject or in_source:
            return m.place.country
    return None
