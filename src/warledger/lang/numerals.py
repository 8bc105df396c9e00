"""Numbers in Slavic-language posts: digits with case endings ("104-ма", "181-м"), number
words in any case ("двома", "одинадцятьма", "тридцять п'ять", "обидва"), and the words
that bound them ("понад 70", "близько 35", "до 17").

A pack gives a ``NumberWords`` (its numeral lemmas, qualifier phrases, month and year
words); ``find_quantities`` returns ``Quantity`` objects exactly as the English annotator
does, so every later stage reads them the same way. Inflected number words are reduced to
their lemma by pymorphy3 (``morphology``), never by hand-written tables of endings.

What is not a count is left out: clock times ("18:00", "08.30"), day numbers before a month
("24 червня", "3-го"), years ("2023 року"), and the digits of weapon designations ("Х-101",
"Х-59/69", "3М22", "S8000", "KN-23", "Shahed-136").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import AT_LEAST, EXACT, MORE_THAN, UP_TO, Quantity
from .morphology import parses

_TOKEN = re.compile(
    r"(?P<num>\d{1,7})(?:-(?P<suf>[^\W\d_]{1,3})(?![^\W\d_]))?|(?P<word>[^\W\d_]+(?:['’ʼ][^\W\d_]+)*)"
)
# a designation's own separators: "Х-101", "Х-59/69"
_GLUED = "-/‑"


@dataclass(frozen=True)
class NumberWords:
    """A language's number words and the words around numbers."""

    lang: str  # pymorphy3's language code
    values: dict[str, int]  # numeral lemma -> value ("два": 2, "тридцять": 30, "сто": 100)
    qualifiers: dict[tuple[str, ...], str]  # preceding words -> qualifier ("понад",): more_than
    months: frozenset[str]  # month names in the forms that follow a day number
    year_words: frozenset[str]  # "року", "р"
    ordinal_suffixes: frozenset[str]  # "го": "3-го" is a day, not a count
    # lemmas counted as numerals although the dictionary tags them otherwise ("обидва")
    extra_lemmas: frozenset[str] = frozenset()
    prefixes: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        # a cheap filter: only words starting like a numeral lemma are parsed
        object.__setattr__(self, "prefixes", frozenset(w[:2] for w in self.values))


def _word_value(nw: NumberWords, word: str) -> int | None:
    low = word.lower().replace("’", "'").replace("ʼ", "'")
    if low[:2] not in nw.prefixes:
        return None
    for lemma, grammemes in parses(nw.lang, low):
        lemma = lemma.replace("’", "'").replace("ʼ", "'")
        if lemma in nw.values and ("NUMR" in grammemes or lemma in nw.extra_lemmas):
            return nw.values[lemma]
    return None


def _qualifier(nw: NumberWords, words: list[tuple[int, str]]) -> tuple[str, int | None]:
    """The qualifier the words just before a number give, and where it starts."""
    for n in (3, 2, 1):
        if len(words) >= n:
            phrase = tuple(w for _, w in words[-n:])
            q = nw.qualifiers.get(phrase)
            if q is not None:
                return q, words[-n][0]
    return EXACT, None


def _bounds(q: str, v: float) -> tuple[float | None, float | None]:
    if q in (MORE_THAN, AT_LEAST):
        return v, None
    if q == UP_TO:
        return None, v
    return None, None


def find_quantities(nw: NumberWords, text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every count stated in ``text[start:end]``, in text order."""
    end = len(text) if end is None else end
    out: list[Quantity] = []
    tokens = list(_TOKEN.finditer(text, start, end))
    before: list[tuple[int, str]] = []  # the last few words, lowercased, for qualifiers
    i = 0
    while i < len(tokens):
        m = tokens[i]
        if m["num"] is not None:
            s, e = m.start(), m.end("num")
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            prev = text[s - 1] if s > start else " "
            after = text[e] if e < end else " "
            skip = (
                prev in _GLUED
                or prev in ":."
                or (prev.isalpha() and (prev.isupper() or prev.isascii()))
                or (after.isalpha())
                or (after in ":." and e + 1 < end and text[e + 1].isdigit())
                or (m["suf"] or "").lower() in nw.ordinal_suffixes
                or (
                    nxt is not None
                    and nxt["word"] is not None
                    and (
                        nxt["word"].lower() in nw.months
                        or (len(m["num"]) == 4 and nxt["word"].lower() in nw.year_words)
                    )
                )
            )
            if not skip:
                value = float(int(m["num"]))
                q, qs = _qualifier(nw, before)
                low, high = _bounds(q, value)
                s0 = qs if qs is not None else s
                out.append(Quantity(s0, m.end(), text[s0 : m.end()], value, q, low, high))
            before = []
            i += 1
            continue
        word = m["word"]
        value_i = _word_value(nw, word)
        if value_i is None:
            before = (before + [(m.start(), word.lower())])[-3:]
            i += 1
            continue
        # a run of number words: "тридцять п'ять", "сто двадцять три"
        total, last, j, e = value_i, value_i, i + 1, m.end()
        while j < len(tokens):
            t = tokens[j]
            if t["word"] is None or text[e : t.start()].strip():
                break
            v = _word_value(nw, t["word"])
            if v is None or v >= last or (last < 10):
                break
            total, last, e, j = total + v, v, t.end(), j + 1
        nxt = tokens[j] if j < len(tokens) else None
        if not (nxt is not None and nxt["word"] is not None and nxt["word"].lower() in nw.months):
            q, qs = _qualifier(nw, before)
            low, high = _bounds(q, float(total))
            s0 = qs if qs is not None else m.start()
            out.append(Quantity(s0, e, text[s0:e], float(total), q, low, high))
        before = []
        i = j
    return out


__all__ = ["NumberWords", "find_quantities"]
