"""Batch scaling: documents/s of `warledger batch` for 1 and 2 workers (and Ray), and memory.

Builds a synthetic crawl (``make_crawl.write_crawl``, ``--records`` responses) in a
temporary directory and runs ``warledger.batch.run_batch`` over the same file with 1
worker, with 2 workers, and with ``--engine ray`` on 2 when ``ray`` is installed; each
run writes to a fresh output directory. Speed is input items (documents + skipped) per
second of wall time, worker start-up included; the speed-up is 2 workers over 1.

Memory: the same 2-worker job on the crawl and on a crawl ``--scale`` (10) times larger;
peak RSS of the parent plus its workers (psutil, sampled every 50 ms in a thread), and
the parent's peak Python allocations (tracemalloc). Flat means the 10x peak is within
20% of the 1x peak. Nothing is asserted: timings on shared machines are noisy.

    .venv/bin/python benchmarks/scale.py                 # 1000 records, 10x = 10000
    .venv/bin/python benchmarks/scale.py --records 300 --json
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_crawl  # noqa: E402

from warledger.batch import run_batch  # noqa: E402


class RssSampler:
    """Peak RSS of this process and its children, sampled in a background thread."""

    def __init__(self, interval: float = 0.05):
        import psutil

        self.proc = psutil.Process()
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            total = 0
            try:
                total = self.proc.memory_info().rss
                for child in self.proc.children(recursive=True):
                    try:
                        total += child.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                pass
            self.peak = max(self.peak, total)
            time.sleep(self.interval)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def timed(crawl: Path, out: Path, workers: int, engine: str = "local") -> dict:
    t0 = time.perf_counter()
    s = run_batch([crawl], out, workers=workers, engine=engine)
    dt = time.perf_counter() - t0
    return {"workers": workers, "engine": engine, "items": s.items, "documents": s.read, "facts": s.facts,
            "seconds": round(dt, 2), "items_per_s": round(s.items / dt, 1)}  # fmt: skip


def memory(crawl: Path, out: Path, workers: int) -> dict:
    tracemalloc.start()
    with RssSampler() as rss:
        s = run_batch([crawl], out, workers=workers)
    _cur, py_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "items": s.items,
        "rss_peak_mb": round(rss.peak / 2**20, 1),
        "parent_py_peak_mb": round(py_peak / 2**20, 2),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=1000)
    ap.add_argument(
        "--scale", type=int, default=10, help="the memory check's large crawl is this many times bigger"
    )
    ap.add_argument("--skip-ray", action="store_true")
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    res: dict = {"records": args.records}
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        crawl = d / "crawl.warc.gz"
        make_crawl.write_crawl(crawl, args.records)
        runs = [timed(crawl, d / "w1", 1), timed(crawl, d / "w2", 2)]
        if not args.skip_ray:
            try:
                import ray  # noqa: F401

                runs.append(timed(crawl, d / "ray2", 2, "ray"))
            except ModuleNotFoundError:
                res["ray"] = "not installed"
        res["runs"] = runs
        res["speedup_2_over_1"] = round(runs[1]["items_per_s"] / runs[0]["items_per_s"], 2)
        if not args.skip_memory:
            big = d / "big.warc.gz"
            make_crawl.write_crawl(big, args.records * args.scale)
            small_m = memory(crawl, d / "m1", 2)
            big_m = memory(big, d / "m10", 2)
            res["memory"] = {"1x": small_m, f"{args.scale}x": big_m,
                             "rss_ratio": round(big_m["rss_peak_mb"] / small_m["rss_peak_mb"], 2),
                             "flat_within_20pct": big_m["rss_peak_mb"] <= 1.2 * small_m["rss_peak_mb"]}  # fmt: skip
    if args.json:
        print(json.dumps(res, indent=2))
        return
    print(f"crawl: {args.records} response records")
    for r in res["runs"]:
        print(
            f"  {r['engine']:5} workers={r['workers']}: {r['items_per_s']:8.1f} items/s ({r['documents']} documents, {r['items']} items, {r['seconds']} s)"
        )
    if "ray" in res:
        print(f"  ray: {res['ray']}")
    print(f"speed-up, 2 workers over 1: {res['speedup_2_over_1']}x")
    if "memory" in res:
        m = res["memory"]
        for k in ("1x", f"{args.scale}x"):
            print(
                f"memory {k}: peak RSS (parent + workers) {m[k]['rss_peak_mb']} MB, parent Python peak {m[k]['parent_py_peak_mb']} MB ({m[k]['items']} items)"
            )
        print(f"RSS ratio {args.scale}x/1x: {m['rss_ratio']} (flat within 20%: {m['flat_within_20pct']})")


if __name__ == "__main__":
    main()
