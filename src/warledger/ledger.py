"""The ledger service: store reports and keep their events up to date, in one place.

In the manner of sqlite-utils' ``Database``, the CLI (``ingest``, ``load``, ``rebuild``) and
the API (``POST /api/documents``) are thin skins over three functions:

    tally = ingest(store, items)          # Documents (and Skipped) -> stored, events updated
    added = add_document(store, doc_id=..., text=... | html=..., published=...)
    n = rebuild(store)                     # every event from every current claim

Writes go in batches of ``BATCH_DOCS`` documents, one transaction each: the documents, their
facts and the events they touch commit together or not at all, so a reader never sees a
half-updated event set, and a process killed at any moment leaves a ledger whose events
agree with its documents (the rerun stores what is missing; nothing is left to redo by hand).

Incremental events. ``reconcile.across`` blocks claims by country and day; an event spans
one day or two (R5, the overnight case), and an undated claim joins an event within a day
of its report (R6). A batch therefore touches, per country, a few days; ``_update`` rebuilds
the events of a window of days around them and leaves every other event alone. The window
is chosen so that the result is exactly what a full rebuild gives:

- its left edge is a day no stored event spans into (the days before it are unchanged, and
  so is how their events end), with two more days of context before it for R6's joins;
- its right edge is pushed forward until the events of its last two days come out the same
  as the stored ones and no event, stored or recomputed, spans past it: from there on
  nothing the batch changed can reach.

Claims with neither a date nor a publication date (R6b) may join an event of their region
on any day; when one shares a region with the window's events, the country's events are
rebuilt whole. ``rebuild`` is always available and must agree with the incremental path
(``tests/test_ledger.py`` checks both on the dev and open corpora, in several orders).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from .model import Claim, Document, Event, Skipped
from .store.base import AddResult, EventBlock, Query
from .vocabulary import Kind

if TYPE_CHECKING:
    from .store.base import Store
    from .store.sql import Writer

ACROSS = "warledger.reconcile.across"
# Documents per write transaction: large enough that PostgreSQL's commit (a WAL flush), the
# batch's few insert statements and the events' rebuild are shared by many documents (the
# rebuild costs per block touched, and a batch's documents share blocks: 16 per batch stored
# 77 documents/s with events on PostgreSQL, 256 about 360; benchmarks/ingest.py), small
# enough that a kill loses at most a second or two of work and a batch of extracted
# documents stays a few MB in memory.
BATCH_DOCS = 256
# How often a batch is retried after losing a race with another writer (rolled back whole).
RETRIES = 10
# Changed days of one country further apart than this are rebuilt as separate windows.
CLUSTER_GAP = 16
# R5: an event spans at most two days; R6: an undated claim joins an event within one day of
# its report. The window's margins below follow from these two numbers.
CONTEXT = 2


@dataclass
class Tally:
    """What one ingest run did, for the summary."""

    read: int = 0
    new: int = 0
    duplicate: int = 0
    revision: int = 0
    facts: int = 0
    skipped: list[str] = field(default_factory=list)  # one line per skipped report
    # reports stored with figures but no date anywhere (no publication date, no dated figure):
    # they join an event only by a target another report dated (across.py R1, R6b), so the
    # summary names them
    undated: list[str] = field(default_factory=list)
    events: int | None = None
    events_note: str = ""

    @property
    def changed(self) -> bool:
        return self.new + self.revision > 0

    def count(self, result: AddResult) -> None:
        self.read += 1
        setattr(self, result.status, getattr(self, result.status) + 1)
        self.facts += result.facts

    def lines(self) -> list[str]:
        out = [
            f"documents read: {self.read}",
            f"  new: {self.new}",
            f"  duplicate: {self.duplicate}",
            f"  revision: {self.revision}",
            f"skipped: {len(self.skipped)}",
            *(f"  {line}" for line in self.skipped),
            f"facts stored: {self.facts}",
        ]
        if self.undated:
            out.append(
                f"undated: {len(self.undated)} (stored; with no date, an event takes them only by a shared target)"
            )
            out.extend(
                f"  {doc_id}: no publication date and no dated figure; give --published"
                for doc_id in self.undated
            )
        if self.events is None:
            out.append(f"events: {self.events_note}")
        else:
            out.append(f"events: {self.events}" + (f" ({self.events_note})" if self.events_note else ""))
        return out


@dataclass(frozen=True, slots=True)
class Added:
    """What ``add_document`` did: the extracted document, the store's result, and whether
    the events were updated (False for a duplicate, or without ``reconcile.across``)."""

    doc: Document
    result: AddResult
    events_updated: bool


def _grouped_events() -> Callable[[Iterable[Claim]], list[tuple[Event, tuple[int, ...]]]] | None:
    """``reconcile.across.grouped_events``, or None when this build has no reconciler."""
    try:
        from .reconcile.across import grouped_events
    except ImportError as exc:
        # only the module's own absence means "not there yet"; a broken import inside it
        # is a bug to see, not to hide
        if exc.name not in (ACROSS, "warledger.reconcile"):
            raise
        return None
    return grouped_events


# --- writes ----------------------------------------------------------------------------------


def store_batch(store: Store, docs: Sequence[Document]) -> list[AddResult]:
    """Store ``docs`` and update the events they touch, in one transaction (retried whole
    when another writer wins a race on one of its documents)."""
    from .store.sql import WriteConflict

    grouped = _grouped_events()
    for attempt in range(RETRIES):
        try:
            with store.writer([d.id for d in docs]) as w:
                results = w.add_many(docs)
                if grouped is not None:
                    update_events(w, grouped)
                return results
        except WriteConflict:
            if attempt == RETRIES - 1:
                raise
    raise AssertionError("unreachable")


def ingest(
    store: Store,
    items: Iterable[Document | Skipped],
    *,
    batch: int = BATCH_DOCS,
    tally: Tally | None = None,
    on_item: Callable[[Document | Skipped], None] | None = None,
) -> Tally:
    """Store every ``Document`` of ``items`` (``Skipped`` ones are counted with their reason)
    ``batch`` at a time, each batch with its events, and return the tally.

    ``items`` is consumed as a stream: memory holds one batch. A ``StoreError`` stops the
    run; the batches committed before it stay (a ``tally`` passed in says how far it got).
    """
    tally = Tally() if tally is None else tally
    pending: list[Document] = []

    def flush() -> None:
        for result in store_batch(store, pending):
            tally.count(result)
        pending.clear()

    for item in items:
        if on_item is not None:
            on_item(item)
        if isinstance(item, Skipped):
            tally.skipped.append(f"skipped {item.origin}: [{item.code}] {item.reason}")
            continue
        pending.append(item)
        if (
            item.published is None
            and any(f.kind != Kind.REGIONS for f in item.facts)
            and not any(f.date for f in item.facts)
        ):
            tally.undated.append(item.id)
        if len(pending) >= batch:
            flush()
    if pending:
        flush()
    if _grouped_events() is None:
        tally.events_note = f"not rebuilt ({ACROSS} is not available)"
    elif tally.read:
        tally.events = store.events(Query(limit=0)).total
        if not tally.changed:
            tally.events_note = "unchanged"
    return tally


def add_document(
    store: Store,
    *,
    doc_id: str,
    text: str | None = None,
    html: str | None = None,
    published: str | date | None = None,
    url: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
) -> Added:
    """Extract one report (plain text, or HTML through the ingest module's article
    extractor), store it and update its events, in one transaction.

    Raises ``WarledgerError`` when the report cannot be read (empty, not English, no article).
    """
    from .api import extract_text, parse_date

    when = parse_date(published)
    if html is not None:
        from .ingest.readers import _from_html

        # the page's own metadata fills what the request left out
        page = _from_html(html, doc_id, doc_id, when, url, title)
        text, when, url, title = page.text, page.published, page.url, page.title
        publisher = publisher or page.publisher
    if text is None:
        raise ValueError("add_document needs text or html")
    doc = extract_text(text, doc_id=doc_id, published=when, url=url, title=title, publisher=publisher)
    (result,) = store_batch(store, [doc])
    return Added(doc, result, result.status != "duplicate" and _grouped_events() is not None)


def rebuild(store: Store) -> int | None:
    """Rebuild every event from every current claim (one transaction); the number of
    events, or None when this build has no reconciler."""
    grouped = _grouped_events()
    if grouped is None:
        return None
    claims = store.claims()
    blocks = _blocks(grouped(claims), {c.fact_id: c for c in claims})
    store.replace_events([b.event for b in blocks], blocks)
    return len(blocks)


# --- incremental events ----------------------------------------------------------------------


def _day(claim: Claim | None) -> int | None:
    if claim is None or claim.fact.historical or not claim.fact.date:
        return None
    try:
        return date.fromisoformat(claim.fact.date[:10]).toordinal()
    except ValueError:
        return None


def _blocks(grouped: Iterable[tuple[Event, tuple[int, ...]]], claims: dict[int, Claim]) -> list[EventBlock]:
    out = []
    for event, members in grouped:
        days = sorted({d for m in members if (d := _day(claims.get(m))) is not None})
        first = date.fromordinal(days[0]).isoformat() if days else None
        last = date.fromordinal(days[-1]).isoformat() if days else None
        out.append(EventBlock(event, first, last, members))
    return out


def _touches(b: EventBlock, first: int, last: int) -> bool:
    lo, hi = _span(b)
    return lo <= last and hi >= first


def _span(b: EventBlock) -> tuple[int, int]:
    lo = date.fromisoformat(b.first_day).toordinal() if b.first_day else 0
    hi = date.fromisoformat(b.last_day).toordinal() if b.last_day else lo
    return lo, hi


def _same(a: EventBlock, b: EventBlock) -> bool:
    members_known = a.members is not None and b.members is not None
    return (
        a.event == b.event
        and a.first_day == b.first_day
        and a.last_day == b.last_day
        and (not members_known or tuple(sorted(a.members or ())) == tuple(sorted(b.members or ())))
    )


def _clusters(days: Iterable[int]) -> Iterator[list[int]]:
    """Runs of changed days no more than ``CLUSTER_GAP`` apart, as [first, last]."""
    run: list[int] = []
    for d in sorted(days):
        if run and d - run[1] > CLUSTER_GAP:
            yield run
            run = []
        run = [d, d] if not run else [run[0], d]
    if run:
        yield run


def update_events(
    w: Writer, grouped: Callable[[Iterable[Claim]], list[tuple[Event, tuple[int, ...]]]]
) -> None:
    """Rebuild the events of the blocks the writer's documents touched (module docstring)."""
    if not w.days and not w.floating:
        return
    w.lock_events()
    from .reconcile.across import _targets

    for country in sorted(set(w.days) | set(w.floating)):
        if any(_targets(t) for t in w.floating.get(country, ())):
            # R6b: a claim with no date at all that names a target may join (or, gone, leave)
            # an event of its region on any day
            _rebuild_country(w, country, grouped)
            continue
        runs = list(_clusters(w.days.get(country, ())))
        n = 0
        while n < len(runs):
            first, last = runs[n]
            nxt = runs[n + 1][0] if n + 1 < len(runs) else None
            merged = _update_window(w, country, first, last, nxt, grouped)
            if merged:  # the window reached the next run of changes: one window for both
                runs[n : n + 2] = [[first, runs[n + 1][1]]]
                continue
            n += 1


def _update_window(
    w: Writer,
    country: str,
    first: int,
    last: int,
    nxt: int | None,
    grouped: Callable[[Iterable[Claim]], list[tuple[Event, tuple[int, ...]]]],
) -> bool:
    """Rebuild the events of ``country`` around the changed days ``first``..``last``;
    True (nothing written) when the window would reach the changes at ``nxt``."""
    # Left: events that end before ``a`` are untouched; ``a`` is a day no event spans into.
    # R6 context: undated claims joining events at a, a+1 see two days back, and those days'
    # events must be built whole, from a day (``start``) no event spans into.
    look = first - CONTEXT - 32
    spanned = w.spanned_days(country, look, first)
    a = first - CONTEXT
    while a in spanned:
        a -= 1
    start = a - CONTEXT
    while start in spanned:
        start -= 1
    if start <= look:  # a month of nights each joined to the one before: look further
        return _rebuild_from(w, country, grouped)
    b = last + CONTEXT
    while True:
        end = b + CONTEXT + 1  # R6 context on the right, and one day for spans past it
        if nxt is not None and end >= nxt - CONTEXT - 1:
            return True
        claims = w.window_claims(country, start, end)
        by_id = {c.fact_id: c for c in claims}
        new = [x for x in _blocks(grouped(claims), by_id) if x.event.country == country]
        old = w.blocks(country, a, b + 1)
        spans_past = any(_span(x) == (b, b + 1) for x in (*new, *old))
        tail_new = {x.event.key: x for x in new if _touches(x, b - 1, b)}
        tail_old = {x.event.key: x for x in old if _touches(x, b - 1, b)}
        settled = tail_new.keys() == tail_old.keys() and all(
            _same(tail_new[k], tail_old[k]) for k in tail_new
        )
        if settled and not spans_past:
            break
        b += 1
    stored = [x for x in old if _touches(x, a, b)]
    keep = [x for x in new if _touches(x, a, b)]
    if _floating_may_join(w, country, stored, keep, by_id):
        _rebuild_country(w, country, grouped)
        return False
    # write only what changed: most of a window's events are its unchanged neighbours
    before = {x.event.key: x for x in stored}
    changed = [x for x in keep if not (x.event.key in before and _same(before[x.event.key], x))]
    unchanged = {x.event.key for x in keep} - {x.event.key for x in changed}
    w.replace_blocks([k for k in before if k not in unchanged], changed)
    return False


def _rebuild_from(w: Writer, country: str, grouped: Callable[[Iterable[Claim]], Any]) -> bool:
    _rebuild_country(w, country, grouped)
    return False


def _floating_may_join(
    w: Writer, country: str, stored: Sequence[EventBlock], keep: Sequence[EventBlock], by_id: dict[int, Claim]
) -> bool:
    """Whether a claim with no date and no publication date (R6b) might join, or stop joining,
    one of the window's events, old or new: it joins the one event of its region whose
    reports name the same kind of target, on any day, so then the country is rebuilt whole.
    A claim naming no target joins nothing, and one whose region or targets no window event
    shares cannot be affected by the window."""
    from .reconcile.across import _targets

    floating = [(c, t) for c in w.floating_claims(country) if (t := _targets(c.evidence_text or ""))]
    if not floating:
        return False
    if any(x.members is None for x in stored):
        return True  # events stored before members were recorded: cannot tell
    regions = {r for x in (*stored, *keep) for r in x.event.admin1}
    floating = [(c, t) for c, t in floating if set(_regions(c)) & regions]
    if not floating:
        return False
    ids = {m for x in (*stored, *keep) for m in (x.members or ())}
    missing = sorted(ids - by_id.keys())  # members of old events whose report was revised since
    texts = [by_id[i].evidence_text for i in ids if i in by_id] + [
        c.evidence_text for c in w.claims_by_id(missing)
    ]
    named: set[str] = set()
    for evidence in texts:
        named |= _targets(evidence or "")
    return any(t & named for _, t in floating)


def _regions(c: Claim) -> tuple[str, ...]:
    f = c.fact
    return tuple(f.members) if f.kind == Kind.REGIONS else ((f.admin1,) if f.admin1 else ())


def _rebuild_country(w: Writer, country: str, grouped: Callable[[Iterable[Claim]], Any]) -> None:
    claims = w.country_claims(country)
    new = _blocks(grouped(claims), {c.fact_id: c for c in claims})
    w.replace_blocks([x.event.key for x in w.blocks(country)], new)


__all__ = [
    "BATCH_DOCS",
    "Added",
    "Tally",
    "add_document",
    "ingest",
    "rebuild",
    "store_batch",
    "update_events",
]
