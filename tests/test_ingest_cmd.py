"""`warledger ingest` end to end on a SQLite file: real extraction, real store, in-process CLI.

The reports are short texts written for these tests; publication dates are given with
``--published`` (the files' names carry none).
"""

from __future__ import annotations

import importlib.util
import re

import pytest

from warledger.cli import main
from warledger.store import Query, open_store

KHARKIV = (
    "Russia launched 40 drones overnight, the air force said. Air defences shot down 35 of them. "
    "In Kharkiv, two people were injured, the mayor said.\n"
)
ODESA = (
    "A missile struck a warehouse in Odesa on Tuesday, killing three people, the regional governor said.\n"
)
DNIPRO = (
    "Russian forces attacked Ukraine with 120 drones and 5 missiles overnight, Ukraine's air force said. "
    "Ukrainian air defences destroyed 100 drones. In Dnipro, three people were killed, the governor said.\n"
)
HAS_ACROSS = importlib.util.find_spec("warledger.reconcile.across") is not None


def summary(out: str) -> dict[str, int]:
    """The summary's counters ("documents read: 3" -> {"documents read": 3})."""
    return {m.group(1).strip(): int(m.group(2)) for m in re.finditer(r"^\s*([a-z ]+): (\d+)", out, re.M)}


@pytest.fixture
def reports(tmp_path):
    d = tmp_path / "reports"
    d.mkdir()
    (d / "kharkiv.txt").write_text(KHARKIV, encoding="utf-8")
    (d / "odesa.txt").write_text(ODESA, encoding="utf-8")
    (d / "dnipro.txt").write_text(DNIPRO, encoding="utf-8")
    return d


@pytest.fixture
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'ledger.db'}"


def ingest(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["ingest", *args])
    cap = capsys.readouterr()
    return code, cap.out, cap.err


def test_ingest_stores_reports_and_prints_summary(capsys, reports, db):
    code, out, err = ingest(capsys, str(reports), "--db", db, "--published", "2025-03-01")
    assert code == 0, err
    n = summary(out)
    assert n["documents read"] == 3
    assert (n["new"], n["duplicate"], n["revision"], n["skipped"]) == (3, 0, 0, 0)
    with open_store(db) as store:
        stored = store.facts(Query(limit=500))
        assert n["facts stored"] == stored.total > 0
        assert {d.doc_id for d in store.documents(Query()).items} == {"kharkiv", "odesa", "dnipro"}
        assert store.document("odesa").published == "2025-03-01"
        launched = {
            (sf.doc_id, sf.fact.weapon): sf.fact.value for sf in stored.items if sf.fact.measure == "launched"
        }
        assert launched[("kharkiv", "drone")] == 40
        assert launched[("dnipro", "drone")] == 120
        killed = {sf.doc_id: sf.fact.value for sf in stored.items if sf.fact.measure == "killed"}
        assert killed == {"odesa": 3, "dnipro": 3}
        if HAS_ACROSS:
            assert n["events"] == store.events(Query()).total > 0
        else:
            assert "events: not rebuilt" in out
    assert "ledger: sqlite:///" in out


def test_second_run_changes_nothing(capsys, reports, db):
    ingest(capsys, str(reports), "--db", db, "--published", "2025-03-01")
    with open_store(db) as store:
        before = [sf.id for sf in store.facts(Query(limit=500)).items]
        events_before = store.events(Query(limit=500)).items
    code, out, _ = ingest(capsys, str(reports), "--db", db, "--published", "2025-03-01")
    assert code == 0
    n = summary(out)
    assert (n["documents read"], n["new"], n["duplicate"], n["revision"], n["facts stored"]) == (
        3,
        0,
        3,
        0,
        0,
    )
    with open_store(db) as store:
        assert [sf.id for sf in store.facts(Query(limit=500)).items] == before
        assert store.events(Query(limit=500)).items == events_before
        assert store.documents(Query(), all_revisions=True).total == 3


def test_edited_report_becomes_revision_two(capsys, reports, db):
    ingest(capsys, str(reports), "--db", db, "--published", "2025-03-01")
    (reports / "kharkiv.txt").write_text(KHARKIV.replace("40 drones", "48 drones"), encoding="utf-8")
    code, out, _ = ingest(capsys, str(reports), "--db", db, "--published", "2025-03-01")
    assert code == 0
    n = summary(out)
    assert (n["new"], n["duplicate"], n["revision"]) == (0, 2, 1)
    assert n["facts stored"] > 0
    with open_store(db) as store:
        assert store.document("kharkiv").revision == 2
        assert "48 drones" in store.document("kharkiv").text
        assert "40 drones" in store.document("kharkiv", revision=1).text
        current = [sf for sf in store.facts(Query(doc_id="kharkiv", measure="launched")).items]
        assert [(sf.revision, sf.fact.value) for sf in current] == [(2, 48)]
        history = store.facts(Query(doc_id="kharkiv", measure="launched"), include_history=True).items
        assert sorted((sf.revision, sf.fact.value) for sf in history) == [(1, 40), (2, 48)]
        # reconciliation sees only the current revision
        assert [c.fact.value for c in store.claims(Query(doc_id="kharkiv", measure="launched"))] == [48]


def test_bad_file_is_skipped_with_its_reason_and_the_rest_stored(capsys, reports, db):
    (reports / "empty.txt").write_bytes(b"")
    (reports / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    code, out, _ = ingest(capsys, str(reports), "--db", db, "--published", "2025-03-01")
    assert code == 0
    n = summary(out)
    assert (n["documents read"], n["new"], n["skipped"]) == (3, 3, 2)
    skip_lines = [line.strip() for line in out.splitlines() if line.strip().startswith("skipped ")]
    assert len(skip_lines) == 2
    assert any("empty.txt: [W010]" in line for line in skip_lines)
    assert any("binary.txt: [W011]" in line for line in skip_lines)
    with open_store(db) as store:
        assert store.documents(Query()).total == 3


def test_nothing_readable_exits_1(capsys, tmp_path, db):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = ingest(capsys, str(empty), str(tmp_path / "missing.txt"), "--db", db)
    assert code == 1
    assert summary(out)["skipped"] == 2
    assert "no document could be read" in err


def test_bad_options_exit_2(capsys, reports, tmp_path):
    code, _, err = ingest(capsys, str(reports), "--db", "mysql://u@h/db")
    assert code == 2 and "unsupported database" in err
    code, _, err = ingest(capsys, str(reports), "--db", str(tmp_path / "no" / "dir" / "x.db"))
    assert code == 2 and "does not exist" in err
    code, _, err = ingest(capsys, str(reports), "--db", str(tmp_path / "x.db"), "--published", "March")
    assert code == 2 and "ISO date" in err


def test_plain_path_db_and_jsonl_stream(capsys, tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        '{"id": "j1", "text": "Russia launched 12 drones overnight, the air force said.", "published": "2025-03-03"}\n'
        "not json\n",
        encoding="utf-8",
    )
    path = tmp_path / "plain.db"
    code, out, _ = ingest(capsys, str(batch), "--db", str(path))
    assert code == 0
    n = summary(out)
    assert (n["documents read"], n["skipped"]) == (1, 1)
    assert path.is_file()
    with open_store(str(path)) as store:
        assert store.document("j1").published == "2025-03-03"


@pytest.mark.issue(10)
def test_undated_reports_are_listed_as_such(capsys, reports, db):
    """A report with no publication date and no dated figure joins no event: the summary names it."""
    code, out, err = ingest(capsys, str(reports), "--db", db)  # no --published, no dates in the texts
    assert code == 0, err
    n = summary(out)
    assert n["undated"] >= 1
    assert "kharkiv: no publication date and no dated figure" in out
    code, out, err = ingest(
        capsys,
        str(reports),
        "--db",
        f"sqlite:///{db.rsplit('/', 1)[0]}/other.db",
        "--published",
        "2025-03-01",
    )
    assert "undated" not in out
