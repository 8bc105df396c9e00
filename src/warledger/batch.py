"""Extract a large input (news crawls, directories, JSON Lines) in parallel into Parquet.

    summary = run_batch(["CC-NEWS-1.warc.gz", ...], "out/", workers=4)
    load_output("out/", store)      # the Parquet output into a ledger store

The parent reads the input as a stream (for WARC files only the cheap half: record bytes
and headers, ``ingest.warc.iter_pages``) and sends chunks of it to worker processes, at
most ``window`` chunks in flight, so memory stays flat however large the input is. Each
worker loads the pipeline once and does the costly half: HTML -> text, the prefilter
(``ingest.prefilter``), the pipeline. Results come back as plain rows.

Output, under ``out/``::

    facts/day=YYYY-MM-DD/part-00000.parquet        one row per fact (day: the fact's date, else
                                                   its report's publication date, else "unknown"),
                                                   with its report's url, publisher and published
    documents/day=YYYY-MM-DD/part-00000.parquet    one row per document, with its text (the
                                                   evidence offsets point into it)
    _parts/part-00000.json                         the part's manifest: the keys (origin, id)
                                                   of every input item it holds, its files,
                                                   its skipped items and their reasons
    _batch.json                                    the inputs, to refuse resuming another job

A part is the unit of commitment: its Parquet files are written under temporary names,
fsync'd and renamed, then its manifest is written the same way; the manifest's rename is
the commit. A part file without a manifest is the debris of an interrupted run and is
removed when the job is restarted. A restarted job (same inputs and output directory)
reads the manifests, skips every input item already committed, and numbers its parts
after the last one, so an interrupted run, even by ``kill -9``, finishes with every fact
written exactly once. Readers of the output should go by the manifests (``load_output``
does); ``pyarrow.dataset`` and ``pandas.read_parquet("out/facts")`` read a whole tree (they
ignore the ``_``- and ``.``-prefixed bookkeeping). The partition key is ``day``, not ``date``:
a hive partition named like a column (``date``, the fact's own) makes the tree unreadable
whole.

Engines: ``local`` (``concurrent.futures.ProcessPoolExecutor``, spawned workers) and
``ray`` (Ray tasks on ``ray.init(address=...)`` or a local instance; ``ray`` must be
installed).
"""

from __future__ import annotations

import functools
import json
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from . import factshape
from .errors import StageFailure, WarledgerError
from .model import Document, Fact, Skipped
from .provenance import publisher


class BatchError(WarledgerError):
    """The batch cannot run: a bad output directory, a missing engine, a dead worker."""

    code = "W019"


PART_DOCS = 500  # input items per part
PART_SECONDS = 30.0  # ...or this long since the part began: a kill loses at most this much work
CHUNK = 16  # input items per task sent to a worker: amortises the inter-process round trip
MANIFEST_DIR = "_parts"
JOB_FILE = "_batch.json"
UNKNOWN = "unknown"
PARTITION = "day"  # never a column's name: see the module docstring
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# --- what workers do ---------------------------------------------------------------------

_PIPELINE = None


def _init_worker() -> None:
    """Load the pipeline (gazetteer, lexicons, trafilatura) once per worker process."""
    global _PIPELINE
    try:
        import trafilatura  # noqa: F401  (its import is most of a worker's start-up)
    except ImportError:
        # not fatal here: a worker that dies in its initializer breaks the whole pool (W019);
        # each HTML page then says why it cannot be read (W101, readers._from_html)
        pass

    from .api import default_pipeline

    _PIPELINE = default_pipeline()


def process_chunk(chunk: list[tuple[str, str, Any]]) -> list[dict]:
    """Run one chunk of (origin, id, item) through HTML -> prefilter -> pipeline; one result
    row dict per item: ``{"key", "skipped": {...}}`` or ``{"key", "doc": {...}, "facts": [...]}``."""
    from .ingest.prefilter import prefilter
    from .ingest.warc import RawPage, page_item

    if _PIPELINE is None:
        _init_worker()
    out: list[dict[str, Any]] = []
    for origin, doc_id, item in chunk:
        key = [origin, doc_id]
        try:
            if isinstance(item, RawPage):
                item = page_item(item)
            item = prefilter(item)
            if isinstance(item, Document):
                item = _PIPELINE(item)  # type: ignore[misc]
        except WarledgerError as err:
            item = Skipped(doc_id, origin, err.code, err.message)
        except Exception as exc:  # noqa: BLE001 - one item's bug must not kill the worker and the batch
            failure = StageFailure(f"stage batch failed: {type(exc).__name__}: {exc}")
            item = Skipped(doc_id, origin, failure.code, failure.message)
        if isinstance(item, Skipped):
            out.append(
                {
                    "key": key,
                    "skipped": {
                        "id": item.id,
                        "origin": item.origin,
                        "code": item.code,
                        "reason": item.reason,
                    },
                }
            )
        else:
            out.append(
                {
                    "key": key,
                    "doc": document_row(item),
                    "facts": [fact_row(f, i, item) for i, f in enumerate(item.facts)],
                }
            )
    return out


def document_row(doc: Document) -> dict:
    return {
        "doc_id": doc.id,
        "origin": doc.origin,
        "url": doc.url,
        "publisher": publisher(doc.url, doc.publisher),
        "title": doc.title,
        "published": doc.published,
        "text": doc.text,
        "notes": list(doc.notes),
        "facts": len(doc.facts),
    }


def fact_row(f: Fact, seq: int, doc: Document) -> dict:
    """A row of the one fact layout (``factshape.TABLE_COLUMNS``, the export's too): every
    field of ``f`` (so ``load`` can rebuild it exactly), its order, evidence and report; a
    batch has no ledger ids or reviews, so those columns stay empty."""
    start, end = f.evidence
    row: dict[str, Any] = dict.fromkeys(factshape.TABLE_COLUMNS)
    row.update(factshape.record(f))
    row.update(
        doc_id=doc.id,
        seq=seq,
        evidence_text=doc.text[start:end],
        published=doc.published,
        url=doc.url,
        publisher=publisher(doc.url, doc.publisher),
    )
    return row


def fact_from_row(row: dict) -> Fact:
    if "evidence" not in row:  # a part written before the one layout (evidence_start, …)
        row = dict(row)
        row["evidence"] = (row["evidence_start"], row["evidence_end"])
        row["span"] = (row["span_start"], row["span_end"]) if row.get("span_start") is not None else None
    return factshape.from_record(row)


# --- the output directory ------------------------------------------------------------------


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_table(table, path: Path) -> None:
    """Write a pyarrow Table (imported lazily, as everywhere in this module)."""
    import pyarrow.parquet as pq

    pq.write_table(table, path)


def _atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    """Write ``path`` through a temporary file: fsync'd, renamed, its directory fsync'd.
    A reader (or a restart) never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    write(tmp)
    with tmp.open("rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _part_name(n: int) -> str:
    return f"part-{n:05d}"


def committed_parts(out: Path) -> list[dict]:
    """The manifests of the committed parts of ``out``, in part order."""
    mdir = out / MANIFEST_DIR
    if not mdir.is_dir():
        return []
    parts = []
    for p in sorted(mdir.glob("part-*.json")):
        parts.append(json.loads(p.read_text(encoding="utf-8")))
    return parts


def _clean_debris(out: Path, committed: set[str]) -> int:
    """Remove temporary files and part files that no manifest commits; how many."""
    removed = 0
    for sub in ("facts", "documents", MANIFEST_DIR):
        root = out / sub
        if not root.is_dir():
            continue
        for p in root.rglob("*"):
            if not p.is_file():
                continue
            stem = p.name.split(".")[0] if not p.name.startswith(".") else p.name[1:].split(".")[0]
            if p.name.startswith(".") or (sub != MANIFEST_DIR and stem not in committed):
                p.unlink()
                removed += 1
    return removed


def _schemas():
    import pyarrow as pa

    documents = pa.schema(
        [
            ("doc_id", pa.string()), ("origin", pa.string()), ("url", pa.string()), ("publisher", pa.string()),
            ("title", pa.string()),
            ("published", pa.date32()), ("text", pa.string()), ("notes", pa.list_(pa.string())), ("facts", pa.int32()),
        ]
    )  # fmt: skip
    return factshape.arrow_schema(), documents


def _day(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and _ISO_DAY.match(value):
        return value
    return UNKNOWN


def _write_part(out: Path, n: int, results: list[dict], started: float) -> dict:
    """Write and commit part ``n``; returns its manifest."""
    import pyarrow as pa

    fact_schema, doc_schema = _schemas()
    name = _part_name(n)
    by_day_docs: dict[str, list[dict]] = {}
    by_day_facts: dict[str, list[dict]] = {}
    skipped = []
    for r in results:
        if "skipped" in r:
            skipped.append(r["skipped"])
            continue
        d = r["doc"]
        by_day_docs.setdefault(_day(d["published"]), []).append(d)
        for f in r["facts"]:
            by_day_facts.setdefault(
                _day(f["date"]) if _day(f["date"]) != UNKNOWN else _day(f["published"]), []
            ).append(f)
    files = []
    for sub, groups, schema in (("facts", by_day_facts, fact_schema), ("documents", by_day_docs, doc_schema)):
        for day, rows in sorted(groups.items()):
            rel = f"{sub}/{PARTITION}={day}/{name}.parquet"
            table = pa.Table.from_pylist(rows, schema=schema)
            _atomic_write(out / rel, functools.partial(_write_table, table))
            files.append(rel)
    manifest = {
        "part": n,
        "keys": [r["key"] for r in results],
        "files": files,
        "documents": sum(len(v) for v in by_day_docs.values()),
        "facts": sum(len(v) for v in by_day_facts.values()),
        "skipped": skipped,
        "seconds": round(time.monotonic() - started, 3),
    }
    # the commit point: once this rename is durable, the part exists
    _atomic_write(
        out / MANIFEST_DIR / f"{name}.json",
        lambda tmp: tmp.write_text(json.dumps(manifest), encoding="utf-8"),
    )
    return manifest


# --- the job -------------------------------------------------------------------------------


@dataclass
class Summary:
    """What a batch did: this run and, when it resumed, the parts committed before."""

    read: int = 0  # documents that went through the pipeline
    facts: int = 0
    skipped: Counter = field(default_factory=Counter)  # code -> count
    reasons: dict[str, str] = field(default_factory=dict)  # code -> an example reason
    parts: int = 0
    resumed_items: int = 0  # input items already committed by an earlier run
    removed_debris: int = 0
    seconds: float = 0.0

    def add_manifest(self, m: dict) -> None:
        self.read += m["documents"]
        self.facts += m["facts"]
        self.parts += 1
        for s in m["skipped"]:
            self.skipped[s["code"]] += 1
            self.reasons.setdefault(s["code"], s["reason"])

    @property
    def items(self) -> int:
        return self.read + sum(self.skipped.values())

    def lines(self) -> list[str]:
        out = [f"documents read: {self.read}", f"skipped: {sum(self.skipped.values())}"]
        out += [
            f"  {code}: {n} (e.g. {self.reasons.get(code, '')})" for code, n in sorted(self.skipped.items())
        ]
        out += [f"facts: {self.facts}", f"parts: {self.parts}"]
        if self.resumed_items:
            out.append(f"resumed: {self.resumed_items} input items were already committed")
        if self.seconds:
            out.append(
                f"seconds: {self.seconds:.1f} ({self.items / self.seconds:.1f} items/s)"
                if self.seconds
                else ""
            )
        return out


def iter_inputs(paths: Sequence[str | Path], published: date | None = None) -> Iterator[tuple[str, str, Any]]:
    """``(origin, id, item)`` for every input item, in a fixed order: WARC files as
    ``RawPage`` (HTML left for the workers), everything else through ``read_paths``."""
    from .ingest import read_paths
    from .ingest.warc import WARC_SUFFIXES, iter_pages

    for p in paths:
        if str(p).lower().endswith(WARC_SUFFIXES) and Path(p).is_file():
            items: Iterable[Any] = iter_pages(p, published)
        else:
            items = read_paths([p], published=published)
        for item in items:
            yield (item.origin or item.id), item.id, item


def _chunks(
    items: Iterator[tuple[str, str, Any]], done: set[tuple[str, str]], size: int, summary: Summary
) -> Iterator[list]:
    chunk: list = []
    for origin, doc_id, item in items:
        if (origin, doc_id) in done:
            summary.resumed_items += 1
            continue
        chunk.append((origin, doc_id, item))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _local_results(chunks: Iterator[list], workers: int, window: int) -> Iterator[list[dict]]:
    """Chunk results from a process pool, at most ``window`` chunks in flight."""
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    # spawn, not fork: the parent may run threads (rich's refresher) and fork copies locks
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker) as pool:
        pending: set = set()
        try:
            for chunk in chunks:
                pending.add(pool.submit(process_chunk, chunk))
                while len(pending) >= window:
                    finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for fut in finished:
                        yield fut.result()
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in finished:
                    yield fut.result()
        except BrokenProcessPool as exc:
            raise BatchError(f"a worker process died ({exc}); rerun the same command to resume") from None
        finally:
            for fut in pending:
                fut.cancel()


def _ray_results(
    chunks: Iterator[list], workers: int, window: int, address: str | None
) -> Iterator[list[dict]]:
    """Chunk results from Ray tasks, at most ``window`` in flight."""
    try:
        import ray
    except ModuleNotFoundError:
        raise BatchError("--engine ray needs the ray package (pip install ray)") from None
    started_here = not ray.is_initialized()
    if started_here:
        if address:
            ray.init(address=address, log_to_driver=False)
        else:
            ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
    task = ray.remote(process_chunk)
    try:
        pending: list = []
        for chunk in chunks:
            pending.append(task.remote(chunk))
            while len(pending) >= window:
                finished, pending = ray.wait(pending, num_returns=1)
                for ref in finished:
                    yield ray.get(ref)
        while pending:
            finished, pending = ray.wait(pending, num_returns=1)
            for ref in finished:
                yield ray.get(ref)
    finally:
        if started_here:
            ray.shutdown()


def _check_job(out: Path, paths: Sequence[str | Path]) -> None:
    job = {"inputs": [str(Path(p).resolve()) if str(p) != "-" else "-" for p in paths]}
    path = out / JOB_FILE
    if path.exists():
        old = json.loads(path.read_text(encoding="utf-8"))
        if old.get("inputs") != job["inputs"]:
            raise BatchError(
                f"{out} holds the output of another batch (inputs {old.get('inputs')}); use a new --out"
            )
        return
    _atomic_write(path, lambda tmp: tmp.write_text(json.dumps(job), encoding="utf-8"))


def run_batch(
    paths: Sequence[str | Path],
    out: str | Path,
    workers: int = 1,
    engine: str = "local",
    address: str | None = None,
    published: date | None = None,
    part_docs: int = PART_DOCS,
    part_seconds: float = PART_SECONDS,
    chunk: int = CHUNK,
    window: int | None = None,
    on_progress: Callable[[Summary], None] | None = None,
) -> Summary:
    """Extract ``paths`` into Parquet under ``out`` (see the module docstring); resumes a
    job that ``out`` already holds. ``window``: chunks in flight (default 2 per worker)."""
    out = Path(out)
    if engine not in ("local", "ray"):
        raise BatchError(f"unknown engine {engine!r}; expected local or ray")
    try:
        out.mkdir(parents=True, exist_ok=True)
        _check_job(out, paths)
    except OSError as exc:
        raise BatchError(f"cannot write to {out}: {exc.strerror or exc}") from None
    t0 = time.monotonic()
    summary = Summary()
    manifests = committed_parts(out)
    done: set[tuple[str, str]] = set()
    for m in manifests:
        summary.add_manifest(m)
        done.update((k[0], k[1]) for k in m["keys"])
    summary.removed_debris = _clean_debris(out, {_part_name(m["part"]) for m in manifests})
    next_part = max((m["part"] for m in manifests), default=-1) + 1
    workers = max(1, workers)
    window = window or 2 * workers
    chunks = _chunks(iter_inputs(paths, published), done, chunk, summary)
    del done  # the workers' stream holds it; nothing else needs it
    if engine == "ray":
        results = _ray_results(chunks, workers, window, address)
    else:
        results = _local_results(chunks, workers, window)
    buffer: list[dict] = []
    part_start = time.monotonic()
    try:
        for rows in results:
            buffer.extend(rows)
            if len(buffer) >= part_docs or time.monotonic() - part_start >= part_seconds:
                summary.add_manifest(_write_part(out, next_part, buffer, part_start))
                next_part += 1
                buffer = []
                part_start = time.monotonic()
            if on_progress is not None:
                on_progress(summary)
        if buffer:
            summary.add_manifest(_write_part(out, next_part, buffer, part_start))
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()
    summary.seconds = time.monotonic() - t0
    return summary


# --- reading the output back ---------------------------------------------------------------


def iter_output(out: str | Path) -> Iterator[Document]:
    """The documents (with their facts) of a batch's committed parts, one part at a time."""
    import pyarrow.parquet as pq

    out = Path(out)
    for m in committed_parts(out):
        docs: list[dict] = []
        facts: dict[str, list[dict]] = {}
        for rel in m["files"]:
            rows = pq.read_table(out / rel).to_pylist()
            if rel.startswith("documents/"):
                docs.extend(rows)
            else:
                for r in rows:
                    facts.setdefault(r["doc"], []).append(r)
        for d in docs:
            fs = sorted(facts.pop(d["doc_id"], []), key=lambda r: r["seq"])[: d["facts"]]
            yield Document(
                id=d["doc_id"],
                text=d["text"],
                published=d["published"],
                url=d["url"],
                title=d["title"],
                publisher=d.get("publisher"),
                origin=d["origin"],
                notes=tuple(d["notes"] or ()),
                facts=tuple(fact_from_row(r) for r in fs),
            )


__all__ = ["BatchError", "Summary", "committed_parts", "iter_output", "process_chunk", "run_batch"]
