"""``/api/timeseries`` by week, month or year: the same totals as by day, summed.

A long ledger's daily series is too long for a chart (and megabytes of JSON): past
``MAX_POINTS`` days the answer is summed by the finest of week, month, year that fits, and
says so (``bucket``); ``?bucket=`` asks for one.
"""

from __future__ import annotations

import warnings
from datetime import date, timedelta

import pytest

from ledger_data import ledger
from warledger.store.base import DayPoint
from warledger.webapi import Settings, create_app
from warledger.webapi import query as ql

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


class Days:
    """A store stand-in whose time series is one point every ``step`` days from 2001-01-01."""

    def __init__(self, n: int, step: int = 1):
        start = date(2001, 1, 1)
        self.points = [
            DayPoint(
                (start + timedelta(days=i * step)).isoformat(), {"launched": float(i % 7), "killed": 1.0}
            )
            for i in range(n)
        ]

    def timeseries(self, q):
        return self.points


def totals(items):
    return {m: sum(i[m] for i in items) for m in ("launched", "killed")}


def test_a_short_series_stays_by_day():
    out = ql.timeseries(Days(100), ql.build_query())
    assert out["bucket"] == "day" and out["total"] == 100


def test_a_long_series_is_summed_by_the_finest_bucket_that_fits():
    days = Days(ql.MAX_POINTS + 1)
    out = ql.timeseries(days, ql.build_query())
    assert out["bucket"] == "week"
    assert out["total"] <= ql.MAX_POINTS
    assert totals(out["items"]) == totals(ql.timeseries(days, ql.build_query(), "day")["items"])
    assert all(date.fromisoformat(i["date"]).weekday() == 0 for i in out["items"])  # Mondays
    # weekly points over 60 years are too many: months
    assert ql.timeseries(Days(60 * 52, step=7), ql.build_query())["bucket"] == "month"


@pytest.mark.parametrize("bucket", ["week", "month", "year"])
def test_an_asked_bucket_sums_the_days(bucket):
    days = Days(800)
    by_day = ql.timeseries(days, ql.build_query(), "day")["items"]
    out = ql.timeseries(days, ql.build_query(), bucket)
    assert out["bucket"] == bucket
    assert totals(out["items"]) == totals(by_day)
    firsts = [i["date"] for i in out["items"]]
    assert firsts == sorted(set(firsts))
    if bucket == "month":
        assert all(d.endswith("-01") for d in firsts) and len(firsts) == 27  # 2001-01 .. 2003-03
    if bucket == "year":
        assert firsts == ["2001-01-01", "2002-01-01", "2003-01-01"]


def test_the_api_takes_bucket_and_refuses_others(tmp_path):
    store = ledger(tmp_path / "l.db")
    try:
        client = TestClient(create_app(store, Settings(cache=False)))
        by_day = client.get("/api/timeseries").json()
        assert by_day["bucket"] == "day"
        by_month = client.get("/api/timeseries", params={"bucket": "month"}).json()
        assert by_month["bucket"] == "month"
        assert totals(by_month["items"]) == totals(by_day["items"])
        assert {i["date"][:7] for i in by_month["items"]} == {i["date"][:7] for i in by_day["items"]}
        assert client.get("/api/timeseries", params={"bucket": "fortnight"}).status_code == 422
        assert (
            client.get("/api/timeseries", params=[("bucket", "day"), ("bucket", "week")]).status_code == 422
        )
    finally:
        store.close()
