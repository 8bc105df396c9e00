"""Export the ledger: facts as CSV or Parquet, events as ACLED-style CSV or GeoJSON.

Each ``write_*`` function takes a ``Store``, a ``Query`` (made by
``warledger.webapi.query.build_query``; its limit/offset are ignored, everything matching is
written) and a file object: text for the CSV and GeoJSON formats, binary for Parquet.
``export(store, fmt, query, fh)`` picks one by name; ``FORMATS`` says which need a binary file.

    csv        one row per current fact, every field (lists as JSON), plus the evidence text
    acled-csv  one row per event and region, in ACLED's column names
    geojson    a FeatureCollection, one Point per event, its figures as properties
    parquet    the facts of ``csv``, typed (lists as Arrow lists)
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import Counter, OrderedDict
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import IO, Any

from . import factshape
from .model import Claim, Event, EventFigure, Fact
from .provenance import publisher, source_scale
from .review import fact_key, review_dict
from .store.base import Query, Store, StoredDocument, StoredFact
from .vocabulary import Kind, Measure, Weapon
from .webapi.query import document_ref, figure_dict, iter_pages, latest_reviews, num

# --- facts ----------------------------------------------------------------------------------

# The one fact layout (``factshape.TABLE_COLUMNS``, batch's Parquet too): where the fact is
# stored, every field of ``model.Fact``, its evidence sentence, its report (publication date,
# address, the outlet that published it: ``provenance.publisher``; ``source`` is who the
# report says stated the figure) and its latest analyst review (``warledger.review``), blank
# if none: the extracted fields stay as extracted, the review says what a person made of them.
# ``seq`` (the fact's order in its report) is batch's; a ledger export leaves it empty.
FACT_COLUMNS = factshape.TABLE_COLUMNS


class _Texts:
    """Documents by (doc id, revision), the last few kept: facts come grouped by document,
    and a whole ledger's texts must not be held at once."""

    def __init__(self, store: Store, size: int = 64):
        self.store, self.size = store, size
        self._cache: OrderedDict[tuple[str, int], StoredDocument | None] = OrderedDict()

    def document(self, doc_id: str, revision: int | None = None) -> StoredDocument | None:
        key = (doc_id, revision or 0)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        doc = self.store.document(doc_id, revision)
        self._cache[key] = doc
        if len(self._cache) > self.size:
            self._cache.popitem(last=False)
        return doc

    def get(self, doc_id: str, revision: int) -> str:
        doc = self.document(doc_id, revision)
        return doc.text if doc is not None else ""


def fact_records(store: Store, query: Query) -> Iterator[dict[str, Any]]:
    """Every current fact matching ``query`` as a flat record of ``FACT_COLUMNS``."""
    texts = _Texts(store)
    reviews: dict[str, Any] = {}
    reviewed_docs: set[str] = set()
    for sf in iter_pages(store.facts, query):
        if sf.doc_id not in reviewed_docs:  # facts come grouped by document
            reviewed_docs.add(sf.doc_id)
            reviews.update(latest_reviews(store, {sf.doc_id}))
        rec = _fact_record(sf, texts)
        r = reviews.get(fact_key(sf.doc_id, sf.fact))
        rec.update(
            review=r.action if r else None, review_value=num(r.value) if r else None,
            review_measure=r.measure if r else None, review_admin1=r.admin1 if r else None,
            review_place=r.place if r else None, reviewer=r.reviewer if r else None,
            reviewed_at=r.created_at if r else None,
        )  # fmt: skip
        yield rec


def _fact_record(sf: StoredFact, texts: _Texts) -> dict[str, Any]:
    f = sf.fact
    start, end = f.evidence
    doc = texts.document(sf.doc_id, sf.revision)
    url = doc.url if doc is not None else None
    named = doc.publisher if doc is not None else None
    rec: dict[str, Any] = dict.fromkeys(FACT_COLUMNS)
    rec.update(factshape.record(f))
    rec.update(
        id=sf.id,
        doc_id=sf.doc_id,
        revision=sf.revision,
        value=num(f.value),
        low=num(f.low),
        high=num(f.high),
        extractor=sf.extractor or f.extractor,
        evidence_text=texts.get(sf.doc_id, sf.revision)[start:end],
        published=doc.published if doc is not None else None,
        url=url,
        publisher=publisher(url, named),
    )
    return rec


def write_csv(store: Store, query: Query, fh: IO[str]) -> int:
    """Facts as CSV with a header of ``FACT_COLUMNS``; lists as JSON, None as empty. Returns rows."""
    writer = csv.DictWriter(fh, fieldnames=FACT_COLUMNS)
    writer.writeheader()
    n = 0
    for rec in fact_records(store, query):
        writer.writerow(factshape.csv_row(rec))
        n += 1
    return n


def parquet_schema():
    """The Arrow schema of the Parquet export: the one fact layout (``factshape.arrow_schema``)."""
    return factshape.arrow_schema()


def write_parquet(store: Store, query: Query, fh: IO[bytes]) -> int:
    """Facts as a Parquet file (``parquet_schema()``) written to a binary file object. Returns rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    n = 0
    # written in row groups as they come, so a large ledger is never one list in memory
    with pq.ParquetWriter(fh, schema) as writer:
        batch: list[dict[str, Any]] = []
        for rec in fact_records(store, query):
            for col in ("value", "low", "high"):
                if rec[col] is not None:
                    rec[col] = float(rec[col])
            if rec["published"]:
                rec["published"] = date.fromisoformat(rec["published"][:10])
            if rec["review_value"] is not None:
                rec["review_value"] = float(rec["review_value"])
            batch.append(rec)
            if len(batch) >= 10_000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n, batch = n + len(batch), []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


# --- events ---------------------------------------------------------------------------------

# ACLED's export columns, in the order and with the meaning of ACLED's codebook.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip

DISORDER_TYPE = "Political violence"
EVENT_TYPE = "Explosions/Remote violence"
AIR_STRIKE = "Air/drone strike"
SHELLING = "Shelling/artillery/missile attack"
# ACLED's definitions: strikes by aircraft or drones (loitering munitions such as the Shahed
# included, and bombs aircraft drop: glide bombs) are air/drone strikes; missiles and
# artillery are shelling/artillery/missile attacks.
AIR_WEAPONS = frozenset({Weapon.DRONE, Weapon.GUIDED_BOMB, Weapon.AIRCRAFT})
# words of the evidence that say which, when an event counts no munitions ("a drone hit a house")
AIR_WORDS = re.compile(
    r"\b(drones?|shaheds?|gerans?|uavs?|air ?strikes?|glide bombs?|guided bombs?|kabs?|aerial bombs?)\b", re.I
)
GROUND_WORDS = re.compile(
    r"\b(missiles?|shelling|shelled|artillery|rockets?|mlrs|iskanders?|kalibrs?|s-300)\b", re.I
)
# The attacker of each attacked territory (``Fact.country``), in ACLED's actor names.
ATTACKER = {"UA": "Military Forces of Russia (2000-)", "RU": "Military Forces of Ukraine (2019-)"}
COUNTRY_NAMES = {
    "UA": "Ukraine",
    "RU": "Russia",
    "BY": "Belarus",
    "MD": "Moldova",
    "PL": "Poland",
    "RO": "Romania",
}
ISO3 = {"UA": "UKR", "RU": "RUS", "BY": "BLR", "MD": "MDA", "PL": "POL", "RO": "ROU"}
ISO_NUMERIC = {"UA": 804, "RU": 643, "BY": 112, "MD": 498, "PL": 616, "RO": 642}
ACLED_REGION = "Europe"  # ACLED's region of every country above
# ACLED's inter codes: a state's forces striking another country are "External/Other forces"
# (8); the people they harm are "Civilians" (7); 0 is "no actor".
INTER_EXTERNAL, INTER_CIVILIANS, INTER_NONE = 8, 7, 0
CIVILIAN_TARGETING = "Civilian targeting"
# ACLED's time_precision 1: the day is known (every dated event here is dated to the day)
DAY_PRECISION = 1
# ACLED's geo_precision: 1 the named town's coordinates, 3 only the region (its capital's).
PRECISE, REGIONAL = 1, 3


class _Claims:
    """Fact ids -> facts, through the claims of an event's documents (the last few cached)."""

    def __init__(self, store: Store, size: int = 256):
        self.store, self.size = store, size
        self._docs: OrderedDict[str, dict[int, Claim]] = OrderedDict()

    def facts(self, event: Event) -> dict[int, Fact]:
        return {i: c.fact for i, c in self.claims(event).items()}

    def claims(self, event: Event) -> dict[int, Claim]:
        out: dict[int, Claim] = {}
        for doc_id in event.documents:
            if doc_id not in self._docs:
                # limit given in case a backend pages claims; one report has far fewer
                claims = self.store.claims(Query(doc_id=doc_id, limit=1_000_000_000))
                self._docs[doc_id] = {c.fact_id: c for c in claims}
                if len(self._docs) > self.size:
                    self._docs.popitem(last=False)
            self._docs.move_to_end(doc_id)
            out.update(self._docs[doc_id])
        return out


def _gazetteer():
    from .webapi.query import _gazetteer as gaz

    return gaz()


def _locate(
    event: Event, region: str | None, facts: dict[int, Fact]
) -> tuple[str, float | None, float | None, int | None]:
    """Where an event (or its part in ``region``) happened: the settlement its facts name most
    often, else the region's capital; (location, lat, lon, geo_precision)."""
    ids = {i for fig in event.figures for i in fig.claims}
    places = Counter(
        (f.place, f.lat, f.lon)
        for i, f in facts.items()
        # a settlement named: a figure geocoded only to its region has no point of its own
        if i in ids
        and f.place
        and f.lat is not None
        and f.lon is not None
        and (region is None or f.admin1 == region)
    )
    if places:
        (name, lat, lon), _ = places.most_common(1)[0]
        return name, lat, lon, PRECISE
    gaz = _gazetteer()
    for code in [region] if region else event.admin1:
        place = gaz.region(code) if code else None
        if place is not None and place.lat is not None:
            capital = gaz.capital(code)
            return (capital.name if capital else place.name), place.lat, place.lon, REGIONAL
    return "", None, None, None


def _killed(figures: list[EventFigure]) -> float:
    """People killed over figures: a national total and the regional ones overlap, so the larger."""
    # a vague toll ("dozens killed") is no count of fatalities
    killed = [f for f in figures if f.kind == Kind.CASUALTIES and f.measure == Measure.KILLED and not f.vague]
    national = sum(f.best for f in killed if f.admin1 is None)
    regional = sum(f.best for f in killed if f.admin1 is not None)
    return max(national, regional)


def _sub_event_type(event: Event, claims: dict[int, Claim]) -> str:
    """One sub-event type per event, by ACLED's definitions: the weapon with the most munitions
    launched (else intercepted or hit) over the whole event; failing any munition figure, the
    weapon words of its reports' sentences; shelling/missile attack when nothing says."""
    munitions = [f for f in event.figures if f.kind == Kind.MUNITIONS and f.weapon]
    launched = [f for f in munitions if f.measure == Measure.LAUNCHED] or munitions
    if launched:
        totals: dict[str, float] = {}
        for f in launched:
            # a vague figure ("dozens of drones") says which weapon, not how many
            totals[f.weapon or ""] = totals.get(f.weapon or "", 0.0) + (0.0 if f.vague else f.best) + 1e-9
        weapon = max(sorted(totals), key=lambda w: totals[w])
        return AIR_STRIKE if weapon in AIR_WEAPONS else SHELLING
    text = " ".join(c.evidence_text for c in claims.values() if c.evidence_text)
    air, ground = len(AIR_WORDS.findall(text)), len(GROUND_WORDS.findall(text))
    return AIR_STRIKE if air > ground else SHELLING


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _event_id(event: Event, region: str | None) -> str:
    """ACLED's event_id_cnty: the country's ISO alpha-3 and a number, stable for one event
    and row (a hash of the event key, which is stable, and the row's region)."""
    digest = hashlib.sha1(f"{event.key}|{region or ''}".encode()).hexdigest()
    return f"{ISO3.get(event.country, event.country)}{int(digest[:12], 16) % 10**10:010d}"


def _timestamp(docs: _Texts, event: Event) -> int | None:
    """When the event last changed: the latest of its reports' ingest times, as Unix time."""
    times = []
    for doc_id in event.documents:
        d = docs.document(doc_id)
        if d is not None and d.ingested_at:
            try:
                at = datetime.fromisoformat(d.ingested_at)
            except ValueError:
                continue
            times.append(int((at if at.tzinfo else at.replace(tzinfo=UTC)).timestamp()))
    return max(times) if times else None


def _rows(
    event: Event, only: str | tuple[str, ...] | None
) -> list[tuple[str | None, list[EventFigure], float]]:
    """(region, figures, fatalities) per row: one per region the event touches, then a
    national row for what the national figures state beyond the regions' (a national toll of
    7 over regional ones of 4 leaves 3 for it; an event with national figures only is one
    national row). ``only``: the region(s) the export is filtered to."""

    def killed(figs: list[EventFigure]) -> float:
        return sum(
            f.best for f in figs if f.kind == Kind.CASUALTIES and f.measure == Measure.KILLED and not f.vague
        )

    rows: list[tuple[str | None, list[EventFigure], float]] = []
    for region in event.admin1:
        figs = [f for f in event.figures if f.admin1 == region]
        rows.append((region, figs, killed(figs)))
    national = [f for f in event.figures if f.admin1 is None]
    regional_killed = sum(k for _, _, k in rows)
    rest = max(0.0, _killed(list(event.figures)) - regional_killed)
    if not rows or rest > 0 or (national and not any(figs for _, figs, _ in rows)):
        rows.append((None, national, rest if rows else killed(national)))
    if only is not None:
        wanted = set(only) if isinstance(only, tuple) else {only}
        rows = [r for r in rows if r[0] in wanted]
    return rows


def acled_records(store: Store, query: Query) -> Iterator[dict[str, Any]]:
    """ACLED's 31 columns (``ACLED_COLUMNS``), one record per event and region it touches,
    and a national one where national figures say more than the regions' (see ``_rows``).

    ``source`` is the outlets that published the reports behind the row (their publishers,
    never a document id) and ``source_scale`` theirs; who said it (the air force, a governor)
    is in ``notes``. ``fatalities`` is the best number killed (vague tolls left out). With a
    region filter, only that region's rows are written.
    """
    claims = _Claims(store)
    docs = _Texts(store)
    gaz = _gazetteer()
    for event in iter_pages(store.events, query):
        by_id = claims.claims(event)
        facts = {i: c.fact for i, c in by_id.items()}
        sub_event = _sub_event_type(event, by_id)
        stamp = _timestamp(docs, event)
        for region, figures, fatalities in _rows(event, query.admin1):
            location, lat, lon, precision = (
                _locate(event, region, facts) if region else ("", None, None, None)
            )
            if region is None and not location:
                location = COUNTRY_NAMES.get(event.country, event.country)
            place = gaz.region(region) if region else None
            ids = {i for f in figures for i in f.claims} or {i for f in event.figures for i in f.claims}
            row_claims = [by_id[i] for i in sorted(ids) if i in by_id]
            # (url, the report's own publisher) of the reports behind the row's figures
            reports = list(dict.fromkeys((c.url, c.publisher) for c in row_claims)) or [
                (d.url, d.publisher) for d in (docs.document(x) for x in event.documents) if d is not None
            ]
            outlets = list(dict.fromkeys(p for p in (publisher(u, n) for u, n in reports) if p))
            scales = list(dict.fromkeys(sc for sc in (source_scale(u, n) for u, n in reports) if sc))
            speakers = list(dict.fromkeys(s for f in figures for s in f.sources))
            civilians = fatalities > 0 or any(
                f.kind == Kind.CASUALTIES and f.measure in (Measure.KILLED, Measure.INJURED) and not f.vague
                for f in figures
            )
            inter2 = INTER_CIVILIANS if civilians else INTER_NONE
            notes = [event.label, *event.checks]
            if speakers:
                notes.append(f"according to: {'; '.join(speakers)}")
            notes.append(f"warledger event {event.key}")
            yield {
                "event_id_cnty": _event_id(event, region),
                "event_date": event.date or "",
                "year": int(event.date[:4]) if event.date else "",
                "time_precision": DAY_PRECISION if event.date else "",
                "disorder_type": DISORDER_TYPE,
                "event_type": EVENT_TYPE,
                "sub_event_type": sub_event,
                "actor1": ATTACKER.get(event.country, ""),
                "assoc_actor_1": "",
                "inter1": INTER_EXTERNAL,
                "actor2": f"Civilians ({COUNTRY_NAMES.get(event.country, event.country)})"
                if civilians
                else "",
                "assoc_actor_2": "",
                "inter2": inter2,
                "interaction": int(f"{min(INTER_EXTERNAL, inter2)}{max(INTER_EXTERNAL, inter2)}")
                if inter2
                else INTER_EXTERNAL * 10,
                "civilian_targeting": CIVILIAN_TARGETING if civilians else "",
                "iso": ISO_NUMERIC.get(event.country, ""),
                "region": ACLED_REGION,
                "country": COUNTRY_NAMES.get(event.country, event.country),
                "admin1": place.name if place else (region or ""),
                "admin2": "",
                "admin3": "",
                "location": location,
                "latitude": lat,
                "longitude": lon,
                "geo_precision": precision,
                "source": "; ".join(outlets),
                "source_scale": "-".join(scales),
                "notes": _one_line(". ".join(n for n in notes if n)),
                "fatalities": int(round(fatalities)),
                "tags": "",
                "timestamp": stamp if stamp is not None else "",
            }


def write_acled_csv(store: Store, query: Query, fh: IO[str]) -> int:
    """Events as CSV with ACLED's columns (``ACLED_COLUMNS``), exactly. Returns rows."""
    writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    n = 0
    for rec in acled_records(store, query):
        writer.writerow(rec)
        n += 1
    return n


def event_features(store: Store, query: Query) -> Iterator[dict[str, Any]]:
    """One GeoJSON Feature per event: a Point where its facts' settlement (else its first
    region's capital) lies, or a null geometry when the event names no place at all."""
    claims = _Claims(store)
    docs = _Texts(store)
    gaz = _gazetteer()
    for event in iter_pages(store.events, query):
        location, lat, lon, precision = _locate(event, None, claims.facts(event))
        geometry = (
            {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
        )
        yield {
            "type": "Feature",
            "id": event.key,
            "geometry": geometry,
            "properties": {
                "key": event.key,
                "date": event.date,
                "country": event.country,
                "label": event.label,
                "admin1": list(event.admin1),
                "regions": [(gaz.region(c).name if gaz.region(c) else c) for c in event.admin1],
                "location": location or None,
                "geo_precision": precision,
                "documents": list(event.documents),
                # each report's address and outlet: figures' ``sources`` name who said it
                "document_info": [document_ref(d, docs.document(d)) for d in event.documents],
                "fatalities": num(_killed(list(event.figures))),
                "figures": [figure_dict(f) for f in event.figures],
                "checks": list(event.checks),
            },
        }


def write_geojson(store: Store, query: Query, fh: IO[str]) -> int:
    """Events as a GeoJSON FeatureCollection (RFC 7946), streamed one feature at a time."""
    fh.write('{"type": "FeatureCollection", "features": [')
    n = 0
    for feature in event_features(store, query):
        fh.write(("," if n else "") + "\n" + json.dumps(feature, ensure_ascii=False))
        n += 1
    fh.write("\n]}\n")
    return n


CORRECTION_COLUMNS = (
    "id", "fact_id", "doc_id", "action", "value", "measure", "admin1", "place", "reviewer", "note", "created_at",
)  # fmt: skip


def write_corrections_csv(store: Store, query: Query, fh: IO[str]) -> int:
    """Every analyst review (``CORRECTION_COLUMNS``), newest first, superseded ones too."""
    writer = csv.DictWriter(fh, fieldnames=CORRECTION_COLUMNS)
    writer.writeheader()
    n = 0
    for r in iter_pages(store.corrections, query):
        writer.writerow({k: v for k, v in review_dict(r).items() if k in CORRECTION_COLUMNS})
        n += 1
    return n


# name -> (writer, needs a binary file)
FORMATS: dict[str, tuple[Any, bool]] = {
    "csv": (write_csv, False),
    "corrections-csv": (write_corrections_csv, False),
    "acled-csv": (write_acled_csv, False),
    "geojson": (write_geojson, False),
    "parquet": (write_parquet, True),
}


def export(store: Store, fmt: str, query: Query, fh: IO[Any]) -> int:
    """Write ``store``'s records matching ``query`` in format ``fmt`` to ``fh``; returns how many."""
    try:
        writer, _ = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}") from None
    return writer(store, query, fh)
