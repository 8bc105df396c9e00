"""Golden facts per dev report: the pipeline's output for each report in ../shared/corpus/dev,
pinned field by field (without the report text, which stays in ../shared).

A change in any figure, place, qualifier, date or evidence span shows up as a diff here;
when the change is intended, regenerate with

    WARLEDGER_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py

and review the diff of tests/golden/ in the commit.
"""

from __future__ import annotations

import json
import os

import pytest

from warledger.api import extract_text
from warledger.cli import _published_dates

from conftest import CORPUS, GOLD, REPO, needs_corpus

GOLDEN = REPO / "tests" / "golden"
FIELDS = ("kind", "measure", "country", "weapon", "admin1", "place", "value", "low", "high", "qualifier",
          "unit", "group", "date", "source", "evidence", "historical", "members")
REPORTS = sorted(p.stem for p in CORPUS.glob("*.txt")) if CORPUS.is_dir() else []

pytestmark = needs_corpus


def _facts(stem: str) -> list[dict]:
    dates = _published_dates(CORPUS, GOLD)
    doc = extract_text((CORPUS / f"{stem}.txt").read_text(encoding="utf-8"), doc_id=stem, published=dates.get(stem))
    return [{k: f.to_json().get(k) for k in FIELDS} for f in doc.facts]


@pytest.mark.parametrize("stem", REPORTS)
def test_golden_facts(stem):
    path = GOLDEN / f"{stem}.jsonl"
    got = _facts(stem)
    if os.environ.get("WARLEDGER_UPDATE_GOLDEN"):
        path.write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in got), encoding="utf-8")
    assert path.exists(), f"no golden file for {stem}: run with WARLEDGER_UPDATE_GOLDEN=1"
    want = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert got == want


def test_every_dev_report_has_a_golden_file():
    assert {p.stem for p in GOLDEN.glob("*.jsonl")} == set(REPORTS)
