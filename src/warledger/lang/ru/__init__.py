"""The Russian pack, for the Russian defence ministry's claims ("дежурными средствами ПВО
перехвачены и уничтожены 24 украинских беспилотных летательных аппарата").

It is one module and one line in ``warledger.lang.BUILTIN``: the stages are untouched. It
brings its own words and reuses the shared pieces (``lang.numerals`` with pymorphy3's
Russian dictionary, ``lang.common``, ``lang.tally``). Ukrainian drones or missiles downed
are claims about Russia (``country: RU``), attributed to the ministry when the post is its
own.
"""

from __future__ import annotations

import re
from datetime import date

from ...geocode.gazetteer import Gazetteer
from ...model import ABOUT, AT_LEAST, MORE_THAN, UP_TO, DateMention, Document, Fact, PlaceMention, Quantity
from ...vocabulary import Measure, Weapon
from .. import LanguagePack, common, tally
from .. import numerals as _numerals
from ..morphology import lemmas, only_singular

CODE = "ru"
SOURCE = "Russia's defence ministry"

NUMERALS = {
    "один": 1, "два": 2, "оба": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
    "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12,
    "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16,
    "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "тридцать": 30,
    "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80,
    "девяносто": 90, "сто": 100, "двести": 200, "триста": 300, "четыреста": 400,
    "пятьсот": 500, "шестьсот": 600, "семьсот": 700, "восемьсот": 800, "девятьсот": 900,
}  # fmt: skip
QUALIFIERS = {
    ("более",): MORE_THAN, ("свыше",): MORE_THAN, ("больше",): MORE_THAN, ("около",): ABOUT,
    ("примерно",): ABOUT, ("почти",): ABOUT, ("до",): UP_TO, ("не", "менее"): AT_LEAST,
}  # fmt: skip
MONTHS = {
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}  # fmt: skip

NUMBER_WORDS = _numerals.NumberWords(
    lang=CODE,
    values=NUMERALS,
    qualifiers=QUALIFIERS,
    months=frozenset(MONTHS),
    year_words=frozenset({"года", "год", "г"}),
    ordinal_suffixes=frozenset({"го", "му", "й"}),
    extra_lemmas=frozenset({"один", "оба"}),
)

TRIGGERS = (
    (r"атакова|запусти|примени|выпусти|нанес\w* удар", Measure.LAUNCHED),
    (r"перехвач|уничтож|сбит|сбил|подавлен", Measure.INTERCEPTED),
    (r"попадани|поразил", Measure.HIT),
    (r"не\s+достиг", Measure.LOST),
    (r"обломк|падени", "debris"),
    (r"с начала|за (?:прошедшую )?неделю|за месяц|уточняет", "skip"),  # cumulative totals
    (r"в воздушном пространстве", "aloft"),
)
WEAPONS = (
    (r"баллистическ", Weapon.BALLISTIC_MISSILE, "adj"),
    (r"крылат", Weapon.CRUISE_MISSILE, "adj"),
    (r"atacms|искандер", Weapon.BALLISTIC_MISSILE, "type"),
    (r"storm shadow|нептун|scalp", Weapon.CRUISE_MISSILE, "type"),
    (r"himars|хаймарс|ольха|вампир", Weapon.MISSILE, "type"),
    (r"управляем\w* авиационн\w* бомб|авиабомб|jdam|hammer", Weapon.GUIDED_BOMB, "override"),
    (r"ракет|снаряд", Weapon.MISSILE, "noun"),
    (r"беспилотн|бпла|дрон", Weapon.DRONE, "noun"),
    (r"самолет|самолёт|вертолет|вертолёт", Weapon.AIRCRAFT, "noun"),
)
REGIONS = {
    "брянский": "RU-BRY", "курский": "RU-KRS", "белгородский": "RU-BEL", "воронежский": "RU-VOR",
    "ростовский": "RU-ROS", "орловский": "RU-ORL", "московский": "RU-MOS", "калужский": "RU-KLU",
    "смоленский": "RU-SMO", "тульский": "RU-TUL", "липецкий": "RU-LIP", "тамбовский": "RU-TAM",
    "рязанский": "RU-RYA", "краснодарский": "RU-KDA", "саратовский": "RU-SAR",
    "волгоградский": "RU-VGG", "крым": "UA-43",
}  # fmt: skip

SAMPLE = 3000  # the body's head decides, so a long body costs no more to judge
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")
_RU_LETTERS = re.compile(r"[ыэЫЭ]")  # Bulgarian writes ъ but neither of these
_NOT_RU = re.compile(r"[іїєґІЇЄҐў]")


MIN_LETTERS = 8


def recognises(body: str) -> bool:
    """Russian: ы and э are written, Ukrainian's і ї є ґ (and Belarusian's ў) are not; a
    short text with none of them: more of the words only Russian writes than of those only
    Ukrainian does (and no letter of Bulgarian, Serbian or Macedonian)."""
    sample = body[:SAMPLE]
    cyrillic = len(_CYRILLIC.findall(sample))
    if cyrillic < MIN_LETTERS or cyrillic < 0.3 * len(_LETTER.findall(sample)):
        return False
    if _NOT_RU.search(sample):
        return False
    if len(_RU_LETTERS.findall(sample)) >= 0.01 * cyrillic:
        return True
    return common.words_favour(sample, common.RUSSIAN_WORDS, common.UKRAINIAN_WORDS)


ABBREVIATIONS = frozenset("обл г т.ч ч м с р рф".split())


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return common.split_sentences(ABBREVIATIONS, text, start, end)


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    return _numerals.find_quantities(NUMBER_WORDS, text, start, end)


_DATE = common.day_month_pattern(MONTHS, r"года|г\.?")
NIGHT = re.compile(r"(?:ночь|ночи)\s+на\s+$")


def find_dates(
    text: str,
    start: int = 0,
    end: int | None = None,
    published: date | None = None,
    anchor: date | None = None,
) -> list[DateMention]:
    return common.find_day_month_dates(_DATE, MONTHS, text, start, end, published, anchor)


_WORD = re.compile(r"[А-ЯЁ][а-яё]+")


def find_places(text: str, start: int = 0, end: int | None = None) -> list[PlaceMention]:
    """Regions named as "над территорией Брянской области", "Курской области"."""
    end = len(text) if end is None else end
    gaz = Gazetteer.default()
    out = []
    for m in _WORD.finditer(text, start, end):
        low = m[0].lower()
        code = next((REGIONS[f] for f in {low} | lemmas(CODE, low) if f in REGIONS), None)
        if code is None:
            continue
        place = gaz.region(code)
        if place is not None:
            out.append(PlaceMention(m.start(), m.end(), m[0], place, "locative"))
    return out


_SOURCE = re.compile(r"минобороны|министерств\w* обороны", re.IGNORECASE)


def find_sources(text: str, start: int, end: int) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), SOURCE) for m in _SOURCE.finditer(text, start, end)]


LEXICON = tally.TallyLexicon(
    lang=CODE,
    triggers=tuple((re.compile(p), m) for p, m in TRIGGERS),
    weapons=tuple((re.compile(p), c, h) for p, c, h in WEAPONS),
    clause_break=re.compile(r"[;:]|,(?!\d)|\s+а также\s+", re.IGNORECASE),
    window_end=re.compile(r"[,;:]\s|\.\s|\(|\s(?:и|а также)\s|\sиз?\s|\sнад\s|\sв\s"),
    partitive=re.compile(r"\bиз\s*$"),
    sites=re.compile(r"\s*(?:объект|мест)"),
    sites_before=re.compile(r"по\s*$|на\s*$"),
    list_item=re.compile(r"\s*[-–—•]\s*\S"),
    correction=re.compile(r"уточнен"),
    is_singular=lambda word, before: only_singular(CODE, word.lower()),
    singular_head=re.compile(r"\b(?:ракет(?:а|ой|у)|баллистическ(?:ой|ая|ую)|крылат(?:ой|ая|ую))\b"),
    own_post=re.compile(r"минобороны|министерств\w* обороны|mil\.ru", re.IGNORECASE),
    own_source=SOURCE,
    default_country="RU",  # the ministry claims what its air defence downed over Russia
    breakdown=re.compile(r"\s*[–—-]\s*(?:над|в)\s+(?:территори|акватори|районе|пределах)"),
    refers_back=re.compile(r"\s*(?:из\s+них\s*)?[–—-]?\s*(?:был[иао]?\s+)?(?:уничтож|сбит|перехвач|подавл)"),
    country_markers=((re.compile(r"украинск|киевск\w* режим|вс[уу]\b"), "RU"),),
)


def extract_facts(doc: Document) -> list[Fact]:
    facts = tally.tally_facts(LEXICON, doc, lambda d: tally.night_date(d, NIGHT))
    return facts + tally.regions_fact(doc, facts)


PACK = LanguagePack(
    code=CODE,
    name="Russian",
    recognises=recognises,
    split_sentences=split_sentences,
    is_heading=lambda line: False,
    find_quantities=find_quantities,
    find_dates=find_dates,
    find_sources=find_sources,
    extract_facts=extract_facts,
    find_places=find_places,
)
