"""Ingest throughput: documents/s stored into SQLite and PostgreSQL, extraction timed apart.

The dev corpus (the ``.txt`` reports of ``<repo>/../shared/corpus/dev``, publication dates
from its ``SOURCES.tsv``) is cycled to ``--docs`` documents (default 500), each with a new
id and each round published a week after the last, and run once through the default pipeline (timed: "extract"). The extracted documents
are then stored into each backend through the ledger service as ``warledger ingest`` does
(``ledger.store_batch``: ``BATCH_DOCS`` documents per transaction with the incremental
rebuild of the events they touch; timed: "store new"), and stored again (every one a
duplicate: "store dup", the cost of a re-run); "no events": the same documents under other
ids stored in the same batches without the event rebuild. Each backend starts from an empty database: a new
SQLite file in a temporary directory, a new PostgreSQL schema dropped afterwards.

The extracted documents are held in a list between the two phases so that storage is
timed on its own; at the default size that is a few MB. PostgreSQL is skipped, with a
message, without ``--pg-url`` or ``$WARLEDGER_BENCH_PG_URL`` / ``$WARLEDGER_TEST_PG_URL``.
Nothing is asserted about the times (benchmark machines are noisy).

    .venv/bin/python benchmarks/ingest.py
    .venv/bin/python benchmarks/ingest.py --docs 2000 --pg-url postgresql://user:pw@127.0.0.1/db
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from warledger import ledger
from warledger.api import extract_documents
from warledger.model import Document, Skipped
from warledger.store import StoreError, open_store
from warledger.store.sql import temporary_schema

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "dev"
PG_ENVS = ("WARLEDGER_BENCH_PG_URL", "WARLEDGER_TEST_PG_URL")


def load_corpus(corpus: Path) -> list[Document]:
    """The corpus's ``.txt`` reports as documents (no layers yet), sorted by file name."""
    if not corpus.is_dir():
        raise SystemExit(f"error: corpus directory not found: {corpus} (use --corpus DIR)")
    published: dict[str, date] = {}
    sources = corpus / "SOURCES.tsv"
    if sources.is_file():
        with sources.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                try:
                    published[row["file"].strip()] = date.fromisoformat(
                        (row.get("published") or "").strip()[:10]
                    )
                except (KeyError, ValueError):
                    continue  # undated report
    docs = [
        Document(
            id=p.stem,
            text=p.read_text(encoding="utf-8-sig").replace("\r\n", "\n"),
            published=published.get(p.name),
            origin=str(p),
        )
        for p in sorted(corpus.glob("*.txt"))
    ]
    if not docs:
        raise SystemExit(f"error: no .txt reports in {corpus}")
    return docs


def cycle(sources: list[Document], n: int) -> Iterator[Document]:
    """``n`` documents: the sources again and again, each round published a week later (an
    undated source from 2024-01-01 on), as a ledger that grows week by week receives them."""
    for i, src in enumerate(itertools.islice(itertools.cycle(sources), n)):
        week = timedelta(days=7 * (i // len(sources)))
        yield src.with_(id=f"{src.id}#{i}", published=(src.published or date(2024, 1, 1)) + week)


def extract(sources: list[Document], n: int) -> tuple[list[Document], float, int]:
    start = time.perf_counter()
    docs: list[Document] = []
    skipped = 0
    for item in extract_documents(cycle(sources, n)):
        if isinstance(item, Skipped):
            skipped += 1
        else:
            docs.append(item)
    return docs, time.perf_counter() - start, skipped


def store_into(url: str, docs: list[Document]) -> dict[str, Any]:
    """Open the store at ``url`` (timed apart), add every document twice, time each pass."""
    t0 = time.perf_counter()
    store = open_store(url)
    opened = time.perf_counter() - t0
    try:
        batches = [docs[n : n + ledger.BATCH_DOCS] for n in range(0, len(docs), ledger.BATCH_DOCS)]
        t0 = time.perf_counter()
        statuses = [r.status for b in batches for r in ledger.store_batch(store, b)]
        new_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = [r.status for b in batches for r in ledger.store_batch(store, b)]
        dup_s = time.perf_counter() - t0
    finally:
        store.close()
    if statuses.count("new") != len(docs) or again.count("duplicate") != len(docs):
        raise SystemExit(f"error: unexpected statuses storing into {url}: {set(statuses)} / {set(again)}")
    return {"open_s": opened, "new_s": new_s, "dup_s": dup_s, "store_only_s": store_only(url, docs)}


def store_only(url: str, docs: list[Document]) -> float:
    """Seconds to store ``docs`` (new ids) in the same batches with no event rebuild: the
    documents and facts alone, what one commit per document used to cost."""
    docs = [d.with_(id=d.id + "/again") for d in docs]
    with open_store(url) as store:
        t0 = time.perf_counter()
        for n in range(0, len(docs), ledger.BATCH_DOCS):
            batch = docs[n : n + ledger.BATCH_DOCS]
            with store.writer([d.id for d in batch]) as w:
                w.add_many(batch)
        return time.perf_counter() - t0


@contextmanager
def sqlite_url() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="warledger-bench-") as d:
        yield f"sqlite:///{Path(d) / 'ledger.db'}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=500, help="documents to ingest (default 500)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="directory of .txt reports")
    ap.add_argument(
        "--pg-url", default=None, help=f"PostgreSQL URL (default: ${PG_ENVS[0]} or ${PG_ENVS[1]})"
    )
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)

    sources = load_corpus(args.corpus)
    docs, extract_s, skipped = extract(sources, args.docs)
    n, facts = len(docs), sum(len(d.facts) for d in docs)
    pg_url = args.pg_url or next((os.environ[e] for e in PG_ENVS if os.environ.get(e)), None)

    results: dict[str, dict[str, Any]] = {}
    with sqlite_url() as url:
        results["sqlite"] = store_into(url, docs)
    if pg_url:
        try:
            with temporary_schema(pg_url, prefix="wl_bench") as url:
                results["postgresql"] = store_into(url, docs)
        except StoreError as exc:
            print(f"postgresql: skipped: {exc}", file=sys.stderr)
    else:
        print(f"postgresql: skipped (no --pg-url, ${PG_ENVS[0]} or ${PG_ENVS[1]})", file=sys.stderr)

    def rate(count: int, seconds: float) -> float:
        return count / seconds if seconds > 0 else float("inf")

    report = {
        "docs": n,
        "skipped": skipped,
        "facts": facts,
        "extract": {"seconds": extract_s, "docs_per_s": rate(n, extract_s)},
        "backends": {
            name: {
                **r,
                "new_docs_per_s": rate(n, r["new_s"]),
                "dup_docs_per_s": rate(n, r["dup_s"]),
                "end_to_end_docs_per_s": rate(n, extract_s + r["new_s"]),
                "store_only_docs_per_s": rate(n, r["store_only_s"]),
            }
            for name, r in results.items()
        },
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(
        f"{n} documents ({skipped} skipped by extraction), {facts} facts; extract {extract_s:.2f} s = {rate(n, extract_s):.0f} docs/s"
    )
    print(
        f"{'backend':<11} {'open s':>7} {'store new':>10} {'docs/s':>8} {'store dup':>10} {'docs/s':>8} "
        f"{'extract+store docs/s':>21} {'no events docs/s':>17}"
    )
    for name, r in report["backends"].items():
        print(
            f"{name:<11} {r['open_s']:>7.2f} {r['new_s']:>9.2f}s {r['new_docs_per_s']:>8.0f} "
            f"{r['dup_s']:>9.2f}s {r['dup_docs_per_s']:>8.0f} {r['end_to_end_docs_per_s']:>21.0f} "
            f"{r['store_only_docs_per_s']:>17.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
