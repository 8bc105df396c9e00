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

_NUM = r"(?P<num>\d{1,7})(?:-(?P<suf>[^\W\d_]{1,3})(?![^\W\d_]))?"
_NEXT_WORD = re.compile(r"\s*([^\W\d_]+)")
_GAP = re.compile(r"\s+")
# a designation's own separators: "Х-101", "Х-59/69"
_GLUED = "-/‑"
# how far before a number its qualifier may start ("не менше ніж 40")
_QUALIFIER_REACH = 30


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
    # built from the above: one scan finds digits and the words that may be numerals (those
    # starting as a numeral lemma does: only they are looked up), one the qualifier before
    candidates: re.Pattern[str] = field(init=False)
    qualifier_before: re.Pattern[str] = field(init=False)

    def __post_init__(self) -> None:
        # "п'ять", "п’ять", "пʼять": any apostrophe
        starts = "|".join(sorted({re.escape(w[:2]).replace("'", "['’ʼ]") for w in self.values}))
        word = rf"(?<![^\W\d_'’ʼ])(?P<word>(?:{starts})[^\W\d_]*(?:['’ʼ][^\W\d_]+)*)"
        object.__setattr__(self, "candidates", re.compile(f"{_NUM}|{word}", re.IGNORECASE))
        phrases = sorted(
            (r"\s+".join(map(re.escape, words)) for words in self.qualifiers), key=len, reverse=True
        )
        object.__setattr__(
            self,
            "qualifier_before",
            re.compile(rf"(?<![^\W\d_])(?:{'|'.join(phrases)})\s+$", re.IGNORECASE),
        )


def _word_value(nw: NumberWords, word: str) -> int | None:
    low = word.lower().replace("’", "'").replace("ʼ", "'")
    for lemma, grammemes in parses(nw.lang, low):
        lemma = lemma.replace("’", "'").replace("ʼ", "'")
        if lemma in nw.values and ("NUMR" in grammemes or lemma in nw.extra_lemmas):
            return nw.values[lemma]
    return None


def _qualified(
    nw: NumberWords, text: str, s: int, lo: int, value: float
) -> tuple[int, str, float | None, float | None]:
    """Where the figure starts and its qualifier and bounds, from the words just before it."""
    m = nw.qualifier_before.search(text, max(lo, s - _QUALIFIER_REACH), s)
    if m is None:
        return s, EXACT, None, None
    q = nw.qualifiers[tuple(m[0].lower().split())]
    if q in (MORE_THAN, AT_LEAST):
        return m.start(), q, value, None
    if q == UP_TO:
        return m.start(), q, None, value
    return m.start(), q, None, None


def _next_word(text: str, pos: int, end: int) -> str:
    m = _NEXT_WORD.match(text, pos, end)
    return m[1].lower() if m else ""


def find_quantities(nw: NumberWords, text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every count stated in ``text[start:end]``, in text order."""
    end = len(text) if end is None else end
    out: list[Quantity] = []
    pos = start
    find = nw.candidates.search
    while True:
        m = find(text, pos, end)
        if m is None:
            return out
        pos = m.end()
        if m["num"] is not None:
            s, e = m.start(), m.end("num")
            prev = text[s - 1] if s > start else " "
            after = text[e] if e < end else " "
            following = _next_word(text, m.end(), end)
            if (
                prev in _GLUED
                or prev in ":."
                or (prev.isalpha() and (prev.isupper() or prev.isascii()))
                or after.isalpha()
                or (after in ":." and e + 1 < end and text[e + 1].isdigit())
                or (m["suf"] or "").lower() in nw.ordinal_suffixes
                or following in nw.months
                or (len(m["num"]) == 4 and following in nw.year_words)
            ):
                continue
            value = float(int(m["num"]))
            s0, q, low, high = _qualified(nw, text, s, start, value)
            out.append(Quantity(s0, m.end(), text[s0 : m.end()], value, q, low, high))
            continue
        first = _word_value(nw, m["word"])
        if first is None:
            continue
        # a run of number words: "тридцять п'ять", "сто двадцять три"
        total, last, e = first, first, m.end()
        while last >= 10:
            gap = _GAP.match(text, e, end)
            nxt = nw.candidates.match(text, gap.end(), end) if gap else None
            if nxt is None or nxt["word"] is None:
                break
            v = _word_value(nw, nxt["word"])
            if v is None or v >= last:
                break
            total, last, e = total + v, v, nxt.end()
        pos = e
        if _next_word(text, e, end) in nw.months:
            continue  # "двадцять третього червня" is a day
        s0, q, low, high = _qualified(nw, text, m.start(), start, float(total))
        out.append(Quantity(s0, e, text[s0:e], float(total), q, low, high))


__all__ = ["NumberWords", "find_quantities"]
