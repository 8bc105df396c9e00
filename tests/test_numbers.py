"""Tests for the number annotator (warledger.annotate.numbers)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warledger.annotate import find_quantities
from warledger.model import ABOUT, AT_LEAST, EXACT, MORE_THAN, UP_TO, VAGUE


def qs(text: str) -> list[tuple[str, float, str, float | None, float | None]]:
    return [(q.text, q.value, q.qualifier, q.low, q.high) for q in find_quantities(text)]


def texts(text: str) -> list[str]:
    return [q.text for q in find_quantities(text)]


# (sentence, expected (text, value, qualifier, low, high) of every quantity)
CASES = [
    ("Russia launched 502 drones.", [("502", 502, EXACT, None, None)]),
    ("some 30,000 customers", [("some 30,000", 30000, ABOUT, None, None)]),
    (
        "1,500 square meters and 9,000 sq m",
        [("1,500", 1500, EXACT, None, None), ("9,000", 9000, EXACT, None, None)],
    ),
    ("a 10.5 km front", [("10.5", 10.5, EXACT, None, None)]),
    ("more than 1.5 million people", [("more than 1.5 million", 1.5e6, MORE_THAN, 1.5e6, None)]),
    ("1 million without power", [("1 million", 1e6, EXACT, None, None)]),
    ("2.3 thousand homes", [("2.3 thousand", 2300, EXACT, None, None)]),
    ("Three women and five men", [("Three", 3, EXACT, None, None), ("five", 5, EXACT, None, None)]),
    ("twenty-three drones", [("twenty-three", 23, EXACT, None, None)]),
    ("two hundred and fifty", [("two hundred and fifty", 250, EXACT, None, None)]),
    ("a hundred drones", [("a hundred", 100, EXACT, None, None)]),
    ("three thousand shells", [("three thousand", 3000, EXACT, None, None)]),
    ("a dozen drones", [("a dozen", 12, EXACT, None, None)]),
    ("two dozen drones", [("two dozen", 24, EXACT, None, None)]),
    ("over two dozen drones", [("over two dozen", 24, MORE_THAN, 24, None)]),
    ("half a dozen drones", [("half a dozen", 6, EXACT, None, None)]),
    ("Four railway workers", [("Four", 4, EXACT, None, None)]),
    ("at least nine people", [("at least nine", 9, AT_LEAST, 9, None)]),
    ("more than 500 drones", [("more than 500", 500, MORE_THAN, 500, None)]),
    ("up to 7 hours", [("up to 7", 7, UP_TO, None, 7)]),
    ("nearly 20 killed", [("nearly 20", 20, ABOUT, None, None)]),
    ("over 120 civilians", [("over 120", 120, MORE_THAN, 120, None)]),
    ("approximately 100 missiles", [("approximately 100", 100, ABOUT, None, None)]),
    ("As many as 1,000 fighters", [("As many as 1,000", 1000, UP_TO, None, 1000)]),
    ("less than 15 miles", [("less than 15", 15, UP_TO, None, 15)]),
    ("fewer than 10 drones", [("fewer than 10", 10, UP_TO, None, 10)]),
    ("no more than 10 drones", [("no more than 10", 10, UP_TO, None, 10)]),
    ("in excess of 300 drones", [("in excess of 300", 300, MORE_THAN, 300, None)]),
    ("upwards of 40 drones", [("upwards of 40", 40, MORE_THAN, 40, None)]),
    ("above 40 drones", [("above 40", 40, MORE_THAN, 40, None)]),
    ("about 170 were injured", [("about 170", 170, ABOUT, None, None)]),
    ("around 40 drones", [("around 40", 40, ABOUT, None, None)]),
    ("almost 40 drones", [("almost 40", 40, ABOUT, None, None)]),
    ("roughly 40 drones", [("roughly 40", 40, ABOUT, None, None)]),
    ("close to two years", [("close to two", 2, ABOUT, None, None)]),
    ("an estimated 3,000 people", [("an estimated 3,000", 3000, ABOUT, None, None)]),
    ("~40 drones", [("~40", 40, ABOUT, None, None)]),
    ("between 35 and 40 soldiers", [("between 35 and 40", 35, AT_LEAST, 35, 40)]),
    ("35 to 40 soldiers", [("35 to 40", 35, AT_LEAST, 35, 40)]),
    ("35-40 soldiers", [("35-40", 35, AT_LEAST, 35, 40)]),
    # a figure that changed is two figures, the old and the new (SCHEMA.md: the latest stands)
    ("the toll rose from 10 to 16", [("10", 10, EXACT, None, None), ("16", 16, EXACT, None, None)]),
    ("casualties ranged from 10 to 16", [("from 10 to 16", 10, AT_LEAST, 10, 16)]),
    ("between 35 and more than 40 soldiers", [("between 35 and more than 40", 35, AT_LEAST, 35, None)]),
    ("four or five drones", [("four or five", 4, AT_LEAST, 4, 5)]),
    ("dozens of missiles", [("dozens", 24, VAGUE, 24, None)]),
    # scale abbreviations and spaced thousands
    ("1.5 mln households", [("1.5 mln", 1_500_000, EXACT, None, None)]),
    ("200k households", [("200k", 200_000, EXACT, None, None)]),
    ("1.2m customers", [("1.2m", 1_200_000, EXACT, None, None)]),
    ("500m from the border", [("500", 500, EXACT, None, None)]),
    ("40 000 consumers", [("40 000", 40_000, EXACT, None, None)]),
    ("on June 3 100 drones", [("100", 100, EXACT, None, None)]),
    ("half a million people", [("half a million", 500_000, EXACT, None, None)]),
    ("scores of civilians", [("scores", 40, VAGUE, 40, None)]),
    ("hundreds of homes", [("hundreds", 200, VAGUE, 200, None)]),
    ("thousands of people", [("thousands", 2000, VAGUE, 2000, None)]),
    ("tens of thousands of people", [("tens of thousands", 20000, VAGUE, 20000, None)]),
    ("hundreds of thousands of people", [("hundreds of thousands", 200000, VAGUE, 200000, None)]),
    ("millions of people", [("millions", 2e6, VAGUE, 2e6, None)]),
    ("several drones", [("several", 3, VAGUE, 3, None)]),
    ("a few drones", [("a few", 3, VAGUE, 3, None)]),
    ("multiple cities", [("multiple", 2, VAGUE, 2, None)]),
    ("numerous buildings", [("numerous", 3, VAGUE, 3, None)]),
    ("a number of drones", [("a number of", 3, VAGUE, 3, None)]),
    ("several hundred people", [("several hundred", 300, VAGUE, 300, None)]),
    ("a third of the drones", [("a third", 1 / 3, EXACT, None, None)]),
    ("half of the drones", [("half", 0.5, EXACT, None, None)]),
    ("a quarter of the drones", [("a quarter", 0.25, EXACT, None, None)]),
    ("two-thirds of the drones", [("two-thirds", 2 / 3, EXACT, None, None)]),
    ("one pilot died", [("one", 1, EXACT, None, None)]),
    ("one day after the attack", [("one", 1, EXACT, None, None)]),
    ("[2] [3] 23 civilians were killed", [("23", 23, EXACT, None, None)]),
    ("up to 500kg", [("up to 500", 500, UP_TO, None, 500)]),
    ("1950 drones were launched", [("1950", 1950, EXACT, None, None)]),
    ("more than 2000 people", [("more than 2000", 2000, MORE_THAN, 2000, None)]),
    ("Donetska (20) and Zaporizka (15)", [("20", 20, EXACT, None, None), ("15", 15, EXACT, None, None)]),
    ("As 3 October, 59 people were killed", [("59", 59, EXACT, None, None)]),
    ("shot down 95 of 143 drones", [("95", 95, EXACT, None, None), ("143", 143, EXACT, None, None)]),
    ("killing two hundred and one people", [("two hundred and one", 201, EXACT, None, None)]),
    ("one hundred thousand people", [("one hundred thousand", 100000, EXACT, None, None)]),
    ("two and a half hours", [("two and a half", 2.5, EXACT, None, None)]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_cases(text: str, expected: list) -> None:
    assert qs(text) == expected


NOT_QUANTITIES = [
    "in 2022",
    "since 2014",
    "the 2022 invasion",
    "Russia's 2022 invasion",
    "2025 Ternopil strike",
    "The 19 November 2025Ternopil missile strike",
    "on 3 September",
    "September 3, 2024",
    "on 13 March 2022",
    "On 12 and 13 February",
    "From 9-11 August",
    "the night of 2-3 September",
    "February 16, 2025 (Sunday)",
    "(29 Dec 2023)",
    "Sept. 3",
    "2024-09-03",
    "the 2023-2024 winter",
    "shortly after 09:08",
    "Around 10 a.m.",
    "before 8:30 a.m. local time",
    "prior to 6 a.m.",
    "after 9:00 a.m.",
    "at 10am",
    "the 117th brigade",
    "its 14th Army Corps",
    "the first attack, the second wave",
    "a third wave",
    "Kh-101/X-101 missiles",
    "Su-30SM jets",
    "Tu-95 bombers",
    "MiG-31 aircraft",
    "OTR-21 Tochka-U",
    "S-300 missiles",
    "G-20 summit",
    "Iskander-M",
    "Shahed-136 drones",
    "Geran-2 drones",
    "KN-23 missiles",
    "Covid-19",
    "F-16 jets",
    "injured.[4] Uman",
    "[4][5]",
    "Flash Update No. 3",
    "Flash Update No.1",
    "Flash Update #6",
    "call +380 44 123 4567",
    "call 0800 300 545",
    "80 per cent of",
    "80% of",
    "between 80 and 90 per cent",
    "80-90%",
    "$1.5 billion",
    "USD 20 million",
    "1.5 billion euros",
    "five per cent",
    "they helped one another",
    "no one was hurt",
    "one of the largest attacks",
    "one of the deadliest",
    "World War Two",
    "a 12-year-old boy",
    "a nine-storey building",
    "a five-story block",
    "its nearly two-year war",
    "a 1990s building",
    "scores a goal",
    "another drone",
    "a drone",
    "",
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_offsets_and_window() -> None:
    text = "Of 40 drones, more than 30 were downed and 5 hit."
    got = find_quantities(text)
    assert [q.text for q in got] == ["40", "more than 30", "5"]
    for q in got:
        assert text[q.start : q.end] == q.text
    window = find_quantities(text, 10, 30)
    assert [q.text for q in window] == ["more than 30"]
    # a qualifier before the window is not taken in
    assert [q.text for q in find_quantities(text, text.index("30"))] == ["30", "5"]
    # a window that cuts a numeral reads only what is inside
    assert [q.value for q in find_quantities("x 12345 y", 0, 5)] == [123]


def test_one_is_singular() -> None:
    (q,) = find_quantities("one pilot died")
    assert q.singular and q.value == 1
    (q,) = find_quantities("two pilots died")
    assert not q.singular


def test_one_of_the_nonsuperlative_is_kept() -> None:
    assert texts("one of the drones hit a house") == ["one"]


def test_corpus_like_paragraph() -> None:
    text = (
        "Russia launched more than 500 drones and dozens of missiles across Ukraine, hitting "
        "14 sites and injuring four railway workers. The air force said it downed 430 of 502 "
        "drones and 21 of 24 missiles launched by Russia overnight, adding that three missiles "
        "and 69 drones struck 14 locations. Delays of up to 7 hours were reported. On 3 "
        "September 2024, at 9:00 a.m., Kh-101 missiles hit.[4]"
    )
    assert texts(text) == [
        "more than 500", "dozens", "14", "four", "430", "502", "21", "24", "three", "69", "14",
        "up to 7",
    ]  # fmt: skip


# ------------------------------------------------------------------ property tests

_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def to_words(n: int) -> str:
    """English words for 1 <= n <= 999,999 ("two hundred and fifty-three thousand ...")."""
    assert 0 < n < 1_000_000

    def below_thousand(k: int) -> str:
        parts = []
        if k >= 100:
            parts.append(_UNITS[k // 100] + " hundred")
            k %= 100
            if k:
                parts.append("and")
        if k >= 20:
            parts.append(_TENS[k // 10] + ("-" + _UNITS[k % 10] if k % 10 else ""))
        elif k:
            parts.append(_UNITS[k])
        return " ".join(parts)

    thousands, rest = divmod(n, 1000)
    out = []
    if thousands:
        out.append(below_thousand(thousands) + " thousand")
    if rest:
        out.append(below_thousand(rest))
    return " ".join(out)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**9), st.booleans())
def test_numerals_round_trip(n: int, grouped: bool) -> None:
    s = f"{n:,}" if grouped else str(n)
    got = find_quantities(f"Officials said {s} drones were launched.")
    assert [(q.text, q.value) for q in got] == [(s, n)]


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 999_999))
def test_words_round_trip(n: int) -> None:
    s = to_words(n)
    got = find_quantities(f"Officials said {s} drones were launched.")
    assert [(q.text, q.value) for q in got] == [(s, n)], s


_TOKENS = (
    "more than|at least|up to|about|between|and|from|to|or|-|,|.|of|the|a|an|half|dozen|dozens|"
    "hundreds|thousands|tens|several|few|number|one|two|twenty|three|hundred|thousand|million|"
    "September|May|2024|2022|3|12|40|1,500|30,000|10.5|per cent|%|$|a.m.|[4]|No.|#|Kh-101|"
    "drones|people|killed|no one|another|third|quarter|first|1990s|117th|09:08|+380|0800|"
    "storey|year-old|scores|since|in|War|Two|—|(|)|\n"
).split("|")
_text_strategy = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(_TOKENS), max_size=40).map(" ".join),
    st.lists(st.sampled_from(_TOKENS), max_size=40).map("".join),
)


def _check_invariants(text: str, start: int, end: int | None) -> None:
    got = find_quantities(text, start, end)
    hi = len(text) if end is None else min(end, len(text))
    prev_end = start
    for q in got:
        assert start <= q.start < q.end <= hi
        assert q.start >= prev_end
        assert text[q.start : q.end] == q.text
        if q.low is not None:
            assert q.low <= q.value
        if q.high is not None:
            assert q.value <= q.high
        assert q.qualifier in (EXACT, AT_LEAST, MORE_THAN, UP_TO, ABOUT, VAGUE)
        prev_end = q.end


@settings(max_examples=400, deadline=None)
@given(_text_strategy, st.data())
def test_invariants(text: str, data: st.DataObject) -> None:
    _check_invariants(text, 0, None)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    _check_invariants(text, start, end)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(), max_size=300))
def test_no_exception_on_unicode(text: str) -> None:
    find_quantities(text)


# ------------------------------------------------------------------ adversarial input

MB = 1_000_000


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "text",
    [
        "7" * MB,
        "1," * (MB // 2),
        " " * MB,
        "more than " * (MB // 10),
        "twenty-" * (MB // 7),
        "1-" * (MB // 2),
        "a " * (MB // 2),
        "3 September " * (MB // 12),
        "between 1 and " * (MB // 14),
    ],
    ids=["digits", "1-comma", "spaces", "more-than", "twenty-", "1-hyphen", "a-space", "dates", "between"],
)
def test_adversarial_linear(text: str) -> None:
    # the timeout marker is the check: a super-linear pattern would not finish 1 MB in time
    find_quantities(text)
