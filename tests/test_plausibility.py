"""The plausibility stage: an absurd figure never reaches ``facts`` (nor the ledger); it goes to
``Document.notes`` with its evidence offsets. The bounds let every real dev-corpus figure through.
"""

from __future__ import annotations

import json
import re

import pytest

from warledger.api import default_stages, extract_text
from warledger.model import Fact
from warledger.pipeline import Pipeline
from warledger.reconcile.plausible import (
    HISTORICAL_FACTOR,
    PlausibilityStage,
    implausible,
)
from warledger.vocabulary import MEASURES, WEAPONS

from conftest import CORPUS, GOLD, needs_corpus

ABSURD = [
    (
        "Russia launched 9999999999999 drones overnight, Ukraine's air force said.",
        "9999999999999",
        "above 2000",
    ),
    (
        "A million people were killed in a village near Kharkiv, the governor said.",
        "A million",
        "above 10000",
    ),
    ("In Kharkiv, 2.5 people were killed, the mayor said.", "2.5", "not a whole count"),
    ("Russia launched 2.5 drones overnight, the air force said.", "2.5", "not a whole count"),
    ("Russia fired 5000 missiles overnight, the air force said.", "5000", "above 300"),
    (
        "In Lviv, 50 million consumers were left without power after the attack, officials said.",
        "50 million",
        "above 20000000",
    ),
    (
        "Trains were delayed by up to 500 hours after the attack on the railway, Ukrzaliznytsia said.",
        "up to 500",
        "above 72",
    ),
]


@pytest.mark.parametrize(("text", "figure", "why"), ABSURD)
def test_absurd_figure_becomes_a_note_not_a_fact(text, figure, why):
    """The absurd figure is not among the facts; a note names it, why, and where it stands."""
    doc = extract_text(text)
    assert not any(f.kind != "regions" for f in doc.facts), doc.facts
    notes = [n for n in doc.notes if n.startswith("implausible: ")]
    assert len(notes) == 1 and repr(figure) in notes[0] and why in notes[0], doc.notes
    start, end = map(int, re.search(r"at \[(\d+),(\d+)\]", notes[0]).groups())
    assert 0 <= start < end <= len(text) and figure in text[start:end]


def test_negative_count_never_becomes_a_fact():
    """'-5 drones' gives no fact with a negative value (the number reader drops the sign or the figure)."""
    doc = extract_text(
        "Russia launched -5 drones overnight, the air force said. In Odesa, -3 people were killed."
    )
    assert all(f.value >= 0 and (f.low or 0) >= 0 for f in doc.facts), doc.facts


def test_plausible_neighbours_are_kept():
    """A real record-sized figure next to an absurd one: only the absurd one goes."""
    doc = extract_text(
        "Russia launched 810 drones and 13 missiles overnight, the air force said. In Kyiv, 2.5 people were killed."
    )
    kept = {(f.measure, f.weapon, f.value) for f in doc.facts if f.kind != "regions"}
    assert ("launched", "drone", 810) in kept and ("launched", "missile", 13) in kept
    assert not any(f.kind == "casualties" for f in doc.facts)


def fact(kind: str, measure: str, value: float, **kw) -> Fact:
    return Fact(doc="d", kind=kind, measure=measure, value=value, evidence=(0, 1), span=(0, 1), **kw)


@pytest.mark.parametrize(
    ("kind", "measure", "weapon", "unit", "limit"),
    [
        ("munitions", "launched", "drone", None, WEAPONS["drone"].bound),
        ("munitions", "launched", "cruise_missile", None, WEAPONS["cruise_missile"].bound),
        ("munitions", "intercepted", "ballistic_missile", None, WEAPONS["ballistic_missile"].bound),
        ("munitions", "launched", None, None, MEASURES["launched"].bound),
        ("casualties", "killed", None, None, MEASURES["killed"].bound),
        ("casualties", "missing", None, None, MEASURES["missing"].bound),
        ("damage", "power_outage", None, "consumers", MEASURES["power_outage"].bound),
        ("damage", "fire_area", None, "sq_m", MEASURES["fire_area"].bound),
        ("damage", "rail_delay", None, "hours", MEASURES["rail_delay"].bound),
    ],
)
def test_each_bound_is_inclusive(kind, measure, weapon, unit, limit):
    """At the bound: kept; one above it (or a negative value, or an infinite one): refused."""
    assert implausible(fact(kind, measure, limit, weapon=weapon, unit=unit)) is None
    assert "above" in implausible(fact(kind, measure, limit + 1, weapon=weapon, unit=unit))
    assert "negative" in implausible(fact(kind, measure, -1, weapon=weapon, unit=unit))
    assert "finite" in implausible(fact(kind, measure, float("inf"), weapon=weapon, unit=unit))
    # the bound applies to a range's ends too ("between 10 and 9999999 drones")
    assert implausible(fact(kind, measure, 1, weapon=weapon, unit=unit, low=1, high=limit * 10)) is not None


def test_counts_must_be_whole_but_hours_and_areas_may_not_be():
    assert "whole" in implausible(fact("casualties", "injured", 2.5))
    assert implausible(fact("damage", "rail_delay", 1.5, unit="hours")) is None
    assert implausible(fact("damage", "fire_area", 0.5, unit="sq_m")) is None


def test_historical_totals_get_the_wider_bound():
    """'330 missiles since the start of the year' is a real cumulative figure, not one attack."""
    assert implausible(fact("munitions", "launched", 330, weapon="missile", historical=True)) is None
    assert implausible(fact("munitions", "launched", 330, weapon="missile")) is not None
    assert implausible(
        fact("munitions", "launched", 300 * HISTORICAL_FACTOR + 1, weapon="missile", historical=True)
    )


def test_stage_runs_last_in_the_default_pipeline():
    """Plausibility sees the final facts: nothing after it can bring an absurd figure back."""
    assert isinstance(default_stages()[-1], PlausibilityStage)


@needs_corpus
def test_dev_corpus_loses_no_gold_fact_to_the_check():
    """Every figure the check takes out of the dev corpus is one the gold does not have (a
    misread), so the check costs no recall; and it takes out at most a handful."""
    without = Pipeline(default_stages()[:-1])
    dropped = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = extract_text(text, doc_id=path.stem)
        raw = without(doc.with_(facts=(), notes=(), body=(), sentences=()))  # a fresh run without the check
        kept = set(doc.facts)
        gold_file = GOLD / f"{path.stem}.json"
        gold = json.loads(gold_file.read_text())["facts"] if gold_file.exists() else []
        gold_keys = {(g["kind"], g["measure"], float(g["value"])) for g in gold}
        for f in raw.facts:
            if f in kept:
                continue
            dropped.append((path.stem, f.kind, f.measure, f.value))
            assert (f.kind, f.measure, f.value) not in gold_keys, (
                f"the check dropped a gold fact: {path.stem}: {f}"
            )
            assert any(n.startswith("implausible: ") for n in doc.notes)
    # today: one, the OCHA update's "hundreds of thousands of people" read as 200,000 injured
    print("dropped by the plausibility check:", dropped)
    assert len(dropped) <= 3, dropped
