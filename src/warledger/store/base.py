"""The one store interface: SQLite by default, PostgreSQL when a team shares one.

Every backend implements ``Store``; one contract test suite (tests/test_store_contract.py)
runs against both. The API, the dashboard, export and ingest all go through this interface
(the API and the dashboard through the same query functions), never through SQL of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol

from ..model import Claim, Document, Event, Fact
from ..review import Review


@dataclass(frozen=True, slots=True)
class AddResult:
    """What storing one document did: ``new``, ``duplicate`` (same content hash: nothing
    changed) or ``revision`` (same document id, new content: stored as revision N)."""

    doc_id: str
    status: str
    revision: int
    facts: int


@dataclass(frozen=True, slots=True)
class Query:
    """Filters shared by every list: all optional; dates are ISO strings, inclusive.

    ``admin1``, ``kind``, ``measure``, ``weapon`` and ``country`` take one value or a tuple of
    them (any of which matches: a repeated API filter)."""

    date_from: str | None = None
    date_to: str | None = None
    admin1: str | tuple[str, ...] | None = None
    kind: str | tuple[str, ...] | None = None
    measure: str | tuple[str, ...] | None = None
    weapon: str | tuple[str, ...] | None = None
    source: str | None = None  # substring, case-insensitive
    country: str | tuple[str, ...] | None = None
    doc_id: str | None = None
    limit: int = 50
    offset: int = 0
    # keyset pagination: the ``next`` of the previous page (the last fact id, event key),
    # so that a deep page costs what the first does; ``offset`` then counts from there
    after: str | None = None
    # facts whose extractor's confidence is at most this (the doubtful ones, for review)
    max_confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Page:
    items: Sequence[object]
    total: int
    limit: int
    offset: int
    next: str | None = None  # the ``after`` of the following page, None on the last one


@dataclass(frozen=True, slots=True)
class StoredDocument:
    doc_id: str
    revision: int
    url: str | None
    title: str | None
    published: str | None
    content_hash: str
    text: str
    ingested_at: str
    facts: int = 0
    publisher: str | None = None  # as the document's own metadata names it


@dataclass(frozen=True, slots=True)
class StoredFact:
    id: int
    doc_id: str
    revision: int
    fact: Fact
    extractor: str = ""


@dataclass(frozen=True, slots=True)
class EventBlock:
    """A stored event with what incremental rebuilds need: the first and last day of its
    dated claims (ISO dates) and the fact ids of all its claims (None: not recorded)."""

    event: Event
    first_day: str | None
    last_day: str | None
    members: tuple[int, ...] | None


@dataclass(frozen=True, slots=True)
class DayPoint:
    date: str
    values: dict[str, float] = field(default_factory=dict)  # measure -> total


# What a time series can be summed by (``/api/timeseries?bucket=``), finest first.
BUCKETS = ("day", "week", "month", "year")


def bucket_start(day: str, bucket: str) -> str:
    """The first day of the ``bucket`` (day, week from Monday, month, year) ``day`` is in."""
    if bucket == "day":
        return day
    if bucket == "month":
        return day[:7] + "-01"
    if bucket == "year":
        return day[:4] + "-01-01"
    d = date.fromisoformat(day[:10])
    return date.fromordinal(d.toordinal() - d.weekday()).isoformat()


def next_start(start: str, bucket: str) -> str:
    """The first day of the ``bucket`` after the one that starts on ``start``."""
    d = date.fromisoformat(start[:10])
    if bucket == "day":
        return (d + timedelta(days=1)).isoformat()
    if bucket == "week":
        return (d + timedelta(days=7)).isoformat()
    if bucket == "month":
        return (date(d.year + 1, 1, 1) if d.month == 12 else date(d.year, d.month + 1, 1)).isoformat()
    return date(d.year + 1, 1, 1).isoformat()


def finest_bucket(days: Sequence[str], max_points: int) -> str:
    """The finest of ``BUCKETS`` that sums ``days`` (the dates of a daily series) into at most
    ``max_points`` points (year when none does)."""
    for bucket in BUCKETS[:-1]:
        if len({bucket_start(d, bucket) for d in days}) <= max_points:
            return bucket
    return "year"


class Store(Protocol):
    url: str

    def add(self, doc: Document) -> AddResult: ...

    def add_many(self, docs: Iterable[Document]) -> list[AddResult]: ...

    def claims(self, query: Query | None = None) -> list[Claim]:
        """Current facts (latest revision of each document) as claims, for reconciliation,
        as their latest reviews leave them (rejected ones out, corrected ones changed)."""
        ...

    def replace_events(self, events: Sequence[Event], blocks: Sequence[EventBlock] | None = None) -> None:
        """Store the reconciled events (and their links to facts), replacing the previous set."""
        ...

    def writer(self, doc_ids: Sequence[str] = ()) -> AbstractContextManager[Any]:
        """One write transaction for a batch of documents and the events they touch
        (``warledger.store.sql.Writer``); ``warledger.ledger`` drives it."""
        ...

    def documents(self, query: Query) -> Page: ...

    def document(self, doc_id: str, revision: int | None = None) -> StoredDocument | None: ...

    def facts(self, query: Query) -> Page: ...

    def events(self, query: Query) -> Page: ...

    def event(self, key: str) -> Event | None: ...

    def add_correction(
        self,
        fact_id: int,
        action: str,
        reviewer: str,
        *,
        value: float | None = None,
        measure: str | None = None,
        admin1: str | None = None,
        place: str | None = None,
        note: str | None = None,
    ) -> Review:
        """Store an analyst's review of a stored fact (``warledger.review``): a new row, never
        an update; ``StoreError`` if there is no such fact."""
        ...

    def corrections(self, query: Query) -> Page:
        """Reviews, newest first (``doc_id`` filters by report); every one, superseded or not."""
        ...

    def timeseries(self, query: Query) -> list[DayPoint]:
        """Per day: launched / intercepted / hit (munitions) and killed / injured totals."""
        ...

    def region_totals(self, query: Query) -> dict[str, dict[str, float]]:
        """admin1 -> measure -> total over the events in range."""
        ...

    def close(self) -> None: ...
