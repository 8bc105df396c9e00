"""The ledger as it grows: ingest cost and GET latency at 10^3 ... 10^6 facts, both backends.

For each size and backend:

1. Builds a ledger of about ``size`` facts from the real text of the dev corpus
   (``../shared/corpus/dev``, extracted once): copy ``k`` of every report gets a new id and
   every date moved ``7 * k`` days later (the facts' dates and the publication date; a
   report without one is dated 2024-01-01 + 7k, so that every copy is a report of its own
   week), stored through the ledger service's batch path (``ledger.store_batch``,
   ``BUILD_BATCH`` reports per transaction with the incremental rebuild of the events they
   touch: the path ``warledger ingest`` takes, in bigger batches, and with each distinct
   report extracted once rather than once per copy). Building is timed but is not the
   measured ingest.
2. Ingests 10 more reports (the next week's copies) with ``warledger ingest DIR --db URL``
   in a child process, timed from start to exit, with the child's peak RSS (``wait4``).
   This is the daily ingest: extraction, storing, and the incremental event rebuild.
3. Starts ``warledger serve --workers W`` on loopback (rate limits off; ``--workers``,
   default 2, this machine's cores; the response cache on unless ``--cache off``),
   has the 8 clients request every route ``--warm`` times untimed (default 4, so that every
   worker has answered each: with the cache, a route's first answer after a write is a
   miss, whose cost step 4 measures) and then runs 8 client threads, each
   with a keep-alive ``httpx.Client``, over every GET route: ``/api/events`` (first page and
   the deepest offset the API takes, 10,000, or the last page of a smaller ledger),
   ``/api/events/{key}``, ``/api/facts`` (the same two), ``/api/documents``,
   ``/api/documents/{id}``, the last pages by keyset (``after``), ``/api/timeseries``, ``/api/regions``
   (unfiltered and a one-year range), ``/api/health``; prints p50 / p99 per route
   (``--clients 1``: each route's own time, without the others queued in front of it),
   and the share of answers the cache gave (``X-Cache: hit``).
4. With the cache on, serves the ledger again with it off and one client (``--miss-rounds``
   requests per route): what each route costs when its answer is not kept, as the first
   request after a write finds it.

Then growth ratios between consecutive sizes. Nothing is asserted (machines are noisy).

    .venv/bin/python benchmarks/ledger_scale.py --sizes 1000 10000 100000 1000000 [--pg-url URL]
        [--workers 2] [--cache on|off] [--clients 8] [--json]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from warledger import ledger
from warledger.api import extract_paths
from warledger.model import Document, Skipped
from warledger.store import Query, open_store
from warledger.store.sql import temporary_schema

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "dev"
PG_ENVS = ("WARLEDGER_BENCH_PG_URL", "WARLEDGER_TEST_PG_URL")
BASE_DAY = date(2024, 1, 1)  # publication date of copies of undated reports, before shifting
CLIENTS = 8
BUILD_BATCH = 2500
WORKERS = 2
WARM = 4


def sources() -> list[Document]:
    docs = [d for d in extract_paths([str(CORPUS)]) if not isinstance(d, Skipped)]
    if not docs:
        raise SystemExit(f"error: no reports in {CORPUS}")
    return docs


def _shift(day: str | None, delta: timedelta) -> str | None:
    if not day:
        return day
    return (date.fromisoformat(day[:10]) + delta).isoformat() + day[10:]


def copy(doc: Document, k: int) -> Document:
    """Copy ``k`` of ``doc``: its own id, every date ``7 * k`` days later."""
    delta = timedelta(days=7 * k)
    new_id = f"{doc.id}~w{k}"
    facts = tuple(dataclasses.replace(f, doc=new_id, date=_shift(f.date, delta)) for f in doc.facts)
    return dataclasses.replace(doc, id=new_id, published=(doc.published or BASE_DAY) + delta, facts=facts)


def copies(src: list[Document], start: int, n_facts: int) -> Iterator[Document]:
    k, total = start, 0
    while total < n_facts:
        for d in src:
            yield copy(d, k)
            total += len(d.facts)
        k += 1


def build(url: str, src: list[Document], n_facts: int) -> dict[str, Any]:
    """Fill the empty store at ``url`` with about ``n_facts`` facts, then rebuild its events."""
    t0 = time.perf_counter()
    docs = 0
    with open_store(url) as store:
        batch: list[Document] = []
        for d in copies(src, 0, n_facts):
            batch.append(d)
            docs += 1
            if len(batch) >= BUILD_BATCH:
                ledger.store_batch(store, batch)
                batch = []
        if batch:
            ledger.store_batch(store, batch)
        events = store.events(Query(limit=1)).total
        facts = store.facts(Query(limit=1)).total
        if store.backend == "sqlite":
            # the bulk build's write-ahead log goes into the file now, not in the measured ingest
            with store.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            with store.engine.connect() as conn:  # statistics for the planner, as autovacuum would
                conn.exec_driver_sql("ANALYZE")
                conn.commit()
    return {"docs": docs, "facts": facts, "events": events, "build_s": time.perf_counter() - t0}


def ingest_ten(url: str, src: list[Document], week: int, tmp: Path) -> dict[str, Any]:
    """``warledger ingest`` of 10 reports of a new week in a child: seconds and peak RSS."""
    folder = tmp / f"week{week}"
    folder.mkdir()
    rows = ["file\tpublished"]
    for d in src[:10]:
        name = f"{d.id}~w{week}.txt"
        (folder / name).write_text(d.text, encoding="utf-8")
        rows.append(f"{name}\t{((d.published or BASE_DAY) + timedelta(days=7 * week)).isoformat()}")
    (folder / "SOURCES.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    cmd = [
        sys.executable,
        "-c",
        "import sys; from warledger.cli import main; sys.exit(main())",
        "ingest",
        str(folder),
        "--db",
        url,
    ]
    # Through /usr/bin/time, a small process: Linux counts the memory a child shares with
    # its parent between fork and exec in its peak RSS, and this parent holds the corpus.
    timer = ["/usr/bin/time", "-f", "WLMAXRSS %M"] if Path("/usr/bin/time").exists() else []
    t0 = time.perf_counter()
    proc = subprocess.run([*timer, *cmd], capture_output=True)
    seconds = time.perf_counter() - t0
    out, err = proc.stdout.decode(errors="replace"), proc.stderr.decode(errors="replace")
    if proc.returncode != 0:
        raise SystemExit(f"error: ingest failed: {out[-500:]} {err[-1000:]}")
    rss = [line.split()[1] for line in err.splitlines() if line.startswith("WLMAXRSS ")]
    return {"ingest10_s": seconds, "ingest10_rss_mb": int(rss[-1]) / 1024 if rss else float("nan")}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(url: str, workers: int = WORKERS, cache: str = "on") -> tuple[subprocess.Popen, str]:
    import httpx

    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "WARLEDGER_TOKEN"}
    env["WARLEDGER_RATE"] = env["WARLEDGER_WRITE_RATE"] = "off"  # measure the server, not its limiter
    env["WARLEDGER_CACHE"] = cache
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "warledger.cli",
            "serve",
            "--db",
            url,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(
                f"error: the server exited: {(proc.stderr.read() if proc.stderr else b'').decode()[-2000:]}"
            )
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("error: the server did not answer within 60 s")


def routes(base: str, url: str) -> dict[str, str]:
    """The GET routes measured. The API takes offsets up to ``MAX_DEEP_OFFSET`` on events and
    facts (deeper pages by keyset), so "deep" offsets are the deepest it takes, or the last
    page of a smaller ledger; the keyset pages are the ledger's last, their cursors read from
    the store (whose offsets are not capped)."""
    import httpx

    from warledger.webapi.query import MAX_DEEP_OFFSET

    def get(url: str, **kw: Any) -> httpx.Response:
        # the first deep offsets of a big ledger read it from disk: seconds, not the default 5
        return httpx.get(url, timeout=300, **kw)

    ev = get(base + "/api/events", params={"limit": 1}).json()
    docs = get(base + "/api/documents", params={"limit": 1}).json()
    facts = get(base + "/api/facts", params={"limit": 1}).json()
    key = ev["items"][0]["key"]
    doc = docs["items"][0]["doc_id"]
    # cursors for the last pages, by keyset
    with open_store(url) as store:
        ev_cursor = store.events(Query(limit=1, offset=max(0, ev["total"] - 61))).items[0].key
        fact_cursor = store.facts(Query(limit=1, offset=max(0, facts["total"] - 61))).items[0].id
    return {
        "events": "/api/events",
        "events deep": f"/api/events?offset={min(MAX_DEEP_OFFSET, max(0, ev['total'] - 60))}",
        "events deep, keyset": f"/api/events?after={ev_cursor}",
        "event detail": f"/api/events/{key}",
        "facts": "/api/facts",
        "facts deep": f"/api/facts?offset={min(MAX_DEEP_OFFSET, max(0, facts['total'] - 60))}",
        "facts deep, keyset": f"/api/facts?after={fact_cursor}",
        "documents": "/api/documents",
        "document": f"/api/documents/{doc}",
        "timeseries": "/api/timeseries",
        "timeseries 1y": "/api/timeseries?date_from=2025-01-01&date_to=2025-12-31",
        "regions": "/api/regions",
        "regions 1y": "/api/regions?date_from=2025-01-01&date_to=2025-12-31",
        "health": "/api/health",
    }


def latencies(
    base: str, paths: dict[str, str], rounds: int, clients: int = CLIENTS
) -> dict[str, dict[str, float]]:
    """Each of ``clients`` threads requests every route ``rounds`` times (in a rotated order)."""
    import httpx

    times: dict[str, list[float]] = {name: [] for name in paths}
    hits: dict[str, int] = dict.fromkeys(paths, 0)
    errors: list[str] = []
    lock = threading.Lock()
    names = list(paths)

    def worker(n: int) -> None:
        with httpx.Client(base_url=base, timeout=300) as client:
            for r in range(rounds):
                for i in range(len(names)):
                    name = names[(i + n + r) % len(names)]
                    t0 = time.perf_counter()
                    resp = client.get(paths[name])
                    dt = time.perf_counter() - t0
                    with lock:
                        times[name].append(dt)
                        hits[name] += resp.headers.get("x-cache") == "hit"
                        if resp.status_code != 200:
                            errors.append(f"{name}: {resp.status_code}")

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise SystemExit(f"error: {len(errors)} failed requests, e.g. {errors[:3]}")
    out = {}
    for name, ts in times.items():
        ts.sort()
        out[name] = {
            "p50_ms": 1000 * ts[len(ts) // 2],
            "p99_ms": 1000 * ts[min(len(ts) - 1, int(len(ts) * 0.99))],
            "hit": hits[name] / len(ts),
        }
    return out


def warm_up(base: str, paths: dict[str, str], times: int, clients: int = CLIENTS) -> None:
    """Untimed: each of ``clients`` connections requests every route ``times`` times, as the
    timed run will (a worker answers the connections it accepted, so one connection would
    warm one worker)."""
    if times > 0:
        latencies(base, paths, times, clients)


def measure(
    url: str, src: list[Document], size: int, rounds: int, tmp: Path, opts: argparse.Namespace
) -> dict[str, Any]:
    result = build(url, src, size)
    weeks = result["docs"] // len(src) + 1
    result.update(ingest_ten(url, src, weeks + 1, tmp))
    proc, base = serve(url, opts.workers, opts.cache)
    try:
        paths = routes(base, url)
        warm_up(base, paths, opts.warm, opts.clients)
        result["routes"] = latencies(base, paths, rounds, opts.clients)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    if opts.miss_rounds and opts.cache == "on":
        # what a miss costs: the same routes with the cache off, one client (each route's own time)
        proc, base = serve(url, 1, "off")
        try:
            warm_up(base, paths, 1, 1)
            result["miss"] = latencies(base, paths, opts.miss_rounds, 1)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return result


def table(results: dict[str, dict[int, dict[str, Any]]]) -> str:
    lines = []
    for backend, by_size in results.items():
        sizes = sorted(by_size)
        names = list(by_size[sizes[0]]["routes"])
        lines.append(f"\n{backend}")
        lines.append("| | " + " | ".join(f"{by_size[s]['facts']:,} facts" for s in sizes) + " |")
        lines.append("|---" * (len(sizes) + 1) + "|")
        lines.append(
            "| reports / events | "
            + " | ".join(f"{by_size[s]['docs']:,} / {by_size[s]['events']:,}" for s in sizes)
            + " |"
        )
        lines.append(
            "| ingest 10 reports (s) | " + " | ".join(f"{by_size[s]['ingest10_s']:.2f}" for s in sizes) + " |"
        )
        lines.append(
            "| its peak RSS (MB) | "
            + " | ".join(f"{by_size[s]['ingest10_rss_mb']:.0f}" for s in sizes)
            + " |"
        )
        for name in names:
            cells = [
                f"{by_size[s]['routes'][name]['p50_ms']:.1f} / {by_size[s]['routes'][name]['p99_ms']:.1f}"
                for s in sizes
            ]
            lines.append(f"| `{name}` p50 / p99 (ms) | " + " | ".join(cells) + " |")
        if all("miss" in by_size[s] for s in sizes):
            for name in names:
                cells = [
                    f"{by_size[s]['miss'][name]['p50_ms']:.1f} / {by_size[s]['miss'][name]['p99_ms']:.1f}"
                    for s in sizes
                ]
                lines.append(f"| `{name}` uncached, 1 client, p50 / p99 (ms) | " + " | ".join(cells) + " |")
        lines.append(
            "| answered from the cache | "
            + " | ".join(
                f"{100 * sum(r['hit'] for r in by_size[s]['routes'].values()) / len(names):.0f}%"
                for s in sizes
            )
            + " |"
        )
        lines.append("| build (s) | " + " | ".join(f"{by_size[s]['build_s']:.0f}" for s in sizes) + " |")
        for a, b in zip(sizes, sizes[1:], strict=False):
            ra, rb = by_size[a], by_size[b]
            worst = max(rb["routes"][n]["p99_ms"] / max(ra["routes"][n]["p99_ms"], 1e-9) for n in names)
            lines.append(
                f"growth {ra['facts']:,} -> {rb['facts']:,} facts (x{rb['facts'] / ra['facts']:.1f}): ingest time "
                f"x{rb['ingest10_s'] / ra['ingest10_s']:.2f}, peak RSS x{rb['ingest10_rss_mb'] / ra['ingest10_rss_mb']:.2f}, "
                f"worst route p99 x{worst:.2f}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000], help="facts per ledger")
    ap.add_argument("--rounds", type=int, default=10, help="requests per route per client (default 10)")
    ap.add_argument("--pg-url", default=None, help=f"PostgreSQL URL (default ${PG_ENVS[0]} or ${PG_ENVS[1]})")
    ap.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    ap.add_argument("--clients", type=int, default=CLIENTS, help=f"concurrent clients (default {CLIENTS})")
    ap.add_argument("--workers", type=int, default=WORKERS, help=f"server processes (default {WORKERS})")
    ap.add_argument("--cache", choices=("on", "off"), default="on", help="the server's response cache")
    ap.add_argument(
        "--miss-rounds",
        type=int,
        default=3,
        help="then, with the cache off and one client, requests per route: what a miss costs (0: skip)",
    )
    ap.add_argument(
        "--warm", type=int, default=WARM, help=f"untimed requests per route first (default {WARM})"
    )
    ap.add_argument("--json", action="store_true")
    ap.add_argument(
        "--save", type=Path, metavar="JSON", help="also write the results so far to this file after each size"
    )
    ap.add_argument(
        "--table",
        nargs="+",
        type=Path,
        metavar="JSON",
        help="print the table of results saved with --json (several files: their backends together) and exit",
    )
    args = ap.parse_args(argv)
    if args.table:
        saved: dict[str, dict[int, dict[str, Any]]] = {}
        for path in args.table:
            for backend, by_size in json.loads(path.read_text(encoding="utf-8")).items():
                saved.setdefault(backend, {}).update({int(k): v for k, v in by_size.items()})
        print(table(saved))
        return 0
    src = sources()
    pg = args.pg_url or next((os.environ[e] for e in PG_ENVS if os.environ.get(e)), None)
    results: dict[str, dict[int, dict[str, Any]]] = {}
    for backend in args.backends:
        if backend == "postgresql" and not pg:
            print("postgresql: skipped (no --pg-url)", file=sys.stderr)
            continue
        results[backend] = {}
        for size in args.sizes:
            with tempfile.TemporaryDirectory(prefix="wl-scale-") as d:
                tmp = Path(d)
                if backend == "sqlite":
                    r = measure(f"sqlite:///{tmp / 'ledger.db'}", src, size, args.rounds, tmp, args)
                else:
                    with temporary_schema(pg, prefix="wl_scale") as url:
                        r = measure(url, src, size, args.rounds, tmp, args)
            results[backend][size] = r
            if args.save:
                args.save.write_text(json.dumps(results, indent=2), encoding="utf-8")
            print(
                f"{backend} {size}: {r['facts']} facts, {r['docs']} reports, build {r['build_s']:.1f} s, "
                f"ingest 10: {r['ingest10_s']:.2f} s {r['ingest10_rss_mb']:.0f} MB",
                file=sys.stderr,
                flush=True,
            )
    print(json.dumps(results, indent=2) if args.json else table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
