"""A cheap gate before extraction: skip pages that are not English or not about attacks.

Takes: a ``Document`` (after ingest, before the pipeline). Returns it unchanged, or a
``Skipped`` with ``W017`` (not English: the share of English function words,
``clean.language.english_score``, is far below English prose) or ``W018`` (no attack word
at all: drone, missile, strike, shelling, attack, killed, injured, air defence,
explosion, ...). A news crawl is mostly pages of neither kind; each costs one linear
pass over its text instead of the whole pipeline.

A page in a language that a language pack reads (``warledger.lang``) is left to the
pipeline: the attack words here are English. The gate only drops what the pipeline would
drop or find nothing in: the thresholds are
looser than the clean stage's language check, and a page with any attack word passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..clean.language import english_score
from ..errors import WarledgerError
from ..model import Document, Skipped
from ..packs import detect


class PrefilterNotEnglish(WarledgerError):
    """The prefilter's verdict: the page is not English (cheap score, no language id)."""

    code = "W017"


class OffTopic(WarledgerError):
    """The prefilter's verdict: the page mentions no attack at all."""

    code = "W018"


# English news prose scores 0.35-0.50; French/German text about 0.05; Ukrainian 0. The clean
# stage asks py3langid below 0.12; the prefilter drops only what is far below that.
MIN_ENGLISH_SCORE = 0.06
# The head of a page decides: a long page does not cost more to judge than a short one.
SAMPLE_CHARS = 20_000
# Too few words to judge language on: left to the clean stage.
MIN_WORDS = 20

# One alternation of literal stems under word boundaries: no nested quantifiers, so the
# search is linear in the text.
ATTACK_WORDS = re.compile(
    r"\b(?:"
    r"drones?|uavs?|shaheds?|missiles?|rockets?|ballistic|cruise|artillery|shell(?:s|ed|ing)?|mortars?"
    r"|strikes?|struck|air\s?strikes?|bomb(?:s|ed|ing|ings)?|attack(?:s|ed|ing)?|assault|raids?"
    r"|kill(?:s|ed|ing)?|dead|deaths?|died|casualt(?:y|ies)|injur(?:ed|y|ies|ing)|wounded|victims?"
    r"|explosions?|blasts?|air[\s-]defen[cs]es?|intercept(?:ed|ions?)?|shot\s+down|downed"
    r"|damaged?|destroyed|debris|air\s+raid|sirens?"
    r")\b",
    re.IGNORECASE,
)


def check(doc: Document) -> None:
    """Raise ``PrefilterNotEnglish`` or ``OffTopic`` for a page not worth extracting."""
    sample = doc.text[:SAMPLE_CHARS]
    if len(sample.split(None, MIN_WORDS)) > MIN_WORDS and english_score(sample) < MIN_ENGLISH_SCORE:
        if detect(sample) is not None:
            return  # a language a pack reads (warledger.lang: Ukrainian, Russian): the pipeline decides
        raise PrefilterNotEnglish(
            f"not English (English function words {english_score(sample):.0%} of words)"
        )
    if ATTACK_WORDS.search(doc.text) is None and ATTACK_WORDS.search(doc.title or "") is None:
        raise OffTopic("not about attacks (no attack word: drone, missile, strike, shelling, killed, ...)")


def prefilter(item: Document | Skipped) -> Document | Skipped:
    """``item`` if it is worth extracting (or already skipped), else a ``Skipped``."""
    if isinstance(item, Skipped):
        return item
    try:
        check(item)
    except WarledgerError as err:
        return Skipped(item.id, item.origin or item.id, err.code, err.message)
    return item


def prefilter_stream(items: Iterable[Document | Skipped]) -> Iterator[Document | Skipped]:
    """``prefilter`` over a stream."""
    for item in items:
        yield prefilter(item)


__all__ = ["ATTACK_WORDS", "OffTopic", "PrefilterNotEnglish", "check", "prefilter", "prefilter_stream"]
