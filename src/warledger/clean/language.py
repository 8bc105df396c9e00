"""Is the article English? A cheap function-word score first, py3langid only to name the
language of a document that already looks foreign.

Takes: a ``Document`` with ``body`` set. Adds nothing; ``check_english`` raises
``NotEnglish`` for a body that is clearly not English. The extractors are English-only, so
a French report would yield nothing or nonsense; it is better skipped with a reason, unless
a language pack reads its language (``warledger.lang``: Ukrainian, Russian), which
``language_of`` names. Pages that mix languages but carry English prose are kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..errors import NotEnglish
from ..model import Document
from ..packs import detect, registered

# The commonest English function words. In English news prose they are 35-50% of all
# word tokens; in French, German or Ukrainian text well under 10% (a few collide, like
# French "a", "on", "son"). Content words are left out: they say nothing about language.
FUNCTION_WORDS = frozenset(
    """
    a about after against all also an and any are as at be been before being between both
    but by can could did do does during each from had has have he her here his how i if in
    into is it its more most no not of on one or other our out over said she should since
    so some such than that the their them then there these they this those through to under
    until up was we were what when where which while who will with would you
    """.split()
)

# Below this share of function words a body is suspicious and py3langid is asked.
SUSPICIOUS_SCORE = 0.12
# A line with at least this many tokens scoring this high is English prose; one such line
# keeps a mixed-language page.
ENGLISH_LINE_TOKENS = 8
ENGLISH_LINE_SCORE = 0.2
# Too few words to judge: a headline-only body is not rejected on so little evidence.
MIN_TOKENS = 6
# A body shorter than this, in Latin script, with one of these English news words in it is
# English whatever the statistical guess (too few words for py3langid to be right).
SHORT_BODY_TOKENS = 30
ENGLISH_NEWS_WORDS = frozenset(
    """
    drone drones missile missiles killed injured wounded struck strike strikes attack attacked shelling
    shot downed intercepted destroyed damaged people civilians overnight explosions ballistic cruise
    """.split()
)

# One regex, a single character class with one quantifier: linear on any input.
_WORD = re.compile(r"[^\W\d_]+")

# py3langid codes to names for the reason line; unknown codes are shown as the code.
LANGUAGE_NAMES = {
    "uk": "Ukrainian",
    "ru": "Russian",
    "be": "Belarusian",
    "pl": "Polish",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "ro": "Romanian",
    "cs": "Czech",
    "sk": "Slovak",
    "bg": "Bulgarian",
    "sr": "Serbian",
    "hr": "Croatian",
    "hu": "Hungarian",
    "fi": "Finnish",
    "sv": "Swedish",
    "da": "Danish",
    "no": "Norwegian",
    "et": "Estonian",
    "lv": "Latvian",
    "lt": "Lithuanian",
    "ka": "Georgian",
    "tr": "Turkish",
    "ar": "Arabic",
    "he": "Hebrew",
    "fa": "Persian",
    "zh": "Chinese",
    "ja": "Japanese",
    "ko": "Korean",
    "en": "English",
}


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def english_score(text: str) -> float:
    """The share of word tokens in ``text`` that are common English function words."""
    tokens = _tokens(text)
    if not tokens:
        return 0.0
    hits = sum(1 for t in tokens if t in FUNCTION_WORDS)
    return hits / len(tokens)


def _has_english_line(lines: list[str]) -> bool:
    for line in lines:
        tokens = _tokens(line)
        if len(tokens) >= ENGLISH_LINE_TOKENS:
            if sum(1 for t in tokens if t in FUNCTION_WORDS) / len(tokens) >= ENGLISH_LINE_SCORE:
                return True
    return False


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")


def _mostly_cyrillic(text: str) -> bool:
    """Most letters Cyrillic (a short Bulgarian or Serbian line no pack reads)."""
    letters = len(_LETTER.findall(text))
    return letters >= 8 and len(_CYRILLIC.findall(text)) >= 0.6 * letters


def identify(text: str) -> str:
    """py3langid's language code for ``text`` (imported lazily: loading the model costs
    about a tenth of a second and most documents never need it)."""
    import py3langid

    lang, _score = py3langid.classify(text)
    return str(lang)


def check_english(doc: Document) -> None:
    """Raise ``NotEnglish`` when the body of ``doc`` is clearly not English."""
    language_of(doc, packs=())


def language_of(doc: Document, packs: Sequence[str] | None = None) -> str:
    """The language the pipeline reads ``doc`` in: ``"en"``, or the code of another
    language pack (``warledger.lang``) that recognises the body (all registered packs when
    ``packs`` is None). Raises ``NotEnglish`` (W015) for a body that is clearly in a
    language no pack reads."""
    spans = doc.body or ((0, len(doc.text)),)
    lines = [doc.text[s:e] for s, e in spans]
    body = "\n".join(lines)
    tokens = _tokens(body)
    if len(tokens) < MIN_TOKENS:
        # too few words to judge English by; a pack's letters or words may still name its
        # language, and a short text in another script is no English either
        found = detect(body, packs)
        if found is not None:
            return found
        if not _mostly_cyrillic(body):
            return "en"
        lang = identify(body)
        if packs is None and lang in registered() and lang != "en":
            return lang  # its words are none of the pack's markers; py3langid names it
        name = LANGUAGE_NAMES.get(lang, lang)
        raise NotEnglish(f"looks like {name} (py3langid: {lang}), not English")
    score = sum(1 for t in tokens if t in FUNCTION_WORDS) / len(tokens)
    if score >= SUSPICIOUS_SCORE or _has_english_line(lines):
        return "en"
    other = detect(body, packs)
    if other is not None:
        return other
    if len(tokens) < SHORT_BODY_TOKENS and not _mostly_cyrillic(body) and set(tokens) & ENGLISH_NEWS_WORDS:
        # "Two missiles struck Kyiv's Shevchenkivskyi district.": a headline-short report with
        # no function words, that py3langid calls Pidgin or Tagalog
        return "en"
    lang = identify(body)
    if lang == "en":
        return "en"
    if packs is None and lang in registered():
        return lang  # a language a pack reads, that the pack's own quick test missed
    name = LANGUAGE_NAMES.get(lang, lang)
    raise NotEnglish(f"looks like {name} (py3langid: {lang}), not English")


__all__ = ["FUNCTION_WORDS", "check_english", "english_score", "identify", "language_of"]
