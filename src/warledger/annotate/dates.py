"""Date annotator: finds date expressions and resolves them to ISO dates.

Takes a document's text (a ``start``/``end`` window of it), its publication date and
optionally an ``anchor`` date (e.g. a full date found earlier in the document) and returns
:class:`~warledger.model.DateMention` objects, in text order and non-overlapping:

* full dates: "3 September 2024", "September 3, 2024", "2024-09-03", "(29 Dec 2023)";
* day and month: "3 September", "Sept. 3", "the night of 2-3 September" (-> the 3rd: a
  night attack is dated by the morning it ends), "12 and 13 February" / "9-11 August"
  (-> the first day);
* month only: "in July", "in December 2023" (-> the 1st of that month);
* weekdays: "on Wednesday", "early Monday" (-> the latest such day on or before the
  reference date; "last Monday" -> strictly before);
* relative words: "overnight", "last night", "today", "this morning" (-> the reference
  date: wire reports date an overnight attack by the morning it ends), "yesterday",
  "last week", "earlier this month", "last month", "last year";
* "since ..." (a cumulative marker for callers): "since the start of the year", "since the
  war began" (-> 2022-02-24, the full-scale invasion), "since February 2022",
  "since 10 May", "since 2023"; the mention's text starts with "since".

The reference date for relative expressions is ``published``, else ``anchor``; when neither
is known they are skipped, but dates that carry their year are still resolved. A date
without a year takes the anchor's year if there is an anchor, else the publication
year, moved back a year if it would fall after publication ("30 December" published
2025-01-02 -> 2024-12-30).

One compiled regex scans the text once (linear time); resolution is table lookups.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from warledger.annotate.numbers import _trie_regex
from warledger.model import DateMention, Document

# ---------------------------------------------------------------------------------------
# Lexicons
# ---------------------------------------------------------------------------------------

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip

#: Relative expressions resolved as an offset in days from the reference date.
RELATIVE_DAYS: dict[str, int] = {
    "overnight": 0, "last night": 0, "tonight": 0, "today": 0, "earlier today": 0,
    "this morning": 0, "this afternoon": 0, "this evening": 0, "early this morning": 0,
    "late last night": 0, "yesterday": -1, "the day before yesterday": -2,
    "last week": -7,
}  # fmt: skip

#: Relative expressions resolved to the first day of a period.
RELATIVE_PERIODS: dict[str, str] = {
    "earlier this month": "this_month", "this month": "this_month", "last month": "last_month",
    "earlier this year": "this_year", "this year": "this_year", "last year": "last_year",
}  # fmt: skip

#: The day Russia's full-scale invasion began: what "since the war began" refers to.
WAR_START = date(2022, 2, 24)

# ---------------------------------------------------------------------------------------
# The pattern
# ---------------------------------------------------------------------------------------


def _cap(word: str) -> str:
    """``word`` with its first letter in either case ("[Tt]oday")."""
    return f"[{word[0].upper()}{word[0]}]{word[1:]}"


_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
)
# Month names are case-sensitive so that "may" (the verb) and "march" are not months.
# (an abbreviation may take a full stop: "Sept. 3"; a full name's stop ends the sentence)
_MONTH = (
    r"(?:(?:" + _MONTH_NAMES + r")(?![a-z])|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![a-z])\.?)"
)
_ORD = r"(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WAR_PHRASE = (
    r"the\s+(?:(?:start|beginning|outbreak|escalation)\s+of\s+(?:the\s+|Russia['’]s\s+)?"
    r"(?:full[\s-]scale\s+)?(?:war|invasion)|(?:full[\s-]scale\s+)?(?:war|invasion)\s+(?:began|started)"
    r"|(?:full[\s-]scale\s+)?invasion)"
)
_YEAR_START_PHRASE = r"the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+year"

# Where a date expression may be: a digit, or a month, weekday or relative key word at a
# word start. Scanning for these with one fast regex, and matching the full patterns only
# there, keeps the cost linear and small; the words before a key word ("since", "the night
# of", "in", "last", "early this") are read by looking back from it.
_ANCHOR = re.compile(
    _trie_regex(
        [k for k in MONTHS]
        + list(WEEKDAYS)
        + "overnight tonight today yesterday night morning afternoon evening week month year since".split()
    )
)
_ISO = re.compile(r"(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)")
_DMY = re.compile(
    r"(?P<d1>\d{1,2})"
    + _ORD
    + r"(?:\s*(?:-|–|—|and|&|to)\s*(?P<d2>\d{1,2})"
    + _ORD
    + r")?\s*(?:of\s+)?(?P<m>"
    + _MONTH
    + r")(?:,?\s*(?P<y>(?:19|20)\d\d)(?!\d))?"
)
_MDY = re.compile(
    r"(?P<m>" + _MONTH + r")\s+(?P<d>\d{1,2})" + _ORD + r"(?![\d:])"
    r"(?:\s*(?:-|–|and)\s*\d{1,2}(?!\d))?(?:,?\s+(?P<y>(?:19|20)\d\d)(?!\d))?"
)
_MY = re.compile(r"(?P<m>" + _MONTH + r"),?\s+(?P<y>(?:19|20)\d\d)(?!\d)")
_MONTH_ONLY = re.compile(r"(?P<m>" + _MONTH_NAMES + r")(?![A-Za-z])")
_WEEKDAY_AT = re.compile(_WEEKDAY + r"(?![a-z])")
_SINCE_PHRASE = re.compile(
    r"[Ss]ince\s+(?:(?P<war>" + _WAR_PHRASE + r")|(?P<ys>" + _YEAR_START_PHRASE + r")"
    r"|(?P<ly>last\s+year)|(?P<sy>(?:19|20)\d\d)(?![\d\-–/]))\b"
)
_DIGIT_RUN = re.compile(r"\d+")
_EVENT_AFTER_MONTH = re.compile(
    r"\s+(?:attacks?|strikes?|bombings?|shelling|assault|raids?|barrage|offensive)\b", re.IGNORECASE
)
_WORD_AT = re.compile(r"[A-Za-z]+")


def _reversed_alternation(phrases: list[str]) -> re.Pattern[str]:
    """Match, at the start of a reversed string, one of ``phrases`` written reversed."""
    alts = []
    for p in sorted(phrases, key=len, reverse=True):
        alts.append(r"\s+".join(re.escape(w[::-1]) for w in reversed(p.split())))
    return re.compile(r"\s*(" + "|".join(alts) + r")(?![A-Za-z])", re.IGNORECASE)


#: Words before a month without a day that make it a date ("in July", "since March").
MONTH_PREPOSITIONS = ("in", "early", "late", "mid", "mid-", "until", "by", "during", "last", "this", "since")
#: Words before a weekday that belong to the expression.
WEEKDAY_PREFIXES = ("last", "this", "early", "late")

_BEFORE_SINCE = _reversed_alternation(["since"])
_BEFORE_NIGHT = _reversed_alternation(["the night of", "night of", "overnight on", "overnight of"])
_BEFORE_MONTH = _reversed_alternation([p for p in MONTH_PREPOSITIONS if p != "mid-"])
_BEFORE_MID = re.compile(r"(-dim)(?![A-Za-z])", re.IGNORECASE)
_BEFORE_WEEKDAY = _reversed_alternation(list(WEEKDAY_PREFIXES))
_REL_PREFIXES = sorted(
    {" ".join(k.split()[:-1]) for k in list(RELATIVE_DAYS) + list(RELATIVE_PERIODS)} - {""}
)
_BEFORE_REL = _reversed_alternation(_REL_PREFIXES)
_LOOKBACK = 40


def _back(pattern: re.Pattern[str], text: str, s: int, lo: int) -> tuple[str, int] | None:
    """The phrase of ``pattern`` right before ``s``: (lower-cased phrase, its start)."""
    if s <= lo:
        return None
    m = pattern.match(text[max(lo, s - _LOOKBACK) : s][::-1])
    if not m:
        return None
    return " ".join(m.group(1)[::-1].lower().split()), s - m.end()


# ---------------------------------------------------------------------------------------
# Resolution
# ---------------------------------------------------------------------------------------


def _month(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _make(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _infer(m: int, d: int, published: date | None, anchor: date | None) -> date | None:
    """A day and month without a year: the anchor's or publication year, not after
    publication."""
    ref = anchor or published
    if ref is None:
        return None
    y = ref.year
    out = _make(y, m, d)
    if published is not None and (out is None or out > published):
        out = _make(y - 1, m, d) if out is not None else None
        if out is None and m == 2 and d == 29:  # a leap day: the latest leap year
            for back in range(1, 8):
                out = _make(y - back, m, d)
                if out is not None and out <= published:
                    break
    return out


def _weekday(wd: int, ref: date, strictly_before: bool) -> date:
    back = (ref.weekday() - wd) % 7
    if back == 0 and strictly_before:
        back = 7
    return ref - timedelta(days=back)


def _year_or_infer(
    y: str | None, mo: int, day: int, published: date | None, anchor: date | None
) -> date | None:
    if y:
        return _make(int(y), mo, day)
    return _infer(mo, day, published, anchor)


def _period(key: str, ref: date) -> date | None:
    if key in RELATIVE_DAYS:
        return ref + timedelta(days=RELATIVE_DAYS[key])
    period = RELATIVE_PERIODS.get(key)
    if period == "this_month":
        return ref.replace(day=1)
    if period == "last_month":
        return (ref.replace(day=1) - timedelta(days=1)).replace(day=1)
    if period == "this_year":
        return date(ref.year, 1, 1)
    if period == "last_year":
        return date(ref.year - 1, 1, 1)
    return None


def _at(
    text: str, p: int, lo: int, end: int, published: date | None, anchor: date | None
) -> tuple[int, int, date | None, bool]:
    """Read a date expression whose key token starts at ``p``.

    Returns (start, end, date or None, full) where ``end`` is where scanning resumes and
    ``full`` says the date was written with day, month and year."""
    ref = published or anchor
    c = text[p]
    if c.isdigit():
        if p > lo and text[p - 1].isalnum():
            return p, _DIGIT_RUN.match(text, p, end).end(), None, False  # type: ignore[union-attr]
        m = _ISO.match(text, p, end)
        if m:
            return p, m.end(), _make(int(m["y"]), int(m["m"]), int(m["d"])), True
        m = _DMY.match(text, p, end)
        if m:
            mo, d1 = _month(m["m"]), int(m["d1"])
            s = p
            night = _back(_BEFORE_NIGHT, text, p, lo)
            if night:
                s = night[1]
            # the night of 2-3 September: dated by the morning it ends; else the first day
            day = int(m["d2"]) if night and m["d2"] else d1
            return s, m.end(), _year_or_infer(m["y"], mo, day, published, anchor), bool(m["y"])
        return p, _DIGIT_RUN.match(text, p, end).end(), None, False  # type: ignore[union-attr]
    m = _WORD_AT.match(text, p, end)
    word_end = m.end() if m else p + 1
    key = m.group().lower() if m else ""
    if key.rstrip(".") in MONTHS:
        for pat in (_MDY, _MY):
            m2 = pat.match(text, p, end)
            if m2:
                mo = _month(m2["m"])
                day = int(m2["d"]) if pat is _MDY else 1
                return (
                    p,
                    m2.end(),
                    _year_or_infer(m2["y"], mo, day, published, anchor),
                    bool(m2["y"] and pat is _MDY),
                )
        m2 = _MONTH_ONLY.match(text, p, end)
        if m2:
            prep = _back(_BEFORE_MONTH, text, p, lo)
            if prep is None and text[max(lo, p - 4) : p].lower() == "mid-":
                prep = ("mid-", p - 4)
            month = _month(m2["m"])
            if prep:
                return prep[1], m2.end(), _infer(month, 1, published, anchor), False
            if (
                text[max(lo, p - 4) : p].lower() == "the "
                and _EVENT_AFTER_MONTH.match(text, m2.end(), end)
                and (ref is None or month != ref.month)
            ):
                # "the July strike on Kyiv": an attack named by its month (of an earlier month
                # than the report's: "the November strike", in November, names no day)
                return p - 4, m2.end(), _infer(month, 1, published, anchor), False
        return p, word_end, None, False
    if key in WEEKDAYS:
        if not _WEEKDAY_AT.match(text, p, end) or ref is None:
            return p, word_end, None, False
        pre = _back(_BEFORE_WEEKDAY, text, p, lo)
        s = pre[1] if pre else p
        return (
            s,
            word_end,
            _weekday(WEEKDAYS[key], ref, strictly_before=bool(pre and pre[0] == "last")),
            False,
        )
    if key == "since":
        m2 = _SINCE_PHRASE.match(text, p, end)
        if not m2:
            return p, word_end, None, False
        if m2["war"]:
            return p, m2.end(), WAR_START, False
        if m2["sy"]:
            return p, m2.end(), date(int(m2["sy"]), 1, 1), False
        if ref is None:
            return p, m2.end(), None, False
        if m2["ys"]:
            return p, m2.end(), date((anchor or ref).year, 1, 1), False
        return p, m2.end(), date(ref.year - 1, 1, 1), False
    if ref is None:
        return p, word_end, None, False
    pre = _back(_BEFORE_REL, text, p, lo)
    if pre:
        d = _period(pre[0] + " " + key, ref)
        if d is not None:
            return pre[1], word_end, d, False
    return p, word_end, _period(key, ref), False


def find_dates(
    text: str,
    start: int = 0,
    end: int | None = None,
    published: date | None = None,
    anchor: date | None = None,
) -> list[DateMention]:
    """Every date expression in ``text[start:end]`` that resolves, with its ISO date."""
    end = len(text) if end is None else max(0, min(end, len(text)))
    lo = max(0, start)
    out: list[DateMention] = []
    fulls: list[tuple[int, int, date]] = []
    pos = lo
    last_end = lo
    search = _ANCHOR.search
    while pos < end:
        m = search(text, pos, end)
        if m is None:
            break
        s, e, d, full = _at(text, m.start(), lo, end, published, anchor)
        pos = max(e, m.start() + 1)
        if d is None:
            continue
        since = _back(_BEFORE_SINCE, text, s, lo)
        if since:
            s = since[1]  # "since 10 May": callers treat "since" as a cumulative marker
        if s < last_end:
            continue
        if full:
            fulls.append((s, e, d))
        out.append(DateMention(s, e, text[s:e], d.isoformat()))
        last_end = e
    if fulls:
        starts = {fs: d for fs, _, d in fulls}
        ends = {fe: d for _, fe, d in fulls}
        out = [_weekday_next_to_date(x, starts, ends, text) for x in out]
    return out


def _weekday_next_to_date(
    x: DateMention, starts: dict[int, date], ends: dict[int, date], text: str
) -> DateMention:
    """A weekday written next to a full date ("Wednesday, 3 September 2025",
    "February 16, 2025 (Sunday)") is that date, whatever the publication date."""
    key = x.text.split()[-1].lower()
    if key not in WEEKDAYS:
        return x
    # only a few characters of " ,()" may separate them (constant work per mention)
    for gap in range(4):
        for d in (starts.get(x.end + gap), ends.get(x.start - gap)):
            if d is None or d.weekday() != WEEKDAYS[key]:
                continue
            between = (
                text[x.end : x.end + gap] if starts.get(x.end + gap) == d else text[x.start - gap : x.start]
            )
            if not between.strip(" ,()"):
                return DateMention(x.start, x.end, x.text, d.isoformat())
    return x


def first_full_date(text: str) -> date | None:
    """The first date in ``text`` with day, month and year ("On 3 September 2024,",
    "19 November 2025Ternopil", "February 16, 2025", "2024-09-03"), or None."""
    pos, end = 0, len(text)
    while pos < end:
        m = _ANCHOR.search(text, pos, end)
        if m is None:
            return None
        _s, e, d, full = _at(text, m.start(), 0, end, None, None)
        if full and d is not None:
            return d
        pos = max(e, m.start() + 1)
    return None


def document_date(doc: Document) -> date | None:
    """The day of the attack the report covers: its publication date, else its first full date."""
    if doc.published is not None:
        return doc.published
    return first_full_date(doc.text)
