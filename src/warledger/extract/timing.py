"""When a figure happened, and whether it is today's or background.

A clause is background when it gives a cumulative total ("since the start of the year"),
recalls a record ("The previous record was set on July 4, when …") or names a date more
than ``HISTORICAL_DAYS`` before the report's own. A superlative keeps today's figure today's
("the deadliest attack since July").
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from .context import SentenceInfo, clause_of
from .lexicon import (
    HISTORICAL_MARKERS,
    PARAGRAPH_BACKGROUND_OPENERS,
    RECALLED,
    REPORTED_EARLIER,
    SENTENCE_BACKGROUND_OPENERS,
    SENTENCE_HISTORICAL_MARKERS,
    SUPERLATIVES,
    UPDATE_MARKERS,
    WEEK_REVIEW_MARKERS,
)
from .text import Token

if TYPE_CHECKING:
    from .figures import Figure


# A date this many days before the report's own date makes a figure background.
HISTORICAL_DAYS = 7
# ... or this many, in a sentence that says it reviews the week ("last week, on 6 March").
WEEK_REVIEW_DAYS = 14


# How many words before a background marker a superlative may stand: "the largest single
# drone attack of the war to date" is about today's attack.
SUPERLATIVE_REACH = 9


def historical_clauses(
    tokens: list[Token], clause_texts: dict[int, str], doc_date: date | None, dates_in: list
) -> set[int]:
    """Clauses about something other than the attack reported: cumulative totals, records,
    earlier attacks."""
    out: set[int] = set()
    clauses = sorted(clause_texts)
    sentence = " ".join(clause_texts[c] for c in clauses)
    if any(m in sentence for m in SENTENCE_HISTORICAL_MARKERS):
        return set(clauses)  # "The previous record was set on July 4, when …"
    # "Last week, on 6 March, …": a weekly review reports the attacks of its week
    reach = WEEK_REVIEW_DAYS if any(w in sentence for w in WEEK_REVIEW_MARKERS) else HISTORICAL_DAYS
    dated = {
        clause_of(tokens, dm.start)
        for dm in dates_in
        if doc_date is not None and days_before(dm.date, doc_date) > reach
    }
    for c in clauses:
        text = clause_texts[c]
        ago = _DAYS_AGO.search(text)
        if ago and _days(ago.group(1)) > HISTORICAL_DAYS:
            out.add(c)  # "only 16 days ago, a missile killed 20 people"
            continue
        for marker in HISTORICAL_MARKERS:
            at = text.find(marker)
            if at >= 0 and not after_superlative(text[:at]):
                out.add(c)
                break
        # ", when 728 drones were launched": the clause after a past time
        if (
            text.startswith("when ")
            and c > 0
            and (c - 1 in out or c - 1 in dated or "since" in clause_texts.get(c - 1, "").split())
        ):
            out.add(c)
    for dm in dates_in:
        c = clause_of(tokens, dm.start)
        before = " ".join(t.low for t in tokens if t.clause == c and t.start < dm.start)
        if dm.text.lower().startswith("since"):
            if not after_superlative(before):
                out.add(c)
            continue
        if (
            doc_date is None
            or dm.text.lower().startswith(("this ", "earlier this"))
            or after_superlative(before)
        ):
            continue  # "this year" contains the attack; "the deadliest … this year" is today's
        if days_before(dm.date, doc_date) > reach:
            out.add(c)
    return out


def opens_background_paragraph(lowered: str) -> bool:
    """ "Recall that on July 8 …": the paragraph this sentence opens recalls earlier events."""
    opening = lowered.lstrip(" \"“'*-•")
    return opening.startswith(PARAGRAPH_BACKGROUND_OPENERS) or bool(REPORTED_EARLIER.match(opening))


def background_sentence(lowered: str) -> bool:
    """ "Earlier, …", "Many of us previously condemned …": a sentence about an earlier event
    (not a toll update: "the toll, previously reported as 10, rose to 16")."""
    if lowered.lstrip(" \"“'*-•").startswith(SENTENCE_BACKGROUND_OPENERS):
        return True
    return bool(RECALLED.search(lowered)) and not any(m in lowered for m in UPDATE_MARKERS)


_DAYS_AGO = re.compile(
    r"\b(\d{1,3}|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty)\s+days\s+ago\b"
)
_DAY_WORDS = {
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
}


def _days(word: str) -> int:
    return int(word) if word.isdigit() else _DAY_WORDS.get(word, 0)


def days_before(iso: str, ref: date) -> int:
    try:
        return (ref - date.fromisoformat(iso)).days
    except ValueError:
        return 0


def after_superlative(before: str) -> bool:
    """ "the deadliest strike on the capital since July": the figure is today's."""
    return bool(SUPERLATIVES & set(before.split()[-SUPERLATIVE_REACH:]))


def figure_date(
    f: Figure, info: SentenceInfo, dates_in: list, doc_date: date | None, historical: bool
) -> str | None:
    """The day the figure refers to: a date of its clause, else of its sentence, else the report's.

    Periods ("since May", "this year") name no day; a background date is only taken for a
    background figure ("in the deadliest attack this year" does not date today's toll)."""
    usable = [
        dm
        for dm in dates_in
        if not dm.text.lower().startswith(("since", "this ", "earlier this"))
        and (historical or doc_date is None or days_before(dm.date, doc_date) <= HISTORICAL_DAYS)
    ]
    for dm in usable:
        if clause_of(info.tokens, dm.start) == f.clause:
            return dm.date
    if usable:
        return usable[0].date
    return doc_date.isoformat() if doc_date else None
