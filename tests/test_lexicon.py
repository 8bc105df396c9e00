"""Every lexicon entry is loaded and exercised, so a typo fails here, not silently in use."""

from __future__ import annotations

import pytest

from warledger.api import extract_text
from warledger.extract import lexicon
from warledger.extract.munitions import weapon_class
from warledger.extract.text import tokenize

VALID_WEAPONS = {"drone", "missile", "cruise_missile", "ballistic_missile", "guided_bomb", "aircraft"}


def test_tables_are_lower_case_and_classes_valid():
    for table in (lexicon.MUNITION_NOUNS, lexicon.WEAPON_MODIFIERS):
        for word, cls in table.items():
            assert word == word.lower(), word
            assert cls in VALID_WEAPONS, (word, cls)
    for word, measure in lexicon.MUNITION_TRIGGERS.items():
        assert measure in {"launched", "intercepted", "hit", "lost"}, word
    for word, measure in lexicon.CASUALTY_TRIGGERS.items():
        assert measure in {"killed", "injured", "missing"}, word


@pytest.mark.parametrize("noun", sorted(lexicon.MUNITION_NOUNS))
def test_every_munition_noun_is_a_head(noun):
    text = f"Russia launched 40 {noun} at Ukraine overnight, the air force said."
    doc = extract_text(text, doc_id="t", published="2025-01-01")
    got = [f for f in doc.facts if f.kind == "munitions"]
    assert got and got[0].value == 40 and got[0].measure == "launched"


@pytest.mark.parametrize(("modifier", "cls"), sorted(lexicon.WEAPON_MODIFIERS.items()))
def test_every_modifier_narrows_missiles_or_keeps_family(modifier, cls):
    toks = tokenize(f"40 {modifier} missiles", 0, len(f"40 {modifier} missiles"))
    got = weapon_class(toks, 0, len(toks) - 1)
    assert got == (cls if cls in ("cruise_missile", "ballistic_missile") else "missile")


@pytest.mark.parametrize(("verb", "measure"), sorted(lexicon.CASUALTY_TRIGGERS.items()))
def test_casualty_triggers_are_known_measures(verb, measure):
    assert measure in {"killed", "injured", "missing"}


@pytest.mark.parametrize("noun", sorted(lexicon.PERSON_NOUNS - {"others", "dead", "wounded"}))
def test_every_person_noun_counts_people(noun):
    text = f"Russian shelling killed 3 {noun} in Kherson, the governor said."
    doc = extract_text(text, doc_id="t", published="2025-01-01")
    got = [f for f in doc.facts if f.kind == "casualties"]
    assert got and got[0].value == 3 and got[0].measure == "killed", noun
