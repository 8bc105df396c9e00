"""Casualties: killed, injured, missing — people, by place and group.

The measure comes from the casualty verb governing the number (``figures.govern``); this
module holds what is particular to people: the group a figure counts ("railway workers",
"civilians") and the lumped forms that state neither measure ("killed or injured",
"casualties").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import LUMPED, NP_FILLERS, PERSON_NOUNS
from .text import Token

if TYPE_CHECKING:
    from .figures import Figure

_LUMP_PAIRS = (
    "killed or injured",
    "killed or wounded",
    "dead or injured",
    "dead or wounded",
    "killed and injured",
    "killed and wounded",
    "dead and injured",
    "dead and wounded",
)


def lumped(tokens: list[Token], fig: Figure) -> bool:
    """True when the figure counts killed and injured together ("50 casualties")."""
    clause = tokens[fig.i0].clause
    words = [t.low for t in tokens if t.clause == clause]
    if fig.head is not None and tokens[fig.head].low in LUMPED:
        return True
    joined = " ".join(words)
    if any(p in joined for p in _LUMP_PAIRS[:4]):
        return True
    # "50 casualties were reported": the head itself is the lump
    nxt = tokens[fig.end_tok + 1].low if fig.end_tok + 1 < len(tokens) else ""
    return nxt in LUMPED


def group_of(tokens: list[Token], fig: Figure) -> str:
    """Who the figure counts, as written ("railway workers"), or "people"."""
    if fig.head is None:
        return "people"
    head = tokens[fig.head].low
    if head in ("others", "persons", "person", "individuals"):
        return "people"
    words = [head]
    k = fig.head - 1
    # keep noun-like modifiers ("railway workers", "foreign mercenaries"), drop adjectives of number
    while (
        k >= fig.i1
        and tokens[k].low in NP_FILLERS
        and tokens[k].low not in {"other", "more", "additional", "the", "of", "all", "total"}
    ):
        words.insert(0, tokens[k].low)
        k -= 1
    if head in PERSON_NOUNS and len(words) > 1 and words[0] in {"russian", "ukrainian", "local"}:
        words = words[1:]
    return " ".join(words)
