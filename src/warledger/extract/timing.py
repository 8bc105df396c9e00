"""When a figure happened, and whether it is today's or background.

A clause is background when it gives a cumulative total ("since the start of the year"),
recalls a record ("The previous record was set on July 4, when …") or names a date more
than ``HISTORICAL_DAYS`` before the report's own. A superlative keeps today's figure today's
("the deadliest attack since July").
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..annotate.dates import document_date
from ..model import Document
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


# A first clause of at most this many words that is only a date ("On July 3,") dates the sentence.
OPENING_DATE_WORDS = 6
# A date this many days before the report's own date makes a figure background.
HISTORICAL_DAYS = 7
# ... or this many, in a sentence that says it reviews the week ("last week, on 6 March").
WEEK_REVIEW_DAYS = 14


# How many words before a background marker a superlative may stand: "the largest single
# drone attack of the war to date" is about today's attack.
SUPERLATIVE_REACH = 9


# A clause set in a year of its own ("in 2023", "during the whole of 2022", "throughout 2024").
_PAST_YEAR = re.compile(
    r"\b(?:in|during|throughout|for)\s+(?:the\s+(?:whole|course)\s+of\s+)?((?:19|20)\d\d)\b(?!\s*[-–/])"
)

# Participles that compare today's figure with a record: the record is theirs.
_COMPARING = (
    "surpassing",
    "beating",
    "breaking",
    "exceeding",
    "topping",
    "eclipsing",
    "overtaking",
    "outstripping",
)


def historical_clauses(
    tokens: list[Token], clause_texts: dict[int, str], doc_date: date | None, dates_in: list
) -> set[int]:
    """Clauses about something other than the attack reported: cumulative totals, records,
    earlier attacks."""
    out: set[int] = set()
    clauses = sorted(clause_texts)
    sentence = " ".join(clause_texts[c] for c in clauses)
    if any(m in sentence for m in SENTENCE_HISTORICAL_MARKERS):
        # "The previous record was set on July 4, when …"; but "…, surpassing the previous
        # record of 810 drones": only the comparison and what follows it
        compared = next(
            (
                c
                for c in clauses
                if clause_texts[c].startswith(_COMPARING)
                and any(m in clause_texts[c] for m in SENTENCE_HISTORICAL_MARKERS)
            ),
            None,
        )
        return (
            {c for c in clauses if c >= compared} if compared is not None and compared > 0 else set(clauses)
        )
    # "Last week, on 6 March, …": a weekly review reports the attacks of its week
    reach = WEEK_REVIEW_DAYS if any(w in sentence for w in WEEK_REVIEW_MARKERS) else HISTORICAL_DAYS
    dated = {
        clause_of(tokens, dm.start)
        for dm in dates_in
        if doc_date is not None and days_before(dm.date, doc_date) > reach
    }
    # "Kyiv was last hit this hard on April 24, when 12 people died": the last time before
    # is an earlier attack, however recent
    dated |= {
        c
        for dm in dates_in
        if doc_date is not None
        and days_before(dm.date, doc_date) > 1
        and _LAST_TIME.search(clause_texts.get(c := clause_of(tokens, dm.start), ""))
    }
    for c in clauses:
        text = clause_texts[c]
        year = _PAST_YEAR.search(text)
        if year and doc_date is not None and int(year.group(1)) < doc_date.year:
            out.add(c)  # "During the whole of 2022, Russia used roughly 1,000 drones"
            continue
        ago = _DAYS_AGO.search(text)
        if ago and _days(ago.group(1)) > HISTORICAL_DAYS:
            out.add(c)  # "only 16 days ago, a missile killed 20 people"
            continue
        for marker in HISTORICAL_MARKERS:
            at = text.find(marker)
            if at >= 0 and not after_superlative(text[:at]):
                out.add(c)
                break
        # "two days after Russia struck a hospital, killing five": a participle clause
        # belongs to the event of the clause it follows
        if c > 0 and (c - 1 in out or c - 1 in dated) and _PARTICIPLE_OPENING.match(text):
            out.add(c)
            continue
        # ", when 728 drones were launched" / ", in which 28 died": the clause after a past time;
        # "16 days ago … after a Russian missile killed 20 people": what the earlier time followed
        # "… has reached 3,742, with 8,211 injured": what a cumulative total comes with is cumulative
        if text.startswith("with ") and c - 1 in out:
            out.add(c)
            continue
        if (
            text.startswith(("when ", "in which ", "during which ", "where ", "which "))
            and c > 0
            and (c - 1 in out or c - 1 in dated or "since" in clause_texts.get(c - 1, "").split())
        ) or (
            c > 0
            and c - 1 in out
            and (
                text.startswith("after ")
                or (text.startswith("that ") and clause_texts[c - 1].endswith("ago"))
            )
        ):  # ("It was only 16 days ago that …": the cleft's clause is that time's)
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
            or (after_superlative(before) and not _names_its_day(dm.text))
        ):
            continue  # "this year" contains the attack; "the deadliest … this year" is today's
        if days_before(dm.date, doc_date) > reach:
            out.add(c)
    first = clauses[0] if clauses else None
    if first is not None and first in dated and len(clause_texts[first].split()) <= OPENING_DATE_WORDS:
        return set(clauses)  # "On July 3, the enemy attacked Romny, killing two": the date frames it all
    return out


def _names_its_day(date_text: str) -> bool:
    """ "on Nov. 19", "the July strike": a superlative before it is about that day's attack
    ("The heaviest night of the month, on Nov. 19, saw …"), not today's."""
    return bool(_EXPLICIT_DAY.search(date_text)) or date_text.lower().startswith("the ")


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


# A clause about the last time before ("was last hit", "the last time Russia struck").
_LAST_TIME = re.compile(
    r"\b(?:(?:was|were|had\s+been)\s+last|the\s+last\s+time|last\s+(?:hit|struck|attacked))\b"
)

# A clause opened by a participle of harm ("killing five", "injuring 12 others").
_PARTICIPLE_OPENING = re.compile(r"^(?:and\s+)?(?:killing|injuring|wounding|leaving|damaging|destroying)\b")

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


# A statement may report an attack days after it ("On 6 June, Russia launched 400 drones",
# said at the OSCE on 20 June): its lead's own date is the attack the report is about, and
# background is measured from it. Up to this many days before publication.
ANCHOR_MAX_DAYS = 45
# The lead: the first figure-bearing sentences of the report.
LEAD_SENTENCES = 2
_EXPLICIT_DAY = re.compile(
    r"\d{1,2}\s*(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Z][a-z]{2,8}|[A-Z][a-z]{2,8}\.?\s+\d{1,2}\b|\d{4}-\d{2}-\d{2}"
)


def attack_anchor(doc: Document, dates_by_sentence: list[list], numbered: list[bool]) -> date | None:
    """The day of the attack the report is about: the explicit date ("on 6 June") of its
    lead's figures when that is more than HISTORICAL_DAYS (and at most ANCHOR_MAX_DAYS)
    before publication and the lead recalls nothing ("since", "previous record"); else
    the report's own date."""
    published = document_date(doc)
    if published is None:
        return None
    seen = 0
    for i, s in enumerate(doc.sentences):
        if s.heading or not numbered[i]:
            continue
        seen += 1
        if seen > LEAD_SENTENCES:
            break
        lowered = doc.text[s.start : s.end].lower()
        if any(m in lowered for m in HISTORICAL_MARKERS) or any(
            m in lowered for m in SENTENCE_HISTORICAL_MARKERS
        ):
            continue
        for dm in dates_by_sentence[i]:
            if dm.text.lower().startswith(("since", "this ")):
                continue
            gap = days_before(dm.date, published)
            if 0 <= gap <= HISTORICAL_DAYS:
                return published  # the lead's attack is recent ("on Sunday", "overnight")
            if _EXPLICIT_DAY.search(dm.text) and HISTORICAL_DAYS < gap <= ANCHOR_MAX_DAYS:
                return published - timedelta(days=gap)
    return published
