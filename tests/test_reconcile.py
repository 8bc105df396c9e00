"""Unit tests of within-report reconciliation: one fact per figure."""

from __future__ import annotations

from warledger.model import AT_LEAST, EXACT, MORE_THAN, VAGUE, Fact
from warledger.reconcile.within import reconcile_facts, side


def fact(value, qualifier=EXACT, start=0, role="total", **kw) -> Fact:
    base = dict(
        doc="d", kind="casualties", measure="killed", admin1="UA-14", place="Kostiantynivka", group="people"
    )
    base.update(kw)
    return Fact(value=value, qualifier=qualifier, evidence=(start, start + 10), role=role, **base)


def values(facts):
    return sorted(f.value for f in facts if f.kind != "regions")


def test_same_value_twice_is_one_fact():
    assert values(reconcile_facts([fact(59, AT_LEAST, 0), fact(59, EXACT, 100)])) == [59]


def test_precise_beats_bounded_restatement():
    assert values(reconcile_facts([fact(300, MORE_THAN, 0), fact(328, AT_LEAST, 100)])) == [328]
    drones = dict(kind="munitions", measure="launched", weapon="drone", admin1=None, place=None, group=None)
    assert values(reconcile_facts([fact(500, MORE_THAN, 0, **drones), fact(502, EXACT, 100, **drones)])) == [
        502
    ]


def test_vague_gives_way_to_any_number():
    assert values(reconcile_facts([fact(24, VAGUE, 0), fact(9, EXACT, 100)])) == [9]


def test_update_supersedes():
    out = reconcile_facts(
        [fact(35, AT_LEAST, 0), fact(61, EXACT, 100, role="update"), fact(50, MORE_THAN, 200)]
    )
    assert values(out) == [61]


def test_parts_sum_and_a_stated_total_stands():
    assert values(reconcile_facts([fact(6, AT_LEAST, 0), fact(1, EXACT, 100, role="part")])) == [7]
    assert values(
        reconcile_facts([fact(9, AT_LEAST, 0), fact(8, EXACT, 50), fact(1, EXACT, 100, role="part")])
    ) == [9]


def test_munition_totals_are_not_summed():
    drones = dict(kind="munitions", measure="launched", weapon="drone", admin1=None, place=None, group=None)
    assert values(reconcile_facts([fact(728, EXACT, 0, **drones), fact(539, EXACT, 100, **drones)])) == [728]


def test_sides_are_never_merged():
    ua = fact(61, EXACT, 0, source="the Ukrainian police")
    ru = fact(180, EXACT, 100, source="the Russian Ministry of Defence")
    assert side(ua) == "UA" and side(ru) == "RU"
    assert values(reconcile_facts([ua, ru])) == [61, 180]


def test_national_repeat_of_a_placed_figure_is_dropped():
    placed = fact(4, EXACT, 100, admin1="UA-35", place=None, measure="injured", group="railway workers")
    national = fact(4, EXACT, 0, admin1=None, place=None, measure="injured", group="railway workers")
    out = reconcile_facts([national, placed])
    assert [(f.admin1, f.value) for f in out] == [("UA-35", 4)]


def test_different_places_stay_apart():
    a = fact(2, EXACT, 0, admin1="UA-63", place="Kharkiv")
    b = fact(2, EXACT, 100, admin1="UA-59", place="Sumy")
    assert len(reconcile_facts([a, b])) == 2
