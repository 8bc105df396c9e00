"""Follow-up reports (issue 10): a report days later that updates the toll of an earlier
strike ("the death toll from Saturday's strike on Sumy has risen to 11", "the number of
injured in Sunday's attack rose to 47") is dated to the strike and joins its event as
``revised``, whatever the phrasing. The reports are written for these tests."""

from __future__ import annotations

import pytest

from test_events import Ledger, event_of, figure
from warledger.model import REVISED
from warledger.reconcile.across import build_events

FIRST = {
    "killed": (
        "A Russian missile strike on the centre of Poltava killed seven people on Saturday, officials said.",
        "killed",
    ),
    "injured": ("A Russian drone attack on Kharkiv on Sunday injured 31 people, the mayor said.", "injured"),
}

FOLLOW_UPS = [
    (
        "killed",
        12,
        "The death toll from Saturday's Russian missile strike on Poltava has risen to 12, officials said on Tuesday.",
    ),
    (
        "killed",
        9,
        "Rescuers found two more bodies after Saturday's strike on Poltava, bringing the death toll to 9.",
    ),
    (
        "killed",
        10,
        "The number of people killed in Saturday's missile strike on Poltava rose to 10, the governor said.",
    ),
    (
        "injured",
        47,
        "The number of injured in Sunday's drone attack on Kharkiv has risen to 47, the mayor said on Tuesday.",
    ),
]


@pytest.mark.issue(10)
@pytest.mark.parametrize(("measure", "latest", "text"), FOLLOW_UPS)
def test_a_follow_up_report_revises_the_strikes_event(measure, latest, text):
    led = Ledger()
    first, _ = FIRST[measure]
    led.report("first", first, "2025-06-14" if measure == "killed" else "2025-06-15")
    led.report("later", text, "2025-06-17")
    ev = event_of(build_events(led.claims), "first")
    assert "later" in ev.documents, "the follow-up joined another event"
    fig = figure(ev, measure)
    assert fig.status == REVISED
    assert fig.best == latest
