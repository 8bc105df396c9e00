"""Every lexicon entry can change an outcome (issue 9): for each entry of the tables where it
is decidable mechanically, a sentence is built from a template for that entry, extracted with
the table as it is and with the entry taken out, and the facts must differ. An entry no
sentence can tell apart from its absence is dead weight (the issue found 23 of 44 weapon
modifiers so) and fails here.

The sentences are built from the tables themselves, not from corpus text: a weapon modifier
before the head noun of its class ("5 Kh-101 missiles"), coordinated with another of its
class ("5 Tu-95 and Tu-160 bombers"), in an attack named for it ("a Kalibr missile
attack"); a munition or casualty trigger in the slots a verb governs a figure from; a head
noun after a number with a word that makes it a figure of its kind.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from warledger.api import extract_text
from warledger.extract import lexicon
from warledger.vocabulary import Kind, Measure, Weapon


def outcome(text: str) -> list[tuple[Any, ...]]:
    """What the extractor makes of ``text``: every fact's figure, in a comparable form."""
    doc = extract_text(text, doc_id="t", published="2025-06-01")
    return sorted(
        (
            f.kind,
            f.measure,
            f.weapon or "",
            f.value,
            f.low,
            f.high,
            f.qualifier,
            f.admin1 or "",
            f.place or "",
            f.unit or "",
            f.group or "",
            f.role,
        )  # fmt: skip
        for f in doc.facts
    )


@contextmanager
def without(name: str, entry: str) -> Iterator[None]:
    """``lexicon.<name>`` without ``entry``, everywhere the extractor reads it.

    A dict is changed in place (modules test some tables by identity: ``table is
    MUNITION_TRIGGERS``); a frozenset is replaced in every ``warledger`` module that holds
    it. A head noun leaves ``HEAD_NOUNS`` too, unless another head table still has it.
    """
    table = getattr(lexicon, name)
    heads = lexicon.HEAD_NOUNS
    was_head = (
        name in HEAD_SOURCES
        and entry in heads
        and not any(entry in getattr(lexicon, other) for other in HEAD_SOURCES if other != name)
    )
    replaced: list[tuple[object, str]] = []
    if isinstance(table, dict):
        items = list(table.items())  # put back in its order: some tables are read in order
        del table[entry]
    else:
        smaller = frozenset(table - {entry})
        for module in [m for n, m in sys.modules.items() if n.startswith("warledger") and m is not None]:
            for attr, held in list(vars(module).items()):
                if held is table:
                    setattr(module, attr, smaller)
                    replaced.append((module, attr))
        # a damage trigger holds its head nouns itself
        triggers = list(lexicon.DAMAGE_TRIGGERS)
        lexicon.DAMAGE_TRIGGERS[:] = [
            dataclasses.replace(t, heads=smaller) if t.heads is table else t for t in triggers
        ]
    if was_head:
        heads.discard(entry)
    try:
        yield
    finally:
        if isinstance(table, dict):
            table.clear()
            table.update(items)
        for module, attr in replaced:
            setattr(module, attr, table)
        if not isinstance(table, dict):
            lexicon.DAMAGE_TRIGGERS[:] = triggers
        if was_head:
            heads.add(entry)


def changes_an_outcome(name: str, entry: str, sentences: list[str], decides: Callable[[list], bool]) -> bool:
    """Whether one of ``sentences`` is extracted differently without ``entry``, and with it
    gives what the entry is for (``decides``)."""
    for text in sentences:
        with_it = outcome(text)
        with without(name, entry):
            without_it = outcome(text)
        if with_it != without_it and decides(with_it):
            return True
    return False


def forms(word: str) -> list[str]:
    """The word as a report may write it: "kh-101", "Kh-101", "KH-101"."""
    return list(dict.fromkeys((word, word.capitalize(), word.upper())))


# --- weapon modifiers -------------------------------------------------------------------------

# The head noun a modifier of each class stands before.
FAMILY_NOUN = {
    Weapon.DRONE: "drones",
    Weapon.MISSILE: "missiles",
    Weapon.CRUISE_MISSILE: "missiles",
    Weapon.BALLISTIC_MISSILE: "missiles",
    Weapon.GUIDED_BOMB: "bombs",
    Weapon.AIRCRAFT: "bombers",
}
SAID = "the air force said."


def modifier_sentences(word: str, cls: str) -> list[str]:
    noun = FAMILY_NOUN[cls]
    others = [w for w, c in lexicon.WEAPON_MODIFIERS.items() if c == cls and w != word][:2]
    out = []
    for w in forms(word):
        out += [
            f"Russia launched 5 {w} {noun} at Kyiv overnight, {SAID}",
            f"Russia launched 7 {noun}, including 3 {w}, at Kyiv overnight, {SAID}",
            f"In a {w} missile attack on Lviv, 5 missiles were shot down, {SAID}",
        ]
        for other in others:
            out += [
                f"Russia launched 5 {w} and {other.capitalize()} {noun} at Kyiv overnight, {SAID}",
                f"Russia launched 5 {other.capitalize()} and {w} {noun} at Kyiv overnight, {SAID}",
                f"Russia launched 5 {w} and 7 {other.capitalize()} {noun} at Kyiv overnight, {SAID}",
            ]
    return out


def a_munition(facts: list) -> bool:
    return any(f[0] == Kind.MUNITIONS for f in facts)


def dead_modifiers() -> list[str]:
    return [
        w
        for w, cls in list(lexicon.WEAPON_MODIFIERS.items())
        if not changes_an_outcome("WEAPON_MODIFIERS", w, modifier_sentences(w, cls), a_munition)
    ]


def test_every_weapon_modifier_can_change_an_outcome():
    assert dead_modifiers() == []


def test_a_modifier_of_its_heads_own_class_is_found_dead():
    """The check itself can fail: a made-up modifier that names the class its head noun has
    anyway ("drone" before "drones") changes nothing, and is reported."""
    lexicon.WEAPON_MODIFIERS["zzdrone"] = Weapon.DRONE
    try:
        assert dead_modifiers() == ["zzdrone"]
    finally:
        del lexicon.WEAPON_MODIFIERS["zzdrone"]


# --- triggers ---------------------------------------------------------------------------------


def munition_trigger_sentences(verb: str) -> list[str]:
    return [
        f"Russia {verb} 5 drones at Kyiv overnight, {SAID}",
        f"Air defence forces {verb} 5 drones over Kyiv overnight, {SAID}",
        f"5 drones were {verb} over Kyiv overnight, {SAID}",
        f"5 drones {verb} over Kyiv overnight, {SAID}",
        f"5 drones {verb} down over Kyiv overnight, {SAID}",
        f"Russia {verb} down 5 drones over Kyiv overnight, {SAID}",
        f"Russia {verb} Kyiv with 5 drones overnight, {SAID}",
        f"Russia carried out an {verb} on Kyiv with 5 drones overnight, {SAID}",
        f"The attack {verb} 5 drones, {SAID}",
        f"The attack, {verb} 5 drones, targeted Kyiv, {SAID}",
        f"The {verb} 5 drones were aimed at Kyiv, {SAID}",
        f"Russia attacked Kyiv overnight {verb} 5 drones, {SAID}",
        f"5 drones {verb} from radar over Kyiv overnight, {SAID}",
        f"5 drones were {verb} by electronic warfare over Kyiv, {SAID}",
        f"5 drones {verb} to reach their targets over Kyiv, {SAID}",
        f"5 drones {verb} targets in Kyiv overnight, {SAID}",
    ]


def measures_of(kind: str, measure: str) -> Callable[[list], bool]:
    return lambda facts: any(f[0] == kind and f[1] == measure for f in facts)


@pytest.mark.parametrize(("verb", "measure"), sorted(lexicon.MUNITION_TRIGGERS.items()))
def test_every_munition_trigger_decides_its_measure(verb, measure):
    assert changes_an_outcome(
        "MUNITION_TRIGGERS", verb, munition_trigger_sentences(verb), measures_of(Kind.MUNITIONS, measure)
    ), verb


def casualty_trigger_sentences(word: str) -> list[str]:
    return [
        f"The attack {word} 5 people in Kharkiv, the governor said.",
        f"5 people were {word} in Kharkiv, the governor said.",
        f"5 people {word} in Kharkiv, the governor said.",
        f"5 people are {word} in Kharkiv, the governor said.",
        f"5 people remain {word} in Kharkiv, the governor said.",
        f"5 people were {word} for in Kharkiv, the governor said.",
        f"There were 5 {word} in Kharkiv, the governor said.",
        f"5 people were taken to {word} in Kharkiv, the governor said.",
        f"5 people were in {word} in Kharkiv, the governor said.",
        f"The strike on Kharkiv claimed 5 {word}, the governor said.",
        f"5 {word} were recovered in Kharkiv, the governor said.",
        f"5 people suffered {word} in Kharkiv, the governor said.",
        f"5 people needed {word} in Kharkiv, the governor said.",
        f"A strike on Kharkiv, {word} 5 people, the governor said.",
        f"5 people were left {word} in Kharkiv, the governor said.",
    ]


@pytest.mark.parametrize(("word", "measure"), sorted(lexicon.CASUALTY_TRIGGERS.items()))
def test_every_casualty_trigger_decides_its_measure(word, measure):
    assert changes_an_outcome(
        "CASUALTY_TRIGGERS", word, casualty_trigger_sentences(word), measures_of(Kind.CASUALTIES, measure)
    ), word


def test_a_trigger_the_extractor_cannot_read_is_found_dead():
    """The check itself can fail: triggers are matched on single lower-cased tokens, so an
    entry of two words is never read; a new word of one is."""
    for entry, dead in (("were slain", True), ("slain", False)):
        lexicon.CASUALTY_TRIGGERS[entry] = Measure.KILLED
        try:
            sentences = casualty_trigger_sentences(entry)
            assert (
                changes_an_outcome(
                    "CASUALTY_TRIGGERS", entry, sentences, measures_of(Kind.CASUALTIES, Measure.KILLED)
                )
                is not dead
            ), entry
        finally:
            del lexicon.CASUALTY_TRIGGERS[entry]


# --- head nouns -------------------------------------------------------------------------------

# Every table ``lexicon.HEAD_NOUNS`` is the union of.
HEAD_SOURCES = (
    "MUNITION_NOUNS", "WEAPON_NAME_NOUNS", "VEHICLE_NOUNS", "HIT_NOUNS", "PERSON_NOUNS", "POWER_UNITS",
    "SITE_NOUNS", "BUILDING_NOUNS", "HOUR_NOUNS", "MINUTE_NOUNS", "TRAIN_NOUNS",
)  # fmt: skip

# The tables of head nouns; each entry must make a number a figure of its kind.
HEAD_TABLES = (
    "MUNITION_NOUNS", "VEHICLE_NOUNS", "HIT_NOUNS", "PERSON_NOUNS", "BUILDING_NOUNS", "SITE_NOUNS",
    "POWER_UNITS", "TRAIN_NOUNS", "HOUR_NOUNS", "MINUTE_NOUNS",
)  # fmt: skip


def head_sentences(table: str, noun: str) -> list[str]:
    return {
        "MUNITION_NOUNS": [
            f"Russia launched 40 {noun} at Ukraine overnight, {SAID}",
            f"Air defence shot down 40 {noun} overnight, {SAID}",
        ],
        "VEHICLE_NOUNS": [f"Russia launched 41 unmanned aerial {noun} at Ukraine overnight, {SAID}"],
        "HIT_NOUNS": [
            f"Russia carried out 15 missile {noun} on Kharkiv overnight, the governor said.",
            f"Russia launched 40 drones at Kharkiv overnight. There were 15 {noun} in the city, the mayor said.",
            f"Russia attacked Kharkiv with drones overnight, and 15 {noun} were recorded in the city.",
        ],
        "TRAIN_NOUNS": [f"12 {noun} were delayed after the attack on the railway, Ukrzaliznytsia said."],
        "HOUR_NOUNS": [
            f"After the attack on the railway, trains were delayed by 3 {noun}, Ukrzaliznytsia said."
        ],
        "MINUTE_NOUNS": [
            f"After the attack on the railway, trains were delayed by 30 {noun}, Ukrzaliznytsia said."
        ],
        "PERSON_NOUNS": [
            f"Russian shelling killed 3 {noun} in Kherson, the governor said.",
            f"Russian shelling injured 3 {noun} in Kherson, the governor said.",
            f"3 {noun} were killed by Russian shelling in Kherson, the governor said.",
            f"3 {noun} died after Russian shelling in Kherson, the governor said.",
            f"Russian shelling killed 3 {noun} in Kherson and injured 5 more, the governor said.",
        ],
        "BUILDING_NOUNS": [
            f"Russian drones damaged 12 {noun} in Kharkiv, the governor said.",
            f"A missile strike on Kharkiv damaged 12 {noun}, the governor said.",
        ],
        "SITE_NOUNS": [
            f"Russian missiles struck 12 {noun} in Kharkiv, the governor said.",
            f"Russian drones hit 12 {noun} in Kharkiv overnight, the governor said.",
        ],
        "POWER_UNITS": [
            f"After the strike on Odesa, 12,000 {noun} were left without power, the governor said.",
            f"The attack on Odesa cut power to 12,000 {noun}, the governor said.",
        ],
    }[table]


KIND_OF_TABLE = {
    "MUNITION_NOUNS": Kind.MUNITIONS,
    "VEHICLE_NOUNS": Kind.MUNITIONS,
    "HIT_NOUNS": Kind.MUNITIONS,
    "TRAIN_NOUNS": Kind.DAMAGE,
    "HOUR_NOUNS": Kind.DAMAGE,
    "MINUTE_NOUNS": Kind.DAMAGE,
    "PERSON_NOUNS": Kind.CASUALTIES,
    "BUILDING_NOUNS": Kind.DAMAGE,
    "SITE_NOUNS": Kind.DAMAGE,
    "POWER_UNITS": Kind.DAMAGE,
}


@pytest.mark.parametrize(
    ("table", "noun"), [(t, n) for t in HEAD_TABLES for n in sorted(getattr(lexicon, t))]
)
def test_every_head_noun_makes_a_figure_of_its_kind(table, noun):
    def of_kind(facts: list) -> bool:
        return any(f[0] == KIND_OF_TABLE[table] for f in facts)

    assert changes_an_outcome(table, noun, head_sentences(table, noun), of_kind), noun


def test_the_helper_takes_an_entry_out_and_puts_it_back():
    before = outcome("Russian shelling killed 3 miners in Kherson, the governor said.")
    with without("PERSON_NOUNS", "miners"):
        assert "miners" not in lexicon.PERSON_NOUNS and "miners" not in lexicon.HEAD_NOUNS
        assert outcome("Russian shelling killed 3 miners in Kherson, the governor said.") != before
    assert "miners" in lexicon.PERSON_NOUNS and "miners" in lexicon.HEAD_NOUNS
    assert outcome("Russian shelling killed 3 miners in Kherson, the governor said.") == before
