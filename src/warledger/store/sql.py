"""``SqlStore``: the one ``Store`` implementation, for SQLite and PostgreSQL alike.

Everything goes through SQLAlchemy Core (``warledger.store.schema``); the only
backend-specific code is how a write transaction takes its lock (SQLite: ``BEGIN
IMMEDIATE``; PostgreSQL: row and table locks) and the SQLite connection pragmas.

Writes:

- ``add(doc)`` stores one document in one transaction. Same ``doc_id`` and same content
  hash as the current revision: ``duplicate``, nothing written. Same ``doc_id``, other
  text: revision N+1 becomes current, revision N stays (with its facts) for history. A
  unique index on (doc_id, revision) and a partial unique index on current rows make
  concurrent writers safe: the loser of a race gets an integrity error, and ``add`` retries
  it from the top, where it now sees the winner's row.
- ``replace_events(events)`` swaps the whole reconciled event set in one transaction, and
  sums and counts every summary afresh (``warledger rebuild``).
- Summaries, kept in the transaction that changes what they summarise: ``ledger_counts``
  (the lists' totals), ``day_totals`` and ``period_totals`` (the time series and the region
  map by day, week, month, year and all time). A ``Writer`` gathers its batch's changes
  and applies them once, in ``finish``.

Reads return the dataclasses of ``warledger.store.base``; every list is a ``Page`` with
its total, at most ``MAX_LIMIT`` items at a time. A total comes from ``ledger_counts`` where
the filters are among its columns, else from an indexed count; lists newest first with
undated rows last are read in two index-ordered parts (``_dated_first``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Connection,
    Engine,
    Select,
    and_,
    create_engine,
    delete,
    event,
    exists,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from .. import factshape, review, vocabulary
from ..model import EXACT, VAGUE, Claim, Document, Event, EventFigure, Fact
from .base import (
    BUCKETS,
    AddResult,
    DayPoint,
    EventBlock,
    Page,
    Query,
    StoredDocument,
    StoredFact,
    bucket_start,
    finest_bucket,
    next_start,
)
from .errors import StoreError
from .schema import (
    corrections,
    day_totals,
    documents,
    event_claims,
    event_documents,
    event_figures,
    event_regions,
    events,
    facts,
    ledger_counts,
    ledger_version,
    period_totals,
)

MAX_LIMIT = 500
# How often add() starts over after losing a race with another writer of the same doc_id.
ADD_RETRIES = 10
# SQLite waits this long for another writer's lock before giving up ("database is locked").
BUSY_TIMEOUT_S = 30
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any constant will do: it only has to be the same for every warledger process.
_MIGRATION_LOCK = 0x776C6467  # "wldg"
_ADD_LOCK = 0x776C6461  # "wlda", with the doc_id's hash as the second key
_EVENTS_LOCK = 0x776C6465  # "wlde": one writer of events at a time
_WRITE = "warledger_write"  # execution option: this transaction writes (SQLite: BEGIN IMMEDIATE)


# --- URLs -------------------------------------------------------------------------------


def normalize_url(value: str) -> str:
    """A SQLAlchemy URL for ``value``: a SQLite file path, a ``sqlite:`` URL or a PostgreSQL URL.

    A plain path becomes ``sqlite:///<absolute path>``; ``postgresql://`` and ``postgres://``
    get the psycopg 3 driver (``postgresql+psycopg://``). Anything else is a ``StoreError``.
    """
    raw = (value or "").strip()
    if not raw:
        raise StoreError("empty database URL")
    if "://" not in raw and not raw.startswith("sqlite:"):
        return "sqlite:///" + str(Path(raw).expanduser().resolve())
    for prefix in ("postgresql://", "postgres://"):
        if raw.startswith(prefix):
            raw = "postgresql+psycopg://" + raw[len(prefix) :]
    try:
        url = make_url(raw)
    except (ArgumentError, ValueError):
        raise StoreError(f"not a database URL: {_redact(raw)!r}") from None
    if url.drivername not in ("sqlite", "sqlite+pysqlite", "postgresql+psycopg"):
        raise StoreError(
            f"unsupported database {url.drivername!r}: give a SQLite path, a sqlite:/// URL or a postgresql:// URL"
        )
    return url.render_as_string(hide_password=False)


def _redact(raw: str) -> str:
    """``raw`` with the password hidden, for messages (also when it does not parse)."""
    try:
        return make_url(raw).render_as_string(hide_password=True)
    except Exception:  # an unparseable URL: cut anything between "//user:" and "@"
        head, sep, tail = raw.partition("://")
        if sep and "@" in tail:
            cred, _, host = tail.rpartition("@")
            return f"{head}://{cred.split(':', 1)[0]}:***@{host}"
        return raw


def _one_line(exc: BaseException) -> str:
    """The driver's message, first line only (psycopg's carry DETAIL/HINT lines)."""
    orig = getattr(exc, "orig", None) or exc
    msg = str(orig).strip().splitlines()
    return msg[0] if msg else type(orig).__name__


@contextmanager
def temporary_schema(url: str, prefix: str = "wl_tmp") -> Iterator[str]:
    """A URL for a fresh, uniquely named schema in the PostgreSQL database at ``url``,
    dropped (with everything in it) on exit: for tests and benchmarks that must not touch
    each other's tables. Needs only CREATE on the database (its owner has it)."""
    import uuid

    base = make_url(normalize_url(url))
    if base.get_backend_name() != "postgresql":
        raise StoreError(f"temporary_schema needs a PostgreSQL URL, not {base.drivername}")
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    engine = create_engine(base, connect_args={"connect_timeout": 10})
    shown = base.render_as_string(hide_password=True)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{name}"')
    except DBAPIError as exc:
        engine.dispose()
        raise StoreError(f"cannot create schema {name} in {shown}: {_one_line(exc)}") from exc
    try:
        # libpq's "options" sets search_path for every connection of the store's engine
        yield base.update_query_dict({"options": f"-csearch_path={name}"}).render_as_string(
            hide_password=False
        )
    finally:
        try:
            with engine.begin() as conn:
                conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
        finally:
            engine.dispose()


# --- the store ----------------------------------------------------------------------------


class SqlStore:
    """The ledger in a SQLite file or a PostgreSQL database (see the module docstring).

    Safe to share between threads (the engine pools connections) and between processes
    (every write is one transaction under the database's own locks).
    """

    def __init__(self, url: str, *, migrate: bool = True, echo: bool = False):
        self.url = normalize_url(url)
        self._url: URL = make_url(self.url)
        self.backend = "sqlite" if self._url.get_backend_name() == "sqlite" else "postgresql"
        self.engine = self._make_engine(echo)
        try:
            if migrate:
                self._migrate()
            else:
                with self.engine.connect():
                    pass
        except StoreError:
            self.engine.dispose()
            raise
        except (SQLAlchemyError, OSError) as exc:
            self.engine.dispose()
            raise StoreError(f"cannot open {self.safe_url}: {_one_line(exc)}") from exc

    @property
    def safe_url(self) -> str:
        """The URL with its password hidden, for messages and logs."""
        return self._url.render_as_string(hide_password=True)

    def __repr__(self) -> str:
        return f"SqlStore({self.safe_url!r})"

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    # -- engine and transactions

    def _make_engine(self, echo: bool) -> Engine:
        if self.backend == "postgresql":
            args: dict[str, Any] = {}
            if "connect_timeout" not in self._url.query:
                args["connect_timeout"] = 10  # an unreachable host fails in seconds, not minutes
            try:
                return create_engine(self._url, echo=echo, pool_pre_ping=True, connect_args=args)
            except (ArgumentError, NoSuchModuleError) as exc:
                raise StoreError(f"cannot use {self.safe_url}: {_one_line(exc)}") from exc
        database = self._url.database or ""
        memory = database in ("", ":memory:")
        if not memory:
            parent = Path(database).parent
            if not parent.is_dir():
                raise StoreError(f"cannot open {self.safe_url}: directory {parent} does not exist")
        kwargs: dict[str, Any] = {"connect_args": {"timeout": BUSY_TIMEOUT_S, "check_same_thread": False}}
        if memory:
            # one connection, or every checkout would see its own empty database
            kwargs["poolclass"] = StaticPool
        engine = create_engine(self._url, echo=echo, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
            # SQLAlchemy, not sqlite3, emits BEGIN (below), so that a writer can say IMMEDIATE.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            # WAL: readers never block the writer nor it them; NORMAL sync is durable enough
            # under WAL (a power cut may lose the last commit, never corrupt the file).
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn: Connection) -> None:
            # A deferred transaction that reads and then writes can fail at once with
            # SQLITE_BUSY when another writer committed in between (the busy timeout does
            # not apply to that case); taking the write lock up front makes writers queue.
            write = conn.get_execution_options().get(_WRITE)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine

    @contextmanager
    def _write(self, *, count: bool = True) -> Iterator[Connection]:
        """A write transaction: committed on success, rolled back on any exception. Its last
        statement counts the ledger's write version up (``count``: not in the migrations,
        which may be creating the table): a reader that saw the old number read nothing of
        this transaction, and one that sees the new number sees all of it."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(**{_WRITE: True})
            with conn.begin():
                yield conn
                if count:
                    # last, so that its row lock (PostgreSQL) is held only for the commit
                    conn.execute(update(ledger_version).values(version=ledger_version.c.version + 1))

    def write_version(self) -> int:
        """The ledger's write version: it grows with every committed write transaction
        (one indexed read; ``webapi.cache`` keys its responses by it)."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(ledger_version.c.version)).scalar_one())

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """A read transaction with one snapshot for all its statements (count and page agree)."""
        with self.engine.connect() as conn:
            if self.backend == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            with conn.begin():
                yield conn

    def _migrate(self) -> None:
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        # configparser interpolation: a '%' in the install path must be doubled
        cfg.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
        with self._write(count=False) as conn:
            if self.backend == "postgresql":
                # two processes opening a fresh database at once must not both create tables
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    # -- writes

    def add(self, doc: Document) -> AddResult:
        """Store one document and its facts (one transaction); see the module docstring.

        ``AddResult.facts`` counts the facts this call wrote: 0 for a duplicate. The content
        hash is compared with the current revision only, so a report edited and then
        edited back is a new revision each time: the ledger's current text is what it
        last said.
        """
        content_hash = hashlib.sha256(doc.text.encode("utf-8", "surrogatepass")).hexdigest()
        for attempt in range(ADD_RETRIES):
            try:
                with self._write() as conn:
                    counts: Counts = {}
                    result = self._add(conn, doc, content_hash, counts)
                    _apply_counts(conn, counts)
                    return result
            except IntegrityError as exc:
                # Another writer stored this doc_id between our read and our insert; the
                # transaction rolled back, and a fresh one will see its row.
                if attempt == ADD_RETRIES - 1:
                    raise StoreError(f"cannot store {doc.id!r}: {_one_line(exc)}") from exc
            except DBAPIError as exc:
                raise StoreError(f"cannot store {doc.id!r} in {self.safe_url}: {_one_line(exc)}") from exc
        raise AssertionError("unreachable")

    def _add(self, conn: Connection, doc: Document, content_hash: str, counts: Counts) -> AddResult:
        """Store ``doc`` in the open transaction ``conn`` (see ``add``); what it changes in
        the ledger's row counts is added to ``counts``, for the caller to apply."""
        if self.backend == "postgresql":
            # Writers of one doc_id queue here, so each reads the row its predecessor
            # committed (a row lock would not do: the row it waits on stops being current).
            conn.execute(
                text("SELECT pg_advisory_xact_lock(:ns, hashtext(:doc_id))"),
                {"ns": _ADD_LOCK, "doc_id": doc.id},
            )
        current = select(documents.c.id, documents.c.revision, documents.c.content_hash).where(
            documents.c.doc_id == doc.id, documents.c.is_current
        )
        row = conn.execute(current).mappings().first()
        if row is not None and row["content_hash"] == content_hash:
            return AddResult(doc.id, "duplicate", row["revision"], 0)
        revision = 1 if row is None else row["revision"] + 1
        if row is not None:
            # before the insert: the partial unique index allows one current row per doc_id
            conn.execute(update(documents).where(documents.c.id == row["id"]).values(is_current=False))
            _count_stored_facts(conn, [row["id"]], counts, -1)
        else:
            _count(counts, ("documents", "", "", "", "", ""), 1)
        document_id = conn.execute(
            insert(documents)
            .values(
                doc_id=doc.id,
                revision=revision,
                url=_clean(doc.url),
                title=_clean(doc.title),
                publisher=_clean(doc.publisher),
                published=doc.published,
                content_hash=content_hash,
                text=_clean(doc.text),
                ingested_at=datetime.now(UTC),
                is_current=True,
            )
            .returning(documents.c.id)
        ).scalar_one()
        rows = [_fact_row(f, i, document_id, doc.id, revision) for i, f in enumerate(doc.facts)]
        if rows:
            conn.execute(insert(facts), rows)
        _count_facts(doc.facts, counts)
        return AddResult(doc.id, "new" if row is None else "revision", revision, len(rows))

    def add_many(self, docs: Iterable[Document]) -> list[AddResult]:
        """``add`` each document in turn (one transaction each), streaming ``docs``."""
        return [self.add(doc) for doc in docs]

    def replace_events(self, events_: Sequence[Event], blocks: Sequence[EventBlock] | None = None) -> None:
        """Replace the stored events, their figures and their fact links, in one transaction.

        ``blocks`` (from ``warledger.ledger``) gives each event's day span and member claims,
        which incremental rebuilds need; without it they are taken from the figures' claims.
        """
        keys = [e.key for e in events_]
        if len(set(keys)) != len(keys):
            dup = sorted({k for k in keys if keys.count(k) > 1})
            raise StoreError(f"duplicate event keys: {', '.join(dup[:5])}")
        try:
            with self._write() as conn:
                if self.backend == "postgresql":
                    # Two rebuilds at once would each delete the old set and insert the same keys.
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _EVENTS_LOCK})
                    conn.execute(text("LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE"))
                for table in (
                    event_claims,
                    event_figures,
                    event_documents,
                    event_regions,
                    events,
                    day_totals,
                ):
                    conn.execute(delete(table))
                _insert_events(conn, blocks if blocks is not None else _blocks_from_figures(conn, events_))
                # the full rebuild: every summary summed and counted afresh from the rows
                _refresh_day_totals(conn, None)
                _recount(conn)
        except IntegrityError as exc:
            raise StoreError(
                f"cannot store events (a figure refers to a fact id not in the store?): {_one_line(exc)}"
            ) from exc
        except DBAPIError as exc:
            raise StoreError(f"cannot store events in {self.safe_url}: {_one_line(exc)}") from exc

    @contextmanager
    def writer(self, doc_ids: Sequence[str] = ()) -> Iterator[Writer]:
        """One write transaction for a batch of documents and the events they touch.

        ``doc_ids``: the documents the batch will store. On PostgreSQL their locks are taken
        up front, in one order for every writer, so that two batches sharing documents queue
        instead of deadlocking. An ``IntegrityError`` (a lost race with another writer) leaves
        as ``WriteConflict``: the transaction is rolled back, and the batch may be retried.
        """
        try:
            with self._write() as conn:
                if self.backend == "postgresql" and doc_ids:
                    conn.execute(
                        text(
                            "SELECT count(pg_advisory_xact_lock(:ns, h)) FROM "
                            "(SELECT DISTINCT hashtext(x) AS h FROM unnest(CAST(:ids AS text[])) AS x ORDER BY h) s"
                        ),
                        {"ns": _ADD_LOCK, "ids": list(doc_ids)},
                    )
                w = Writer(self, conn)
                if self.backend == "postgresql":
                    w._locked_ids = frozenset(doc_ids)
                yield w
                w.finish()
        except IntegrityError as exc:
            raise WriteConflict(f"another writer got there first: {_one_line(exc)}") from exc
        except DBAPIError as exc:
            raise StoreError(f"cannot write to {self.safe_url}: {_one_line(exc)}") from exc

    # -- reads

    def claims(self, query: Query | None = None) -> list[Claim]:
        """Current facts as claims, in storage order. ``query`` filters them as ``facts``
        does, but its limit and offset are ignored: reconciliation needs every claim."""
        q = _checked(query or Query())
        with self._read() as conn:
            return _claims(conn, *_fact_conditions(q), doc_id=q.doc_id)

    # -- reviews

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
    ) -> review.Review:
        """Store an analyst's review of fact ``fact_id`` as a new row (nothing is updated or
        deleted); ``StoreError`` if there is no such fact or the action is unknown."""
        if action not in review.ACTIONS:
            raise StoreError(f"unknown review action {action!r}: one of {', '.join(review.ACTIONS)}")
        try:
            with self._write() as conn:
                row = conn.execute(select(facts).where(facts.c.id == fact_id)).mappings().first()
                if row is None:
                    raise StoreError(f"no fact with id {fact_id}")
                values = {
                    "fact_id": fact_id, "doc_id": row["doc_id"], "fact_key": review.fact_key(row["doc_id"], _fact(row)),
                    "action": action, "value": value, "measure": measure, "admin1": admin1, "place": _clean(place),
                    "reviewer": _clean(reviewer) or "", "note": _clean(note), "created_at": datetime.now(UTC),
                }  # fmt: skip
                new_id = conn.execute(
                    insert(corrections).values(**values).returning(corrections.c.id)
                ).scalar_one()
                stored = conn.execute(select(corrections).where(corrections.c.id == new_id)).mappings().one()
                return _review(stored)
        except DBAPIError as exc:
            raise StoreError(f"cannot store the review in {self.safe_url}: {_one_line(exc)}") from exc

    def corrections(self, query: Query) -> Page:
        """Every review, newest first (``doc_id`` picks one report's)."""
        stmt = select(corrections).order_by(corrections.c.id.desc())
        if query.doc_id is not None:
            stmt = stmt.where(corrections.c.doc_id == query.doc_id)
        with self._read() as conn:
            return self._page(conn, stmt, query, _review)

    def documents(self, query: Query, *, all_revisions: bool = False) -> Page:
        """Documents (current revisions; every revision with ``all_revisions``), newest first.

        ``date_from``/``date_to`` bound the publication date; ``doc_id`` picks one report;
        the fact filters (kind, measure, weapon, admin1, source, country) keep documents
        with at least one fact that matches them all.
        """
        q = _checked(query)
        conds: list[Any] = []
        if not all_revisions:
            conds.append(documents.c.is_current)
        if q.doc_id is not None:
            conds.append(documents.c.doc_id == q.doc_id)
        if q.date_from:
            conds.append(documents.c.published >= date.fromisoformat(q.date_from[:10]))
        if q.date_to:
            conds.append(documents.c.published <= date.fromisoformat(q.date_to[:10]))
        fact_conds = _fact_conditions(replace(q, date_from=None, date_to=None, doc_id=None), current=False)
        if fact_conds:
            conds.append(exists().where(facts.c.document_id == documents.c.id, *fact_conds))
        n_facts = select(func.count()).where(facts.c.document_id == documents.c.id).scalar_subquery()
        stmt = select(documents, n_facts.label("n_facts")).where(*conds)
        # newest first, undated last, in two parts that each follow the publication date's
        # index (``_dated_first``)
        published = documents.c.published
        dated = stmt.where(published.is_not(None)).order_by(
            published.desc(), documents.c.doc_id, documents.c.revision
        )
        undated = stmt.where(published.is_(None)).order_by(documents.c.doc_id, documents.c.revision)
        limit, offset = _window(q)
        with self._read() as conn:
            # every current document: as counted on write; else counted without the
            # per-document fact count, which PostgreSQL would otherwise compute for every row
            if not all_revisions and len(conds) == 1:
                total = _counted(conn, "documents")
            else:
                total = conn.execute(select(func.count()).select_from(documents).where(*conds)).scalar_one()
            n_dated = select(func.count()).select_from(documents).where(*conds, published.is_not(None))
            rows = _dated_first(conn, dated, undated, limit, offset, n_dated)
        return Page([_stored_document(r) for r in rows], total, limit, offset)

    def document(self, doc_id: str, revision: int | None = None) -> StoredDocument | None:
        """One document: its current revision, or revision ``revision``; None if absent."""
        n_facts = select(func.count()).where(facts.c.document_id == documents.c.id).scalar_subquery()
        stmt = select(documents, n_facts.label("n_facts")).where(documents.c.doc_id == doc_id)
        stmt = stmt.where(documents.c.is_current if revision is None else documents.c.revision == revision)
        with self._read() as conn:
            row = conn.execute(stmt).mappings().first()
        return None if row is None else _stored_document(row)

    def document_links(
        self, keys: Iterable[tuple[str, int | None]]
    ) -> dict[tuple[str, int | None], StoredDocument]:
        """Many documents at once, for the links of a page (title, address, publisher,
        publication date): keyed by (doc_id, revision), revision None for the current one,
        in a query per 500 where ``document`` takes one each. Their ``text`` is empty and
        ``facts`` 0 (a link needs neither); absent ones are left out."""
        wanted = set(keys)
        current = sorted({d for d, r in wanted if r is None})
        past = sorted({d for d, r in wanted if r is not None})
        cols = [c for c in documents.c if c.name != "text"]
        out: dict[tuple[str, int | None], StoredDocument] = {}
        with self._read() as conn:
            for ids, only_current in ((current, True), (past, False)):
                for n in range(0, len(ids), 500):
                    stmt = select(*cols).where(documents.c.doc_id.in_(ids[n : n + 500]))
                    for r in conn.execute(
                        stmt.where(documents.c.is_current) if only_current else stmt
                    ).mappings():
                        key = (r["doc_id"], None if only_current else r["revision"])
                        if key in wanted:
                            out[key] = _stored_document({**r, "text": "", "n_facts": 0})
        return out

    def latest_reviews(self, doc_ids: Iterable[str]) -> dict[str, review.Review]:
        """fact_key -> the latest review of it, over the reviews of ``doc_ids`` (a query per
        500 documents)."""
        ids = sorted(set(doc_ids))
        out: dict[str, review.Review] = {}
        with self._read() as conn:
            for n in range(0, len(ids), 500):
                stmt = select(corrections).where(corrections.c.doc_id.in_(ids[n : n + 500]))
                for row in conn.execute(stmt.order_by(corrections.c.id)).mappings():
                    r = _review(row)
                    out[r.fact_key] = r  # in id order: the last one seen is the latest
        return out

    def facts(self, query: Query, *, include_history: bool = False) -> Page:
        """Facts of current revisions (of every revision with ``include_history``), in
        storage order, filtered by ``query`` (dates: the fact's own date)."""
        q = _checked(query)
        stmt = (
            select(facts)
            .select_from(facts.join(documents, facts.c.document_id == documents.c.id))
            .where(*_fact_conditions(q, current=not include_history))
            .order_by(facts.c.id)
        )
        after = None
        if q.after is not None:
            try:
                after = facts.c.id > int(q.after)
            except ValueError:
                raise StoreError(f"after: not a fact id: {q.after!r}") from None
        with self._read() as conn:
            page = self._page(
                conn,
                stmt,
                q,
                lambda r: StoredFact(r["id"], r["doc_id"], r["revision"], _fact(r), r["extractor"]),
                after=after,
                # by the counts kept on write where its filters are among their columns
                total=_counted(conn, "facts", q) if _fact_counted(q) and not include_history else None,
            )
        last = page.items[-1] if page.items and len(page.items) == page.limit else None
        return replace(page, next=str(last.id) if isinstance(last, StoredFact) else None)

    def events(self, query: Query) -> Page:
        """Events, newest first, filtered by ``query``: dates and country are the event's;
        ``admin1`` keeps events that touch the region; kind/measure/weapon keep events with
        a figure that matches them all; ``source`` matches the sources of its claims;
        ``doc_id`` keeps events that report draws on."""
        q = _checked(query)
        conds = _event_conditions(q)
        # newest first, undated last: in two parts, as ``documents`` reads its pages
        dated: Select | None = (
            select(events.c.key)
            .where(*conds, events.c.date.is_not(None))
            .order_by(events.c.date.desc(), events.c.key)
        )
        undated = select(events.c.key).where(*conds, events.c.date.is_(None)).order_by(events.c.key)
        with self._read() as conn:
            if conds:
                total = conn.execute(select(func.count()).select_from(events).where(*conds)).scalar_one()
            else:  # every event: as counted on write
                total = _counted(conn, "events")
            limit, offset = _window(q)
            if q.after is not None:
                # the page after event ``after`` in that order, on the (date, key) index
                day = conn.execute(select(events.c.date).where(events.c.key == q.after)).first()
                if day is None:
                    raise StoreError(f"after: no event with key {q.after!r}")
                if day[0] is None:  # an undated one: only undated events come after it
                    dated, undated = None, undated.where(events.c.key > q.after)
                else:
                    assert dated is not None
                    dated = dated.where(
                        or_(events.c.date < day[0], and_(events.c.date == day[0], events.c.key > q.after))
                    )
            keys = [r["key"] for r in _dated_first(conn, dated, undated, limit, offset)]
            loaded = _load_events(conn, keys)
        nxt = keys[-1] if keys and len(keys) == limit else None
        return Page([loaded[k] for k in keys], total, limit, offset, nxt)

    def event(self, key: str) -> Event | None:
        """One event with its figures and their claims; None if there is no such key."""
        with self._read() as conn:
            return _load_events(conn, [key]).get(key)

    def timeseries(self, query: Query) -> list[DayPoint]:
        """Per day: launched / intercepted / hit (munitions) and killed / injured totals.

        Sums the best values of the events' figures by event date; while no events are
        stored at all (nothing reconciled yet) it sums current non-background facts by fact
        date instead, which counts an attack once per report that states it.
        """
        return self.timeseries_buckets(query, "day", 0)[1]

    def timeseries_buckets(
        self, query: Query, bucket: str | None, max_points: int
    ) -> tuple[str, list[DayPoint]]:
        """The time series of ``timeseries`` summed by ``bucket`` (``BUCKETS``; None: the
        finest that gives at most ``max_points`` points), each point dated by the first day
        of its bucket; and the bucket.

        Filters the summaries keep (dates, country, region, kind, measure, weapon) are read
        from ``day_totals`` and ``period_totals``: whole weeks, months or years from the
        latter, the days at the edges of a date range from the former. Source and document
        filters sum the matching event figures themselves.
        """
        q = _checked(query)
        if bucket is not None and bucket not in BUCKETS:
            raise StoreError(f"bucket: one of {', '.join(BUCKETS)}, not {bucket!r}")
        with self._read() as conn:
            if _has_events(conn) and _summarised(q):
                if bucket is None:
                    bucket = next(
                        (b for b in BUCKETS[:-1] if _n_points(conn, q, b, max_points + 1) <= max_points),
                        "year",
                    )
                return bucket, _bucket_points(conn, q, bucket)
            if _has_events(conn):
                # the figures themselves, by the rule ``day_totals`` is summed by
                national = q.admin1 is None
                totals: dict[tuple[str, str], float] = {}
                for (d, _c, _k, m, _w, a), v in _figure_totals(conn.execute(_figure_rows(q))).items():
                    if (a == "") == national:
                        totals[(d, m)] = totals.get((d, m), 0.0) + v
            else:
                by_fact = (
                    select(facts.c.date, facts.c.measure, func.sum(facts.c.value))
                    .select_from(facts.join(documents, facts.c.document_id == documents.c.id))
                    .where(*_total_fact_conditions(q), facts.c.date.is_not(None))
                    .group_by(facts.c.date, facts.c.measure)
                )
                totals = {(str(d), str(m)): float(v or 0) for d, m, v in conn.execute(by_fact).all()}
        days = sorted({d for d, _ in totals})
        if bucket is None:
            bucket = finest_bucket(days, max_points)
        by_bucket: dict[str, dict[str, float]] = {}
        for (d, m), total in totals.items():
            into = by_bucket.setdefault(bucket_start(d, bucket), {})
            into[m] = into.get(m, 0.0) + total
        return bucket, [DayPoint(d, by_bucket[d]) for d in sorted(by_bucket)]

    def region_totals(self, query: Query) -> dict[str, dict[str, float]]:
        """admin1 -> measure -> total, over the events in range (the same measures and
        fallback to facts as ``timeseries``); figures without a region are not counted."""
        q = _checked(query)
        with self._read() as conn:
            if _has_events(conn) and _summarised(q):
                summed = _summed_regions(conn, q)
                rows = [(a, m, summed[(a, m)]) for a, m in sorted(summed)]
            else:
                if _has_events(conn):
                    region, measure, value = (
                        event_figures.c.admin1,
                        event_figures.c.measure,
                        func.sum(event_figures.c.best),
                    )
                    stmt = (
                        select(region, measure, value)
                        .select_from(event_figures.join(events, event_figures.c.event_key == events.c.key))
                        .where(*_figure_conditions(q))
                    )
                else:
                    region, measure, value = facts.c.admin1, facts.c.measure, func.sum(facts.c.value)
                    stmt = (
                        select(region, measure, value)
                        .select_from(facts.join(documents, facts.c.document_id == documents.c.id))
                        .where(*_total_fact_conditions(q))
                    )
                rows = list(
                    conn.execute(
                        stmt.where(region.is_not(None)).group_by(region, measure).order_by(region, measure)
                    ).all()
                )
        out: dict[str, dict[str, float]] = {}
        for a, m, v in rows:
            out.setdefault(a, {})[m] = float(v or 0)
        return out

    # -- helpers

    def _page(
        self,
        conn: Connection,
        stmt: Select,
        q: Query,
        make: Any,
        after: Any = None,
        count: Select | None = None,
        total: int | None = None,
    ) -> Page:
        """A page of ``stmt`` with its total over all pages: ``total`` when the caller knows
        it (from ``ledger_counts``), else counted (the rows of ``count``, when given: the same
        rows, fewer columns); ``after`` is a keyset condition. A limit of 0 reads no rows."""
        if total is None:
            counted = stmt if count is None else count
            total = conn.execute(
                select(func.count()).select_from(counted.order_by(None).subquery())
            ).scalar_one()
        limit, offset = _window(q)
        if after is not None:
            stmt = stmt.where(after)
        rows = conn.execute(stmt.limit(limit).offset(offset)).mappings().all() if limit else []
        return Page([make(r) for r in rows], total, limit, offset)


def _dated_first(
    conn: Connection,
    dated: Select | None,
    undated: Select,
    limit: int,
    offset: int,
    n_dated: Select | None = None,
) -> list[Any]:
    """Rows ``offset`` to ``offset + limit`` of ``dated`` followed by ``undated``: a list
    newest first with its undated rows last, read in two parts that each follow an index.
    One ORDER BY ... DESC NULLS LAST would have PostgreSQL sort every matching row (its
    b-tree, read backwards, gives the NULLs first). ``n_dated`` counts ``dated``'s rows
    (default: a count of ``dated`` itself), read only for a page past all of them."""
    rows = (
        list(conn.execute(dated.limit(limit).offset(offset)).mappings())
        if dated is not None and limit
        else []
    )
    if len(rows) < limit:
        skip = offset
        if dated is not None:
            if rows:
                skip = 0
            else:  # the page starts among the undated: past how many dated ones?
                count = (
                    n_dated
                    if n_dated is not None
                    else select(func.count()).select_from(dated.order_by(None).subquery())
                )
                skip = max(0, offset - int(conn.execute(count).scalar_one()))
        rows += conn.execute(undated.limit(limit - len(rows)).offset(skip)).mappings()
    return rows


class WriteConflict(StoreError):
    """A write lost a race with another writer (rolled back): retrying it is safe."""


class Writer:
    """One open write transaction (``SqlStore.writer``): documents stored with ``add`` and
    the events rebuilt for them commit together or not at all.

    ``days`` and ``floating`` record what the stored documents touched (their claims', and a
    replaced revision's): per country, the days of dated claims (an undated claim with a
    publication date touches the day before, that day and the day after: R6), and the
    evidence sentences, per country, of claims with no date and no publication date (R6b).
    """

    def __init__(self, store: SqlStore, conn: Connection):
        self.store = store
        self.conn = conn
        self.days: dict[str, set[int]] = {}
        self.floating: dict[str, list[str]] = {}
        self._events_locked = False
        self._floating_cache: dict[str, list[Claim]] = {}
        self._locked_ids: frozenset[str] = frozenset()
        self._stale_days: set[tuple[str, str]] = set()
        # what the transaction changed in ``ledger_counts``, applied once by ``finish``
        self.counts: Counts = {}

    def add(self, doc: Document) -> AddResult:
        content_hash = hashlib.sha256(doc.text.encode("utf-8", "surrogatepass")).hexdigest()
        result = self.store._add(self.conn, doc, content_hash, self.counts)
        if result.status == "duplicate":
            return result
        for f in doc.facts:
            self._touch(
                f.country, f.date, f.historical, doc.published, doc.text[f.evidence[0] : f.evidence[1]]
            )
        if result.status == "revision":
            evidence = func.substr(
                documents.c.text, facts.c.evidence_start + 1, facts.c.evidence_end - facts.c.evidence_start
            )
            old = self.conn.execute(
                select(facts.c.country, facts.c.date, facts.c.historical, documents.c.published, evidence)
                .select_from(facts.join(documents, facts.c.document_id == documents.c.id))
                .where(facts.c.doc_id == doc.id, facts.c.revision == result.revision - 1)
            ).all()
            for country, day, historical, published, text_ in old:
                self._touch(country, day, historical, published, text_ or "")
        return result

    def add_many(self, docs: Sequence[Document]) -> list[AddResult]:
        """Store ``docs`` in this transaction with a few statements for the whole batch (one
        read of their current revisions, one insert of the documents, one of all their facts)
        where ``add`` takes four round trips per document: what makes a PostgreSQL batch
        fast. The same results, rows and touched blocks as ``add`` of each in turn; a batch
        naming one ``doc_id`` twice is stored one document at a time (the second sees the
        first)."""
        ids = [d.id for d in docs]
        if len(set(ids)) != len(ids) or self.store.backend == "postgresql" and not self.locked(ids):
            return [self.add(d) for d in docs]
        hashes = [hashlib.sha256(d.text.encode("utf-8", "surrogatepass")).hexdigest() for d in docs]
        current: dict[str, Any] = {}
        for n in range(0, len(ids), 500):
            stmt = select(documents.c.id, documents.c.doc_id, documents.c.revision, documents.c.content_hash)
            for r in self.conn.execute(
                stmt.where(documents.c.doc_id.in_(ids[n : n + 500]), documents.c.is_current)
            ):
                current[r.doc_id] = r
        results: list[AddResult] = []
        stored: list[tuple[Document, int]] = []  # (document, revision) of what this batch writes
        for d, h in zip(docs, hashes, strict=True):
            row = current.get(d.id)
            if row is not None and row.content_hash == h:
                results.append(AddResult(d.id, "duplicate", row.revision, 0))
                continue
            revision = 1 if row is None else row.revision + 1
            results.append(AddResult(d.id, "new" if row is None else "revision", revision, len(d.facts)))
            stored.append((d, revision))
            if row is None:
                _count(self.counts, ("documents", "", "", "", "", ""), 1)
            _count_facts(d.facts, self.counts)
        if not stored:
            return results
        replaced = [current[d.id].id for d, rev in stored if rev > 1]
        if replaced:
            # before the insert: the partial unique index allows one current row per doc_id
            self.touch_revised([(d.id, rev - 1) for d, rev in stored if rev > 1])
            _count_stored_facts(self.conn, replaced, self.counts, -1)
            for n in range(0, len(replaced), 500):
                self.conn.execute(
                    update(documents)
                    .where(documents.c.id.in_(replaced[n : n + 500]))
                    .values(is_current=False)
                )
        now = datetime.now(UTC)
        by_id = dict(zip(ids, hashes, strict=True))
        new_ids = _insert_with_ids(
            self.conn,
            documents,
            [
                {
                    "doc_id": d.id,
                    "revision": rev,
                    "url": _clean(d.url),
                    "title": _clean(d.title),
                    "publisher": _clean(d.publisher),
                    "published": d.published,
                    "content_hash": by_id[d.id],
                    "text": _clean(d.text),
                    "ingested_at": now,
                    "is_current": True,
                }  # fmt: skip
                for d, rev in stored
            ],
        )
        rows = [
            _fact_row(f, i, document_id, d.id, rev)
            for (d, rev), document_id in zip(stored, new_ids, strict=True)
            for i, f in enumerate(d.facts)
        ]
        if rows:
            _bulk_insert(self.conn, facts, rows)
        for d, _rev in stored:
            for f in d.facts:
                self._touch(
                    f.country, f.date, f.historical, d.published, d.text[f.evidence[0] : f.evidence[1]]
                )
        return results

    def locked(self, doc_ids: Sequence[str]) -> bool:
        """Whether ``SqlStore.writer`` took the advisory locks of every one of ``doc_ids``."""
        return self._locked_ids.issuperset(doc_ids)

    def touch_revised(self, revisions: Sequence[tuple[str, int]]) -> None:
        """Touch the blocks of the facts of replaced revisions ((doc_id, revision) pairs)."""
        evidence = func.substr(
            documents.c.text, facts.c.evidence_start + 1, facts.c.evidence_end - facts.c.evidence_start
        )
        for n in range(0, len(revisions), 200):
            chunk = revisions[n : n + 200]
            old = self.conn.execute(
                select(facts.c.country, facts.c.date, facts.c.historical, documents.c.published, evidence)
                .select_from(facts.join(documents, facts.c.document_id == documents.c.id))
                .where(or_(*(and_(facts.c.doc_id == i, facts.c.revision == r) for i, r in chunk)))
            ).all()
            for country, day, historical, published, text_ in old:
                self._touch(country, day, historical, published, text_ or "")

    def _touch(
        self, country: str, day: str | None, historical: bool, published: date | None, evidence: str
    ) -> None:
        if historical:
            return  # background figures take part in no event (R1)
        ordinal = _ordinal(day)
        if ordinal is not None:
            self.days.setdefault(country, set()).add(ordinal)
        elif published is not None:
            p = published.toordinal()
            self.days.setdefault(country, set()).update((p - 1, p, p + 1))
        else:
            self.floating.setdefault(country, []).append(evidence)

    def lock_events(self) -> None:
        """Take the events lock (PostgreSQL; SQLite's write transaction already holds the
        database): two writers never rebuild overlapping blocks from each other's claims."""
        if self.store.backend == "postgresql" and not self._events_locked:
            self.conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _EVENTS_LOCK})
            self._events_locked = True

    # -- reads for the rebuild (they see this transaction's own writes)

    def window_claims(self, country: str, first: int, last: int) -> list[Claim]:
        """Current, non-background claims of ``country`` dated ``first``..``last`` (day
        ordinals), and its undated ones whose report was published ``first+1``..``last-1``."""
        # two queries, each on its own index: an OR of the two would read the whole country
        dated = _claims(
            self.conn,
            facts.c.country == country,
            facts.c.date >= _iso(first),
            facts.c.date < _iso(last + 1),
            documents.c.is_current,
            facts.c.historical.is_(False),
        )
        # the reports of those days first (by their publication date's index), then their facts
        # by document: the country is compared in a form no index serves, so that the planner
        # does not walk every undated fact of the country instead
        reports = list(
            self.conn.execute(
                select(documents.c.id).where(
                    documents.c.published >= date.fromordinal(first + 1),
                    documents.c.published <= date.fromordinal(last - 1),
                    documents.c.is_current,
                )
            ).scalars()
        )
        undated: list[Claim] = []
        for n in range(0, len(reports), 500):
            undated += _claims(
                self.conn,
                facts.c.document_id.in_(reports[n : n + 500]),
                func.coalesce(facts.c.country, "") == country,
                facts.c.date.is_(None),
                facts.c.historical.is_(False),
            )
        return sorted(dated + undated, key=lambda c: c.fact_id)

    def floating_claims(self, country: str) -> list[Claim]:
        """Current, non-background claims of ``country`` with no date and no publication date
        (read once per transaction: the batch's own are stored before events are rebuilt)."""
        if country not in self._floating_cache:
            self._floating_cache[country] = _claims(
                self.conn,
                facts.c.country == country,
                facts.c.date.is_(None),
                documents.c.is_current,
                facts.c.historical.is_(False),
                documents.c.published.is_(None),
            )
        return self._floating_cache[country]

    def claims_by_id(self, ids: Sequence[int]) -> list[Claim]:
        """The claims of fact ids ``ids``, current or not."""
        out: list[Claim] = []
        for n in range(0, len(ids), 500):
            out += _claims(self.conn, facts.c.id.in_(ids[n : n + 500]))
        return out

    def country_claims(self, country: str) -> list[Claim]:
        return _claims(
            self.conn, facts.c.country == country, documents.c.is_current, facts.c.historical.is_(False)
        )

    def spanned_days(self, country: str, first: int, last: int) -> set[int]:
        """The days ``d`` in ``first``..``last`` such that a stored event of ``country``
        spans the day before ``d`` and ``d``."""
        stmt = select(events.c.last_day).where(
            events.c.country == country,
            events.c.first_day >= _iso(first - 1),
            events.c.first_day <= _iso(last - 1),
            events.c.last_day != events.c.first_day,
        )
        return {o for (d,) in self.conn.execute(stmt) if (o := _ordinal(d)) is not None}

    def blocks(self, country: str, first: int | None = None, last: int | None = None) -> list[EventBlock]:
        """The stored events of ``country`` that have a day in ``first``..``last`` (all of
        the country's without bounds), with their spans and members."""
        conds: list[Any] = [events.c.country == country]
        if first is not None and last is not None:
            # an event spans at most two days (R5), so its first day is at most one before
            conds += [
                events.c.first_day >= _iso(first - 1),
                events.c.first_day <= _iso(last),
                events.c.last_day >= _iso(first),
            ]
        rows = self.conn.execute(
            select(events.c.key, events.c.first_day, events.c.last_day, events.c.members).where(*conds)
        ).all()
        loaded = _load_events(self.conn, [r.key for r in rows])
        return [
            EventBlock(
                loaded[r.key], r.first_day, r.last_day, None if r.members is None else tuple(r.members)
            )
            for r in rows
        ]

    def replace_blocks(self, old: Sequence[str], new: Sequence[EventBlock]) -> None:
        """Delete the events ``old`` (keys) and store ``new``; the day totals follow."""
        if not old and not new:
            return
        days = {(b.event.date, b.event.country) for b in new if b.event.date}
        for n in range(0, len(old), 500):
            chunk = old[n : n + 500]
            days.update(
                (d, c)
                for d, c in self.conn.execute(
                    select(events.c.date, events.c.country).where(events.c.key.in_(chunk))
                )
                if d
            )
            gone = self.conn.execute(delete(events).where(events.c.key.in_(chunk))).rowcount
            _count(self.counts, ("events", "", "", "", "", ""), -gone)
        _insert_events(self.conn, new)
        _count(self.counts, ("events", "", "", "", "", ""), len(new))
        # the day totals are summed once per transaction (``finish``), not once per window
        self._stale_days |= days

    def finish(self) -> None:
        """Bring the ``day_totals`` and ``period_totals`` of every day whose events changed,
        and the row counts, up to date (called by ``SqlStore.writer`` before it commits)."""
        if self._stale_days:
            _refresh_day_totals(self.conn, self._stale_days)
            self._stale_days = set()
        _apply_counts(self.conn, self.counts)


def _iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


def _ordinal(day: str | None) -> int | None:
    if not day:
        return None
    try:
        return date.fromisoformat(day[:10]).toordinal()
    except ValueError:
        return None


def _claims(conn: Connection, *conds: Any, doc_id: str | None = None) -> list[Claim]:
    """Current claims (facts with their report's date, URL, publisher and evidence sentence)
    under ``conds``, as their analysts' latest reviews leave them (``warledger.review``)."""
    evidence = func.substr(
        documents.c.text, facts.c.evidence_start + 1, facts.c.evidence_end - facts.c.evidence_start
    )
    stmt = (
        select(
            facts,
            documents.c.published,
            documents.c.url,
            documents.c.publisher,
            evidence.label("evidence_text"),
        )
        .select_from(facts.join(documents, facts.c.document_id == documents.c.id))
        .where(*conds)
        .order_by(facts.c.id)
    )
    out = [
        Claim(
            fact_id=r["id"],
            doc_id=r["doc_id"],
            fact=_fact(r),
            published=r["published"],
            url=r["url"],
            evidence_text=r["evidence_text"] or "",
            publisher=r["publisher"],
        )
        for r in conn.execute(stmt).mappings()
    ]
    if not out or conn.execute(select(corrections.c.id).limit(1)).first() is None:
        return out  # no review in the whole ledger (the common case): nothing to look up
    if doc_id is not None:
        latest = _latest_reviews(conn, doc_id)
    else:
        latest = {}
        ids = sorted({c.doc_id for c in out})
        for n in range(0, len(ids), 500):
            stmt_r = (
                select(corrections)
                .where(corrections.c.doc_id.in_(ids[n : n + 500]))
                .order_by(corrections.c.id)
            )
            latest.update({r.fact_key: r for r in (_review(row) for row in conn.execute(stmt_r).mappings())})
    # an analyst's review decides how a fact takes part (warledger.review)
    return review.apply(out, latest) if latest else out


def _insert_events(conn: Connection, blocks: Sequence[EventBlock]) -> None:
    """Insert events with their regions, documents, figures and claim links."""
    if not blocks:
        return
    events_ = [b.event for b in blocks]
    _bulk_insert(conn, events, [_event_row(b) for b in blocks])
    regions = [{"event_key": e.key, "admin1": a} for e in events_ for a in dict.fromkeys(e.admin1)]
    if regions:
        _bulk_insert(conn, event_regions, regions)
    docs = [{"event_key": e.key, "doc_id": d} for e in events_ for d in dict.fromkeys(e.documents)]
    if docs:
        _bulk_insert(conn, event_documents, docs)
    figs = [(e, i, fig) for e in events_ for i, fig in enumerate(e.figures)]
    if not figs:
        return
    ids = _insert_with_ids(conn, event_figures, [_figure_row(e.key, i, fig) for e, i, fig in figs])
    links = [
        {"figure_id": fid, "seq": j, "fact_id": fact_id}
        for fid, (_e, _i, fig) in zip(ids, figs, strict=True)
        for j, fact_id in enumerate(fig.claims)
    ]
    if links:
        _bulk_insert(conn, event_claims, links)


def _bulk_insert(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table`` in the open transaction.

    PostgreSQL: one ``COPY ... FROM STDIN``, which takes the rows as a stream; an
    executemany costs psycopg tens of microseconds per row, a batch's thousands of facts and
    event rows a large part of its time. SQLite: an executemany (in-process, already cheap).
    """
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(insert(table), rows)
        return
    names = list(rows[0])
    as_json = {n for n in names if isinstance(table.c[n].type, JSON)}
    columns = ", ".join(f'"{n}"' for n in names)
    statement = f'COPY "{table.name}" ({columns}) FROM STDIN'
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    dbapi_error = conn.dialect.loaded_dbapi.Error
    try:
        with cursor.copy(statement) as copy:
            for r in rows:
                # JSON as SQLAlchemy's JSON type writes it: None too becomes the JSON null
                copy.write_row([json.dumps(r[n]) if n in as_json else r[n] for n in names])
    except dbapi_error as exc:
        # the driver's error as SQLAlchemy's (IntegrityError for a lost race or a dangling
        # fact id), as every other statement raises it: the callers' handling is the same
        raise DBAPIError.instance(statement, None, exc, dbapi_error, dialect=conn.dialect) from exc
    finally:
        cursor.close()


def _insert_with_ids(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` into ``table`` and return their new ids, in the rows' order.

    PostgreSQL: the ids are drawn from the table's sequence first (one query), and the rows
    go in with them as one prepared statement executed per row in a pipeline. An INSERT ...
    RETURNING of many rows is one statement of thousands of parameters, that psycopg parses
    anew each time (it caches only short ones): that parse cost more than the insert.
    SQLite: one INSERT ... RETURNING per page of rows, as SQLAlchemy batches it.
    """
    if not rows:
        return []
    if conn.dialect.name == "postgresql":
        ids = sorted(
            conn.execute(
                text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"),
                {"t": table.name, "n": len(rows)},
            ).scalars()
        )
        _bulk_insert(conn, table, [{**r, "id": i} for r, i in zip(rows, ids, strict=True)])
        return ids
    return list(
        conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows).scalars().all()
    )


# --- summaries kept on write ------------------------------------------------------------------

# The fact columns ``ledger_counts`` counts current facts by ("" for none).
_DIMS = ("country", "kind", "measure", "weapon", "admin1")
# (what, country, kind, measure, weapon, admin1) -> change in the number of rows
Counts = dict[tuple[str, str, str, str, str, str], int]
_DOCUMENTS = ("documents", "", "", "", "", "")
_EVENTS = ("events", "", "", "", "", "")


def _count(counts: Counts, key: tuple[str, str, str, str, str, str], n: int) -> None:
    counts[key] = counts.get(key, 0) + n


def _count_facts(facts_: Iterable[Fact], counts: Counts) -> None:
    """Count ``facts_`` (a document's, as it is stored now) into ``counts``."""
    for f in facts_:
        _count(counts, ("facts", f.country or "", f.kind, f.measure, f.weapon or "", f.admin1 or ""), 1)


def _count_stored_facts(conn: Connection, document_ids: Sequence[int], counts: Counts, sign: int) -> None:
    """Count the stored facts of documents ``document_ids`` (rows' ids) into ``counts``, times
    ``sign`` (-1: a revision that stops being current takes its facts out of the count)."""
    cols = [facts.c[n] for n in _DIMS]
    for n in range(0, len(document_ids), 500):
        stmt = (
            select(*cols, func.count())
            .where(facts.c.document_id.in_(document_ids[n : n + 500]))
            .group_by(*cols)
        )
        for *dims, k in conn.execute(stmt):
            _count(counts, ("facts", *(d or "" for d in dims)), sign * int(k))  # type: ignore[arg-type]


def _apply_counts(conn: Connection, counts: Counts) -> None:
    """Add ``counts`` to ``ledger_counts`` in the open transaction, then clear it.

    One upsert per key, in key order: two PostgreSQL writers take the rows' locks in the same
    order, so they queue and never deadlock (and every writer then waits on the one
    ``ledger_version`` row anyway, last)."""
    rows = [
        {"what": k[0], **dict(zip(_DIMS, k[1:], strict=True)), "n": n} for k, n in sorted(counts.items()) if n
    ]
    counts.clear()
    if not rows:
        return
    from sqlalchemy.dialects import postgresql, sqlite

    dialect: Any = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(ledger_counts)
    stmt = stmt.on_conflict_do_update(
        index_elements=[c.name for c in ledger_counts.primary_key],
        set_={"n": ledger_counts.c.n + stmt.excluded.n},
    )
    conn.execute(stmt, rows)


def _recount(conn: Connection) -> None:
    """Count ``ledger_counts`` afresh from the rows (the full rebuild's; a scan of every fact)."""
    conn.execute(delete(ledger_counts))
    counts: Counts = {}
    cols = [facts.c[n] for n in _DIMS]
    stmt = (
        select(*cols, func.count())
        .select_from(facts.join(documents, facts.c.document_id == documents.c.id))
        .where(documents.c.is_current)
        .group_by(*cols)
    )
    for *dims, k in conn.execute(stmt):
        _count(counts, ("facts", *(d or "" for d in dims)), int(k))  # type: ignore[arg-type]
    n_docs = conn.execute(select(func.count()).where(documents.c.is_current)).scalar_one()
    _count(counts, _DOCUMENTS, int(n_docs))
    _count(counts, _EVENTS, int(conn.execute(select(func.count()).select_from(events)).scalar_one()))
    _apply_counts(conn, counts)


def _counted(conn: Connection, what: str, q: Query | None = None) -> int:
    """The number of ``what`` ("documents", "events", "facts") as ``ledger_counts`` keeps it;
    for facts, those matching ``q``'s country, kind, measure, weapon and region."""
    conds: list[Any] = [ledger_counts.c.what == what]
    if q is not None:
        conds += [_match(ledger_counts.c[n], getattr(q, n)) for n in _DIMS if getattr(q, n) is not None]
    total = conn.execute(select(func.coalesce(func.sum(ledger_counts.c.n), 0)).where(*conds)).scalar_one()
    return int(total)


def _fact_counted(q: Query) -> bool:
    """Whether ``ledger_counts`` can count the facts ``q`` matches: no filter but its columns."""
    return (
        q.date_from is None
        and q.date_to is None
        and q.source is None
        and q.doc_id is None
        and q.max_confidence is None
    )


def _figure_rows(q: Query, *conds: Any) -> Select:
    """The event figures that go into totals (R13: never a vague one), with their event's key,
    date and country, matching ``q`` and ``conds``: what ``day_totals`` sums, and what the
    time series sums itself for filters the summaries do not keep (source, document)."""
    return (
        select(
            events.c.key,
            events.c.date,
            events.c.country,
            event_figures.c.kind,
            event_figures.c.measure,
            event_figures.c.weapon,
            event_figures.c.admin1,
            event_figures.c.best,
        )
        .select_from(event_figures.join(events, event_figures.c.event_key == events.c.key))
        .where(*_figure_conditions(q), events.c.date.is_not(None), *conds)
    )


def _figure_totals(rows: Iterable[Any]) -> dict[tuple[str, str, str, str, str, str], float]:
    """(date, country, kind, measure, weapon, admin1) -> total of ``_figure_rows``, counting
    each attack once: admin1 "" is the national total, others a region's.

    An event may state a figure nationally ("49 drones intercepted") and by region ("21 over
    Odesa"): the regional ones are parts of the national one. Nationally, the national figure
    stands when there is one, else the parts add up; a region's total is its own figures.
    """
    groups: dict[tuple[str, str, str, str, str, str], list[tuple[str | None, float]]] = {}
    for key, d, country, kind, measure, weapon, admin1, best in rows:
        groups.setdefault((key, d, country, kind, measure, weapon or ""), []).append(
            (admin1, float(best or 0))
        )
    totals: dict[tuple[str, str, str, str, str, str], float] = {}
    for (_key, d, country, kind, measure, weapon), figs in groups.items():
        whole = [v for a, v in figs if a is None]
        k = (d, country, kind, measure, weapon, "")
        totals[k] = totals.get(k, 0.0) + (max(whole) if whole else sum(v for _, v in figs))
        for a, v in figs:
            if a is not None:
                k = (d, country, kind, measure, weapon, a)
                totals[k] = totals.get(k, 0.0) + v
    return totals


_SUMMARY = ("country", "kind", "measure", "weapon", "admin1")


def _refresh_day_totals(conn: Connection, days: set[tuple[str, str]] | None) -> None:
    """Recompute the ``day_totals`` rows of ``days`` ((date, country) pairs; None: all) from
    the events stored now (``_figure_totals``), then the ``period_totals`` they are in."""
    if days is not None and not days:
        return
    if days is None:
        conn.execute(delete(day_totals))
        batches: list[Any] = [None]
    else:
        # per country, its days 500 at a time: an IN list each, not an OR of (date, country) pairs
        by_country: dict[str, list[str]] = {}
        for d, c in sorted(days):
            by_country.setdefault(c, []).append(d)
        batches = [(c, ds[n : n + 500]) for c, ds in by_country.items() for n in range(0, len(ds), 500)]
    for batch in batches:
        where = [] if batch is None else [events.c.country == batch[0], events.c.date.in_(batch[1])]
        if batch is not None:
            conn.execute(
                delete(day_totals).where(day_totals.c.country == batch[0], day_totals.c.date.in_(batch[1]))
            )
        totals = _figure_totals(conn.execute(_figure_rows(Query(), *where)))
        if totals:
            conn.execute(
                insert(day_totals),
                [
                    {"date": d, "country": c, "kind": k, "measure": m, "weapon": w, "admin1": a, "value": v}
                    for (d, c, k, m, w, a), v in totals.items()
                ],
            )
    _refresh_periods(conn, days)


# The national totals of a week, month or year by measure alone, over every country, kind and
# weapon: what an unfiltered chart reads (``period_totals`` rows of period "week+" etc., their
# country, kind and weapon ""), a few rows a period where the full rows are tens.
ROLLED = {"week": "week+", "month": "month+", "year": "year+"}


def _refresh_periods(conn: Connection, days: set[tuple[str, str]] | None) -> None:
    """Recompute the ``period_totals`` of the weeks, months and years of ``days`` ((date,
    country) pairs; None: all) and their countries' all-time totals: weeks and months summed
    from ``day_totals``, years from months, all time from years (a few statements a period);
    then the roll-ups (``ROLLED``) of those periods."""
    if days is None:
        conn.execute(delete(period_totals))
        sums: dict[tuple[str, ...], float] = {}
        cols = [day_totals.c[n] for n in _SUMMARY]
        for d, *key, v in conn.execute(select(day_totals.c.date, *cols, day_totals.c.value)):
            for p in ("week", "month", "year"):
                k = (p, bucket_start(d, p), *key)
                sums[k] = sums.get(k, 0.0) + v
            k = ("all", "", *key)
            sums[k] = sums.get(k, 0.0) + v
        for (p, start, _c, _k, measure, _w, admin1), v in list(sums.items()):
            if p in ROLLED and admin1 == "":
                k = (ROLLED[p], start, "", "", measure, "", "")
                sums[k] = sums.get(k, 0.0) + v
        rows = [
            {"period": k[0], "start": k[1], **dict(zip(_SUMMARY, k[2:], strict=True)), "value": v}
            for k, v in sums.items()
        ]
        for n in range(0, len(rows), 5000):
            conn.execute(insert(period_totals), rows[n : n + 5000])
        return
    for p in ("week", "month", "year"):
        for start, country in sorted({(bucket_start(d, p), c) for d, c in days}):
            end = next_start(start, p)
            if p == "year":  # from the months just summed
                conds = [
                    period_totals.c.period == "month",
                    period_totals.c.start >= start,
                    period_totals.c.start < end,
                ]
                _resum(conn, p, start, country, period_totals, conds)
            else:
                _resum(
                    conn, p, start, country, day_totals, [day_totals.c.date >= start, day_totals.c.date < end]
                )
        for start in sorted({bucket_start(d, p) for d, _c in days}):
            _roll_up(conn, p, start)
    for country in sorted({c for _, c in days}):
        _resum(conn, "all", "", country, period_totals, [period_totals.c.period == "year"])


def _roll_up(conn: Connection, period: str, start: str) -> None:
    """Replace the roll-up of (``period``, ``start``) by the sum of its national rows by measure."""
    rolled = ROLLED[period]
    conn.execute(
        delete(period_totals).where(period_totals.c.period == rolled, period_totals.c.start == start)
    )
    stmt = (
        select(period_totals.c.measure, func.sum(period_totals.c.value))
        .where(period_totals.c.period == period, period_totals.c.start == start, period_totals.c.admin1 == "")
        .group_by(period_totals.c.measure)
    )
    rows = [
        {
            "period": rolled,
            "start": start,
            "country": "",
            "kind": "",
            "measure": m,
            "weapon": "",
            "admin1": "",
            "value": v,
        }
        for m, v in conn.execute(stmt)
    ]
    if rows:
        conn.execute(insert(period_totals), rows)


def _resum(conn: Connection, period: str, start: str, country: str, src: Any, conds: list[Any]) -> None:
    """Replace the ``period_totals`` rows of (``period``, ``start``, ``country``) by the sums of
    the rows of ``src`` (``day_totals`` or finer ``period_totals``) under ``conds``."""
    conn.execute(
        delete(period_totals).where(
            period_totals.c.period == period,
            period_totals.c.start == start,
            period_totals.c.country == country,
        )
    )
    cols = [src.c[n] for n in _SUMMARY[1:]]
    stmt = select(*cols, func.sum(src.c.value)).where(src.c.country == country, *conds).group_by(*cols)
    rows = [
        {
            "period": period,
            "start": start,
            "country": country,
            **dict(zip(_SUMMARY[1:], key, strict=True)),
            "value": v,
        }
        for *key, v in conn.execute(stmt)
    ]
    if rows:
        conn.execute(insert(period_totals), rows)


# --- reads of the summaries ---------------------------------------------------------------------


def _split(
    lo: str | None, hi: str | None, period: str
) -> tuple[tuple[str | None, str | None] | None, list[tuple[str, str]]]:
    """The days ``lo``..``hi`` (inclusive ISO dates; None: open) as the starts of the whole
    ``period``s within them, [first, end) (None: open; None for the pair: no whole one), and
    the day ranges left over at either edge, [(first, last)] inclusive."""
    first = lo
    if lo is not None and bucket_start(lo, period) != lo:
        first = next_start(bucket_start(lo, period), period)
    end = None
    if hi is not None:
        last_start = bucket_start(hi, period)
        after = next_start(last_start, period)
        end = after if after == _day_after(hi) else last_start
    if first is not None and end is not None and first >= end:
        return None, [(lo, hi)] if lo is not None and hi is not None else []
    edges = []
    if lo is not None and first is not None and lo < first:
        edges.append((lo, _day_before(first)))
    if hi is not None and end is not None and end <= hi:
        edges.append((end, hi))
    return (first, end), edges


def _day_before(value: str) -> str:
    return (date.fromisoformat(value[:10]) - timedelta(days=1)).isoformat()


def _summary_conditions(table: Any, q: Query, *, regions: bool = False) -> list[Any]:
    """``day_totals`` / ``period_totals`` rows for ``q``'s country, kind, measure, weapon and
    region: the national rows (admin1 "") without a region, or every region's with
    ``regions``."""
    conds = [_match(table.c[n], getattr(q, n)) for n in _SUMMARY[:-1] if getattr(q, n) is not None]
    if q.admin1 is not None:
        conds.append(_match(table.c.admin1, q.admin1))
    else:
        conds.append(table.c.admin1 != "" if regions else table.c.admin1 == "")
    return conds


def _days_between(lo: str | None, hi: str | None) -> list[Any]:
    conds = []
    if lo is not None:
        conds.append(day_totals.c.date >= lo)
    if hi is not None:
        conds.append(day_totals.c.date < _day_after(hi))
    return conds


def _periods_between(period: str, first: str | None, end: str | None) -> list[Any]:
    conds = [period_totals.c.period == period]
    if first is not None:
        conds.append(period_totals.c.start >= first)
    if end is not None:
        conds.append(period_totals.c.start < end)
    return conds


def _distinct(conn: Connection, column: Any, conds: list[Any], cap: int) -> int:
    """How many distinct values ``column`` has under ``conds``, counting no further than ``cap``
    (in the column's order, so that PostgreSQL walks its index and stops at ``cap`` rather
    than hashing every row first)."""
    inner = select(column).where(*conds).distinct().order_by(column).limit(cap).subquery()
    return int(conn.execute(select(func.count()).select_from(inner)).scalar_one())


def _bounds(q: Query) -> tuple[str | None, str | None]:
    return (q.date_from[:10] if q.date_from else None, q.date_to[:10] if q.date_to else None)


def _whole(q: Query, bucket: str) -> str:
    """The ``period_totals`` period to read ``q``'s whole ``bucket``s from: the roll-up when
    only ``measure`` (or nothing) filters them."""
    plain = q.country is None and q.kind is None and q.weapon is None and q.admin1 is None
    return ROLLED[bucket] if plain else bucket


def _n_points(conn: Connection, q: Query, bucket: str, cap: int) -> int:
    """How many points the summed time series of ``q`` has by ``bucket`` (no more than ``cap``)."""
    lo, hi = _bounds(q)
    if bucket == "day":
        return _distinct(
            conn, day_totals.c.date, [*_summary_conditions(day_totals, q), *_days_between(lo, hi)], cap
        )
    whole, edges = _split(lo, hi, bucket)
    n = 0
    if whole is not None:
        conds = [*_summary_conditions(period_totals, q), *_periods_between(_whole(q, bucket), *whole)]
        n = _distinct(conn, period_totals.c.start, conds, cap)
    starts: set[str] = set()
    for a, z in edges:
        stmt = (
            select(day_totals.c.date)
            .where(*_summary_conditions(day_totals, q), *_days_between(a, z))
            .distinct()
        )
        starts.update(bucket_start(d, bucket) for d in conn.execute(stmt).scalars())
    return n + len(starts)


def _bucket_points(conn: Connection, q: Query, bucket: str) -> list[DayPoint]:
    """The time series of ``q`` summed by ``bucket`` from the summaries: whole weeks, months,
    years from ``period_totals``, the days at either edge of the range from ``day_totals``."""
    lo, hi = _bounds(q)
    values: dict[str, dict[str, float]] = {}

    def add(rows: Iterable[Any], starts: bool = False) -> None:
        """Sum (date, measure, value) rows into their buckets (``starts``: dated by them already)."""
        for d, m, v in rows:
            into = values.setdefault(d if starts else bucket_start(d, bucket), {})
            into[m] = into.get(m, 0.0) + float(v or 0)

    def days(a: str | None, z: str | None) -> None:
        add(
            conn.execute(
                select(day_totals.c.date, day_totals.c.measure, func.sum(day_totals.c.value))
                .where(*_summary_conditions(day_totals, q), *_days_between(a, z))
                .group_by(day_totals.c.date, day_totals.c.measure)
            ).all(),
            starts=bucket == "day",
        )

    if bucket == "day":
        days(lo, hi)
    else:
        whole, edges = _split(lo, hi, bucket)
        if whole is not None:
            add(
                conn.execute(
                    select(period_totals.c.start, period_totals.c.measure, func.sum(period_totals.c.value))
                    .where(
                        *_summary_conditions(period_totals, q), *_periods_between(_whole(q, bucket), *whole)
                    )
                    .group_by(period_totals.c.start, period_totals.c.measure)
                ).all(),
                starts=True,
            )
        for a, z in edges:
            days(a, z)
    return [DayPoint(d, values[d]) for d in sorted(values)]


def _summed_regions(conn: Connection, q: Query) -> dict[tuple[str, str], float]:
    """(admin1, measure) -> total from the summaries: all time, or the whole years within
    ``q``'s dates, the whole months within what is left at the edges, and the edge days."""
    lo, hi = _bounds(q)
    sums: dict[tuple[str, str], float] = {}

    def take(table: Any, conds: list[Any]) -> None:
        stmt = (
            select(table.c.admin1, table.c.measure, func.sum(table.c.value))
            .where(*_summary_conditions(table, q, regions=True), *conds)
            .group_by(table.c.admin1, table.c.measure)
        )
        for a, m, v in conn.execute(stmt):
            sums[(a, m)] = sums.get((a, m), 0.0) + float(v or 0)

    if lo is None and hi is None:
        take(period_totals, [period_totals.c.period == "all"])
        return sums
    years, edges = _split(lo, hi, "year")
    if years is not None:
        take(period_totals, _periods_between("year", *years))
    for a, z in edges:
        months, rest = _split(a, z, "month")
        if months is not None:
            take(period_totals, _periods_between("month", *months))
        for x, y in rest:
            take(day_totals, _days_between(x, y))
    return sums


def _blocks_from_figures(conn: Connection, events_: Sequence[Event]) -> list[EventBlock]:
    """Spans for events given without them: the days of their figures' claims (members
    unknown; ``warledger rebuild`` records them)."""
    ids = sorted({i for e in events_ for f in e.figures for i in f.claims})
    day_of: dict[int, str] = {}
    for n in range(0, len(ids), 500):
        for fid, d in conn.execute(select(facts.c.id, facts.c.date).where(facts.c.id.in_(ids[n : n + 500]))):
            if _ordinal(d) is not None:
                day_of[fid] = d[:10]
    out = []
    for e in events_:
        days = sorted({day_of[i] for f in e.figures for i in f.claims if i in day_of})
        first, last = (days[0], days[-1]) if days else ((e.date or "")[:10] or None,) * 2
        out.append(EventBlock(e, first, last, None))
    return out


# --- rows <-> model -----------------------------------------------------------------------


def _clean(value: str | None) -> str | None:
    # PostgreSQL text cannot hold NUL; U+FFFD keeps every offset into the text where it was.
    return value.replace("\x00", "\ufffd") if value is not None and "\x00" in value else value


def _fact_row(f: Fact, seq: int, document_id: int, doc_id: str, revision: int) -> dict[str, Any]:
    row = {
        "document_id": document_id,
        "doc_id": doc_id,
        "revision": revision,
        "seq": seq,
        **factshape.sql_row(f),
    }
    row["place"], row["source"] = _clean(f.place), _clean(f.source)
    return row


def _fact(r: Any) -> Fact:
    return factshape.from_sql_row(r, doc=r["doc_id"])


def _stored_document(r: Any) -> StoredDocument:
    at = r["ingested_at"]
    if at.tzinfo is None:  # SQLite keeps no offset; it was written in UTC
        at = at.replace(tzinfo=UTC)
    return StoredDocument(
        doc_id=r["doc_id"],
        revision=r["revision"],
        url=r["url"],
        title=r["title"],
        published=r["published"].isoformat() if r["published"] else None,
        content_hash=r["content_hash"],
        text=r["text"],
        ingested_at=at.isoformat(timespec="seconds"),
        facts=r["n_facts"],
        publisher=r.get("publisher"),
    )


def _review(r: Any) -> review.Review:
    at = r["created_at"]
    if at.tzinfo is None:  # SQLite keeps no offset; it was written in UTC
        at = at.replace(tzinfo=UTC)
    return review.Review(
        id=r["id"], fact_id=r["fact_id"], doc_id=r["doc_id"], fact_key=r["fact_key"], action=r["action"],
        reviewer=r["reviewer"], created_at=at.isoformat(timespec="seconds"), value=r["value"],
        measure=r["measure"], admin1=r["admin1"], place=r["place"], note=r["note"],
    )  # fmt: skip


def _latest_reviews(conn: Connection, doc_id: str | None = None) -> dict[str, review.Review]:
    """fact_key -> the latest review of it (of one report's facts, with ``doc_id``)."""
    stmt = select(corrections).order_by(corrections.c.id)
    if doc_id is not None:
        stmt = stmt.where(corrections.c.doc_id == doc_id)
    return {r.fact_key: r for r in (_review(row) for row in conn.execute(stmt).mappings())}


def _event_row(b: EventBlock) -> dict[str, Any]:
    e = b.event
    return {
        "first_day": b.first_day,
        "last_day": b.last_day,
        "members": None if b.members is None else list(b.members),
        "key": e.key,
        "date": e.date,
        "country": e.country,
        "label": e.label,
        "admin1": list(e.admin1),
        "documents": list(e.documents),
        "checks": list(e.checks),
    }


def _figure_row(key: str, seq: int, f: EventFigure) -> dict[str, Any]:
    return {
        "event_key": key,
        "seq": seq,
        "kind": f.kind,
        "measure": f.measure,
        "weapon": f.weapon,
        "admin1": f.admin1,
        "place": f.place,
        "low": f.low,
        "best": f.best,
        "high": f.high,
        "status": f.status,
        "sources": list(f.sources),
        "history": [[d, v] for d, v in f.history],
        "unit": f.unit,
        "group": f.group,
        "qualifier": f.qualifier,
    }


def _load_events(conn: Connection, keys: Sequence[str]) -> dict[str, Event]:
    """The events of ``keys``, in three queries whatever their number."""
    if not keys:
        return {}
    ev_rows = conn.execute(select(events).where(events.c.key.in_(keys))).mappings().all()
    fig_rows = (
        conn.execute(
            select(event_figures)
            .where(event_figures.c.event_key.in_(keys))
            .order_by(event_figures.c.event_key, event_figures.c.seq)
        )
        .mappings()
        .all()
    )
    claims: dict[int, list[int]] = {}
    if fig_rows:
        for fid, fact_id in conn.execute(
            select(event_claims.c.figure_id, event_claims.c.fact_id)
            .join(event_figures, event_claims.c.figure_id == event_figures.c.id)
            .where(event_figures.c.event_key.in_(keys))
            .order_by(event_claims.c.figure_id, event_claims.c.seq)
        ):
            claims.setdefault(fid, []).append(fact_id)
    figures: dict[str, list[EventFigure]] = {}
    for r in fig_rows:
        figures.setdefault(r["event_key"], []).append(
            EventFigure(
                kind=r["kind"],
                measure=r["measure"],
                weapon=r["weapon"],
                admin1=r["admin1"],
                place=r["place"],
                low=r["low"],
                best=r["best"],
                high=r["high"],
                status=r["status"],
                claims=tuple(claims.get(r["id"], ())),
                sources=tuple(r["sources"] or ()),
                history=tuple((d, v) for d, v in (r["history"] or ())),
                unit=r["unit"],
                group=r["group"],
                qualifier=r["qualifier"] or EXACT,
            )
        )
    return {
        r["key"]: Event(
            key=r["key"],
            date=r["date"],
            country=r["country"],
            admin1=tuple(r["admin1"] or ()),
            documents=tuple(r["documents"] or ()),
            figures=tuple(figures.get(r["key"], ())),
            checks=tuple(r["checks"] or ()),
            label=r["label"],
        )
        for r in ev_rows
    }


# --- query conditions ------------------------------------------------------------------------


def _checked(q: Query) -> Query:
    """``q`` after checking its dates are ISO dates (a ``StoreError`` otherwise)."""
    for name in ("date_from", "date_to"):
        value = getattr(q, name)
        if value is not None:
            try:
                date.fromisoformat(str(value)[:10])
            except ValueError:
                raise StoreError(f"{name}: not an ISO date (YYYY-MM-DD): {value!r}") from None
    return q


def _window(q: Query) -> tuple[int, int]:
    return max(0, min(int(q.limit), MAX_LIMIT)), max(0, int(q.offset))


def _day_after(value: str) -> str:
    """The ISO date after ``value``'s: ``date_to`` is inclusive, and a fact dated
    "2025-03-01T04:00" is within "2025-03-01", so the bound is ``< next day``."""
    return (date.fromisoformat(value[:10]) + timedelta(days=1)).isoformat()


def _match(column: Any, value: str | tuple[str, ...]) -> Any:
    """``column`` equal to ``value``, or to any of a tuple of values (a repeated filter)."""
    return column.in_(value) if isinstance(value, tuple) else column == value


def _source_like(column: Any, needle: str) -> Any:
    return func.lower(column).contains(needle.lower(), autoescape=True)


def _fact_conditions(q: Query, current: bool = True) -> list[Any]:
    """WHERE terms on ``facts`` (joined to ``documents`` when ``current``) for ``q``."""
    conds: list[Any] = [documents.c.is_current] if current else []
    if q.date_from:
        conds.append(facts.c.date >= q.date_from[:10])
    if q.date_to:
        conds.append(facts.c.date < _day_after(q.date_to))
    for name in ("admin1", "kind", "measure", "weapon", "country", "doc_id"):
        value = getattr(q, name)
        if value is not None:
            conds.append(_match(facts.c[name], value))
    if q.source:
        conds.append(_source_like(facts.c.source, q.source))
    if q.max_confidence is not None:
        conds.append(facts.c.confidence <= q.max_confidence)
    return conds


def _total_measures(kind: Any, measure: Any) -> Any:
    """The measures the time series and region totals add up (``vocabulary``: ``totalled``)."""
    by_kind = {k: ms for k in vocabulary.KINDS if (ms := vocabulary.totalled(k))}
    return or_(*(and_(kind == k, measure.in_(ms)) for k, ms in by_kind.items()))


def _total_fact_conditions(q: Query) -> list[Any]:
    """Facts that go into totals when no events exist: current, neither background nor vague."""
    return [
        *_fact_conditions(q), facts.c.historical.is_(False), facts.c.qualifier != VAGUE,
        _total_measures(facts.c.kind, facts.c.measure),
    ]  # fmt: skip


def _claims_with_source(needle: str) -> Any:
    """Figure ids with a claim whose fact's source contains ``needle``."""
    return (
        select(event_claims.c.figure_id)
        .join(facts, event_claims.c.fact_id == facts.c.id)
        .where(_source_like(facts.c.source, needle))
    )


def _event_conditions(q: Query) -> list[Any]:
    conds: list[Any] = []
    if q.date_from:
        conds.append(events.c.date >= q.date_from[:10])
    if q.date_to:
        conds.append(events.c.date < _day_after(q.date_to))
    if q.country is not None:
        conds.append(_match(events.c.country, q.country))
    if q.admin1 is not None:
        conds.append(
            or_(
                exists().where(
                    event_regions.c.event_key == events.c.key, _match(event_regions.c.admin1, q.admin1)
                ),
                exists().where(
                    event_figures.c.event_key == events.c.key, _match(event_figures.c.admin1, q.admin1)
                ),
            )
        )
    fig = [
        _match(event_figures.c[n], getattr(q, n))
        for n in ("kind", "measure", "weapon")
        if getattr(q, n) is not None
    ]
    if fig:
        conds.append(exists().where(event_figures.c.event_key == events.c.key, *fig))
    if q.source:
        conds.append(
            exists().where(
                event_figures.c.event_key == events.c.key,
                event_figures.c.id.in_(_claims_with_source(q.source)),
            )
        )
    if q.doc_id is not None:
        conds.append(
            exists().where(event_documents.c.event_key == events.c.key, event_documents.c.doc_id == q.doc_id)
        )
    return conds


def _figure_conditions(q: Query) -> list[Any]:
    """WHERE terms on ``event_figures`` joined to ``events``, for the totals (never a vague
    figure: "dozens" is no number to add)."""
    conds: list[Any] = [
        _total_measures(event_figures.c.kind, event_figures.c.measure),
        event_figures.c.qualifier != VAGUE,
    ]
    if q.date_from:
        conds.append(events.c.date >= q.date_from[:10])
    if q.date_to:
        conds.append(events.c.date < _day_after(q.date_to))
    if q.country is not None:
        conds.append(_match(events.c.country, q.country))
    # a region's totals are its own figures, not the national ones of events touching it
    for name in ("admin1", "kind", "measure", "weapon"):
        value = getattr(q, name)
        if value is not None:
            conds.append(_match(event_figures.c[name], value))
    if q.source:
        conds.append(event_figures.c.id.in_(_claims_with_source(q.source)))
    if q.doc_id is not None:
        conds.append(
            exists().where(event_documents.c.event_key == events.c.key, event_documents.c.doc_id == q.doc_id)
        )
    return conds


def _summarised(q: Query) -> bool:
    """Whether ``day_totals`` answers ``q``: every filter but source and document is a column."""
    return q.source is None and q.doc_id is None


def _has_events(conn: Connection) -> bool:
    return conn.execute(select(events.c.key).limit(1)).first() is not None
