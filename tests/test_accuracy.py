"""The accuracy gate: F1 per kind and source agreement on the shared dev and open corpora
must not fall below the committed floors.

Floors live in benchmarks/accuracy_floor.json, per corpus. Raising one is a commit; lowering
one needs a reason in that commit. Also checks that warledger's scorer agrees with the
reference ../shared/eval/score.py on the same output (whole JSON, every field), and that the
seed report comes out perfect.
"""

from __future__ import annotations

import json
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from warledger.api import extract_text
from warledger.cli import _published_dates
from warledger.evaluate import group_facts, load_gold, score_docs

from conftest import CORPUS, GOLD, OPEN, OPEN_GOLD, REPO, SCORER, SEED, needs_corpus

FLOORS = json.loads((REPO / "benchmarks" / "accuracy_floor.json").read_text())
CORPORA = {"dev": (CORPUS, GOLD), "open": (OPEN, OPEN_GOLD)}
MEASURED = ("munitions", "casualties", "damage", "regions", "all", "source_agreement")

pytestmark = needs_corpus


@lru_cache(maxsize=2)
def corpus_facts(name: str) -> tuple[str, ...]:
    corpus, gold = CORPORA[name]
    if not corpus.is_dir():
        pytest.skip(f"{name} corpus not found at {corpus}")
    dates = _published_dates(corpus, gold)
    out = []
    for path in sorted(corpus.glob("*.txt")):
        doc = extract_text(path.read_text(encoding="utf-8"), doc_id=path.stem, published=dates.get(path.stem))
        out.extend(json.dumps(f.to_json()) for f in doc.facts)
    return tuple(out)


def dev_facts() -> tuple[str, ...]:
    return corpus_facts("dev")


def _scores(lines, gold=GOLD):
    return score_docs(load_gold(gold), group_facts(json.loads(x) for x in lines))[0]


def test_seed_report_is_perfect():
    seed_lines = [x for x in dev_facts() if json.loads(x)["doc"] == SEED.stem]
    rows = _scores(seed_lines, GOLD / f"{SEED.stem}.json")
    assert rows["all"]["tp"] == 19
    assert rows["all"]["fp"] == 0 and rows["all"]["fn"] == 0
    assert rows["all"]["f1"] == 1.0


@pytest.mark.parametrize("corpus", sorted(CORPORA))
@pytest.mark.parametrize("measure", MEASURED)
def test_not_below_floor(corpus, measure):
    rows = _scores(corpus_facts(corpus), CORPORA[corpus][1])
    got = rows[measure] if measure == "source_agreement" else rows[measure]["f1"]
    floor = FLOORS[corpus][measure]
    assert got >= floor, f"{corpus}: {measure} {got} fell below the floor {floor}"


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_agrees_with_reference_scorer(tmp_path: Path, corpus):
    gold = CORPORA[corpus][1]
    pred = tmp_path / "facts.jsonl"
    pred.write_text("\n".join(corpus_facts(corpus)) + "\n", encoding="utf-8")
    ref = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(gold), "--pred", str(pred), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(ref.stdout) == _scores(corpus_facts(corpus), gold)


def test_scorers_agree_on_perturbed_predictions(tmp_path: Path):
    """Drop, duplicate and alter facts: both scorers must still give the same numbers."""
    lines = list(dev_facts())
    perturbed = []
    for i, line in enumerate(lines):
        f = json.loads(line)
        if i % 5 == 0:
            continue
        if i % 7 == 0:
            f["value"] = f["value"] + 1
        if i % 11 == 0:
            f["admin1"] = None
        perturbed.append(json.dumps(f))
        if i % 13 == 0:
            perturbed.append(json.dumps(f))
    pred = tmp_path / "facts.jsonl"
    pred.write_text("\n".join(perturbed) + "\n", encoding="utf-8")
    ref = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(GOLD), "--pred", str(pred), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(ref.stdout) == _scores(perturbed)


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_lists_the_same_misses_as_the_reference_scorer(tmp_path: Path, corpus):
    """`warledger eval --verbose` and `score.py --verbose` list the same missed, extra and
    source-disagreeing facts, in the same order."""
    gold = CORPORA[corpus][1]
    pred = tmp_path / "facts.jsonl"
    pred.write_text("\n".join(corpus_facts(corpus)) + "\n", encoding="utf-8")
    ref = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(gold), "--pred", str(pred), "--json", "--verbose"],
        capture_output=True,
        text=True,
        check=True,
    )
    ours = score_docs(load_gold(gold), group_facts(json.loads(x) for x in corpus_facts(corpus)))[1]
    assert [line for line in ref.stderr.splitlines() if line] == ours


def test_fold_option_scores_one_fold(tmp_path: Path):
    """`warledger eval --fold K` scores the reports of fold K of GENERALISING.md's split only."""
    from warledger.evaluate import fold_of

    pred = tmp_path / "facts.jsonl"
    pred.write_text("\n".join(corpus_facts("open")) + "\n", encoding="utf-8")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "warledger.cli",
            "eval",
            "--corpus",
            str(OPEN),
            "--gold",
            str(OPEN_GOLD),
            "--pred",
            str(pred),
            "--fold",
            "2",
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout)["docs"] == sum(1 for p in OPEN_GOLD.glob("*.json") if fold_of(p.stem) == 2)
