"""Events across reports (reconcile/across.py): which claims make one attack, and its figures.

Three layers: the dev corpus (what the rules can and cannot pair among real reports),
synthetic reports written here and run through the real pipeline (the overnight attack told
by the air force, a wire, a governor and the next morning), and hand-made claims for the
exact edges of each rule, with a hypothesis property test over random claim sets.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warledger.api import extract_text
from warledger.model import (
    AT_LEAST,
    CONFLICT,
    CONSISTENT,
    EXACT,
    MORE_THAN,
    REVISED,
    VAGUE,
    Claim,
    Event,
    Fact,
)
from warledger.reconcile.across import agrees, build_events, place_key

from conftest import CORPUS, GOLD, needs_corpus

KEY = re.compile(r"^\d{4}-\d{2}-\d{2}-[A-Z]{2}-[0-9a-f]{10}(-\d+)?$")


# --- helpers -----------------------------------------------------------------------------


class Ledger:
    """Claims as a store would hand them over: fact ids numbered across reports."""

    def __init__(self) -> None:
        self.claims: list[Claim] = []

    def report(self, doc_id: str, text: str, published: str | None) -> list[Claim]:
        doc = extract_text(text, doc_id=doc_id, published=published)
        out = []
        for f in doc.facts:
            out.append(Claim(fact_id=len(self.claims) + 1, doc_id=doc_id, fact=f, published=doc.published))
            self.claims.append(out[-1])
        return out


def claim(fid, doc_id="d", published="2025-09-03", **kw) -> Claim:
    base = dict(
        doc=doc_id,
        kind="munitions",
        measure="launched",
        weapon="drone",
        value=100.0,
        evidence=(0, 10),
        date="2025-09-03",
        source="air force",
    )
    base.update(kw)
    pub = date.fromisoformat(published) if published else None
    return Claim(fact_id=fid, doc_id=doc_id, fact=Fact(**base), published=pub)


def figure(event: Event, measure: str, **kw):
    hits = [
        f for f in event.figures if f.measure == measure and all(getattr(f, k) == v for k, v in kw.items())
    ]
    assert len(hits) == 1, (measure, kw, event.figures)
    return hits[0]


def event_of(events: list[Event], doc_id: str, country: str = "UA") -> Event:
    hits = [e for e in events if doc_id in e.documents and e.country == country]
    assert len(hits) == 1, (doc_id, [(e.key, e.documents) for e in events])
    return hits[0]


# --- synthetic reports: one overnight attack, four accounts ----------------------------------

AIR_FORCE = (
    "Russia launched 502 drones and 24 missiles at Ukraine overnight, Ukraine's air force said on "
    "Wednesday. Air defences shot down 430 drones, and 69 drones hit their targets, the air force said. "
    "Drones were downed over the Kharkiv, Kyiv and Odesa regions."
)
WIRE = (
    "Russia attacked Ukraine with more than 500 drones overnight, officials said on Wednesday. "
    "Explosions were heard in the Kharkiv region, the regional governor said."
)
GOVERNOR = "Two people were killed in Kharkiv in the overnight drone attack, Governor Oleh Syniehubov said."
NEXT_DAY = "The death toll in Kharkiv rose to five, Governor Oleh Syniehubov said on Thursday."
CONFLICTING = (
    "Russia launched 480 drones at Ukraine overnight, a Ukrainian monitoring channel said on Wednesday."
)
RUSSIAN_MOD = (
    "Russia's Defence Ministry said its air defences destroyed 24 Ukrainian drones over the Belgorod "
    "and Kursk regions overnight."
)
WEEK_LATER = "Russia launched 300 drones at Ukraine overnight, Ukraine's air force said on Wednesday."
# published on the 5th about the 4th: a day after the attack of the 3rd, but not "overnight"
# (its date is not its publication date), so it must not join the attack of the 3rd
THURSDAY = "On September 4, Russia launched 100 drones at Ukraine, Ukraine's air force said on Friday."


def overnight(conflict: bool = False, extra: tuple = ()) -> Ledger:
    led = Ledger()
    led.report("af", AIR_FORCE, "2025-09-03")
    led.report("wire", WIRE, "2025-09-03")
    led.report("gov", GOVERNOR, "2025-09-03")
    led.report("gov-next", NEXT_DAY, "2025-09-04")
    if conflict:
        led.report("monitor", CONFLICTING, "2025-09-03")
    for doc_id, text, published in extra:
        led.report(doc_id, text, published)
    return led


def test_synthetic_reports_extract_what_the_scenario_needs():
    # guards the scenario: if extraction changes, the event tests below must not pass vacuously
    led = overnight(conflict=True)
    got = {
        (c.doc_id, c.fact.measure, c.fact.weapon, c.fact.place, c.fact.value, c.fact.qualifier)
        for c in led.claims
        if c.fact.kind != "regions"
    }
    assert ("af", "launched", "drone", None, 502, EXACT) in got
    assert ("wire", "launched", "drone", None, 500, MORE_THAN) in got
    assert ("gov", "killed", None, "Kharkiv", 2, EXACT) in got
    assert ("gov-next", "killed", None, "Kharkiv", 5, EXACT) in got
    assert ("monitor", "launched", "drone", None, 480, EXACT) in got


def test_one_overnight_attack_four_reports_one_event():
    events = build_events(overnight().claims)
    ua = [e for e in events if e.country == "UA"]
    assert len(ua) == 1
    ev = ua[0]
    assert ev.date == "2025-09-03"
    assert ev.documents == ("af", "gov", "gov-next", "wire")
    assert "UA-63" in ev.admin1
    drones = figure(ev, "launched", weapon="drone", admin1=None)
    assert (drones.low, drones.best, drones.high, drones.status) == (500, 502, 502, CONSISTENT)
    assert drones.sources == ("Ukraine's air force", "officials")
    assert len(drones.claims) == 2
    assert figure(ev, "launched", weapon="missile").best == 24


def test_next_day_toll_revises_with_history():
    ev = event_of(build_events(overnight().claims), "gov-next")
    killed = figure(ev, "killed", place="Kharkiv")
    assert killed.status == REVISED
    assert killed.best == 5
    assert killed.history == (("2025-09-03", 2), ("2025-09-04", 5))
    assert len(killed.claims) == 2
    assert ev.label == "2025-09-03 UA: 502 drones, 24 missiles; 5 killed"


def test_disagreeing_source_is_a_conflict_both_kept():
    ev = event_of(build_events(overnight(conflict=True).claims), "monitor")
    drones = figure(ev, "launched", weapon="drone", admin1=None)
    assert drones.status == CONFLICT
    assert (drones.low, drones.high) == (480, 502)
    # best: both exact and simultaneous; 502 is the one the wire's "more than 500" supports
    assert drones.best == 502
    # "a Ukrainian monitoring channel said": a lower-case source phrase that names someone
    assert set(drones.sources) == {"Ukraine's air force", "officials", "a Ukrainian monitoring channel"}
    assert len(drones.claims) == 3


def test_other_day_and_other_country_are_separate_events():
    extra = (
        ("week", WEEK_LATER, "2025-09-10"),
        ("ru-mod", RUSSIAN_MOD, "2025-09-03"),
        ("thu", THURSDAY, "2025-09-05"),
    )
    events = build_events(overnight(extra=extra).claims)
    main = event_of(events, "af")
    assert main.documents == ("af", "gov", "gov-next", "wire")
    assert event_of(events, "week").documents == ("week",)
    assert event_of(events, "thu").documents == ("thu",)
    ru = event_of(events, "ru-mod", country="RU")
    assert ru.documents == ("ru-mod",) and ru.date == "2025-09-03"
    assert figure(ru, "intercepted", weapon="drone").sources == ("Russia's Defence Ministry",)
    assert len(events) == 4


def test_arithmetic_check_strings():
    ev = event_of(build_events(overnight().claims), "af")
    # issue 10: a measure no report stated is "not stated", never a 0 in the sum
    assert "drone: launched 502 = intercepted 430 + hit 69 + unaccounted 3; lost not stated" in ev.checks
    over = build_events([claim(1, value=20), claim(2, measure="intercepted", value=25)])
    assert over[0].checks == (
        "drone: intercepted 25 exceeds launched 20 by 5; hit, lost not stated",
        "drone: intercepted exceeds launched (25 > 20)",
    )


def test_shuffled_claims_give_identical_events():
    claims = overnight(conflict=True, extra=(("ru-mod", RUSSIAN_MOD, "2025-09-03"),)).claims
    want = build_events(claims)
    rng = random.Random(7)
    for _ in range(5):
        shuffled = claims[:]
        rng.shuffle(shuffled)
        assert build_events(shuffled) == want


def test_keys_are_url_safe_and_survive_later_reports():
    first = event_of(build_events(overnight().claims[:5]), "af")  # the air force report alone
    later = event_of(build_events(overnight(conflict=True).claims), "af")
    assert KEY.match(later.key)
    assert first.key == later.key


# --- hand-made claims: the edges of each rule --------------------------------------------


def test_overnight_link_is_precise():
    evening = claim(1, doc_id="wiki", published=None, date="2025-09-02")
    morning = claim(2, doc_id="af", published="2025-09-03", date="2025-09-03")
    assert len(build_events([evening, morning])) == 1
    # dated the 3rd but published the 4th: not an overnight report, so not the night of the 2nd
    late = claim(2, doc_id="af", published="2025-09-04", date="2025-09-03")
    assert len(build_events([evening, late])) == 2
    # an overnight pair must still share a measure/weapon or a region
    killed_elsewhere = claim(
        2, doc_id="gov", kind="casualties", measure="killed", weapon=None, admin1="UA-14", date="2025-09-03"
    )
    assert len(build_events([evening, killed_elsewhere])) == 2
    # two days apart never join
    assert len(build_events([evening, claim(2, published="2025-09-04", date="2025-09-04")])) == 2


def test_no_event_spans_three_days():
    chain = [
        claim(1, doc_id="a", published=None, date="2025-09-02"),
        claim(2, doc_id="b", published="2025-09-03", date="2025-09-03"),
        claim(3, doc_id="c", published="2025-09-04", date="2025-09-04"),
    ]
    events = build_events(chain)
    assert [e.documents for e in events] == [("a", "b"), ("c",)]


def test_same_day_different_places_stay_apart():
    kharkiv = claim(1, doc_id="a", kind="casualties", measure="killed", weapon=None, admin1="UA-63", value=2)
    odesa = claim(2, doc_id="b", kind="casualties", measure="killed", weapon=None, admin1="UA-51", value=3)
    assert len(build_events([kharkiv, odesa])) == 2
    # ... until a report names both regions
    regions = claim(
        3, doc_id="c", kind="regions", measure="affected", weapon=None, value=2, members=("UA-51", "UA-63")
    )
    events = build_events([kharkiv, odesa, regions])
    assert len(events) == 1 and events[0].admin1 == ("UA-51", "UA-63")
    assert len(events[0].figures) == 2  # the regions fact makes no figure


def test_undated_claims_join_only_one_nearby_event_by_region():
    dated = claim(1, doc_id="a", kind="casualties", measure="killed", weapon=None, admin1="UA-63", value=2)
    undated = dict(kind="casualties", measure="injured", weapon=None, admin1="UA-63", value=7, date=None)
    joins = claim(2, doc_id="b", published="2025-09-04", **undated)
    assert build_events([dated, joins])[0].documents == ("a", "b")
    # too far from the event, no publication date, no region: it stays out
    for out in (
        claim(2, doc_id="b", published="2025-09-06", **undated),
        claim(2, doc_id="b", published=None, **undated),
        claim(2, doc_id="b", published="2025-09-03", **{**undated, "admin1": None}),
    ):
        events = build_events([dated, out])
        assert [e.documents for e in events] == [("a",)]
    # two candidate events: ambiguous, it stays out
    other = claim(3, doc_id="c", kind="munitions", admin1="UA-63", date="2025-09-04", published="2025-09-06")
    events = build_events([dated, other, joins])
    assert all("b" not in e.documents for e in events) and len(events) == 2
    # an undated claim alone makes no event
    assert build_events([joins]) == []


def test_historical_claims_never_join():
    events = build_events([claim(1), claim(2, doc_id="b", value=728, historical=True)])
    assert [f.claims for f in events[0].figures] == [(1,)]
    assert build_events([claim(2, historical=True)]) == []


def test_places_compared_by_spelling_and_never_with_their_region():
    base = dict(kind="casualties", measure="killed", weapon=None, admin1="UA-63", value=2)
    a = claim(1, doc_id="a", place="Kharkiv", **base)
    b = claim(2, doc_id="b", place="kharkov", **base)
    c = claim(3, doc_id="c", place=None, **{**base, "value": 4})
    ev = build_events([a, b, c])[0]
    city = figure(ev, "killed", place="Kharkiv")
    assert city.claims == (1, 2) and city.status == CONSISTENT
    assert figure(ev, "killed", place=None).claims == (3,)


def test_russian_source_never_merged_into_a_ukrainian_figure():
    base = dict(kind="casualties", measure="killed", weapon=None, admin1="UA-46", place="Yavoriv")
    ua = claim(1, doc_id="a", value=61, source="the Ukrainian police", **base)
    ru = claim(2, doc_id="b", value=180, source="Russian officials", **base)
    ev = build_events([ua, ru])[0]
    assert sorted(f.best for f in ev.figures) == [61, 180]
    assert all(f.status == CONSISTENT for f in ev.figures)
    assert ev.label.endswith("61 killed")


def test_agreement_reuses_within_report_rules():
    def f(v, q=EXACT):
        return Fact(doc="d", kind="munitions", measure="launched", value=v, evidence=(0, 1), qualifier=q)

    assert agrees(f(500, MORE_THAN), f(502))
    assert agrees(f(300, MORE_THAN), f(328, AT_LEAST))
    assert agrees(f(24, VAGUE), f(9))
    assert not agrees(f(480), f(502))
    assert not agrees(f(500, MORE_THAN), f(480))


def test_same_day_role_update_counts_as_later():
    first = claim(1, doc_id="a", kind="casualties", measure="killed", weapon=None, admin1="UA-63", value=2)
    update = claim(
        2,
        doc_id="b",
        kind="casualties",
        measure="killed",
        weapon=None,
        admin1="UA-63",
        value=4,
        role="update",
    )
    fig = build_events([update, first])[0].figures[0]
    assert fig.status == REVISED and fig.best == 4
    assert fig.history == (("2025-09-03", 2), ("2025-09-03", 4))


@pytest.mark.timeout(30)
def test_ten_thousand_claims_are_blocked_not_compared_pairwise():
    """Speed itself is a benchmark's business; the timeout only catches an all-pairs blow-up."""
    rng = random.Random(1)
    regions = [f"UA-{n:02d}" for n in range(5, 75, 3)]
    start = date(2024, 1, 1)
    claims = []
    for i in range(10_000):
        d = start + timedelta(days=rng.randrange(365))
        pub = d + timedelta(days=rng.choice((0, 0, 1)))
        kind = rng.choice(("munitions", "casualties", "damage"))
        claims.append(
            claim(
                i,
                doc_id=f"r{i // 5}",
                published=pub.isoformat(),
                date=d.isoformat(),
                kind=kind,
                measure=rng.choice(("launched", "intercepted")) if kind == "munitions" else "killed",
                weapon=rng.choice(("drone", "missile")) if kind == "munitions" else None,
                admin1=rng.choice(regions + [None]),
                place=rng.choice((None, "Kharkiv", "Odesa")),
                value=float(rng.randrange(1, 600)),
            )
        )
    build_events(claims[:10])  # warm the gazetteer (loaded once per process)
    events = build_events(claims)
    assert sum(len(f.claims) for e in events for f in e.figures) == 10_000


# --- property: random claim sets -----------------------------------------------------------

DAY0 = date(2025, 9, 1)


KINDS = (
    ("munitions", ("launched", "intercepted", "hit")),
    ("casualties", ("killed", "injured")),
    ("damage", ("power_outage",)),
    ("regions", ("affected",)),
)
MEMBERS = ((), ("UA-63",), ("UA-14", "UA-30"), ("UA-30", "UA-63"))


@st.composite
def claim_sets(draw):
    # one tuple of small integers per claim: cheap to draw and to shrink
    rows = draw(
        st.lists(
            st.tuples(*(st.integers(0, k) for k in (3, 2, 6, 4, 7, 29, 4, 2, 4, 3, 2, 3, 1, 3))), max_size=40
        )
    )
    out = []
    for i, (k, m, day, lag, anyday, v, q, ctry, a1, pl, src, hist, role, mem) in enumerate(rows):
        kind, measures = KINDS[k]
        day_ = None if day == 6 else day
        # mostly dated by the report's own day or the day after: the overnight cases
        pub = {0: day_, 1: day_, 2: None if day_ is None else day_ + 1, 3: None, 4: anyday}[lag]
        fact = Fact(
            doc=f"r{i % 7}",
            kind=kind,
            measure=measures[m % len(measures)],
            evidence=(0, 1),
            value=float(v + 1),
            qualifier=(EXACT, EXACT, MORE_THAN, AT_LEAST, VAGUE)[q],
            country=("UA", "UA", "RU")[ctry],
            weapon=("drone", "missile")[m % 2] if kind == "munitions" else None,
            admin1=None if kind == "regions" else (None, "UA-63", "UA-14", "RU-BEL", "UA-30")[a1],
            place=(None, "Kharkiv", "kharkov", "Odesa")[pl] if kind == "casualties" else None,
            date=None if day_ is None else (DAY0 + timedelta(days=day_)).isoformat(),
            source=(None, "air force", "Russia's Defence Ministry")[src],
            historical=hist == 3,
            members=MEMBERS[mem] if kind == "regions" else (),
            role=("total", "update")[role],
        )
        out.append(
            Claim(
                fact_id=i,
                doc_id=fact.doc,
                fact=fact,
                published=None if pub is None else DAY0 + timedelta(days=pub),
            )
        )
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claim_sets(), st.randoms(use_true_random=False))
def test_property_every_claim_once_one_country_two_days_at_most(claims, rnd):
    events = build_events(claims)
    by_id = {c.fact_id: c for c in claims}
    seen = Counter(fid for e in events for f in e.figures for fid in f.claims)
    for c in claims:
        f = c.fact
        if f.kind == "regions" or f.historical:
            assert seen[c.fact_id] == 0
        elif f.date is not None:
            assert seen[c.fact_id] == 1, c
        else:
            assert seen[c.fact_id] <= 1
    for e in events:
        members = [by_id[fid] for f in e.figures for fid in f.claims]
        assert {m.fact.country for m in members} <= {e.country}
        days = [date.fromisoformat(m.fact.date) for m in members if m.fact.date]
        if days:
            assert (max(days) - min(days)).days <= 1
        assert KEY.match(e.key)
    assert len({e.key for e in events}) == len(events)
    shuffled = claims[:]
    rnd.shuffle(shuffled)
    assert build_events(shuffled) == events


# --- the dev corpus -----------------------------------------------------------------------
#
# Which dev reports describe the same attack? Read one by one, only 007 (Wikipedia, the
# 8 July 2024 strikes) and 022 (UN DPPA: the Security Council on "Monday"'s attack on Kyiv's
# children's hospital, i.e. Okhmatdyt, 8 July 2024) do. 022 states no date and has no
# publication date; rule R6b pairs it with 007 by what was hit (a children's hospital in
# Kyiv), on the weekday it names (Monday). Every other dated report is about its own day;
# 008 (Poltava, 3 Sep 2024) and the seed (3 Sep 2025) share a day and month but not a year.
# 002 and 021 have neither dates nor publication dates: no events.


def _dev_claims() -> list[Claim]:
    from warledger.cli import _published_dates

    dates = _published_dates(CORPUS, GOLD)
    claims: list[Claim] = []
    for path in sorted(Path(CORPUS).glob("*.txt")):
        doc = extract_text(path.read_text(encoding="utf-8"), doc_id=path.stem, published=dates.get(path.stem))
        for f in doc.facts:
            evidence = doc.text[f.evidence[0] : f.evidence[1]]
            claims.append(
                Claim(
                    fact_id=len(claims) + 1,
                    doc_id=path.stem,
                    fact=f,
                    published=doc.published,
                    evidence_text=evidence,
                )
            )
    return claims


@pytest.fixture(scope="module")
def dev():
    claims = _dev_claims()
    return claims, build_events(claims)


@needs_corpus
def test_dev_reports_of_different_days_are_separate_events(dev):
    claims, events = dev
    assert all(len(e.documents) == 1 for e in events if e.date != "2024-07-08")
    poltava = [e for e in events if e.documents == ("008-wikipedia-poltava-strike-sep-2024",)]
    seed = [e for e in events if e.documents == ("seed-2025-09-03-reuters-502-drones",)]
    assert [e.date for e in poltava] == ["2024-09-03"]
    assert [e.date for e in seed] == ["2025-09-03"]
    assert poltava[0].key != seed[0].key


@needs_corpus
def test_dev_pair_of_reports_of_the_same_attack_is_one_event(dev):
    claims, events = dev
    assert any(c.doc_id.startswith("022-") for c in claims)  # it has a claim (regions: Kyiv)
    july = [e for e in events if e.date == "2024-07-08"]
    assert [e.documents for e in july] == [
        ("007-wikipedia-8-july-2024-strikes", "022-un-dppa-security-council-no-figures")
    ]
    # and only there: every other event is one report's
    assert sum(1 for e in events for d in e.documents if d.startswith("022-")) == 1


@needs_corpus
def test_dev_every_dated_report_with_facts_yields_an_event(dev):
    claims, events = dev
    dated = {c.doc_id for c in claims if c.fact.date and not c.fact.historical}
    assert len(dated) >= 18
    assert dated <= {d for e in events for d in e.documents}


@needs_corpus
def test_dev_single_report_event_figures_equal_the_report_facts(dev):
    claims, events = dev
    by_id = {c.fact_id: c for c in claims}
    in_events = set()
    for e in events:
        for fig in e.figures:
            (fid,) = fig.claims  # one report: one claim per figure
            c = by_id[fid]
            f = c.fact
            assert c.doc_id in e.documents
            assert (fig.kind, fig.measure, fig.weapon, fig.admin1, place_key(fig.place), fig.best) == (
                f.kind,
                f.measure,
                f.weapon,
                f.admin1,
                place_key(f.place),
                f.value,
            )
            # the attributed source or none, never the document (issue 10)
            assert fig.status == CONSISTENT and fig.sources == ((f.source,) if f.source else ())
            in_events.add(fid)
    figures = {
        c.fact_id for c in claims if c.fact.date and not c.fact.historical and c.fact.kind != "regions"
    }
    assert in_events == figures


def _with_text(c: Claim, text: str) -> Claim:
    return Claim(fact_id=c.fact_id, doc_id=c.doc_id, fact=c.fact, published=c.published, evidence_text=text)


def test_report_without_any_date_joins_the_event_that_hit_the_same_target():
    # two Monday events in Kyiv: a children's hospital hit (8 July), a power plant hit (15 July)
    hospital = _with_text(
        claim(
            1,
            doc_id="a",
            published="2024-07-08",
            date="2024-07-08",
            admin1="UA-30",
            kind="casualties",
            measure="killed",
            weapon=None,
            value=2,
        ),
        "A strike hit the children's hospital, killing two adults.",
    )
    plant = _with_text(
        claim(
            2,
            doc_id="b",
            published="2024-07-15",
            date="2024-07-15",
            admin1="UA-30",
            kind="munitions",
            measure="hit",
            weapon="missile",
            value=3,
        ),
        "Three missiles hit a thermal power plant in Kyiv.",
    )
    undated = dict(kind="regions", measure="affected", weapon=None, members=("UA-30",), date=None, value=1)
    monday = _with_text(
        claim(3, doc_id="c", published=None, **undated),
        "the capital's main children's hospital came under fire on Monday",
    )
    events = build_events([hospital, plant, monday])
    assert event_of(events, "c").documents == ("a", "c")
    tuesday = _with_text(
        claim(3, doc_id="c", published=None, **undated),
        "the capital's main children's hospital came under fire on Tuesday",
    )
    assert not any("c" in e.documents for e in build_events([hospital, plant, tuesday]))
    school = _with_text(claim(3, doc_id="c", published=None, **undated), "a school came under fire on Monday")
    assert not any("c" in e.documents for e in build_events([hospital, plant, school]))


@needs_corpus
@pytest.mark.issue(10)
def test_dev_no_event_source_is_a_document_id(dev):
    _claims, events = dev
    assert events
    for e in events:
        for fig in e.figures:
            assert not set(fig.sources) & set(e.documents), (e.key, fig)
