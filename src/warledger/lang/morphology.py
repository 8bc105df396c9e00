"""pymorphy3, loaded lazily and once per process per language.

Loading a dictionary costs about a fifth of a second, so it happens on the first Ukrainian
or Russian word a pack asks about, never at import; an English-only run never loads it.
Parses are cached per word form: a tally post repeats the same few hundred forms.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any


@cache
def analyser(lang: str) -> Any:
    """The pymorphy3 analyser for ``lang`` ("uk" or "ru"), made on first use."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


@lru_cache(maxsize=65536)
def parses(lang: str, word: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """Every reading of ``word``: (lemma, grammemes), most probable first."""
    return tuple((p.normal_form, frozenset(p.tag.grammemes)) for p in analyser(lang).parse(word))


def lemmas(lang: str, word: str) -> frozenset[str]:
    return frozenset(lemma for lemma, _ in parses(lang, word))


def only_singular(lang: str, word: str) -> bool:
    """True when every reading of ``word`` is singular ("ракетою", "балістичної"), False
    when any is plural ("ракети" may be either)."""
    readings = parses(lang, word)
    # the Ukrainian dictionary marks a singular form by its gender alone
    return bool(readings) and all("plur" not in g and bool(g & _SINGULAR) for _, g in readings)


_SINGULAR = frozenset({"sing", "masc", "femn", "neut"})


__all__ = ["analyser", "lemmas", "only_singular", "parses"]
