"""The query layer that the HTTP API and the dashboard share.

Every function takes a ``Store`` and validated filters (a ``warledger.store.base.Query``, made
by ``build_query``) and returns plain dicts and lists, ready for JSON or a template. Neither
the API nor the dashboard talks to the store any other way, so a figure reads the same on a
page and in ``/api``.

    q = build_query(date_from="2025-07-01", region="UA-63", limit=20)
    list_events(store, q)   -> {"items": [...], "total": N, "limit": 20, "offset": 0}
    get_event(store, key)   -> the event with every claim's evidence sentence, or None
    list_facts / list_documents / get_document / timeseries / region_totals / health

``QueryError`` (a ``ValueError``) says which filter is wrong and why; the API turns it into a
422 in its one error shape.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from .. import __version__, factshape, vocabulary
from ..model import KINDS, Claim, Event, EventFigure, Fact
from ..provenance import publisher
from ..review import CORRECT, Review, fact_key, review_dict
from ..store.base import Query, Store, StoredDocument, StoredFact, bucket_start, finest_bucket

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
# An offset past any real ledger; the bound keeps a huge integer from overflowing the
# database's 64-bit OFFSET and turning a silly request into a 500.
MAX_OFFSET = 1_000_000_000
# The deepest offset ``/api/events`` and ``/api/facts`` take (``webapi.app``): past it, a
# page is asked for by keyset (``after``), which reads what the first page does, where an
# offset makes the database walk every row before it (at 10^6 facts, half a second or more).
MAX_DEEP_OFFSET = 10_000
# Free-text filters are substrings of short names ("Ukraine's air force"); longer is a mistake.
MAX_TEXT = 200
# How many rows to ask the store for at a time when a function needs all of them.
PAGE = MAX_LIMIT

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_REGION = re.compile(r"^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class QueryError(ValueError):
    """Filters that cannot be applied; ``errors`` lists ``{"field", "message"}`` per problem
    (and ``allowed``: the values the filter accepts, where it has a vocabulary)."""

    def __init__(self, errors: list[dict[str, Any]]):
        self.errors = errors
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))


Many = str | list[str] | tuple[str, ...] | None


def build_query(
    *,
    date_from: str | date | None = None,
    date_to: str | date | None = None,
    region: Many = None,
    kind: Many = None,
    measure: Many = None,
    weapon: Many = None,
    source: str | None = None,
    country: Many = None,
    doc_id: str | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> Query:
    """Check and normalise list filters into a store ``Query``; ``QueryError`` lists every problem.

    ``region`` is an ISO 3166-2 code (``UA-63``, any case) or a region's English name
    (``Kharkiv Oblast``, ``Kharkiv``); ``country`` an ISO alpha-2 code; ``kind``, ``measure``
    and ``weapon`` names of SCHEMA.md's vocabulary (``warledger.model``); dates
    ``YYYY-MM-DD``, inclusive. Those five may each be a list (a repeated API filter): any of
    its values matches. A value outside the vocabulary is an error that lists the allowed
    ones. Empty strings count as not given (an HTML form sends them for blank fields).
    """
    errors: list[dict[str, Any]] = []

    def bad(field: str, message: str, allowed: Sequence[str] | None = None) -> None:
        errors.append({"field": field, "message": message, **({"allowed": list(allowed)} if allowed else {})})

    def text(field: str, value: str | None) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            bad(field, "must be a string")
            return None
        value = value.strip()
        if not value:
            return None
        if len(value) > MAX_TEXT:
            bad(field, f"longer than {MAX_TEXT} characters")
        elif _CONTROL.search(value):
            bad(field, "contains control characters")
        return value

    def day(field: str, value: str | date | None) -> str | None:
        if isinstance(value, date):
            return value.isoformat()
        value = text(field, value)
        if value is None:
            return None
        try:
            if not _DATE.match(value):
                raise ValueError
            return date.fromisoformat(value).isoformat()
        except ValueError:
            bad(field, f"not a date (YYYY-MM-DD): {value[:40]!r}")
            return None

    def many(field: str, value: Many, check: Callable[[str], str | None]) -> str | tuple[str, ...] | None:
        """One value or several (deduplicated, in order), each normalised by ``check``
        (None: it reported the problem)."""
        values = [value] if value is None or isinstance(value, str) else list(value)
        out: list[str] = []
        for v in values:
            t = text(field, v)
            if t is None:
                continue
            n = check(t)
            if n is not None and n not in out:
                out.append(n)
        if not out:
            return None
        return out[0] if len(out) == 1 else tuple(out)

    d_from, d_to = day("date_from", date_from), day("date_to", date_to)
    if d_from and d_to and d_from > d_to:
        bad("date_to", f"{d_to} is before date_from {d_from}")

    def region_check(v: str) -> str | None:
        code = _region_code(v)
        if code is None:
            bad("region", f"unknown region {v[:60]!r}: give an ISO 3166-2 code such as UA-63, or a region's "
                          "English name such as Kharkiv Oblast", _region_codes())  # fmt: skip
        return code

    def among(
        field: str, allowed: Sequence[str], fold: Callable[[str], str] = str.lower
    ) -> Callable[[str], str | None]:
        def check(v: str) -> str | None:
            n = fold(v)
            if n not in allowed:
                bad(field, f"unknown {field} {v[:40]!r}: must be one of {', '.join(allowed)}", allowed)
                return None
            return n

        return check

    admin1 = many("region", region, region_check)
    kind_ = many("kind", kind, among("kind", KINDS))
    measure_ = many("measure", measure, among("measure", vocabulary.all_measures()))
    weapon_ = many("weapon", weapon, among("weapon", vocabulary.weapons()))
    country_ = many("country", country, among("country", _country_codes(), str.upper))

    source_ = text("source", source)
    doc_id_ = text("doc_id", doc_id)

    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        bad("limit", f"must be an integer from 1 to {MAX_LIMIT}")
    if isinstance(offset, bool) or not isinstance(offset, int) or not 0 <= offset <= MAX_OFFSET:
        bad("offset", f"must be an integer from 0 to {MAX_OFFSET}")
    if errors:
        raise QueryError(errors)
    return Query(
        date_from=d_from,
        date_to=d_to,
        admin1=admin1,
        kind=kind_,
        measure=measure_,
        weapon=weapon_,
        source=source_,
        country=country_,
        doc_id=doc_id_,
        limit=limit,
        offset=offset,
    )


def _region_code(value: str) -> str | None:
    """An ISO 3166-2 code for a code or a region's name; None for what is no known region.

    Names: the gazetteer's ("Kharkiv Oblast"), the same without "Oblast" ("Kharkiv": a
    filter names the region, even where a city shares its name), other spellings through
    the geocoder ("Kharkivska oblast", "Belgorod region").
    """
    gaz = _gazetteer()
    if _ISO_REGION.match(value):
        code = value.upper()
        return code if gaz.region(code) is not None else None
    wanted = value.casefold()
    for region in gaz.regions():
        if region.admin1 and wanted == region.name.casefold():
            return region.admin1
    for region in gaz.regions():
        if region.admin1 and region.name.casefold() in (f"{wanted} oblast", f"{wanted} city"):
            return region.admin1
    # other spellings through the geocoder, which reads capitalisation as a cue, so also as a title
    place = gaz.lookup(value) or gaz.lookup(value.title())
    if place is not None and place.level in ("admin1", "settlement") and place.admin1:
        return place.admin1
    return None


@lru_cache(maxsize=1)
def _region_codes() -> tuple[str, ...]:
    """Every region code the gazetteer knows, sorted: what ``region`` accepts."""
    return tuple(sorted({r.admin1 for r in _gazetteer().regions() if r.admin1}))


@lru_cache(maxsize=1)
def _country_codes() -> tuple[str, ...]:
    """The countries of the gazetteer's regions and of ``data/countries.tsv``."""
    from pathlib import Path

    codes = {r.country for r in _gazetteer().regions() if r.country}
    path = Path(__file__).resolve().parent.parent / "data" / "countries.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(("#", "code\t")):
            codes.add(line.split("\t", 1)[0].strip().upper())
    return tuple(sorted(c for c in codes if len(c) == 2))


_gaz_lock = threading.Lock()


def _gazetteer():
    from ..geocode import Gazetteer

    # Gazetteer.default() is not guarded; two request threads must not both build it.
    with _gaz_lock:
        return Gazetteer.default()


@lru_cache(maxsize=1024)
def region_name(code: str | None) -> str | None:
    """The English name of an ISO 3166-2 region (``UA-63`` -> ``Kharkiv Oblast``); None if unknown."""
    if not code:
        return None
    place = _gazetteer().region(code)
    return place.name if place else None


# --- plain-dict views of the model -------------------------------------------------------


def num(x: float | None) -> float | int | None:
    """A figure for JSON: whole numbers as ints (``502``, not ``502.0``)."""
    if x is None:
        return None
    return int(x) if float(x).is_integer() else float(x)


def fact_fields(f: Fact) -> dict[str, Any]:
    """Every field of a ``Fact``, spans as ``[start, end]`` lists, members as a list."""
    out = factshape.record(f)
    out.update(value=num(f.value), low=num(f.low), high=num(f.high))
    return out


def stored_fact_dict(sf: StoredFact, doc: StoredDocument | None = None) -> dict[str, Any]:
    """A stored fact: its id, document and revision, then every field of the fact, and its
    report's address, publisher and publication date (from ``doc``, its stored document)."""
    return {
        "id": sf.id,
        "doc_id": sf.doc_id,
        "revision": sf.revision,
        **fact_fields(sf.fact),
        "extractor": sf.extractor or sf.fact.extractor,
        "region_name": region_name(sf.fact.admin1),
        "url": doc.url if doc is not None else None,
        "publisher": publisher(doc.url, doc.publisher) if doc is not None else None,
        "published": doc.published if doc is not None else None,
    }


def document_ref(doc_id: str, doc: StoredDocument | None) -> dict[str, Any]:
    """A link to a report: its id, title, address, publisher and publication date."""
    if doc is None:
        return {"doc_id": doc_id}
    return {
        "doc_id": doc_id, "title": doc.title, "url": doc.url, "publisher": publisher(doc.url, doc.publisher),
        "published": doc.published,
    }  # fmt: skip


class _Documents:
    """Stored documents looked up once per request (a page names the same report many times)."""

    def __init__(self, store: Store):
        self.store = store
        self._seen: dict[tuple[str, int | None], StoredDocument | None] = {}

    def prefetch(self, keys: Iterable[tuple[str, int | None]]) -> None:
        """Look up the links of ``keys`` ((doc_id, revision or None)) in one go, where the
        store can (``document_links``: no text, so only for links), instead of one by one."""
        links = getattr(self.store, "document_links", None)
        wanted = [k for k in dict.fromkeys(keys) if k not in self._seen]
        if links is None or not wanted:
            return
        found = links(wanted)
        for k in wanted:
            self._seen[k] = found.get(k)

    def get(self, doc_id: str, revision: int | None = None) -> StoredDocument | None:
        key = (doc_id, revision)
        if key not in self._seen:
            self._seen[key] = self.store.document(doc_id, revision)
        return self._seen[key]


def document_summary(d: StoredDocument) -> dict[str, Any]:
    """A stored document without its text (lists stay small); ``text_length`` says how long it is."""
    return {
        "doc_id": d.doc_id,
        "revision": d.revision,
        "url": d.url,
        "publisher": publisher(d.url, d.publisher),
        "title": d.title,
        "published": d.published,
        "content_hash": d.content_hash,
        "ingested_at": d.ingested_at,
        "fact_count": d.facts,
        "text_length": len(d.text),
    }


def figure_dict(fig: EventFigure) -> dict[str, Any]:
    """One figure of an event: low / best / high (None: open, no report bounds it there),
    qualifier, status, sources, history and claim ids."""
    return {
        "kind": fig.kind,
        "measure": fig.measure,
        "weapon": fig.weapon,
        "admin1": fig.admin1,
        "region_name": region_name(fig.admin1),
        "place": fig.place,
        "unit": fig.unit,
        "group": fig.group,
        "low": num(fig.low),
        "best": num(fig.best),
        "high": num(fig.high),
        "qualifier": fig.qualifier,
        # every report states it only vaguely ("dozens"): shown as such, never in totals
        "vague": fig.vague,
        "status": fig.status,
        "sources": list(fig.sources),
        "history": [{"published": when, "value": num(value)} for when, value in fig.history],
        "claim_ids": list(fig.claims),
    }


def event_dict(e: Event) -> dict[str, Any]:
    """An event with its figures (claims as fact ids; ``get_event`` resolves them)."""
    return {
        "key": e.key,
        "date": e.date,
        "country": e.country,
        "label": e.label,
        "admin1": list(e.admin1),
        "regions": [{"code": c, "name": region_name(c)} for c in e.admin1],
        "documents": list(e.documents),
        "figures": [figure_dict(f) for f in e.figures],
        "checks": list(e.checks),
    }


def page_dict(items: list[dict[str, Any]], total: int, q: Query, next_: str | None = None) -> dict[str, Any]:
    return {"items": items, "total": total, "limit": q.limit, "offset": q.offset, "next": next_}


# --- the queries ---------------------------------------------------------------------------


def list_events(store: Store, q: Query) -> dict[str, Any]:
    """A page of events matching ``q``, with ``total`` over all pages; each event links to its
    reports (``document_info``: title, url, publisher, publication date)."""
    page = store.events(q)
    docs = _Documents(store)
    docs.prefetch((d, None) for e in page.items for d in e.documents)  # type: ignore[attr-defined]
    items = []
    for e in page.items:
        out = event_dict(e)  # type: ignore[arg-type]
        out["document_info"] = [document_ref(d, docs.get(d)) for d in e.documents]  # type: ignore[attr-defined]
        items.append(out)
    return page_dict(items, page.total, q, page.next)


def get_event(store: Store, key: str) -> dict[str, Any] | None:
    """One event, each figure's claims resolved to the report, value, qualifier and the evidence
    sentence (its text and ``[start, end]`` offsets into the document text); None if no such key.

    A claim whose fact is gone (its document was revised after the events were built) is
    listed under the figure's ``unresolved`` fact ids rather than dropped silently.
    """
    # no stored key holds a control character, and PostgreSQL refuses NUL in a parameter
    event = None if _CONTROL.search(key) else store.event(key)
    if event is None:
        return None
    claims: dict[int, Claim] = {}
    docs: dict[str, StoredDocument | None] = {}
    for doc_id in event.documents:
        docs[doc_id] = store.document(doc_id)
        for c in all_claims(store, doc_id):
            claims[c.fact_id] = c
    out = event_dict(event)
    for fig, fig_out in zip(event.figures, out["figures"], strict=True):
        resolved: list[dict[str, Any]] = []
        unresolved: list[int] = []
        for fact_id in fig.claims:
            found = claims.get(fact_id)
            if found is None:
                unresolved.append(fact_id)
            else:
                resolved.append(claim_dict(found, docs.get(found.doc_id)))
        fig_out["claims"] = resolved
        fig_out["unresolved"] = unresolved
    out["document_info"] = [document_ref(d, s) for d, s in docs.items()]
    return out


def claim_dict(c: Claim, doc: StoredDocument | None) -> dict[str, Any]:
    """One report's claim: who said what, and where in the report's text it says so."""
    f = c.fact
    start, end = f.evidence
    text = c.evidence_text
    if not text and doc is not None:
        text = doc.text[start:end]
    figure_text = doc.text[f.span[0] : f.span[1]] if (doc is not None and f.span) else None
    return {
        "fact_id": c.fact_id,
        "doc_id": c.doc_id,
        "published": c.published.isoformat() if c.published else None,
        "url": c.url,
        "publisher": publisher(c.url, c.publisher),
        "review": c.review,
        "source": f.source,
        "value": num(f.value),
        "low": num(f.low),
        "high": num(f.high),
        "qualifier": f.qualifier,
        "date": f.date,
        "evidence": {"start": start, "end": end, "text": text},
        "evidence_spans": evidence_spans(f, doc, text),
        "figure": {"start": f.span[0], "end": f.span[1], "text": figure_text} if f.span else None,
    }


def evidence_spans(f: Fact, doc: StoredDocument | None, evidence_text: str = "") -> list[dict[str, Any]]:
    """Each sentence that states ``f`` (a regions fact: each that names its regions), with its
    text: from the report when it is at hand, else the evidence's own where it is the one."""

    def text(s: int, e: int) -> str | None:
        if doc is not None:
            return doc.text[s:e]
        return (evidence_text or None) if (s, e) == tuple(f.evidence) else None

    return [{"start": s, "end": e, "text": text(s, e)} for s, e in f.evidence_spans]


def all_claims(store: Store, doc_id: str) -> list[Claim]:
    """Every current claim of one document."""
    # limit is given in case a backend pages claims too; a report has far fewer facts
    return store.claims(Query(doc_id=doc_id, limit=MAX_OFFSET))


def list_facts(store: Store, q: Query) -> dict[str, Any]:
    """A page of current facts matching ``q``, every field of each (as extracted), its
    report's links and its latest ``review`` (None: not reviewed), with ``total``."""
    page = store.facts(q)
    docs = _Documents(store)
    facts: list[StoredFact] = list(page.items)  # type: ignore[arg-type]
    docs.prefetch((f.doc_id, f.revision) for f in facts)
    reviews = latest_reviews(store, {f.doc_id for f in facts})
    items = []
    for f in facts:
        out = stored_fact_dict(f, docs.get(f.doc_id, f.revision))
        r = reviews.get(fact_key(f.doc_id, f.fact))
        out["review"] = review_dict(r) if r is not None else None
        items.append(out)
    return page_dict(items, page.total, q, page.next)


def latest_reviews(store: Store, doc_ids: set[str]) -> dict[str, Review]:
    """fact_key -> the latest review, over the reviews of ``doc_ids``."""
    batched = getattr(store, "latest_reviews", None)
    if batched is not None:
        return batched(doc_ids)  # type: ignore[no-any-return]
    out: dict[str, Review] = {}
    for doc_id in sorted(doc_ids):
        # newest first: the first seen of a key is its latest
        for r in iter_pages(store.corrections, Query(doc_id=doc_id)):
            out.setdefault(r.fact_key, r)
    return out


def list_corrections(store: Store, q: Query) -> dict[str, Any]:
    """A page of reviews, newest first (superseded ones too: nothing is deleted)."""
    page = store.corrections(q)
    return page_dict([review_dict(r) for r in page.items], page.total, q)  # type: ignore[arg-type]


def review_fact(
    store: Store,
    fact_id: int,
    *,
    action: str,
    reviewer: str,
    value: float | None = None,
    measure: str | None = None,
    region: str | None = None,
    place: str | None = None,
    note: str | None = None,
) -> dict[str, Any]:
    """Store an analyst's review of fact ``fact_id`` and rebuild the events with it (all of
    them: ``warledger.ledger.rebuild``; reviews are rare, and a review changes a claim that
    the events' stored members do not show).

    ``QueryError`` for a correction that changes nothing or names a measure or region
    outside the vocabulary; ``StoreError`` when there is no such fact.
    """
    errors: list[dict[str, Any]] = []
    changes = {"value": value, "measure": measure, "region": region, "place": place}
    given = {k: v for k, v in changes.items() if v is not None and v != ""}
    if action == CORRECT and not given:
        errors.append(
            {"field": "action", "message": "a correction gives at least one of value, measure, region, place"}
        )
    if action != CORRECT and given:
        errors.append(
            {
                "field": "action",
                "message": f"{action} changes nothing: give the new value(s) with action correct",
            }
        )
    admin1 = None
    if region:
        admin1 = _region_code(region.strip())
        if admin1 is None:
            errors.append(
                {
                    "field": "region",
                    "message": f"unknown region {region[:60]!r}",
                    "allowed": list(_region_codes()),
                }
            )
    if measure and measure not in (known := vocabulary.all_measures()):
        errors.append({"field": "measure", "message": f"unknown measure {measure[:40]!r}: must be one of {', '.join(known)}",
                       "allowed": list(known)})  # fmt: skip
    if errors:
        raise QueryError(errors)
    stored = store.add_correction(
        fact_id,
        action,
        reviewer,
        value=value,
        measure=measure or None,
        admin1=admin1,
        place=(place or None),
        note=note,
    )
    from .. import ledger

    rebuilt = ledger.rebuild(store) is not None
    return {"ok": True, "correction": review_dict(stored), "events_rebuilt": rebuilt}


def list_documents(store: Store, q: Query) -> dict[str, Any]:
    """A page of documents (latest revisions, no text) matching ``q``, with ``total``."""
    page = store.documents(q)
    return page_dict([document_summary(d) for d in page.items], page.total, q)  # type: ignore[arg-type]


def get_document(store: Store, doc_id: str, revision: int | None = None) -> dict[str, Any] | None:
    """One document with its full text and its facts (every field, offsets into that text)."""
    doc = None if _CONTROL.search(doc_id) else store.document(doc_id, revision)
    if doc is None:
        return None
    facts = [f for f in iter_pages(store.facts, Query(doc_id=doc_id)) if f.revision == doc.revision]
    return {**document_summary(doc), "text": doc.text, "facts": [stored_fact_dict(f, doc) for f in facts]}


def timeseries(store: Store, q: Query, bucket: str | None = None) -> dict[str, Any]:
    """Per day: launched / intercepted / hit and killed / injured (0 when none), plus every
    other measure the store totals under ``values``.

    ``bucket`` (``day``, ``week``, ``month``, ``year``) sums the days by week (from Monday),
    month or year, each point dated by its first day; None: by day, unless that gives more
    than ``MAX_POINTS`` points, then by the first of week, month, year that does not (a
    chart has no room for more, and a long ledger's answer would be megabytes). The answer
    says which (``bucket``).
    """
    summed = getattr(store, "timeseries_buckets", None)
    if summed is not None:
        # the store sums them (``SqlStore``: from the totals it keeps by week, month and year)
        chosen, series = summed(q, bucket, MAX_POINTS)
        points = [(p.date, p.values) for p in series]
    else:
        points = [(p.date, p.values) for p in store.timeseries(q)]
        chosen = bucket or finest_bucket([d for d, _ in points], MAX_POINTS)
        if chosen != "day":
            by: dict[str, dict[str, float]] = {}
            for d, values in points:
                into = by.setdefault(bucket_start(d, chosen), {})
                for m, v in values.items():
                    into[m] = into.get(m, 0.0) + v
            points = sorted(by.items())
    items = []
    totalled = vocabulary.totalled()  # once: it walks the vocabulary, and a series has thousands of points
    for d, values in points:
        row: dict[str, Any] = {"date": d}
        for m in totalled:
            row[m] = num(values.get(m, 0.0))
        row["values"] = {k: num(v) for k, v in sorted(values.items())}
        items.append(row)
    return {"items": items, "total": len(items), "bucket": chosen}


# Points a time series gives before it is summed by week, month or year (``timeseries``):
# eight years of days, then weeks up to 57 years, months up to 250.
MAX_POINTS = 3000


def region_totals(store: Store, q: Query) -> dict[str, Any]:
    """Per region (admin1) and measure, the totals over the events matching ``q``."""
    totals = store.region_totals(q)
    items = [
        {
            "admin1": code,
            "name": region_name(code),
            "country": code[:2] if code else None,
            "totals": {m: num(v) for m, v in sorted(measures.items())},
        }
        for code, measures in sorted(totals.items())
    ]
    return {"items": items, "total": len(items)}


def health(store: Store, writes_enabled: bool) -> dict[str, Any]:
    """Liveness and what this server holds; the store's URL is reduced to its backend
    (``sqlite``, ``postgresql``) so no path or password leaks."""
    # totals only (limit 0: no rows read), which the store counts on write
    documents = store.documents(Query(limit=0)).total
    events = store.events(Query(limit=0)).total
    return {
        "ok": True,
        "status": "ok",
        "version": __version__,
        "store": store.url.split(":", 1)[0].split("+", 1)[0] if store.url else None,
        "documents": documents,
        "events": events,
        "writes_enabled": writes_enabled,
    }


def iter_pages(fetch: Callable[[Query], Any], q: Query) -> Iterator[Any]:
    """Every item of a paged store list, ``PAGE`` at a time (``q``'s limit/offset are ignored)."""
    offset = 0
    while True:
        page = fetch(dataclasses.replace(q, limit=PAGE, offset=offset))
        yield from page.items
        offset += len(page.items)
        if not page.items or offset >= page.total:
            return


# --- writes --------------------------------------------------------------------------------


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
) -> dict[str, Any]:
    """``warledger.ledger.add_document`` (extract, store, update the events: one
    transaction), as the API answers it: the store's ``AddResult`` and the facts.

    Raises ``WarledgerError`` when the report cannot be read (empty, not English, no article).
    """
    from .. import ledger

    added = ledger.add_document(
        store,
        doc_id=doc_id,
        text=text,
        html=html,
        published=published,
        url=url,
        title=title,
        publisher=publisher,
    )
    doc = added.doc
    return {
        "ok": True,
        "result": dataclasses.asdict(added.result),
        "events_rebuilt": added.events_updated,
        "published": doc.published.isoformat() if doc.published else None,
        "facts": [
            {
                **fact_fields(f),
                "evidence_text": doc.text[f.evidence[0] : f.evidence[1]],
                "figure_text": doc.text[f.span[0] : f.span[1]] if f.span else None,
            }
            for f in doc.facts
        ],
    }


def vocabulary_json() -> dict[str, Any]:
    """``/api/vocabulary``: the names, labels, order and bounds the dashboard shows."""
    return vocabulary.as_json()
