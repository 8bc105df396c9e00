"""Pieces several packs share, each driven by a language's own words: sentences of a
post's lines, dates written as a day and a month name ("24 червня", "24 июня"), and the
words that tell one Cyrillic language from another when its letters do not."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..annotate.sentences import bounded_spans
from ..model import DateMention

_BOUNDARY = re.compile(r"[.!?…]{1,3}[\"'”»)]{0,2}\s+")
# No sentence is longer than this (as in the English splitter): a run with no boundary is cut
# at the last clause punctuation or space, so every later rule works on bounded pieces and
# a document of any size costs time in proportion to its length.
_SOFT_BREAKS = ("; ", ", ", " ")
# how far back a period looks for the abbreviation it may end ("обл.", "т.ч.")
_ABBREVIATION_REACH = 12


def split_sentences(abbreviations: frozenset[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of one line: a boundary is ". ! ?" before a capital, a digit, a dash or a
    quote, and not after one of ``abbreviations`` ("обл.", "рф.") or a single letter."""
    spans: list[tuple[int, int]] = []
    s = start
    for m in _BOUNDARY.finditer(text, start, end):
        p = m.start()
        w0 = p
        while w0 > max(s, p - _ABBREVIATION_REACH) and (text[w0 - 1].isalpha() or text[w0 - 1] == "."):
            w0 -= 1
        word = text[w0:p].lower()
        # a single letter is an initial, unless it ends a designation ("Іскандер-М.")
        designation = len(word) == 1 and w0 > 0 and text[w0 - 1] in "-‑"
        if text[p] == "." and not designation and (word in abbreviations or len(word) == 1):
            continue
        nxt = m.end()
        if nxt < end and not (text[nxt].isupper() or text[nxt].isdigit() or text[nxt] in '-–—«"“('):
            continue
        spans.append((s, m.start() + 1))
        s = m.end()
    if s < end and text[s:end].strip():
        spans.append((s, end))
    out = []
    for a, b in spans:
        while a < b and (text[a].isspace() or not (text[a].isalnum() or text[a] in '-–—•«"(')):
            a += 1  # emoji and spacing before a line's first word
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.extend(bounded_spans(text, a, b, _SOFT_BREAKS))
    return out


def day_month_pattern(months: dict[str, int], year_words: str) -> re.Pattern[str]:
    names = "|".join(months)
    return re.compile(
        rf"\b(\d{{1,2}})(?:-?го)?\s+({names})(?:\s+(\d{{4}})\s*(?:{year_words}))?", re.IGNORECASE
    )


def find_day_month_dates(
    pattern: re.Pattern[str],
    months: dict[str, int],
    text: str,
    start: int,
    end: int | None,
    published: date | None,
    anchor: date | None,
) -> list[DateMention]:
    """ "24 червня", "4-го червня 2023 року": the year from the text, else the publication
    (or the anchor) date's, a year earlier when the day would fall after it."""
    end = len(text) if end is None else end
    ref = published or anchor
    out = []
    for m in pattern.finditer(text, start, end):
        day, month = int(m[1]), months[m[2].lower()]
        if m[3]:
            year = int(m[3])
        elif ref is not None:
            year = ref.year
            try:
                if (date(year, month, day) - ref).days > 2:
                    year -= 1
            except ValueError:
                continue
        else:
            continue
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        out.append(DateMention(m.start(), m.end(), m[0], d.isoformat()))
    return out


# --- which Cyrillic language, when the letters do not say -----------------------------------
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff'’ʼ]+")
# letters of Bulgarian (ъ as a vowel), Serbian and Macedonian: a text that writes them is
# neither Ukrainian nor Russian, whatever its words
OTHER_CYRILLIC = re.compile(r"[ъјљњћђџѓќѕЪЈЉЊЋЂЏЃЌЅ]")


@dataclass(frozen=True)
class WordMarkers:
    """Word forms and endings one Cyrillic language writes and its neighbour does not.

    A short post ("Всього 84 ракети, з них 43 знищено.") may have none of the letters only
    one language writes (Ukrainian і ї є ґ, Russian ы э ё); its commonest words still differ
    ("з", "та", "що", "збито", "всього", "червня" against "из", "и", "что", "сбито", "всего",
    "июня"), and so do some endings ("-ння", "-ття", the past "-ав"/"-ив" against "-ие",
    "-ия", "-ой", "-ов")."""

    words: frozenset[str]
    prefixes: tuple[str, ...] = ()
    endings: re.Pattern[str] | None = None

    def count(self, words: list[str]) -> int:
        n = 0
        for w in words:
            if w in self.words or w.startswith(self.prefixes) or (self.endings and self.endings.search(w)):
                n += 1
        return n


def words_favour(sample: str, own: WordMarkers, other: WordMarkers) -> bool:
    """More of ``own``'s marker words than ``other``'s in ``sample`` (lowercased Cyrillic
    words), and no letter of a third Cyrillic language."""
    if OTHER_CYRILLIC.search(sample):
        return False
    words = [w.replace("’", "'").replace("ʼ", "'") for w in _CYRILLIC_WORD.findall(sample.lower())]
    return own.count(words) > other.count(words)


# The two sets, read by both packs (each tells its own language from the other's): the words
# and endings Ukrainian writes and Russian does not, and the reverse.
UKRAINIAN_WORDS = WordMarkers(
    frozenset(
        "з зі та й що це ще або як також цей всього загалом ворог ворожих ворожого ворожі "
        "ворожий збито збиті збили збив знищено знищені знищили знищив знешкоджено "
        "року січня лютого березня травня червня липня серпня вересня жовтня листопада грудня".split()
    ),
    ("збит", "знищ", "безпілот"),
    re.compile(r"\w\w(?:ння|ття|ав|ив|ув|аймо)$|ьо(?!н)"),
)
RUSSIAN_WORDS = WordMarkers(
    frozenset(
        "и из что это как или также всего года сбит сбиты сбито сбили уничтожено уничтожены "
        "уничтожен перехвачены перехвачен января февраля марта апреля мая июня июля августа "
        "сентября октября ноября декабря ночью".split()
    ),
    ("сбит", "уничтож", "беспилот", "перехва"),
    re.compile(r"\w\w(?:ие|ия|ию|ов|ой|ал|ил|али|или)$"),
)
