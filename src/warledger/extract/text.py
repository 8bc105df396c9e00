"""Tokens and clauses of one sentence: the shallow structure the fact rules read.

A full dependency parse would be more general but costs ~100x the time budget; the
figures in attack reports sit in a few dozen recurring shapes that a token list with clause
boundaries captures (see the extract issue's hints). Clauses are split at subordinators
("that", "which", "while"), at ";" ":" and dashes, at parentheses, and at a comma or "and"
that introduces a participle ("…, killing at least 59", "… and injuring four").
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Token

__all__ = ["STATEMENT_VERBS", "Token", "tokenize"]
from .lexicon import (
    CASUALTY_TRIGGERS,
    CLAUSE_WORDS,
    DOWN_PHRASAL_VERBS,
    IRREGULAR_STATEMENT_VERBS,
    MUNITION_TRIGGERS,
)

# Verbs that give a coordinated clause its own statement: the casualty and munition verbs.
STATEMENT_VERBS = frozenset(
    w for w in (*CASUALTY_TRIGGERS, *MUNITION_TRIGGERS) if w.endswith("ed") or w in IRREGULAR_STATEMENT_VERBS
)

_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9’'./-]{0,40}|\d+(?:[.,]\d+)*|--|[^\sA-Za-z\d]")


@lru_cache(maxsize=65536)
def _norm(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    elif w.endswith("'"):
        w = w[:-1]
    if w.endswith(".") and len(w) > 2 and w.count(".") == 1:
        w = w[:-1]
    return w


# "-ing" words that do not open a participle clause
NOT_CLAUSE_ING = frozenset(
    {
        "including",
        "according",
        "during",
        "following",
        "morning",
        "evening",
        "building",
        "bombing",
        "shelling",
        "something",
        "nothing",
        "anything",
        "everything",
    }
)
# after ", and": words that start a new clause rather than continue a list
_CLAUSE_OPENERS = frozenset(
    {"in", "on", "at", "over", "near", "across", "the", "a", "an", "later", "then", "another", "separately"}
)


def _opens_clause(word: str) -> bool:
    w = word.lower()
    return w in _CLAUSE_OPENERS or (w.endswith("ing") and len(w) > 5 and w not in NOT_CLAUSE_ING)


# ", and Ukrzaliznytsia said …": a new statement, not a list item
_SPEECH = re.compile(r"said|says|reported|stated|announced|told|wrote|added")

# ", and strikes on Odesa injured three": a coordinated statement with a subject and a verb
# of its own (a trigger word within this many tokens, before any comma).
NEW_SUBJECT_REACH = 6


def _own_verb(words: list[tuple[int, int, str]]) -> bool:
    if not words or words[0][2][:1].isdigit():
        return False  # ", and 12 over Sumy": a list item sharing the verb before it
    for _, _, w in words[1:]:
        if w in (",", ";", "."):
            return False
        if _norm(w) in STATEMENT_VERBS:
            return True
    return False


_BREAK_PUNCT = frozenset({";", ":", "(", ")", "--", "—", "–", "[", "]"})


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """Tokens of ``text[start:end]`` with a clause number each: the English pack's
    tokenizer, run once per sentence by the tokens stage (``Document.tokens``)."""
    raw = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]
    out: list[Token] = []
    clause = 0
    clause_has_verb = False
    n = len(raw)
    for i, (s, e, t) in enumerate(raw):
        low = _norm(t)
        if low in DOWN_PHRASAL_VERBS and i + 1 < n and raw[i + 1][2].lower() == "down":
            low = "downed"  # "took down 30 drones": the phrasal verb is the trigger
        brk = False
        if t in _BREAK_PUNCT or (t == "-" and i > 0 and raw[i - 1][1] < s):  # a spaced dash
            brk = True
        elif low in CLAUSE_WORDS and out:
            brk = True
        elif (
            low.endswith("ing") and len(low) > 5 and out and out[-1].text == "," and low not in NOT_CLAUSE_ING
        ):
            brk = True  # ", killing ..."
        elif (
            low.endswith("ing")
            and len(low) > 5
            and out
            and out[-1].low == "and"
            and low not in NOT_CLAUSE_ING
        ):
            brk = True  # "... and injuring ..."
        elif low in {"with", "according", "adding", "after"} and out and out[-1].text == ",":
            brk = True
        elif (
            low == "and"
            and out
            and out[-1].text == ","
            and i + 1 < n
            and (
                _opens_clause(raw[i + 1][2])
                or any(_SPEECH.fullmatch(w[2]) for w in raw[i + 2 : i + 5])
                or (clause_has_verb and _own_verb(raw[i + 1 : i + 1 + NEW_SUBJECT_REACH]))
            )
        ):
            brk = True  # ", and in the neighbouring region" (not a list: ", and Pokrovsk")
        if brk:
            clause += 1
            clause_has_verb = False
        # (a list "X, Y, and Z were detected" has its verb after the last item: no clause before it)
        # (STATEMENT_VERBS are drawn from these two tables)
        clause_has_verb = clause_has_verb or low in CASUALTY_TRIGGERS or low in MUNITION_TRIGGERS
        out.append(Token(s, e, t, low, clause))
    return out
