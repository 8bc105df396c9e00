"""Analysts' reviews of extracted facts: confirm, correct or reject, kept as revisions.

A review never changes or deletes what was extracted: it is a new row (who, when, what) in
the ledger's ``corrections`` table, and the latest review of a fact decides how the fact
takes part in events and exports:

- ``confirm``: as extracted, marked as checked by a person;
- ``correct``: with the reviewer's value, measure, region or place instead of the
  extractor's (a corrected value is exact: the reviewer states it);
- ``reject``: left out of events (the fact and the review stay listed).

Reviews are keyed by what the fact *is* (``fact_key``: its report, kind, measure, weapon,
region, place, value, qualifier and date), not by its row id, so that a review survives the
report being ingested again: an unchanged report is a duplicate (same rows), and a revised
one whose text still states the figure gets a new row with the same key, which the review
still reaches.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from .model import EXACT, Claim, Fact

CONFIRM, CORRECT, REJECT = "confirm", "correct", "reject"
ACTIONS = (CONFIRM, CORRECT, REJECT)
# what a correction may change, and nothing else: the figure, what it counts, where
CORRECTABLE = ("value", "measure", "admin1", "place")


def fact_key(doc_id: str, f: Fact) -> str:
    """A fact's identity across re-ingests of its report (see the module docstring)."""
    value = int(f.value) if float(f.value).is_integer() else f.value
    return json.dumps(
        [doc_id, f.kind, f.measure, f.weapon, f.admin1, f.place, value, f.qualifier, f.date],
        ensure_ascii=False, separators=(",", ":"),
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Review:
    """One stored review (a row of ``corrections``)."""

    id: int
    fact_id: int
    doc_id: str
    fact_key: str
    action: str
    reviewer: str
    created_at: str
    value: float | None = None
    measure: str | None = None
    admin1: str | None = None
    place: str | None = None
    note: str | None = None

    def changes(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in CORRECTABLE if getattr(self, k) is not None}


def corrected(f: Fact, review: Review) -> Fact:
    """``f`` as ``review`` corrects it (unchanged for a confirmation)."""
    if review.action != CORRECT:
        return f
    changes: dict[str, Any] = dict(review.changes())
    if "value" in changes:
        # the reviewer states the figure: exact, no bounds of the report's any more
        changes.update(value=float(changes["value"]), qualifier=EXACT, low=None, high=None)
    if "admin1" in changes or "place" in changes:
        # the extractor's coordinates were for the place it read, not the reviewer's
        changes.update(geonameid=None, lat=None, lon=None)
        if "admin1" in changes and "place" not in changes:
            changes["place"] = None
    return replace(f, **changes)


def apply(claims: Iterable[Claim], latest: Mapping[str, Review]) -> list[Claim]:
    """Claims as their latest reviews leave them: rejected ones out, corrected ones changed,
    each reviewed claim marked with its review's action."""
    out: list[Claim] = []
    for c in claims:
        review = latest.get(fact_key(c.doc_id, c.fact))
        if review is None:
            out.append(c)
        elif review.action != REJECT:
            out.append(replace(c, fact=corrected(c.fact, review), review=review.action))
    return out


def review_dict(r: Review) -> dict[str, Any]:
    """A review for JSON."""
    return {
        "id": r.id,
        "fact_id": r.fact_id,
        "doc_id": r.doc_id,
        "action": r.action,
        "reviewer": r.reviewer,
        "created_at": r.created_at,
        "value": (int(r.value) if r.value is not None and float(r.value).is_integer() else r.value),
        "measure": r.measure,
        "admin1": r.admin1,
        "place": r.place,
        "note": r.note,
    }


__all__ = [
    "ACTIONS",
    "CONFIRM",
    "CORRECT",
    "REJECT",
    "Review",
    "apply",
    "corrected",
    "fact_key",
    "review_dict",
]
