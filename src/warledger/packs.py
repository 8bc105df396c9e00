"""Language packs: everything language-specific that the stages need, chosen by the
document's language.

The stages (clean, sentences, numbers, dates, geocode, attribution, extract, reconcile)
are the same for every language. Each asks ``pack_for(doc.lang)`` for the pieces that
depend on the language: how sentences end, how numbers are written, which words date a
figure, name a place or a source, and which post-structure rules turn numbers into facts.
English is the first pack (it refers to the existing English modules); Ukrainian and
Russian follow. The clean stage sets ``Document.lang`` from ``detect``.

Adding a language is one package and one registration, never a change to a stage:

- write ``warledger/lang/xx/__init__.py`` with a module-level ``PACK = LanguagePack(...)``
  (see ``warledger.lang.ru`` for the smallest complete one);
- register it: an entry in ``BUILTIN`` below, or, from another distribution, an entry point
  in the group ``warledger.language_packs`` (``xx = "mypackage.xx:PACK"``).

Packs are imported on first use, so an English-only run never loads a morphology library.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.metadata import entry_points

from .model import DateMention, Document, Fact, PlaceMention, Quantity, Sentence, Token

ENTRY_POINT_GROUP = "warledger.language_packs"

# code -> "module:attribute" of a LanguagePack. The registry, not the stages, names packs.
BUILTIN: dict[str, str] = {
    "en": "warledger.lang.en:PACK",
    "uk": "warledger.lang.uk:PACK",
    "ru": "warledger.lang.ru:PACK",
}


@dataclass(frozen=True)
class LanguagePack:
    """The language-specific pieces, one per call site in the stages.

    ``recognises(body)`` is the cheap test the language check uses once English has been
    ruled out (letters only this language writes); it is never asked of English.
    """

    code: str
    name: str
    recognises: Callable[[str], bool]
    split_sentences: Callable[[str, int, int], list[tuple[int, int]]]
    is_heading: Callable[[str], bool]
    find_quantities: Callable[[str, int, int], list[Quantity]]
    find_dates: Callable[[str, int, int, date | None, date | None], list[DateMention]]
    # one sentence's sources: (start, end, source or None) as annotate.attribution reads them
    find_sources: Callable[[str, int, int], list[tuple[int, int, str | None]]]
    extract_facts: Callable[[Document], list[Fact]]
    # None: the geocode stage's own gazetteer, whose names are English spellings
    find_places: Callable[[str, int, int], list[PlaceMention]] | None = None
    # one sentence's tokens with clauses (the tokens layer); None: the pack's figure rules
    # read their sentences without them
    tokenize: Callable[[str, int, int], list[Token]] | None = None
    # the author a post names for all of it: (start, end, source, sentence index), or None
    find_byline: Callable[[str, Sequence[Sentence]], tuple[int, int, str, int] | None] | None = None
    # a one-word label opening a sentence ("Lysak: …"): (start, end, word), or None
    find_label: Callable[[str, int, int], tuple[int, int, str] | None] | None = None


def _registered() -> dict[str, str]:
    found = dict(BUILTIN)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        found.setdefault(ep.name, ep.value)
    return found


@cache
def registered() -> dict[str, str]:
    """Every pack this installation knows, by language code (built-in and entry points)."""
    return _registered()


@cache
def pack_for(code: str | None) -> LanguagePack:
    """The pack for a language code (English for None); imported once per process."""
    target = registered().get(code or "en")
    if target is None:
        raise KeyError(f"no language pack for {code!r}")
    module, _, attr = target.partition(":")
    pack = getattr(importlib.import_module(module), attr or "PACK")
    if not isinstance(pack, LanguagePack) or pack.code != (code or "en"):
        raise TypeError(f"{target} is not the LanguagePack for {code!r}")
    return pack


def detect(body: str, candidates: Sequence[str] | None = None) -> str | None:
    """The first non-English pack whose ``recognises`` accepts ``body``, or None."""
    for code in candidates if candidates is not None else registered():
        if code == "en":
            continue
        if pack_for(code).recognises(body):
            return code
    return None


__all__ = ["BUILTIN", "ENTRY_POINT_GROUP", "LanguagePack", "detect", "pack_for", "registered"]
