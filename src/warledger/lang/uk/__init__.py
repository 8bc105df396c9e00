"""The Ukrainian pack: the Ukrainian Air Force's posts (@kpszsu) and texts like them.

Sentences end at ". ! ?" before a capital, a digit or a dash, never after "обл.", "рф.",
"т.ч."; every line of a post is a sentence (the capitals headline too: it states
figures); dashed lines are sentences of their own. Numbers: ``lang.numerals`` with
pymorphy3's Ukrainian dictionary. Dates: "У ніч на 24 червня (з 18:00 23 червня)",
"Уночі 12 травня 2023 року", "Протягом дня 27 серпня", "Із 21.00 3-го до 04.00 4-го
червня 2023 року". Places: "на Харківщині", "Київська область", "в межах Сумської та
Полтавської областей", the cities; "на півночі, півдні та сході" names no region; launch
areas ("із Брянської обл.", "з акваторії Чорного моря", "з тимчасово окупованої території
Херсонщини") are ``direction``, not where anything struck. Facts: ``lang.tally`` with this
pack's lexicon; a count downed over one region ("На Одещині збито 12 ударних БпЛА", "4 – у
Київській області") is that region's part; "Атака триває" marks the post's figures
``attack-ongoing``. Language: the letters only Ukrainian writes, else (a short post) the
words only it writes (``recognises``).
"""

from __future__ import annotations

import re
from datetime import date

from ...geocode.gazetteer import Gazetteer
from ...model import DateMention, Document, Fact, PlaceMention, Quantity
from .. import LanguagePack, common, tally
from .. import numerals as _numerals
from ..morphology import lemmas, only_singular
from . import lexicon as lx

CODE = "uk"

NUMBER_WORDS = _numerals.NumberWords(
    lang=CODE,
    values=lx.NUMERALS,
    qualifiers=lx.QUALIFIERS,
    months=frozenset(lx.MONTHS),
    year_words=lx.YEAR_WORDS,
    ordinal_suffixes=frozenset({"го", "му", "й"}),
    extra_lemmas=frozenset({"один", "одна", "обидва", "обидві"}),
)

# letters Ukrainian writes and Russian does not, and the reverse
SAMPLE = 3000  # the body's head decides, so a long body costs no more to judge
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")
_UK_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
_NOT_UK = re.compile(r"[ыэъёЫЭЪЁў]")


MIN_LETTERS = 8  # "Збито 12 БпЛА." has nine


def recognises(body: str) -> bool:
    """Ukrainian: its own letters (і ї є ґ) are written and Russian's (ы э ъ ё) next to never;
    a short text with neither (``Всього 84 ракети, з них 43 знищено.``): more of the words
    only Ukrainian writes than of those only Russian does."""
    sample = body[:SAMPLE]
    cyrillic = len(_CYRILLIC.findall(sample))
    if cyrillic < MIN_LETTERS or cyrillic < 0.3 * len(_LETTER.findall(sample)):
        return False
    if len(_NOT_UK.findall(sample)) > 0.002 * cyrillic:
        return False
    if _UK_LETTERS.search(sample) is not None:
        return True
    return common.words_favour(sample, common.UKRAINIAN_WORDS, common.RUSSIAN_WORDS)


# --- sentences ------------------------------------------------------------------------------
ABBREVIATIONS = frozenset("обл рф т.ч ч м с смт р ін ст вул тис млн див".split())
_ITEM = re.compile(r"\s*[-–—•▪➖]\s*\S")


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of one line of a post."""
    return common.split_sentences(ABBREVIATIONS, text, start, end)


def is_heading(line: str) -> bool:
    """No line of a post is a heading: the capitals headline states figures."""
    return False


# --- numbers ----------------------------------------------------------------------------------
def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    return _numerals.find_quantities(NUMBER_WORDS, text, start, end)


# --- dates ------------------------------------------------------------------------------------
_DATE = common.day_month_pattern(lx.MONTHS, r"року|р\.?")
NIGHT = re.compile(r"(?:ніч|ночі)\s+на\s+$")


def find_dates(
    text: str,
    start: int = 0,
    end: int | None = None,
    published: date | None = None,
    anchor: date | None = None,
) -> list[DateMention]:
    return common.find_day_month_dates(_DATE, lx.MONTHS, text, start, end, published, anchor)


# --- places -----------------------------------------------------------------------------------
_WORDS = re.compile(
    r"[А-ЯІЇЄҐA-Z][а-яіїєґ'’ʼ]+(?:-[А-ЯІЇЄҐа-яіїєґ][а-яіїєґ'’ʼ]+)?(?:\s+Ріг|\s+Церкв\w+|\s+Рогу)?"
)
_AFTER = re.compile(r"[\s,та і]*(\w+)", re.IGNORECASE)
_PREFIXES = frozenset(w[:4] for w in (*lx.REGION_NOUNS, *lx.REGION_ADJECTIVES, *lx.CITIES))


def _region_word_follows(text: str, pos: int, end: int) -> bool:
    """ "Сумської та Полтавської областей", "Брянської обл.": a region word within a few words."""
    window = text[pos : min(end, pos + 40)].lower()
    return any(w.strip(".") in lx.REGION_WORDS for w in re.findall(r"[а-яіїєґ]+\.?", window)[:4])


def find_places(text: str, start: int = 0, end: int | None = None) -> list[PlaceMention]:
    end = len(text) if end is None else end
    gaz = Gazetteer.default()
    out = []
    for m in _WORDS.finditer(text, start, end):
        word = m[0].replace("’", "'").replace("ʼ", "'")
        low = word.lower()
        if low[:4] not in _PREFIXES:
            continue
        # the form as written, then its lemmas in a fixed order: "Харківщині" -> "харківщина"
        forms = [low, *sorted(lemmas(CODE, low) - {low})] if " " not in low else [low, _two_words(low)]
        place = None
        for f in forms:
            if f in lx.REGION_NOUNS:
                place = gaz.region(lx.REGION_NOUNS[f])
            elif f in lx.REGION_ADJECTIVES and _region_word_follows(text, m.end(), end):
                place = gaz.region(lx.REGION_ADJECTIVES[f])
            elif f in lx.CITIES:
                place = gaz.lookup(lx.CITIES[f])
            if place is not None:
                break
        if place is None:
            continue
        before = text[max(start, m.start() - 50) : m.start()].lower()
        launch = lx.LAUNCH_FROM.search(before)
        role = (
            "direction"
            if lx.LAUNCH_AREA.search(before[-40:])
            or (launch is not None and not lx.PLACE_PREPOSITION.search(launch[1]))
            else "locative"
        )
        if "ТОТ" in text[max(start, m.start() - 12) : m.start()] or place.country != "UA":
            role = "direction"
        out.append(PlaceMention(m.start(), m.end(), m[0], place, role))
    return out


def _two_words(low: str) -> str:
    first, second = low.split(None, 1)
    return {"кривому": "кривий", "кривого": "кривий", "білій": "біла", "білої": "біла"}.get(first, first) + (
        " ріг" if second.startswith("р") else " церква"
    )


# --- attribution ------------------------------------------------------------------------------
_SOURCE = re.compile(
    r"за (?:даними|інформацією) повітряних сил|повітряні сили (?:зсу )?повідомля|повідомили в повітряних силах",
    re.IGNORECASE,
)


def find_sources(text: str, start: int, end: int) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), lx.SOURCE) for m in _SOURCE.finditer(text, start, end)]


# --- facts ------------------------------------------------------------------------------------
# "влучання балістичної ракети": after "влучання" (and its adjectives), "ракети" is one
_AFTER_HIT = re.compile(r"влучання(?:\s+[а-яіїєґ]+ої)*\s*$")


def _singular(word: str, before: str) -> bool:
    low = word.lower()
    if low == "ракети":  # genitive singular after "влучання", else a plural
        return bool(_AFTER_HIT.search(before))
    return only_singular(CODE, low)


LEXICON = tally.TallyLexicon(
    lang=CODE,
    triggers=tuple((re.compile(p), m) for p, m in lx.TRIGGERS),
    weapons=tuple((re.compile(p), c, h) for p, c, h in lx.WEAPONS),
    clause_break=re.compile(
        r"[;:]|,(?!\d)|\s+а також\s+|\s+крім того,?\s+|\s+(?:й|і|та)\s+(?=падінн)", re.IGNORECASE
    ),
    window_end=re.compile(
        r"[,;:]\s|(?<!т\.ч)\.\s|\(\s*(?!в т\.\s?ч)|\s(?:та|і|й|а також)\s|\sіз?\s|\sз\s|\sна\s"
    ),
    partitive=re.compile(r"(?:\bіз|\bз)\s*$"),
    sites=re.compile(r"\s*локаці"),
    sites_before=re.compile(r"на\s*$"),
    list_item=_ITEM,
    correction=re.compile(r"уточнен(?:а|і|ня)\b|уточнення"),
    is_singular=_singular,
    singular_head=re.compile(
        r"\b(?:ракет(?:а|ою|у|и)|(?:аеро)?балістичн(?:ою|ої|а|у)|крилат(?:ою|ої|а|у)"
        r"|протирадіолокаційн(?:ою|ої|а|у)|протикорабельн(?:ою|ої|а|у)|керован(?:ою|ої|а|у))\b"
    ),
    own_post=re.compile(
        r"t\.me/kpszsu|тримаймо небо|радіотехнічними військами повітряних сил", re.IGNORECASE
    ),
    own_source=lx.SOURCE,
    refers_back=lx.REFERS_BACK,
    all_of_them=re.compile(r"(?<![а-яіїєґ])(?:всі|усі|всіх|усіх)(?![а-яіїєґ])"),
    regional_parts=True,
    breakdown=re.compile(r"\s*[–—-]\s*(?:у|в|на|над)\s"),  # "5 БпЛА, 4 – у Київській області"
    ongoing=re.compile(r"атак\w*\s+(?:ще\s+|досі\s+|все\s+ще\s+)?(?:триває|продовжується)"),
)


def extract_facts(doc: Document) -> list[Fact]:
    facts = tally.tally_facts(LEXICON, doc, lambda d: tally.night_date(d, NIGHT))
    return facts + tally.regions_fact(doc, facts)


PACK = LanguagePack(
    code=CODE,
    name="Ukrainian",
    recognises=recognises,
    split_sentences=split_sentences,
    is_heading=is_heading,
    find_quantities=find_quantities,
    find_dates=find_dates,
    find_sources=find_sources,
    extract_facts=extract_facts,
    find_places=find_places,
)
