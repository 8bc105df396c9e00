"""Latency of the HTTP API under concurrent load: ``GET /api/events`` over a SQLite ledger.

What it does, in one process and on loopback only:

1. Builds a SQLite ledger in a temporary directory from ``--reports`` synthetic reports
   (default 400, from a few sentence templates over eight cities and ~270 days) through
   the real pipeline, store and reconciler, which gives a few hundred events.
2. Starts ``warledger serve`` (uvicorn on ``create_app``) in a child process, bound to
   127.0.0.1 on a free port, read-only (no token), and waits for ``/api/health``.
3. Runs ``--clients`` threads (default 8), each with its own keep-alive ``httpx.Client``,
   until ``--requests`` requests (default 2,000) are done or ``--seconds`` (default 30) have
   passed, cycling through unfiltered, filtered and paged ``GET /api/events`` queries.
4. Prints p50 / p90 / p99 / max latency, requests/s and the count of non-200 answers, then
   stops the server (SIGTERM) and removes the ledger.

Timing is never asserted (machines are noisy); the exit status is 1 only if a request failed.

    .venv/bin/python benchmarks/api_latency.py
    .venv/bin/python benchmarks/api_latency.py --clients 16 --requests 5000 --json
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

# (region name as a report writes it, ISO code) for the synthetic reports
CITIES = [
    ("Kharkiv", "UA-63"), ("Odesa", "UA-51"), ("Dnipro", "UA-12"), ("Zaporizhzhia", "UA-23"),
    ("Sumy", "UA-59"), ("Mykolaiv", "UA-48"), ("Lviv", "UA-46"), ("Kyiv", "UA-30"),
]  # fmt: skip
TEMPLATES = [
    "Russia launched {n} drones overnight, the air force said. Air defences shot down {m} drones. "
    "In {city}, {k} people were injured, the mayor said.",
    "Russia launched {n} missiles at {city} overnight, the air force said. "
    "{k} people were killed in {city}, the regional governor said.",
    "Russian drones attacked {city} overnight. {k} people were injured and {j} killed, officials said.",
]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine"]


def build_ledger(path: Path, reports: int) -> int:
    """Fill a SQLite ledger at ``path`` with synthetic reports; returns the number of events."""
    from warledger.api import extract_text
    from warledger.reconcile.across import build_events
    from warledger.store import open_store

    store = open_store(f"sqlite:///{path}")
    start = date(2025, 1, 1)
    try:
        for i in range(reports):
            city, _ = CITIES[i % len(CITIES)]
            # three reports every two days: most days one event, some days two reports of one
            day = start + timedelta(days=i * 2 // 3)
            text = TEMPLATES[i % len(TEMPLATES)].format(
                n=20 + i % 300,
                m=15 + i % 250,
                k=NUMBERS[i % len(NUMBERS)].capitalize(),
                j=NUMBERS[(i + 3) % 8],
                city=city,
            )
            store.add(extract_text(text, doc_id=f"bench-{i:05d}", published=day.isoformat()))
        events = build_events(store.claims())
        store.replace_events(events)
        return len(events)
    finally:
        store.close()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free now (the server binds it a moment later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path) -> tuple[subprocess.Popen, str]:
    """`warledger serve` on 127.0.0.1 in a child process, once it answers /api/health.

    A process of its own, so the load loop's client threads do not compete with the server
    for the interpreter lock and the figures are the server's.
    """
    import httpx

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [
        sys.executable,
        "-m",
        "warledger.cli",
        "serve",
        "--db",
        f"sqlite:///{db}",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    env = {k: v for k, v in os.environ.items() if k != "WARLEDGER_TOKEN"}  # a read-only server
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"the server exited: {proc.stderr.read().decode(errors='replace')[-2000:] if proc.stderr else ''}"
            )
        try:
            if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    stop_server(proc)
    raise RuntimeError("the server did not answer within 60 s")


def stop_server(proc: subprocess.Popen) -> None:
    """SIGTERM (uvicorn shuts down cleanly on it), then SIGKILL if it lingers."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def load(base: str, clients: int, requests: int, seconds: float) -> dict:
    """Run the load loop; returns latencies (seconds), wall time and failures."""
    import httpx

    paths = [
        "/api/events",
        "/api/events?limit=20",
        "/api/events?region=UA-63",
        "/api/events?date_from=2025-02-01&date_to=2025-03-31",
        "/api/events?limit=100&offset=50",
        "/api/events?measure=killed&country=UA",
    ]
    counter = itertools.count()
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def worker() -> None:
        mine: list[float] = []
        with httpx.Client(base_url=base, timeout=30) as client:
            while time.monotonic() < stop_at:
                i = next(counter)
                if i >= requests:
                    break
                path = paths[i % len(paths)]
                t0 = time.perf_counter()
                try:
                    r = client.get(path)
                    ok = r.status_code == 200
                    why = f"{path}: HTTP {r.status_code}"
                except httpx.HTTPError as exc:
                    ok, why = False, f"{path}: {type(exc).__name__}"
                mine.append(time.perf_counter() - t0)
                if not ok:
                    with lock:
                        failures.append(why)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"latencies": latencies, "wall": time.perf_counter() - t0, "failures": failures}


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, round(p / 100 * (len(sorted_values) - 1))))
    return sorted_values[k]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=400, help="synthetic reports in the ledger (default 400)")
    ap.add_argument("--clients", type=int, default=8, help="concurrent client threads (default 8)")
    ap.add_argument("--requests", type=int, default=2000, help="requests in all (default 2000)")
    ap.add_argument(
        "--seconds", type=float, default=30.0, help="stop after this long in any case (default 30)"
    )
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="warledger-bench-") as tmp:
        db = Path(tmp) / "ledger.db"
        t0 = time.perf_counter()
        n_events = build_ledger(db, args.reports)
        build_s = time.perf_counter() - t0
        proc, base = start_server(db)
        try:
            result = load(base, args.clients, args.requests, args.seconds)
        finally:
            stop_server(proc)

    lat = sorted(result["latencies"])
    ms = [x * 1000 for x in lat]
    out = {
        "reports": args.reports,
        "events": n_events,
        "build_seconds": round(build_s, 2),
        "clients": args.clients,
        "requests": len(lat),
        "failed": len(result["failures"]),
        "seconds": round(result["wall"], 3),
        "requests_per_second": round(len(lat) / result["wall"], 1) if result["wall"] else None,
        "p50_ms": round(percentile(ms, 50), 2),
        "p90_ms": round(percentile(ms, 90), 2),
        "p99_ms": round(percentile(ms, 99), 2),
        "max_ms": round(ms[-1], 2) if ms else None,
        "mean_ms": round(statistics.fmean(ms), 2) if ms else None,
    }
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print(f"ledger: {args.reports} reports -> {n_events} events (built in {build_s:.1f}s)")
        print(f"GET /api/events: {out['requests']} requests, {args.clients} clients, {out['seconds']}s")
        print(f"  {out['requests_per_second']} requests/s")
        print(
            f"  latency p50 {out['p50_ms']} ms, p90 {out['p90_ms']} ms, p99 {out['p99_ms']} ms, max {out['max_ms']} ms"
        )
        print(f"  failed: {out['failed']}")
    for why in result["failures"][:5]:
        print(f"  failure: {why}", file=sys.stderr)
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
