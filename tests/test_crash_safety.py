"""Crash safety of `warledger ingest`: kill -9 at random points loses nothing and half-writes nothing.

``warledger ingest DIR --db URL`` runs as a subprocess over ~40 small generated reports and
is SIGKILLed after a random short delay, at least ``KILLS`` times. Between runs a few reports
are rewritten, so every run has revisions to write (the most delicate path: the old row
stops being current, the new one is inserted with its facts). After every kill the store is
opened again and checked:

- SQLite: ``PRAGMA integrity_check`` is ``ok`` and ``PRAGMA foreign_key_check`` is empty;
- every stored revision holds exactly the facts a fresh ``extract_text`` of its text gives
  (no half-written document), and no fact points to a missing document;
- each document id has exactly one current revision, and revisions are numbered 1..n;
- every event claim points to a stored fact (the event set was swapped whole or not at all);
- the events are exactly those a full rebuild makes from the stored claims: each batch of
  reports commits with its events, so no kill leaves them behind the documents.

Finally ingest runs to completion and the whole set is there once: one current revision per
report, equal to the report's text on disk, and as many facts as the reports give; and the
events equal those of one uninterrupted ingest of the same reports into a fresh store.

Also: two ``warledger ingest`` processes over overlapping inputs, at the same time, into the
same store, lose nothing and duplicate nothing.

Both on SQLite and on PostgreSQL (a temporary schema in ``$WARLEDGER_TEST_PG_URL``; skipped
without it, a failure when ``$CI`` is set).
"""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
import time
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from warledger import ledger
from warledger.api import extract_text
from warledger.store import Query, open_store
from warledger.store.sql import normalize_url, temporary_schema

PG_ENV = "WARLEDGER_TEST_PG_URL"
KILLS = 20  # the issue asks for at least 20 kills per backend
REPORTS = 40
# Each backend's kill loop must stay under 90 s; this bounds it even on a slow machine.
KILL_LOOP_BUDGET_S = 90
# Rewrites per run keep writes (revisions) happening after the first run stored everything.
REWRITES_PER_RUN = REPORTS // 2
CLI = [sys.executable, "-c", "import sys; from warledger.cli import main; sys.exit(main())"]

PLACES = ("Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Lviv", "Sumy", "Mykolaiv", "Poltava")
WEAPONS = ("drones", "Shahed drones", "missiles", "cruise missiles", "ballistic missiles")
DAYS = ("1 September 2025", "2 September 2025", "3 September 2025", "5 September 2025", "9 September 2025")


def report(rng: random.Random, n: int) -> str:
    """A short synthetic report with figures of several kinds, different for each ``n``/draw."""
    place = rng.choice(PLACES)
    weapon = rng.choice(WEAPONS)
    launched = rng.randint(3, 400)
    downed = rng.randint(0, launched)
    # a few nights, so that the events fall into several blocks of days
    day = rng.choice(DAYS)
    lines = [
        f"Report {n}: Russia launched {launched} {weapon} at Ukraine overnight on {day}, the air force said.",
        f"Air defences shot down {downed} of them.",
    ]
    if rng.random() < 0.8:
        lines.append(
            f"In {place}, {rng.randint(1, 30)} people were killed and {rng.randint(1, 90)} injured, the governor said."
        )
    if rng.random() < 0.5:
        lines.append(
            f"About {rng.randint(2, 300) * 1000} consumers were left without power in the {place} region, the grid operator said."
        )
    return "\n\n".join(lines) + "\n"


@cache
def expected_facts(doc_id: str, content: str) -> int:
    """How many facts the pipeline gives for ``content`` (cached: the same text recurs)."""
    return len(extract_text(content, doc_id=doc_id).facts)


def write_reports(folder: Path, rng: random.Random) -> None:
    folder.mkdir()
    for n in range(REPORTS):
        (folder / f"r{n:02d}.txt").write_text(report(rng, n), encoding="utf-8")


# Reports per transaction in these runs: small, so that a run commits many times and the
# kills land between two of its commits as well as inside one.
BATCH = 4


def ingest(folder: Path | list[Path], url: str) -> subprocess.Popen:
    paths = [str(p) for p in folder] if isinstance(folder, list) else [str(folder)]
    return subprocess.Popen(
        [*CLI, "ingest", *paths, "--db", url, "--batch", str(BATCH)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def finish(proc: subprocess.Popen, timeout: float = 60) -> tuple[int, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, (out + err).decode("utf-8", "replace")


# --- the checks ---------------------------------------------------------------------------


def check_store(url: str, backend: str) -> dict[str, tuple[int, str]]:
    """Every invariant of the module docstring; returns doc_id -> (current revision, text)."""
    # Opening it must work after any kill (and migrate nothing half-done).
    open_store(url).close()
    engine = create_engine(normalize_url(url))
    try:
        with engine.connect() as conn:
            if backend == "sqlite":
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
                assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            rows = conn.execute(
                text("SELECT id, doc_id, revision, is_current, text FROM documents")
            ).fetchall()
            counts = dict(
                conn.execute(text("SELECT document_id, count(*) FROM facts GROUP BY document_id")).fetchall()
            )
            orphans = conn.execute(
                text(
                    "SELECT count(*) FROM facts f WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = f.document_id)"
                )
            ).scalar()
            dangling = conn.execute(
                text(
                    "SELECT count(*) FROM event_claims c WHERE NOT EXISTS (SELECT 1 FROM facts f WHERE f.id = c.fact_id)"
                )
            ).scalar()
    finally:
        engine.dispose()
    assert orphans == 0, "facts without their document"
    assert dangling == 0, "event claims pointing to facts that are not stored"
    by_doc: dict[str, list] = {}
    for row in rows:
        by_doc.setdefault(row.doc_id, []).append(row)
        # the document and all its facts, or nothing: never a document with part of its facts
        assert counts.get(row.id, 0) == expected_facts(row.doc_id, row.text), (row.doc_id, row.revision)
    current: dict[str, tuple[int, str]] = {}
    for doc_id, revs in by_doc.items():
        assert sorted(r.revision for r in revs) == list(range(1, len(revs) + 1)), doc_id
        live = [r for r in revs if r.is_current]
        assert len(live) == 1, f"{doc_id}: {len(live)} current revisions"
        # the current one is the newest: a revision is never stored behind an older one
        assert live[0].revision == len(revs), doc_id
        current[doc_id] = (live[0].revision, live[0].text)
    return current


def check_complete(url: str, backend: str, folder: Path) -> int:
    """The full set is there once, as on disk; returns the number of current facts."""
    current = check_store(url, backend)
    on_disk = {p.stem: p.read_text(encoding="utf-8") for p in folder.glob("*.txt")}
    assert set(current) == set(on_disk)
    for doc_id, (_, stored) in current.items():
        assert (
            hashlib.sha256(stored.encode()).digest() == hashlib.sha256(on_disk[doc_id].encode()).digest()
        ), doc_id
    want = sum(expected_facts(d, t) for d, t in on_disk.items())
    with open_store(url) as store:
        got = store.facts(Query(limit=1)).total
        docs = store.documents(Query(limit=1)).total
    assert docs == len(on_disk)
    assert got == want, f"{got} current facts stored, the reports give {want}"
    return got


def all_events(url: str) -> list:
    """Every stored event, by key, with the claims it draws on."""
    out: list = []
    with open_store(url) as store:
        while True:
            page = store.events(Query(limit=500, offset=len(out)))
            out.extend(page.items)
            if not page.items or len(out) >= page.total:
                break
    return sorted(out, key=lambda e: e.key)


def comparable(events: list) -> list:
    """Events without their fact ids (two stores number their facts differently)."""
    return [
        (
            e.key,
            e.date,
            e.country,
            e.admin1,
            e.documents,
            e.checks,
            e.label,
            tuple(
                (
                    f.kind,
                    f.measure,
                    f.weapon,
                    f.admin1,
                    f.place,
                    f.low,
                    f.best,
                    f.high,
                    f.status,
                    f.sources,
                    f.history,
                    len(f.claims),
                )
                for f in e.figures
            ),
        )
        for e in events
    ]


def check_events_current(url: str) -> None:
    """The stored events are the ones a full rebuild gives (the kill left none behind)."""
    before = all_events(url)
    with open_store(url) as store:
        ledger.rebuild(store)
    assert all_events(url) == before, "the events do not match the stored reports"


def uninterrupted_events(folder: Path, url: str) -> list:
    """The events of one clean ingest of ``folder`` into the empty store at ``url``."""
    rc, out = finish(ingest(folder, url))
    assert rc == 0, out
    return comparable(all_events(url))


# --- fixtures ------------------------------------------------------------------------------


def _pg_base() -> str:
    base = os.environ.get(PG_ENV, "").strip()
    if not base:
        how = f'set {PG_ENV} (as root: eval "$(scripts/ci-services.sh)")'
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {PG_ENV} is not: CI must run the PostgreSQL crash tests; {how}")
        pytest.skip(f"PostgreSQL crash tests not run: {how}")
    return base


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_url(request, tmp_path):
    """(backend, URL of an empty store): a SQLite file, or a throwaway PostgreSQL schema."""
    if request.param == "sqlite":
        yield "sqlite", f"sqlite:///{tmp_path / 'ledger.db'}"
        return
    with temporary_schema(_pg_base(), prefix="wl_crash") as url:
        yield "postgresql", url


@pytest.fixture
def fresh_url(backend_url, tmp_path):
    """Another empty store on the same backend, for an uninterrupted reference run."""
    backend, _ = backend_url
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'reference.db'}"
        return
    with temporary_schema(_pg_base(), prefix="wl_ref") as url:
        yield url


# --- the tests -----------------------------------------------------------------------------


@pytest.mark.timeout(180)
def test_kill_9_during_ingest_loses_nothing_and_half_writes_nothing(backend_url, fresh_url, tmp_path):
    """At least KILLS SIGKILLs at random points of `warledger ingest` leave a consistent store
    every time, and a final run completes the set with no duplicate and no lost fact, and
    with the events of an uninterrupted ingest."""
    backend, url = backend_url
    rng = random.Random(20251126)  # fixed: a failure must be reproducible
    folder = tmp_path / "reports"
    write_reports(folder, rng)

    # How long a whole run takes here, so that the kills spread over all of it (start-up,
    # extraction and writes, the event rebuild) rather than all landing in the imports.
    t0 = time.monotonic()
    rc, out = finish(ingest(folder, url))
    full = time.monotonic() - t0
    assert rc == 0, out
    check_complete(url, backend, folder)

    kills = mid_write = 0
    started = time.monotonic()
    while kills < KILLS:
        assert time.monotonic() - started < KILL_LOOP_BUDGET_S, (
            f"only {kills} kills in {KILL_LOOP_BUDGET_S} s"
        )
        # new text for a few reports: this run has revisions to write
        for path in rng.sample(sorted(folder.glob("*.txt")), REWRITES_PER_RUN):
            path.write_text(report(rng, int(path.stem[1:])), encoding="utf-8")
        before = {d: r for d, (r, _) in check_store(url, backend).items()}
        proc = ingest(folder, url)
        # Start-up (imports, migration check) is most of a run and the writes come last, so
        # most delays aim at the last part; the rest spread over the whole run.
        late = rng.random() < 0.7
        time.sleep(rng.uniform(0.6 * full, 1.05 * full) if late else rng.uniform(0.05, full))
        if proc.poll() is None:
            proc.kill()  # SIGKILL: no cleanup, no rollback from the client's side
            kills += 1
        finish(proc)
        after = check_store(url, backend)
        if kills % 10 == 0:  # a full rebuild per kill would double the loop's time
            check_events_current(url)
        # a kill after some but not all of this run's revisions: the interesting case
        if 0 < sum(after[d][0] != before.get(d) for d in after) < REWRITES_PER_RUN:
            mid_write += 1

    # the runs did die in the middle of writing, not only before or after it
    print(f"{backend}: {kills} kills, {mid_write} between two writes of a run")
    assert mid_write >= 1, "no kill landed between two writes; the delays do not cover the run"
    rc, out = finish(ingest(folder, url))
    assert rc == 0, out
    check_complete(url, backend, folder)
    # a second complete run changes nothing: everything is a duplicate
    rc, out = finish(ingest(folder, url))
    assert rc == 0 and "  new: 0" in out and "  revision: 0" in out and f"  duplicate: {REPORTS}" in out, out
    # the events after all those kills are those of one clean ingest of the final reports
    # (the failure: 0 events after a kill in the rebuild and a rerun of duplicates)
    events = comparable(all_events(url))
    assert events, "no events at all"
    assert events == uninterrupted_events(folder, fresh_url)


@pytest.mark.timeout(120)
def test_concurrent_ingests_on_overlapping_inputs_lose_and_duplicate_nothing(
    backend_url, fresh_url, tmp_path
):
    """Two `warledger ingest` processes at once, sharing half their reports, store every report
    exactly once (one revision, all its facts) and both exit 0."""
    backend, url = backend_url
    folder = tmp_path / "reports"
    write_reports(folder, random.Random(7))
    files = sorted(folder.glob("*.txt"))
    third = len(files) // 3
    # A: the first two thirds, B: the last two thirds; the middle third is written by both.
    # B goes through its files backwards so the two meet on the shared ones at once.
    a = ingest(files[: 2 * third], url)
    b = ingest(list(reversed(files[third:])), url)
    (rc_a, out_a), (rc_b, out_b) = finish(a), finish(b)
    assert rc_a == 0, out_a
    assert rc_b == 0, out_b
    check_complete(url, backend, folder)
    with open_store(url) as store:
        revisions = {d.doc_id: d.revision for d in store.documents(Query(limit=500)).items}
    assert set(revisions.values()) == {1}, "the same text twice must be a duplicate, never a revision"
    # neither writer's events were built from the other's half-stored batch
    check_events_current(url)
    assert comparable(all_events(url)) == uninterrupted_events(folder, fresh_url)


# Run the CLI with the `at`-th document's transaction killed right after its document row is
# inserted and before its facts are: the one point a timed kill can hardly hit.
KILL_BETWEEN_ROWS = """
import os, signal, sys
from warledger.store import sql

real_add, real_many, real_bulk = sql.SqlStore._add, sql.Writer.add_many, sql._bulk_insert
seen, armed = [0], [False]

def dying_on_facts(conn):
    execute = conn.execute
    def dying(stmt, *args, **kwargs):
        if getattr(stmt, "table", None) is sql.facts:
            os.kill(os.getpid(), signal.SIGKILL)
        return execute(stmt, *args, **kwargs)
    conn.execute = dying
    armed[0] = True

def bulk(conn, table, rows):
    # a batch's facts go in through _bulk_insert (COPY on PostgreSQL)
    if armed[0] and table is sql.facts:
        os.kill(os.getpid(), signal.SIGKILL)
    return real_bulk(conn, table, rows)

def _add(self, conn, doc, content_hash):
    seen[0] += 1
    if seen[0] == {at}:
        dying_on_facts(conn)
    return real_add(self, conn, doc, content_hash)

def add_many(self, docs):
    # a batch is stored in a few statements: documents' rows first, then all their facts
    if len({d.id for d in docs}) == len(docs):  # else it stores them one by one, through _add
        if seen[0] < {at} <= seen[0] + len(docs):
            dying_on_facts(self.conn)
        seen[0] += len(docs)
    return real_many(self, docs)

sql.SqlStore._add = _add
sql.Writer.add_many = add_many
sql._bulk_insert = bulk
from warledger.cli import main
sys.exit(main())
"""


@pytest.mark.timeout(120)
def test_kill_between_a_documents_row_and_its_facts_stores_neither(backend_url, tmp_path):
    """A SIGKILL inside one document's transaction, after its document row and before its
    facts, leaves that document out entirely (and the ones before it whole)."""
    backend, url = backend_url
    folder = tmp_path / "reports"
    write_reports(folder, random.Random(3))
    at = 11
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            KILL_BETWEEN_ROWS.replace("{at}", str(at)),
            "ingest",
            str(folder),
            "--db",
            url,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    rc, out = finish(proc)
    assert rc == -9, out  # it did die by SIGKILL, at that point
    stored = check_store(url, backend)
    # documents commit in batches: the batches before the one that died are whole, the rest absent
    committed = (at - 1) // ledger.BATCH_DOCS * ledger.BATCH_DOCS
    assert len(stored) == committed, f"{len(stored)} documents stored; {committed} expected"
    check_events_current(url)
    rc, out = finish(ingest(folder, url))
    assert rc == 0, out
    check_complete(url, backend, folder)
    check_events_current(url)
