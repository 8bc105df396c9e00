"""Accuracy on reports written for the project: the bundled samples and the held-out set.

The held-out reports (tests/fixtures/heldout) were written to probe shapes the dev corpus
lacks, and the wire reports (tests/fixtures/wire) by someone who had not seen the rules;
their floors guard the general rules against regressions that the dev gate misses.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warledger.api import extract_documents
from warledger.cli import _published_dates
from warledger.evaluate import group_facts, load_gold, score_docs
from warledger.ingest import read_paths
from warledger.model import Document

from conftest import REPO

# Floors: calibrated as a set against the current rules; raise them with the rules.
SETS = {
    "samples": (REPO / "samples", 0.95),
    "heldout": (REPO / "tests" / "fixtures" / "heldout", 0.95),
    # written by someone who had not seen the rules; folds 0 and 1 tuned on, 2 untouched
    # (tests/fixtures/wire/README.md); all 36 measured 0.946 on 2026-12-02
    "wire": (REPO / "tests" / "fixtures" / "wire", 0.93),
    # another author's, first look 0.839 (2026-12-02); folds 0 and 1 tuned on since, fold 2
    # untouched; all 30 measured 0.869 on 2026-12-02 (tests/fixtures/wire-b/README.md)
    "wire-b": (REPO / "tests" / "fixtures" / "wire-b", 0.85),
    # a third author's (40 reports), first look 0.828 (2026-12-02); folds 0 and 1 tuned on,
    # fold 2 untouched; all 40 measured 0.898 after the fifth pass (tests/fixtures/wire-c/README.md)
    "wire-c": (REPO / "tests" / "fixtures" / "wire-c", 0.87),
    # a fourth author's (40 reports), first look 0.794 (2026-12-02, before any miss was read);
    # folds 0 and 1 tuned on after it, fold 2 untouched; all 40 measured 0.857 after the fifth
    # pass (tests/fixtures/wire-d/README.md)
    "wire-d": (REPO / "tests" / "fixtures" / "wire-d", 0.83),
}


def _score(corpus: Path):
    gold = corpus / "gold"
    dates = _published_dates(corpus, gold)

    def docs():
        for item in read_paths([corpus]):
            if isinstance(item, Document) and item.published is None and item.id in dates:
                item = item.with_(published=__import__("datetime").date.fromisoformat(dates[item.id]))
            yield item

    facts = [f.to_json() for d in extract_documents(docs()) if isinstance(d, Document) for f in d.facts]
    return score_docs(load_gold(gold), group_facts(facts))


@pytest.mark.parametrize("name", sorted(SETS))
def test_f1_on_reports_written_for_the_project(name):
    corpus, floor = SETS[name]
    rows, notes = _score(corpus)
    assert rows["all"]["f1"] >= floor, "\n".join(notes)


def test_every_sample_has_gold_and_reads():
    corpus = REPO / "samples"
    ids = {d.id for d in read_paths([corpus]) if isinstance(d, Document)}
    gold = {json.loads(p.read_text())["doc"] for p in (corpus / "gold").glob("*.json")}
    assert ids == gold
