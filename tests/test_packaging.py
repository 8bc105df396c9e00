"""Packaging and failure at the edges (issue 10): what a plain install needs, and what a
broken one does.

A package that cannot be imported (lxml without ``lxml_html_clean`` once made
``import trafilatura`` fail) must cost only the documents that need it, each skipped with
W101 and the reason, never a traceback or a dead batch. ``scripts/ci-install-check.sh``
(run by ``.ci/run``) checks a real no-extras install; these tests pin the mechanism.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest

from warledger import batch
from warledger.cli import main
from warledger.ingest import read_paths
from warledger.ingest.warc import RawPage
from warledger.model import Document, Skipped
from warledger.pipeline import Pipeline

from conftest import REPO

pytestmark = pytest.mark.issue(10)

HTML_SAMPLE = REPO / "samples" / "2025-04-24-kyiv-ballistic.html"
TEXT_SAMPLE = REPO / "samples" / "2025-07-09-lutsk-728-drones.txt"
SKIP_LINE = re.compile(r"^skipped (?P<origin>.+): \[(?P<code>W\d{3})\] (?P<reason>\S.*)$")


@pytest.fixture
def no_trafilatura(monkeypatch):
    """``import trafilatura`` fails as it does in a broken install (None in sys.modules
    makes the import statement raise ImportError)."""
    for name in list(sys.modules):
        if name == "trafilatura" or name.startswith("trafilatura."):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "trafilatura", None)


def test_runtime_dependencies_include_the_html_cleaner():
    deps = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    names = {re.split(r"[<>=\[ ;]", d, maxsplit=1)[0].lower().replace("-", "_") for d in deps}
    assert "trafilatura" in names
    assert "lxml_html_clean" in names or any(d.replace(" ", "").startswith("lxml[html_clean") for d in deps)


def test_ci_runs_a_no_extras_install_check():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/ci-install-check.sh" in ci
    script = (REPO / "scripts" / "ci-install-check.sh").read_text(encoding="utf-8")
    assert 'pip" install -q .\n' in script  # no extras
    assert "extract samples/2025-04-24-kyiv-ballistic.html" in script and " batch " in script


def test_extract_html_without_its_reader_is_a_w101_skip(capsys, no_trafilatura):
    code = main(["extract", str(HTML_SAMPLE), str(TEXT_SAMPLE), "--format", "facts"])
    out, err = capsys.readouterr()
    assert code == 0  # the text report was still read
    assert out.strip(), "the plain-text report's facts are still written"
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    m = SKIP_LINE.match(lines[0])
    assert m and m["code"] == "W101" and m["origin"] == str(HTML_SAMPLE)
    assert "trafilatura" in m["reason"] and "Traceback" not in err


def test_only_html_unreadable_exits_1_without_traceback(capsys, no_trafilatura):
    code = main(["extract", str(HTML_SAMPLE)])
    _, err = capsys.readouterr()
    assert code == 1
    assert "[W101]" in err and "Traceback" not in err


def test_jsonl_html_record_without_its_reader_is_a_w101_skip(tmp_path, no_trafilatura):
    path = tmp_path / "batch.jsonl"
    path.write_text(
        '{"id": "h", "html": "<html><body><p>Russia launched 40 drones.</p></body></html>"}\n',
        encoding="utf-8",
    )
    (item,) = list(read_paths([path]))
    assert isinstance(item, Skipped) and item.code == "W101" and item.id == "h"


def test_an_import_failure_inside_a_stage_is_a_w101_skip():
    class Broken:
        name, requires, assigns = "broken", (), ()

        def __call__(self, doc: Document) -> Document:
            import warledger_no_such_module  # type: ignore[import-not-found]  # noqa: F401

            return doc

    (item,) = list(Pipeline([Broken()]).pipe([Document(id="d", text="x")]))
    assert isinstance(item, Skipped) and item.code == "W101"
    assert "broken" in item.reason and "warledger_no_such_module" in item.reason


def test_batch_worker_survives_a_missing_html_reader(monkeypatch, no_trafilatura):
    """A worker's start-up import failing is not fatal (it was W019, the pool dead); each
    page says why, and a bug on one item becomes that item's W101 skip."""
    monkeypatch.setattr(batch, "_PIPELINE", None)
    batch._init_worker()  # must not raise
    page = RawPage(
        id="p", origin="crawl.warc.gz:1", url="https://example.org/a", crawled=None,
        payload=b"<html><body><p>Russia launched 40 drones overnight.</p></body></html>",
        content_type="text/html", charset="utf-8",
    )  # fmt: skip
    (row,) = batch.process_chunk([("crawl.warc.gz:1", "p", page)])
    assert row["skipped"]["code"] == "W101" and "trafilatura" in row["skipped"]["reason"]

    def boom(item):
        raise RuntimeError("a bug")

    monkeypatch.setattr("warledger.ingest.prefilter.prefilter", boom)
    (row,) = batch.process_chunk(
        [("x.txt", "x", Document(id="x", text="Russia launched 40 drones.", origin="x.txt"))]
    )
    assert row["skipped"] == {
        "id": "x",
        "origin": "x.txt",
        "code": "W101",
        "reason": "stage batch failed: RuntimeError: a bug",
    }


def test_version_option(capsys):
    from warledger import __version__

    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"warledger {__version__}"


def test_bad_published_is_its_own_error(capsys, tmp_path):
    code = main(["extract", str(TEXT_SAMPLE), "--published", "2025-13-40"])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.strip() == "error: [W002] --published: not an ISO date (YYYY-MM-DD): '2025-13-40'"
    assert "W001" not in err


def test_readme_documents_exit_codes_and_codes():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for code in ("W002", "W101"):
        assert code in readme
    assert "--version" in readme
    assert Path(REPO / "scripts" / "ci-install-check.sh").exists()


# --- clear errors at the command line -------------------------------------------------------


def test_export_to_a_missing_ledger_is_an_error_and_creates_nothing(capsys, tmp_path):
    missing = tmp_path / "mistyped.db"
    code = main(["export", "--format", "csv", "--db", str(missing)])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.strip() == f"error: no ledger at {missing}: give --db the ledger `warledger ingest` wrote"
    assert not missing.exists()
    code = main(["export", "--format", "csv", "--db", f"sqlite:///{missing}"])
    assert code == 2 and not missing.exists()


def test_serve_on_a_busy_port_is_one_clear_line(capsys, tmp_path, monkeypatch):
    import socket

    import uvicorn

    from ledger_data import ledger

    db = tmp_path / "ledger.db"
    ledger(db).close()
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("uvicorn must not start"))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code = main(["serve", "--db", str(db), "--port", str(port)])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.strip().splitlines() == [
        f"error: cannot listen on 127.0.0.1:{port}: the port is already in use (another server is running there?); "
        "choose another with --port"
    ]


def test_make_demo_uses_runtime_deps_and_a_demo_ledger_in_the_checkout():
    import shutil
    import subprocess

    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    # -n: print the recipe, run nothing; -B: as from a fresh clone (every target out of date)
    out = subprocess.run(
        ["make", "-n", "-B", "demo"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    installs = [line for line in out.splitlines() if "pip install" in line and "--upgrade pip" not in line]
    assert installs == [".venv/bin/pip install -q -e ."], installs  # no [test,dev] extras
    ingest = next(line for line in out.splitlines() if " ingest " in line)
    serve = next(line for line in out.splitlines() if " serve" in line)
    assert ingest.endswith("--db demo/ledger.db") and serve.endswith("--db demo/ledger.db")
    assert "demo/" in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
