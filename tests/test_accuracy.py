"""The accuracy gate: dev-corpus F1 must not fall below the committed floors.

Floors live in benchmarks/accuracy_floor.json. Raising one is a commit; lowering one needs a
reason in that commit. Also checks that warledger's scorer agrees with the reference
../shared/eval/score.py on the same output, and that the seed report comes out perfect.
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

from conftest import CORPUS, GOLD, REPO, SCORER, SEED, needs_corpus

FLOORS = json.loads((REPO / "benchmarks" / "accuracy_floor.json").read_text())

pytestmark = needs_corpus


@lru_cache(maxsize=1)
def dev_facts() -> tuple[str, ...]:
    dates = _published_dates(CORPUS, GOLD)
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        doc = extract_text(path.read_text(encoding="utf-8"), doc_id=path.stem, published=dates.get(path.stem))
        out.extend(json.dumps(f.to_json()) for f in doc.facts)
    return tuple(out)


def _scores(lines, gold=GOLD):
    return score_docs(load_gold(gold), group_facts(json.loads(x) for x in lines))[0]


def test_seed_report_is_perfect():
    seed_lines = [x for x in dev_facts() if json.loads(x)["doc"] == SEED.stem]
    rows = _scores(seed_lines, GOLD / f"{SEED.stem}.json")
    assert rows["all"]["tp"] == 19
    assert rows["all"]["fp"] == 0 and rows["all"]["fn"] == 0
    assert rows["all"]["f1"] == 1.0


@pytest.mark.parametrize("kind", ["munitions", "casualties", "damage", "regions", "all"])
def test_dev_f1_not_below_floor(kind):
    rows = _scores(dev_facts())
    assert rows[kind]["f1"] >= FLOORS[kind], f"{kind} F1 {rows[kind]['f1']} fell below the floor {FLOORS[kind]}"


def test_agrees_with_reference_scorer(tmp_path: Path):
    pred = tmp_path / "facts.jsonl"
    pred.write_text("\n".join(dev_facts()) + "\n", encoding="utf-8")
    ref = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(GOLD), "--pred", str(pred), "--json"],
        capture_output=True, text=True, check=True,
    )
    assert json.loads(ref.stdout) == _scores(dev_facts())


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
        capture_output=True, text=True, check=True,
    )
    assert json.loads(ref.stdout) == _scores(perturbed)
