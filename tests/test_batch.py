"""`warledger batch` / `load`: WARC crawls in parallel into Parquet, resumable, into the ledger.

Crawls are built in tmp by ``benchmarks/make_crawl.py`` from the dev corpus.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from warledger.api import extract_paths
from warledger.batch import committed_parts, iter_output, run_batch
from warledger.cli import main
from warledger.ingest import read_paths
from warledger.ingest.prefilter import prefilter
from warledger.model import Document, Skipped

from conftest import CORPUS, REPO, needs_corpus

sys.path.insert(0, str(REPO / "benchmarks"))
import make_crawl  # noqa: E402

pytestmark = needs_corpus


def _facts(docs) -> list[str]:
    return sorted(
        json.dumps(f.to_json(), sort_keys=True) for d in docs if isinstance(d, Document) for f in d.facts
    )


@pytest.fixture(scope="module")
def crawl(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("crawl") / "crawl.warc.gz"
    make_crawl.write_crawl(path, 120, CORPUS)
    return path


@pytest.fixture(scope="module")
def batch_out(crawl, tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("out")
    summary = run_batch([crawl], out, workers=2, part_docs=25)
    return out, summary


def test_batch_facts_equal_extract(crawl, batch_out):
    out, summary = batch_out
    expected = _facts(extract_paths([crawl]))
    assert expected
    assert _facts(iter_output(out)) == expected
    assert summary.facts == len(expected)
    assert summary.parts == len(committed_parts(out)) >= 2
    # partitioned by date, every file listed by a manifest
    files = {str(p.relative_to(out)) for p in out.rglob("*.parquet")}
    assert files == {f for m in committed_parts(out) for f in m["files"]}
    assert any(f.startswith("facts/day=20") for f in files) and any(
        f.startswith("documents/day=") for f in files
    )


@pytest.mark.issue(10)
def test_batch_output_reads_whole_with_pyarrow(batch_out):
    """``pd.read_parquet("out/facts")`` and ``pyarrow.dataset`` read the whole tree: the
    partition key (``day``) is no column's name, and each fact carries its report's URL,
    publisher and publication date."""
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    out, summary = batch_out
    whole = pq.read_table(out / "facts")  # what pandas.read_parquet does with a directory
    assert whole.num_rows == summary.facts
    assert {"date", "day", "url", "publisher", "published"} <= set(whole.schema.names)
    hive = ds.dataset(out / "facts", partitioning="hive").to_table()
    assert hive.num_rows == summary.facts
    docs = pq.read_table(out / "documents")
    assert docs.num_rows == summary.read and "publisher" in docs.schema.names
    rows = whole.select(["url", "publisher", "published", "date", "day"]).to_pylist()
    assert all(r["url"] and r["url"].startswith("http") for r in rows)  # every crawl page has its address
    assert {r["publisher"] for r in rows} == {"news.example.org"}  # an unlisted outlet: its host
    assert all(str(r["day"]) == (r["date"] or str(r["published"])) for r in rows)


def test_broken_records_skipped_with_reasons(tmp_path):
    path = tmp_path / "cut.warc.gz"
    stats = make_crawl.write_crawl(path, 80, CORPUS)
    assert stats.binary and stats.truncated
    make_crawl.truncate(path, 0.8)
    summary = run_batch([path], tmp_path / "out", workers=1, part_docs=1000)
    assert summary.skipped["W011"] >= 1  # binary payloads (image/jpeg, and "text/html" that is binary)
    assert summary.skipped["W016"] == 1  # the record cut short of its Content-Length
    assert summary.skipped["W001"] == 1  # the truncated gzip stream
    assert "truncated" in summary.reasons["W001"]
    assert summary.read > 30 and summary.facts > 0
    # and the plain reader agrees: nothing raises, the same breakages come out as Skipped
    codes = Counter(i.code for i in read_paths([path]) if isinstance(i, Skipped))
    assert codes["W011"] == summary.skipped["W011"] and codes["W001"] == 1


def test_prefilter_skips_non_english_and_off_topic(batch_out):
    _out, summary = batch_out
    assert summary.skipped["W017"] >= 1 and summary.skipped["W018"] >= 1
    foreign = Document(id="fr", text=make_crawl.NON_ENGLISH["fr"] * 3)
    title, text = make_crawl.OFF_TOPIC[0]
    sport = Document(id="sport", text=text, title=title)
    assert prefilter(foreign).code == "W017"
    # a language a pack reads (Ukrainian, issue 11) is left to the pipeline
    ukrainian = Document(id="uk", text=make_crawl.NON_ENGLISH["uk"] * 3)
    assert prefilter(ukrainian) is ukrainian
    assert prefilter(sport).code == "W018"
    report = next(read_paths([CORPUS / "002-voa-23-shaheds-kherson-shelling.txt"]))
    assert prefilter(report) is report


def test_kill9_then_resume_writes_every_fact_once(crawl, batch_out, tmp_path):
    out = tmp_path / "out"
    cmd = [
        sys.executable,
        "-m",
        "warledger.cli",
        "batch",
        str(crawl),
        "--out",
        str(out),
        "--workers",
        "1",
        "--part-size",
        "6",
    ]
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 60
        while len(list((out / "_parts").glob("part-*.json"))) < 3:
            assert proc.poll() is None, "batch finished before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the parent and its workers, mid-run
        proc.wait()
    before = len(committed_parts(out))
    assert 3 <= before < 20
    rc = main(["batch", str(crawl), "--out", str(out), "--workers", "1", "--part-size", "6"])
    assert rc == 0
    parts = committed_parts(out)
    keys = [tuple(k) for m in parts for k in m["keys"]]
    assert len(keys) == len(set(keys))  # no input item committed twice
    full_out, _summary = batch_out
    assert _facts(iter_output(out)) == _facts(iter_output(full_out))
    assert not [p for p in out.rglob(".*")]  # no temporary debris left


def test_load_equals_ingest(crawl, batch_out, tmp_path, capsys):
    from warledger.store import Query, open_store

    out, _summary = batch_out
    a, b = tmp_path / "ingest.db", tmp_path / "load.db"
    assert main(["ingest", str(crawl), "--db", str(a)]) == 0
    assert main(["load", str(out), "--db", str(b)]) == 0

    def rows(db: Path) -> tuple[list, int]:
        with open_store(str(db)) as store:
            facts = store.facts(Query(limit=100_000)).items
            events = store.events(Query(limit=0)).total
        return sorted(
            json.dumps([f.doc_id, f.fact.to_json(), f.fact.span, f.fact.role], sort_keys=True) for f in facts
        ), events

    fa, ea = rows(a)
    fb, eb = rows(b)
    assert fa and fa == fb
    assert ea == eb


@pytest.mark.timeout(240)
def test_ray_engine_gives_the_same_facts_as_local(crawl, batch_out, tmp_path):
    """The same job on a local Ray instance started here (``--engine ray`` without --address)."""
    try:
        import ray  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("CI must run the Ray engine: install the [ray] extra")
        pytest.skip("ray is not installed (pip install '.[ray]')")
    out, _ = batch_out
    ray_out = tmp_path / "ray-out"
    summary = run_batch([crawl], ray_out, workers=2, engine="ray", part_docs=25)
    assert summary.facts > 0
    assert _facts(iter_output(ray_out)) == _facts(iter_output(out))
