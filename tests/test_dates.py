"""Tests for the date annotator (warledger.annotate.dates)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warledger.annotate import find_dates, first_full_date

WED = date(2025, 9, 3)  # a Wednesday

# (text, published, anchor, expected [(mention text, ISO date)])
CASES = [
    ("on 3 September 2024", WED, None, [("3 September 2024", "2024-09-03")]),
    ("On 3 September 2024, two missiles", None, None, [("3 September 2024", "2024-09-03")]),
    ("3 September", WED, None, [("3 September", "2025-09-03")]),
    ("September 3", WED, None, [("September 3", "2025-09-03")]),
    ("Sept. 3", WED, None, [("Sept. 3", "2025-09-03")]),
    ("3rd of September", WED, None, [("3rd of September", "2025-09-03")]),
    ("2024-09-03", None, None, [("2024-09-03", "2024-09-03")]),
    ("September 3, 2024", None, None, [("September 3, 2024", "2024-09-03")]),
    ("(29 Dec 2023)", None, None, [("29 Dec 2023", "2023-12-29")]),
    ("19 November 2025Ternopil", None, None, [("19 November 2025", "2025-11-19")]),
    ("on the night of 3 September", WED, None, [("the night of 3 September", "2025-09-03")]),
    ("the night of 2-3 September", WED, None, [("the night of 2-3 September", "2025-09-03")]),
    ("On 12 and 13 February", WED, None, [("12 and 13 February", "2025-02-12")]),
    ("From 9-11 August", WED, None, [("9-11 August", "2025-08-09")]),
    ("on Wednesday", WED, None, [("Wednesday", "2025-09-03")]),
    ("Tuesday", WED, None, [("Tuesday", "2025-09-02")]),
    ("early Monday", WED, None, [("early Monday", "2025-09-01")]),
    ("on Thursday", WED, None, [("Thursday", "2025-08-28")]),
    ("last Wednesday", WED, None, [("last Wednesday", "2025-08-27")]),
    ("overnight", WED, None, [("overnight", "2025-09-03")]),
    ("last night", WED, None, [("last night", "2025-09-03")]),
    ("this morning", WED, None, [("this morning", "2025-09-03")]),
    ("today", WED, None, [("today", "2025-09-03")]),
    ("this afternoon", WED, None, [("this afternoon", "2025-09-03")]),
    ("earlier today", WED, None, [("earlier today", "2025-09-03")]),
    ("yesterday", WED, None, [("yesterday", "2025-09-02")]),
    ("Yesterday", WED, None, [("Yesterday", "2025-09-02")]),
    ("last week", WED, None, [("last week", "2025-08-27")]),
    ("earlier this month", WED, None, [("earlier this month", "2025-09-01")]),
    ("in July", WED, None, [("in July", "2025-07-01")]),
    ("in October", WED, None, [("in October", "2024-10-01")]),
    ("in December 2023", WED, None, [("December 2023", "2023-12-01")]),
    ("last year", WED, None, [("last year", "2024-01-01")]),
    ("since the start of the year", WED, None, [("since the start of the year", "2025-01-01")]),
    ("since the war began", None, None, [("since the war began", "2022-02-24")]),
    ("since the start of the full-scale invasion", WED, None,
     [("since the start of the full-scale invasion", "2022-02-24")]),
    ("since February 2022", WED, None, [("since February 2022", "2022-02-01")]),
    ("since 10 May", WED, None, [("since 10 May", "2025-05-10")]),
    ("Oblast since 10 May.", WED, None, [("since 10 May", "2025-05-10")]),
    ("civilians since 2023.", WED, None, [("since 2023", "2023-01-01")]),
    # year rollover
    ("on 30 December", date(2025, 1, 2), None, [("30 December", "2024-12-30")]),
    ("on 2 January", date(2025, 1, 2), None, [("2 January", "2025-01-02")]),
    # the anchor's year wins over the publication year
    ("On 13 October missile attacks", None, date(2022, 10, 10), [("13 October", "2022-10-13")]),
    ("on 12 October", date(2022, 10, 13), date(2022, 10, 13), [("12 October", "2022-10-12")]),
    # a weekday written next to a full date is that date
    ("February 16, 2025 (Sunday)", date(2025, 2, 20), None,
     [("February 16, 2025", "2025-02-16"), ("Sunday", "2025-02-16")]),
    # no reference date: relative expressions are skipped, full dates kept
    ("on Wednesday, 3 September 2024, overnight", None, None, [("3 September 2024", "2024-09-03")]),
    ("3 September", None, None, []),
    # not dates
    ("you may march", WED, None, []),
    ("killed 3 people in the morning", WED, None, []),
    ("the 117th brigade", WED, None, []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "published", "anchor", "expected"), CASES, ids=[c[0] for c in CASES])
def test_cases(text: str, published: date | None, anchor: date | None, expected: list) -> None:
    got = find_dates(text, 0, None, published, anchor)
    assert [(d.text, d.date) for d in got] == expected
    for d in got:
        assert text[d.start : d.end] == d.text


def test_document() -> None:
    text = (
        "KYIV (Reuters) - Russia launched more than 500 drones overnight, the air force said on "
        "Wednesday. The attack began late on Tuesday. Since the start of the year, Russia has "
        "launched thousands of drones; in July it launched 728 in one night."
    )
    got = [(d.text, d.date) for d in find_dates(text, 0, None, WED)]
    assert got == [
        ("overnight", "2025-09-03"),
        ("Wednesday", "2025-09-03"),
        ("Tuesday", "2025-09-02"),
        ("Since the start of the year", "2025-01-01"),
        ("in July", "2025-07-01"),
    ]


def test_window() -> None:
    text = "On 3 September 2024, and on 4 September 2024."
    got = find_dates(text, 6, None, None)  # inside "September": not a word start
    assert [d.text for d in got] == ["4 September 2024"]
    assert [d.text for d in find_dates(text, 0, 20, None)] == ["3 September 2024"]


def test_first_full_date() -> None:
    assert first_full_date("On 3 September 2024, two missiles") == date(2024, 9, 3)
    assert first_full_date("8 July 2024 Russian strikes") == date(2024, 7, 8)
    assert first_full_date("The 19 November 2025Ternopil missile strike") == date(2025, 11, 19)
    assert first_full_date("in July, then on 5 May. February 16, 2025 (Sunday)") == date(2025, 2, 16)
    assert first_full_date("no date here, 2024 only") is None


@settings(max_examples=300, deadline=None)
@given(st.dates(date(1990, 1, 1), date(2090, 12, 31)), st.integers(0, 6), st.booleans())
def test_weekday_property(published: date, wd: int, on: bool) -> None:
    name = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][wd]
    text = f"Russia attacked {'on ' if on else ''}{name}, officials said."
    (got,) = find_dates(text, 0, None, published)
    d = date.fromisoformat(got.date)
    assert d.weekday() == wd
    assert published - timedelta(days=6) <= d <= published


@settings(max_examples=300, deadline=None)
@given(st.dates(date(1990, 1, 1), date(2090, 12, 31)), st.dates(date(1990, 1, 1), date(2090, 12, 31)))
def test_day_month_never_after_published(published: date, when: date) -> None:
    text = f"on {when.day} {when.strftime('%B')}"
    (got,) = find_dates(text, 0, None, published)
    d = date.fromisoformat(got.date)
    assert (d.month, d.day) == (when.month, when.day)
    assert d <= published
    assert d.year >= published.year - 1 or (d.month, d.day) == (2, 29)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.one_of(st.none(), st.dates()))
def test_no_exception_and_invariants(text: str, published: date | None) -> None:
    got = find_dates(text, 0, None, published)
    prev = 0
    for d in got:
        assert prev <= d.start < d.end <= len(text)
        assert text[d.start : d.end] == d.text
        date.fromisoformat(d.date)
        prev = d.end


MB = 1_000_000


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "text",
    [
        "7" * MB,
        "1," * (MB // 2),
        " " * MB,
        "since " * (MB // 6),
        "the night of " * (MB // 13),
        "3 September " * (MB // 12),
        "in in in May " * (MB // 13),
        "last last Monday " * (MB // 17),
        "1-" * (MB // 2),
        "Wednesday, 3 September 2025 " * (MB // 28),
    ],
    ids=[
        "digits",
        "1-comma",
        "spaces",
        "since",
        "night-of",
        "dates",
        "in-may",
        "last-monday",
        "1-hyphen",
        "weekday-dates",
    ],  # fmt: skip
)
def test_adversarial_linear(text: str) -> None:
    # the timeout marker is the check: a super-linear pattern would not finish 1 MB in time
    find_dates(text, 0, None, WED)
    first_full_date(text)
