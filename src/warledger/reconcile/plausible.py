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

from .. import vocabulary
from ..model import Document, Fact

# The bounds per report are the vocabulary's (``vocabulary.MEASURES`` / ``WEAPONS``: each
# measure's and each weapon class's ``bound``, with the reason beside it); a munitions fact
# with a weapon class is bounded by the class.

# A cumulative figure ("since the start of the year") spans many attacks.
HISTORICAL_FACTOR = 1_000


NOTE_PREFIX = "implausible: "


def bound_for(fact: Fact) -> float:
    """The largest plausible value of ``fact`` (before the historical factor)."""
    return vocabulary.bound(fact.kind, fact.measure, fact.weapon)


def implausible(fact: Fact) -> str | None:
    """Why ``fact`` cannot be a real figure, or None when it can."""
    limit = bound_for(fact) * (HISTORICAL_FACTOR if fact.historical else 1)
    # a measure that is not a count (an area, a duration) may be fractional: known by its unit
    is_count = fact.unit not in vocabulary.non_count_units()
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
