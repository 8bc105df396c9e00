"""Honest event figures (issue 10, reconcile/across.py R13, R14): bounds from the claims'
qualifiers, vague figures kept out of every total, measures no report stated never written
as 0; through the store, the API totals, the event page and the ACLED fatalities."""

from __future__ import annotations

import warnings
from datetime import date

import pytest

from warledger.api import extract_text
from warledger.model import AT_LEAST, EXACT, MORE_THAN, UP_TO, VAGUE, Claim, Fact
from warledger.reconcile.across import build_events, claim_bounds
from warledger.store import open_store
from warledger.webapi import Settings, create_app
from warledger.webapi import query as ql

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.issue(10)


def claim(fid, doc_id="d", published="2025-09-03", **kw) -> Claim:
    base = dict(doc=doc_id, kind="munitions", measure="launched", weapon="drone", value=100.0,
                evidence=(0, 10), date="2025-09-03", source="air force")  # fmt: skip
    base.update(kw)
    return Claim(fact_id=fid, doc_id=doc_id, fact=Fact(**base), published=date.fromisoformat(published))


def only_figure(claims, measure="launched"):
    (event,) = build_events(claims)
    (fig,) = [f for f in event.figures if f.measure == measure]
    return event, fig


def killed(value, qualifier, fid=1, doc_id="d", **kw):
    return claim(fid, doc_id=doc_id, kind="casualties", measure="killed", weapon=None, admin1="UA-63",
                 value=value, qualifier=qualifier, **kw)  # fmt: skip


@pytest.mark.parametrize(
    ("qualifier", "low", "high", "want"),
    [
        (EXACT, None, None, (7, 7)),
        (AT_LEAST, 7, None, (7, None)),
        (MORE_THAN, 110, None, (110, None)),
        (UP_TO, None, 7, (None, 7)),
        ("about", None, None, (7, 7)),
        (EXACT, 5, 9, (5, 9)),  # a range: "between 5 and 9"
    ],
)
def test_claim_bounds_follow_the_qualifier(qualifier, low, high, want):
    f = Fact(doc="d", kind="casualties", measure="killed", value=want[0] or want[1], evidence=(0, 1),
             qualifier=qualifier, low=low, high=high)  # fmt: skip
    assert claim_bounds(f) == want


def test_at_least_alone_keeps_an_open_upper_bound():
    _, fig = only_figure([killed(7, AT_LEAST, low=7)], "killed")
    assert (fig.low, fig.best, fig.high, fig.qualifier) == (7, 7, None, AT_LEAST)


def test_more_than_alone_keeps_an_open_upper_bound():
    _, fig = only_figure([claim(1, value=110, qualifier=MORE_THAN, low=110)])
    assert (fig.low, fig.best, fig.high) == (110, 110, None)


def test_another_claim_bounds_an_at_least_figure():
    _, fig = only_figure([killed(7, AT_LEAST, low=7), killed(9, EXACT, fid=2, doc_id="e")], "killed")
    assert (fig.low, fig.best, fig.high) == (7, 9, 9)


def test_a_cap_below_the_floor_does_not_close_the_bound():
    """ "at least 7" and "5" disagree: 5 does not cap a claim of 7 or more."""
    _, fig = only_figure([killed(7, AT_LEAST, low=7), killed(5, EXACT, fid=2, doc_id="e")], "killed")
    assert fig.status == "conflict" and (fig.low, fig.high) == (5, None)


def test_up_to_alone_has_no_lower_bound():
    _, fig = only_figure([claim(1, value=7, qualifier=UP_TO, high=7)])
    assert (fig.low, fig.high) == (None, 7)


def test_extracted_at_least_seven_stays_open():
    doc = extract_text("At least seven people were killed in Kharkiv overnight, Governor Oleh Syniehubov said.",
                       doc_id="k", published="2025-09-03")  # fmt: skip
    claims = [
        Claim(fact_id=i + 1, doc_id="k", fact=f, published=doc.published) for i, f in enumerate(doc.facts)
    ]
    _, fig = only_figure(claims, "killed")
    assert (fig.low, fig.best, fig.high, fig.qualifier) == (7, 7, None, AT_LEAST)


def test_vague_figure_is_vague_and_left_out_of_the_arithmetic_and_label():
    claims = [
        claim(1, value=24, qualifier=VAGUE),  # "dozens of drones"
        claim(2, measure="intercepted", value=20),
    ]
    (event,) = build_events(claims)
    launched = next(f for f in event.figures if f.measure == "launched")
    assert launched.vague and launched.qualifier == VAGUE and (launched.low, launched.high) == (None, None)
    assert event.checks == ()  # no launched number to check against
    assert "24" not in event.label


def test_not_stated_is_never_zero_in_the_checks():
    """The issue's night: launched 728, intercepted 296, lost 415, and no hit count."""
    claims = [
        claim(1, value=728),
        claim(2, measure="intercepted", value=296),
        claim(3, measure="lost", value=415),
    ]
    (event,) = build_events(claims)
    assert event.checks == (
        "drone: launched 728 = intercepted 296 + lost 415 + unaccounted 17; hit not stated",
    )
    assert not any("hit 0" in c for c in event.checks)


def test_bounded_figures_show_their_qualifier_in_the_checks():
    claims = [claim(1, value=500, qualifier=MORE_THAN, low=500), claim(2, measure="intercepted", value=430)]
    (event,) = build_events(claims)
    assert event.checks == ("drone: launched 500+ = intercepted 430 + unaccounted 70; hit, lost not stated",)


# --- through the store, the API and the page -------------------------------------------------

VAGUE_NIGHT = "Russia launched dozens of drones at Kharkiv overnight, the air force said."
COUNTED_NIGHT = "Russia launched 40 drones at Odesa overnight, the air force said."
AT_LEAST_TOLL = "At least seven people were killed in Kharkiv, Governor Oleh Syniehubov said."


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(f"sqlite:///{tmp_path_factory.mktemp('honest') / 'ledger.db'}")
    s.add(extract_text(VAGUE_NIGHT, doc_id="vague-night", published="2025-09-03"))
    s.add(extract_text(COUNTED_NIGHT, doc_id="counted-night", published="2025-09-10"))
    s.add(extract_text(AT_LEAST_TOLL, doc_id="toll", published="2025-09-20"))
    s.replace_events(build_events(s.claims()))
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store):
    return TestClient(create_app(store, Settings()), raise_server_exceptions=False)


def _event(client, doc_id):
    events = client.get("/api/events", params={"limit": 500}).json()["items"]
    (e,) = [e for e in events if doc_id in e["documents"]]
    return e


def test_store_keeps_the_figures_qualifier_and_open_bound(client):
    vague = _event(client, "vague-night")
    (fig,) = [f for f in vague["figures"] if f["measure"] == "launched"]
    assert fig["vague"] is True and fig["qualifier"] == VAGUE
    toll = _event(client, "toll")
    (fig,) = [f for f in toll["figures"] if f["measure"] == "killed"]
    assert (fig["low"], fig["best"], fig["high"], fig["qualifier"]) == (7, 7, None, AT_LEAST)


def test_vague_figures_never_reach_the_timeseries_or_the_map(client, store):
    days = {d["date"]: d for d in client.get("/api/timeseries").json()["items"]}
    assert days["2025-09-10"]["launched"] == 40
    assert "2025-09-03" not in days or days["2025-09-03"]["launched"] == 0
    regions = {r["admin1"]: r["totals"] for r in client.get("/api/regions").json()["items"]}
    assert "launched" not in regions.get("UA-63", {})  # Kharkiv's "dozens" is no number
    assert ql.region_totals(store, ql.build_query(limit=500))["items"]


def test_event_page_shows_open_bounds_and_vague_figures(client):
    toll = client.get(f"/events/{_event(client, 'toll')['key']}").text
    assert '<td class="high"><span class="open"' in toll and "7+" in toll
    vague = client.get(f"/events/{_event(client, 'vague-night')['key']}").text
    assert 'class="badge badge-vague"' in vague and "dozens" in vague
