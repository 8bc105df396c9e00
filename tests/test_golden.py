"""Golden facts per report of the shared dev and open corpora: the pipeline's output for each
report, pinned field by field (without the report text, which stays in ../shared).

A change in any figure, place, qualifier, date or evidence span shows up as a diff here;
when the change is intended, regenerate with

    WARLEDGER_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py

and review the diff of tests/golden/ in the commit (the accuracy gates in
tests/test_accuracy.py say whether a change is better; these files say what changed).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from warledger.api import extract_text
from warledger.cli import _published_dates

from conftest import CORPUS, GOLD, OPEN, OPEN_GOLD, REPO

GOLDEN = REPO / "tests" / "golden"
FIELDS = (
    "kind",
    "measure",
    "country",
    "weapon",
    "admin1",
    "place",
    "value",
    "low",
    "high",
    "qualifier",
    "unit",
    "group",
    "date",
    "source",
    "evidence",
    "historical",
    "members",
)
CORPORA = {"dev": (CORPUS, GOLD), "open": (OPEN, OPEN_GOLD)}


def _reports(name: str) -> list[tuple[str, str]]:
    corpus, _ = CORPORA[name]
    return [(name, p.stem) for p in sorted(corpus.glob("*.txt"))] if corpus.is_dir() else []


def _facts(name: str, stem: str) -> list[dict]:
    corpus, gold = CORPORA[name]
    dates = _published_dates(corpus, gold)
    doc = extract_text(
        (corpus / f"{stem}.txt").read_text(encoding="utf-8"), doc_id=stem, published=dates.get(stem)
    )
    return [{k: f.to_json().get(k) for k in FIELDS} for f in doc.facts]


@pytest.mark.parametrize(("name", "stem"), _reports("dev") + _reports("open"))
def test_golden_facts(name, stem):
    path = GOLDEN / name / f"{stem}.jsonl"
    got = _facts(name, stem)
    if os.environ.get("WARLEDGER_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in got), encoding="utf-8")
    assert path.exists(), f"no golden file for {name}/{stem}: run with WARLEDGER_UPDATE_GOLDEN=1"
    want = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert got == want


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_every_report_has_a_golden_file(name):
    corpus, _ = CORPORA[name]
    if not corpus.is_dir():
        pytest.skip(f"{name} corpus not found at {corpus}")
    assert {p.stem for p in Path(GOLDEN / name).glob("*.jsonl")} == {p.stem for p in corpus.glob("*.txt")}
