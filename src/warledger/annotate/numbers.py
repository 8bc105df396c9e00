"""Number annotator: finds the counts and measures a report states.

Takes a document's text (and optionally a ``start``/``end`` window of it) and returns
:class:`~warledger.model.Quantity` objects, in text order and non-overlapping, with absolute
offsets: numerals ("502", "30,000", "1.5 million"), number words ("twenty-three",
"two hundred and fifty", "a dozen"), qualified figures ("more than 500" is one Quantity whose
span starts at "more"), ranges ("between 35 and 40"), vague amounts ("dozens", "hundreds")
and fractions ("half of", "a third of").

It leaves out numbers that are not counts: years, days of the month, clock times,
ordinals, weapon designations ("Kh-101", "Su-30SM"), reference markers ("[4]"), "No. 3",
"#2", phone numbers, percentages and money.

Conventions callers rely on:

* ``value`` is the stated number; ``low``/``high`` bound it: AT_LEAST and MORE_THAN set
  ``low``, UP_TO sets ``high``, ABOUT sets neither.
* A range ("between 35 and 40", "35-40", "35 to 40", "from 10 to 16", "four or five") has
  ``low``/``high`` set, ``value = low`` and qualifier AT_LEAST (ABOUT when the range is
  itself qualified by "about"/"around"...). "between 35 and more than 40" has ``high`` None.
* Vague amounts have qualifier VAGUE, a placeholder ``value`` from :data:`VAGUE_WORDS`
  (e.g. "dozens" -> 24) and ``low = value``. The placeholders are not figures; callers must
  not score them.
* Fractions ("half of", "a third of", "two-thirds of") have qualifier EXACT and a value
  below 1, which is how callers tell them from counts.
* The word "one" is emitted with value 1 and ``singular=True``; callers decide whether it
  counts something ("one pilot") or not. "no one", "one another", "one by one" and
  "one of the <superlative>" are never emitted.

Everything is linear in the length of the text: one compiled search regex finds where a
number may start, and the rest is bounded look-behind/look-ahead matches and dict lookups.
"""

from __future__ import annotations

import re

from warledger.model import ABOUT, AT_LEAST, EXACT, MORE_THAN, UP_TO, VAGUE, Quantity

# ---------------------------------------------------------------------------------------
# Lexicons
# ---------------------------------------------------------------------------------------

#: Number words below twenty.
UNIT_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip

#: Multiples of ten.
TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip

#: Scale words after a numeral or number word ("1.5 million", "three thousand").
SCALE_WORDS: dict[str, int] = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    # abbreviations: "1.5 mln", "200k", "1.2m customers", "2bn"
    "mln": 1_000_000, "mn": 1_000_000, "m": 1_000_000, "bln": 1_000_000_000, "bn": 1_000_000_000,
    "k": 1_000,
}  # fmt: skip

#: Phrases before a number that bound it, and the qualifier each gives.
QUALIFIER_PHRASES: dict[str, str] = {
    "at least": AT_LEAST, "not less than": AT_LEAST, "no less than": AT_LEAST,
    "no fewer than": AT_LEAST, "not fewer than": AT_LEAST, "a minimum of": AT_LEAST,
    "more than": MORE_THAN, "over": MORE_THAN, "above": MORE_THAN,
    "in excess of": MORE_THAN, "upwards of": MORE_THAN, "just over": MORE_THAN,
    "well over": MORE_THAN, "well above": MORE_THAN, "just more than": MORE_THAN,
    "up to": UP_TO, "as many as": UP_TO, "less than": UP_TO, "fewer than": UP_TO,
    "under": UP_TO, "no more than": UP_TO, "not more than": UP_TO, "at most": UP_TO,
    "a maximum of": UP_TO, "just under": UP_TO,
    "about": ABOUT, "around": ABOUT, "approximately": ABOUT, "approx.": ABOUT,
    "approx": ABOUT, "nearly": ABOUT, "almost": ABOUT, "some": ABOUT, "roughly": ABOUT,
    "close to": ABOUT, "an estimated": ABOUT, "estimated": ABOUT, "~": ABOUT,
    "circa": ABOUT, "an approximate": ABOUT, "around about": ABOUT,
}  # fmt: skip

#: Words before a number that open a range ("between 35 and 40", "from 10 to 16").
RANGE_OPENERS: dict[str, str] = {"between": "and", "from": "to"}

#: Words before a numeral that make it a label, not a count ("No. 3", "#2").
LABEL_PREFIXES: frozenset[str] = frozenset({"no.", "no", "nos.", "#", "number", "nr."})

#: Currency signs and codes around a number: money is not a count.
CURRENCY_PREFIXES: frozenset[str] = frozenset(
    {"$", "€", "£", "₴", "₽", "us$", "usd", "eur", "uah", "gbp", "rub", "chf"}
)

#: Vague amounts and their placeholder values (the qualifier VAGUE says they are not
#: figures; the values only let callers order them). Keys are lower-cased phrases with
#: single spaces.
VAGUE_WORDS: dict[str, float] = {
    "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000,
    "tens of thousands": 20_000, "hundreds of thousands": 200_000, "millions": 2_000_000,
    "tens of millions": 20_000_000, "dozens of thousands": 24_000,
    "several": 3, "a few": 3, "multiple": 2, "numerous": 3, "a number of": 3,
    "a large number of": 3, "a great number of": 3, "a significant number of": 3,
    "a small number of": 3, "a growing number of": 3,
}  # fmt: skip

#: A duration named with an article ("about an hour", "half an hour"): the phrase and its
#: value in hours. Only before "hour" is an article a figure: "a missile" states none.
SINGULAR_HOURS: dict[str, float] = {
    "an hour": 1.0,
    "half an hour": 0.5,
    "a half hour": 0.5,
    "an hour and a half": 1.5,
}

#: "several hundred", "a few dozen": a vague multiplier and a scale.
VAGUE_SCALES: dict[str, int] = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000}

#: Fractions, valid only before "of" ("half of the drones", "two-thirds of"): the
#: denominators, and the numerators that may precede them. The value is below 1.
FRACTION_DENOMINATORS: dict[str, int] = {
    "half": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
}  # fmt: skip
FRACTION_NUMERATORS: dict[str, int] = {"a": 1, "one": 1, "two": 2, "three": 3}

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

#: Words before a 1900-2099 numeral that make it a year ("in 2022", "the 2022 invasion").
YEAR_PREVIOUS_WORDS: frozenset[str] = frozenset(
    """in since of until till by from to during early late mid the this last next its their
    his her our summer winter spring autumn fall year years between and or through circa
    before after war""".split()
)

#: Nouns after a 1900-2099 numeral that make it a count even so ("2000 people").
COUNT_NOUNS: frozenset[str] = frozenset(
    """people persons civilians drones missiles rockets shells bombs homes houses buildings
    households consumers customers subscribers soldiers troops residents children men women
    killed injured wounded dead others apartments flats vehicles cars sites""".split()
)

#: Lower-case words after a 1900-2099 numeral that do not make it a count ("In 2022 the").
YEAR_NEXT_WORDS: frozenset[str] = frozenset(
    """the a an and or to when as it its in on at by for with after before during while that
    which where but after""".split()
)

#: Unit suffixes glued to a numeral ("500kg", "10km"): still a measure.
GLUED_UNITS: frozenset[str] = frozenset(
    """kg km m mm cm ha t mw gw kw kv mwh gwh sq h hr hrs min mins sec km2 m2 ft mi""".split()
)

ORDINAL_SUFFIXES: frozenset[str] = frozenset({"st", "nd", "rd", "th"})

#: "World War Two", "Air Force One": number words inside names.
NAME_BEFORE_NUMBER_WORD: frozenset[str] = frozenset({"war", "force", "channel", "formula"})

#: After "one of the": a superlative or similar makes "one" not a count.
SUPERLATIVE_WORDS: frozenset[str] = frozenset(
    "most least best worst biggest largest deadliest main few first last only".split()
)

# ---------------------------------------------------------------------------------------
# Compiled patterns
# ---------------------------------------------------------------------------------------


def _trie_regex(phrases: list[str]) -> str:
    """One regex for many literal phrases, factored as a trie, that scans fast.

    Python's ``re`` tries alternatives one by one at every position, so a flat list of 60
    words costs 60 tests per character. Here the pattern starts with one character class
    (``re`` then skips in C to the next character that may start a phrase), a fixed-width
    look-behind makes that character a word start, and the rest is a trie that fails after
    a test or two. The first letter matches either case ("Three"), the rest lower case
    only; a space in a phrase matches a short run of spaces or hyphens ("two-thirds").
    """
    root: dict[str, dict] = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = []
        for ch in sorted((k for k in node if k), key=lambda k: (k == " ", k)):
            head = r"[\s-]{1,3}" if ch == " " else re.escape(ch)
            alts.append(head + emit(node[ch]))
        if "" in node:
            alts.append("")  # last: the longest phrase wins
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"

    firsts = sorted(root)
    branches = [f"(?<=[{c.upper()}{c}]){emit(root[c])}" for c in firsts]
    first_class = "".join(c.upper() + c for c in firsts)
    return (
        r"[0-9"
        + first_class
        + r"](?:(?<=[0-9])|(?<![A-Za-z0-9_].)(?:"
        + "|".join(branches)
        + r")(?![A-Za-z]))"
    )


#: Every phrase that may start a number in words (the multi-word ones come first in the
#: trie by construction: longer continuations are tried before a phrase ends).
_WORD_PHRASES: list[str] = (
    list(UNIT_WORDS)
    + list(TENS_WORDS)
    + [k for k in VAGUE_WORDS if k.isascii()]
    + ["half a dozen", "half a million", "half", "a half", "a dozen", "a hundred", "a thousand", "a million"]
    + list(SINGULAR_HOURS)
    + [
        f"{n} {d}"
        for n in FRACTION_NUMERATORS
        for d in FRACTION_DENOMINATORS
        if d != "half" or n in ("a", "one")
    ]
)

# Where a number may start: a digit, or a word phrase at a word start that ends at a word
# end. What kind of number it is, is decided by looking the phrase up (``_dispatch``).
_CANDIDATE = re.compile(_trie_regex(_WORD_PHRASES))

# A numeral: thousands-grouped, or plain, with an optional decimal part. The repeated group
# has a fixed-width body, so matching is linear (no backtracking blow-up).
# "40,000", "40 000" (a space, no-break or thin space between groups of three), "1.5"
_NUMERAL = re.compile(
    r"\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.])|\d+(?:\.\d+)?"
)
_GROUP_SPACE = re.compile(r"[ \u00a0\u202f]")
_PLAIN_NUMERAL = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?")
_MONTH_BEFORE = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?\s+$"
)


def _numeral(text: str, p: int, end: int) -> re.Match[str] | None:
    """The numeral at ``p``; groups split by spaces only where no month stands before it
    ("June 3 100 drones" is a day and a count, "40 000 consumers" one number)."""
    m = _NUMERAL.match(text, p, end)
    if m and _GROUP_SPACE.search(m.group()) and _MONTH_BEFORE.search(text, max(0, p - 12), p):
        return _PLAIN_NUMERAL.match(text, p, end)
    return m


_ALPHA = re.compile(r"[A-Za-z]+")
_ALNUM_RUN = re.compile(r"[A-Za-z0-9]*")
_DESIGNATION_RUN = re.compile(r"[A-Za-z0-9/\-]*")
_SEP = re.compile(r"[ \t]*-[ \t]*|[ \t\n]+")
_SCALE_AFTER = re.compile(
    r"\s+(hundred|thousand|million|billion|mln|bln|mn|bn)\b\.?|(k|mn|bn)\b|(m)\b(?=\s+[a-z])", re.IGNORECASE
)
_MONTH_ALT = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![a-z])"
)
# A day of the month, after its numeral: "3 September", "2-3 September", "12 and 13 February".
_DAY_AFTER = re.compile(
    r"(?:\s*(?:,|and|&|or|to|-|–|—)\s*\d{1,2}(?:st|nd|rd|th)?){0,4}\s*(?:st|nd|rd|th)?\s*(?:of\s+)?"
    + _MONTH_ALT
)
# The rest of a day list after a month: "September 3-4", "September 3 and 4", "June 3, 4
# and 5". A list joined by commas ends with "and"/"to": in "June 11, 5 people were killed"
# the 5 is a count.
_DAY = r"\d{1,2}(?!\d)(?:st|nd|rd|th)?"
_DAY_CONTINUATION = re.compile(rf"(?:(?:\s*,\s*{_DAY}){{0,3}}\s*,?\s*(?:and|&|-|–|—|to)\s*{_DAY})?")
_TIME_AFTER = re.compile(
    r"\s*(?:[ap]\.\s?m\.?|[ap]m\b|o['’]clock\b|hrs\b|hours?\s+(?:local|GMT|UTC|Kyiv)\b)",
    re.IGNORECASE,
)
_PERCENT_AFTER = re.compile(r"\s*(?:%|per\s*cent\b|percent\b|percentage\s+points?\b|pc\b)", re.IGNORECASE)
_MONEY_AFTER = re.compile(
    r"\s*(?:(?:US|U\.S\.|American|Canadian)\s+)?(?:dollars?|euros?|pounds?\s+sterling|hryvnias?"
    r"|hryvnyas?|hryvnia|roubles?|rubles?|USD|EUR|UAH|GBP|RUB)\b",
    re.IGNORECASE,
)
_AGE_OR_STOREY = re.compile(
    r"[ \t]*-[ \t]*(?:(?:year|month|week|day)s?-old|years?|storey|story|storeyed|storied|floor)\b",
    re.IGNORECASE,
)
_AND_A_HALF = re.compile(r"[\s-]+and[\s-]+a[\s-]+half\b", re.IGNORECASE)
_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)
_ONE_SKIP_AFTER = re.compile(r"\s+(?:another|by\s+one|after\s+another)\b", re.IGNORECASE)
_ONE_OF_THE = re.compile(r"\s+of\s+the\s+([A-Za-z]+)", re.IGNORECASE)
_PHONE_AFTER = re.compile(r"(?:[ \-.]\d{2,4}){2,}(?!\d)")
_HYPHEN_CHAIN = re.compile(r"[-–]\d+[-–]\d+")
_SLASH_RUN = re.compile(r"[\d/.\-]*")


def _reversed_alternation(phrases: list[str]) -> re.Pattern[str]:
    """A regex that matches, at the start of a reversed string, one of ``phrases`` written
    reversed: it lets a look-behind for "more than" run as one anchored match."""
    alts = []
    for p in sorted(phrases, key=len, reverse=True):
        words = [re.escape(w[::-1]) for w in p.split()]
        alts.append(r"\s+".join(reversed(words)))
    # phrases made of letters must start at a word boundary in the forward text
    return re.compile(r"\s*(" + "|".join(alts) + r")(?![A-Za-z])", re.IGNORECASE)


_BEFORE = _reversed_alternation(
    list(QUALIFIER_PHRASES) + list(RANGE_OPENERS) + list(LABEL_PREFIXES) + list(CURRENCY_PREFIXES)
)
_PREV_WORD_REV = re.compile(r"[ \t\n]*(\.?)([A-Za-z]+)(?=[^A-Za-z]|$)")
_LOOKBACK = 40


# ---------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def _before(text: str, s: int, lo: int) -> tuple[str, int] | None:
    """The qualifier/range/label phrase right before ``s`` (normalised) and its start."""
    if s <= lo:
        return None
    w0 = max(lo, s - _LOOKBACK)
    rev = text[w0:s][::-1]
    m = _BEFORE.match(rev)
    if not m:
        return None
    return _norm(m.group(1)[::-1]), s - m.end()


def _prev_word(text: str, s: int, lo: int) -> tuple[str, bool] | None:
    """The word right before ``s`` (as written) and whether a '.' follows it."""
    if s <= lo:
        return None
    w0 = max(lo, s - _LOOKBACK)
    rev = text[w0:s][::-1]
    m = _PREV_WORD_REV.match(rev)
    if not m:
        return None
    return m.group(2)[::-1], bool(m.group(1))


def _is_month(word: str) -> bool:
    return word[:1].isupper() and word.lower() in MONTHS


def _next_word(text: str, e: int, end: int) -> str | None:
    i = e
    while i < end and text[i] in " \t":
        i += 1
    if i == e:
        return None
    m = _ALPHA.match(text, i, end)
    return m.group() if m else None


def _parse_numeral(text: str, p: int, end: int) -> tuple[float, int, bool] | None:
    """A numeral at ``p`` with an optional scale word: (value, end, plain 1-2 digit int)."""
    m = _numeral(text, p, end)
    if not m:
        return None
    raw = m.group()
    digits = _GROUP_SPACE.sub("", raw.replace(",", ""))
    if len(digits) > 16:  # phone numbers, digit soup: not a figure (and int() would choke)
        return None
    value = float(digits)
    e = m.end()
    small = "," not in raw and "." not in raw and len(raw) <= 2
    sm = _SCALE_AFTER.match(text, e, end)
    if sm:
        word = next(g for g in sm.groups() if g).lower()
        if word != "m" or "." in raw:  # "1.2m customers" (but "500m from the border" is metres)
            value *= SCALE_WORDS[word]
            e = sm.end()
            small = False
    return value, e, small


def _parse_words(text: str, p: int, end: int) -> tuple[float, int, int] | None:
    """Number words at ``p`` ("two hundred and fifty", "a dozen"): (value, end, #words)."""
    total = 0.0
    cur = 0.0
    last: str | None = None
    max_scale = float("inf")
    e = p
    i = p
    n = 0
    while True:
        m = _ALPHA.match(text, i, end)
        if not m:
            break
        w = m.group().lower()
        if last is None and w in ("a", "an"):
            cur, last = 1, "a"
        elif w in UNIT_WORDS and UNIT_WORDS[w] < 10:
            u = UNIT_WORDS[w]
            if last in (None, "tens", "hundred", "scale", "and"):
                cur = u if last in (None, "scale") else cur + u
                last = "unit"
            else:
                break
        elif w in UNIT_WORDS:
            if last in (None, "hundred", "scale", "and"):
                cur = UNIT_WORDS[w] if last in (None, "scale") else cur + UNIT_WORDS[w]
                last = "teen"
            else:
                break
        elif w in TENS_WORDS:
            if last in (None, "hundred", "scale", "and"):
                cur = TENS_WORDS[w] if last in (None, "scale") else cur + TENS_WORDS[w]
                last = "tens"
            else:
                break
        elif w == "hundred":
            if last in ("unit", "teen", "a") and cur < 100:
                cur *= 100
                last = "hundred"
            else:
                break
        elif w in SCALE_WORDS:
            scale = SCALE_WORDS[w]
            if last not in (None, "scale", "and") and cur > 0 and scale < max_scale:
                total += cur * scale
                cur = 0
                max_scale = scale
                last = "scale"
            else:
                break
        elif w == "dozen":
            if last in ("unit", "teen", "a") and total == 0 and cur < 20:
                cur *= 12
                last = "dozen"
                e = m.end()
                n += 1
            break
        elif w == "and":
            # "two hundred and fifty": "and" only joins a scale to what follows it
            if last not in ("hundred", "scale"):
                break
            sep = _SEP.match(text, m.end(), end)
            nxt = _ALPHA.match(text, sep.end(), end) if sep else None
            if not nxt or nxt.group().lower() not in UNIT_WORDS and nxt.group().lower() not in TENS_WORDS:
                break
            last = "and"
            i = sep.end()  # type: ignore[union-attr]
            continue
        else:
            break
        e = m.end()
        n += 1
        sep = _SEP.match(text, e, end)
        if not sep:
            break
        i = sep.end()
    if n == 0 or last == "a":
        return None
    if last in ("unit", "teen", "tens"):
        h = _AND_A_HALF.match(text, e, end)
        if h:
            cur += 0.5
            e = h.end()
    return total + cur, e, n


def _parse_any(text: str, p: int, end: int) -> tuple[float, int, bool] | None:
    """A numeral or number words at ``p``: (value, end, has-scale-word)."""
    if p < end and text[p].isdigit():
        r = _parse_numeral(text, p, end)
        if r is None:
            return None
        tail = _ALNUM_RUN.match(text, r[1], end)
        if tail and tail.end() > r[1] and text[r[1] - 1].isdigit():
            return None  # glued letters: "2nd", "101SM"
        m = _numeral(text, p, end)
        return r[0], r[1], bool(m and r[1] > m.end())
    w = _parse_words(text, p, end)
    if w is None:
        return None
    return w[0], w[1], False


def _skip_to(text: str, e: int, end: int, pattern: re.Pattern[str]) -> int:
    m = pattern.match(text, e, end)
    return m.end() if m else e


# ---------------------------------------------------------------------------------------
# The annotator
# ---------------------------------------------------------------------------------------

_RANGE_SEP = re.compile(r"\s*(?:-|–|—|to\b|or\b)\s*", re.IGNORECASE)
_RANGE_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_RANGE_TO = re.compile(r"\s*(?:to\b|-|–|—)\s*", re.IGNORECASE)


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every count or measure stated in ``text[start:end]`` (absolute offsets, in order)."""
    n = len(text)
    end = n if end is None else max(0, min(end, n))
    start = max(0, start)
    out: list[Quantity] = []
    pos = start
    last_end = start
    search = _CANDIDATE.search
    while pos < end:
        m = search(text, pos, end)
        if m is None:
            break
        if text[m.start()].isdigit():
            q, pos = _digits(text, m.start(), start, end)
        else:
            q, pos = _dispatch(text, m, start, end)
        if pos <= m.start():  # never stall
            pos = m.end()
        if q is not None:
            if q.start < last_end:  # a qualifier reaching into the previous quantity
                continue
            out.append(q)
            last_end = q.end
    return out


def _digits(text: str, p: int, lo: int, end: int) -> tuple[Quantity | None, int]:
    """A numeral at ``p``: decide whether it is a count, and where scanning resumes."""
    prev = text[p - 1] if p > lo else ""
    run_end = _skip_to(text, p, end, _DESIGNATION_RUN)
    if prev.isalpha() or prev == "_":
        return None, run_end  # "X101", "killed38" (glued designation or code)
    if prev in "-–/" and p - 2 >= lo and text[p - 2].isalpha():
        return None, run_end  # "Kh-101", "Su-30SM", "Kh-101/X-101"
    if prev == "+" or (prev == "." and p - 2 >= lo and text[p - 2].isdigit()):
        # "+380 44 ...", "1.2.3": phone numbers and versions
        return None, _skip_to(text, _skip_to(text, p, end, _NUMERAL), end, _PHONE_AFTER)
    r = _parse_numeral(text, p, end)
    if r is None:
        return None, _skip_to(text, p, end, _ALNUM_RUN)
    value, e, small = r
    num_end = _numeral(text, p, end).end()  # type: ignore[union-attr]
    raw = text[p:num_end]
    nxt = text[num_end] if num_end < end else ""
    if nxt == ":" and num_end + 1 < end and text[num_end + 1].isdigit():
        return None, _skip_to(text, num_end, end, _SLASH_RUN_COLON)  # "09:08"
    if nxt == "/" and num_end + 1 < end and text[num_end + 1].isdigit():
        return None, _skip_to(text, num_end, end, _SLASH_RUN)  # "24/7", "03/09/2024"
    if prev == "[" and nxt == "]":
        return None, num_end + 1  # a reference marker
    if raw.startswith("0") and len(raw) > 2 and "." not in raw:
        return None, _skip_to(text, num_end, end, _PHONE_AFTER)  # "0800 300 545"
    if nxt in "-–" and _HYPHEN_CHAIN.match(text, num_end, end) and not _is_year_value(raw):
        return None, _skip_to(text, num_end, end, _SLASH_RUN)  # "044-123-45"
    if nxt.isascii() and nxt.isalpha() and e == num_end:
        tail = _ALPHA.match(text, num_end, end).group()  # type: ignore[union-attr]
        after = num_end + len(tail)
        t = tail.lower()
        if t in ORDINAL_SUFFIXES:
            return None, after  # "117th"
        if t in ("am", "pm"):
            return None, after  # "10am"
        if t == "s" and raw.endswith("0"):
            return None, after  # "1990s"
        if _is_year_value(raw):
            return None, num_end  # glued "2025Ternopil"
        if t not in GLUED_UNITS and tail[0].isupper() and len(tail) <= 3:
            return None, _skip_to(text, p, end, _DESIGNATION_RUN)  # "5G", "2S19"
        if after < end and text[after].isdigit():
            return None, _skip_to(text, p, end, _DESIGNATION_RUN)
    if _is_year_value(raw) and _looks_like_year(text, p, num_end, lo, end):
        # skip "2022-2023", "2024-09-03" with it
        return None, _skip_to(text, num_end, end, _YEAR_TAIL)
    if small:
        day_end = _day_of_month_end(text, p, num_end, lo, end)
        if day_end is not None:
            return None, day_end
    if _TIME_AFTER.match(text, e, end):
        return None, _skip_to(text, e, end, _TIME_AFTER)
    if _AGE_OR_STOREY.match(text, e, end):
        return None, _skip_to(text, e, end, _AGE_OR_STOREY)
    return _finish(text, p, e, value, lo, end, words=False)


_SLASH_RUN_COLON = re.compile(r"[\d:.]*(?:\s*[ap]\.?m\.?(?![A-Za-z]))?", re.IGNORECASE)
_YEAR_TAIL = re.compile(r"(?:[-–/]\d{1,4}){0,2}")


def _is_year_value(raw: str) -> bool:
    return len(raw) == 4 and raw.isdigit() and 1900 <= int(raw) <= 2099


def _looks_like_year(text: str, s: int, e: int, lo: int, end: int) -> bool:
    """Whether the 4-digit numeral text[s:e] (1900-2099) reads as a year."""
    if e < end and text[e].isalpha():
        return True  # glued "2025Ternopil"
    if e + 1 < end and text[e] in "-–/" and text[e + 1].isdigit():
        return True  # "2022-2023", "2024-09-03"
    pw = _prev_word(text, s, lo)
    if pw and _is_month(pw[0]):
        return True  # "March 2022"
    # "February 16, 2025"
    j = s - 1
    while j >= lo and text[j] in " \t":
        j -= 1
    if j >= lo and text[j] == ",":
        k = j - 1
        while k >= lo and text[k].isdigit():
            k -= 1
        if k < j - 1:
            pw2 = _prev_word(text, k + 1, lo)
            if pw2 and _is_month(pw2[0]):
                return True
    nw = _next_word(text, e, end)
    if nw is not None:
        low = nw.lower()
        if low in COUNT_NOUNS:
            return False
        if _is_month(nw):
            return True
    before = _before(text, s, lo)
    if before and before[0] in QUALIFIER_PHRASES:
        return False  # "more than 2000"
    if pw and pw[0].lower() in YEAR_PREVIOUS_WORDS:
        return True
    if pw and pw[0] == "s":
        return True  # "Russia's 2022 invasion"
    if nw is not None and nw[:1].islower() and nw.lower() not in YEAR_NEXT_WORDS:
        return False  # "1950 drones"
    return True


def _day_of_month_end(text: str, s: int, e: int, lo: int, end: int) -> int | None:
    """If the 1-2 digit numeral text[s:e] is a day of a month, where its date ends."""
    if int(text[s:e]) > 31 or int(text[s:e]) == 0:
        return None
    m = _DAY_AFTER.match(text, e, end)
    if m:
        return m.end()
    pw = _prev_word(text, s, lo)
    if pw and _is_month(pw[0]):
        return _skip_to(text, e, end, _DAY_CONTINUATION)  # "September 3", "Sept. 3-4"
    return None


#: Verbs of change before "from X to Y": the figure went from one value to another.
CHANGE_VERBS = frozenset(
    "rose risen increased climbed grew jumped went revised raised fell dropped changed updated".split()
)


def _changed_before(text: str, s: int, lo: int) -> bool:
    pw = _prev_word(text, s, lo)
    return pw is not None and pw[0].lower() in CHANGE_VERBS


def _finish(
    text: str, s: int, e: int, value: float, lo: int, end: int, *, words: bool
) -> tuple[Quantity | None, int]:
    """Attach a range and a qualifier to the number text[s:e] and check what follows."""
    before = _before(text, s, lo)
    opener = before[0] if before else None
    if opener in LABEL_PREFIXES:
        if not words and (opener != "no" or text[before[1]] == "N"):  # type: ignore[index]
            return None, e  # "No. 3", "#2" (but "no 3 drones" lower-case is odd anyway)
        before = opener = None
    if opener in CURRENCY_PREFIXES:
        return None, _skip_to(text, e, end, _MONEY_AFTER)
    qs = s
    qualifier = EXACT
    low: float | None = None
    high: float | None = None
    # ranges
    high_val: float | None = None
    range_end = e
    open_ended = False
    sep = None
    if opener == "from" and _changed_before(text, before[1], lo):  # type: ignore[index]
        # "the toll rose from 10 to 16": two figures, the old and the new, not a range
        return Quantity(s, e, text[s:e], float(value), EXACT), e
    if opener in RANGE_OPENERS:
        sep = (_RANGE_AND if opener == "between" else _RANGE_TO).match(text, e, end)
    else:
        sep = _RANGE_SEP.match(text, e, end)
    if sep:
        q2 = sep.end()
        b2 = None
        if opener == "between":
            b2 = _before_forward(text, q2, end)
            if b2 is not None:
                q2 = b2[1]
        r2 = _parse_any(text, q2, end)
        if r2 is not None:
            v2, e2, scaled2 = r2
            v1 = value
            if scaled2 and v1 < v2 and not _SCALE_AFTER.match(text, _numeral_end(text, s, e), end):
                # "between 1.5 and 2 million": the scale applies to both ends
                scale = _scale_of(text, q2, e2)
                if scale and v1 * scale <= v2:
                    v1 *= scale
            if _PERCENT_AFTER.match(text, e2, end):
                return None, _skip_to(text, e2, end, _PERCENT_AFTER)  # "between 80 and 90 per cent"
            if v2 > v1:
                value, high_val, range_end = v1, v2, e2
                if b2 is not None and b2[0] in (MORE_THAN, AT_LEAST):
                    open_ended = True
    is_range = high_val is not None
    tail_end = range_end if is_range else e
    if _PERCENT_AFTER.match(text, tail_end, end):
        return None, _skip_to(text, tail_end, end, _PERCENT_AFTER)
    if _MONEY_AFTER.match(text, tail_end, end):
        return None, _skip_to(text, tail_end, end, _MONEY_AFTER)
    if is_range and _TIME_AFTER.match(text, tail_end, end):
        return None, _skip_to(text, tail_end, end, _TIME_AFTER)
    if is_range:
        qualifier = AT_LEAST
        low, high = value, (None if open_ended else high_val)
        if opener in RANGE_OPENERS or (opener and QUALIFIER_PHRASES.get(opener) == ABOUT):
            qs = before[1]  # type: ignore[index]
            if opener not in RANGE_OPENERS:
                qualifier = ABOUT
        e = tail_end
    elif opener in QUALIFIER_PHRASES:
        qualifier = QUALIFIER_PHRASES[opener]  # type: ignore[index]
        qs = before[1]  # type: ignore[index]
        if qualifier in (AT_LEAST, MORE_THAN):
            low = value
        elif qualifier == UP_TO:
            high = value
    return Quantity(qs, e, text[qs:e], float(value), qualifier, low, high), e


def _numeral_end(text: str, s: int, e: int) -> int:
    m = _NUMERAL.match(text, s, e)
    return m.end() if m and text[s].isdigit() else e


def _scale_of(text: str, s: int, e: int) -> int | None:
    m = _SCALE_WORD_IN.search(text, s, e)
    return SCALE_WORDS[m.group().lower()] if m else None


_SCALE_WORD_IN = re.compile(r"(?:thousand|million|billion)\b", re.IGNORECASE)
_FORWARD_QUAL = re.compile(
    r"(more\s+than|at\s+least|over|up\s+to|about|around|nearly|almost|some|approximately)\s+",
    re.IGNORECASE,
)


def _before_forward(text: str, p: int, end: int) -> tuple[str, int] | None:
    """A qualifier at ``p`` inside a range ("between 35 and more than 40")."""
    m = _FORWARD_QUAL.match(text, p, end)
    if not m:
        return None
    return QUALIFIER_PHRASES[_norm(m.group(1))], m.end()


def _dispatch(text: str, m: re.Match[str], lo: int, end: int) -> tuple[Quantity | None, int]:
    """Route a word phrase to its reader by looking the phrase up."""
    key = _norm(m.group().replace("-", " "))
    words = key.split()
    if key == "half a dozen":
        return _finish(text, m.start(), m.end(), 6.0, lo, end, words=True)
    if key == "half a million":
        return _finish(text, m.start(), m.end(), 500_000.0, lo, end, words=True)
    if key in SINGULAR_HOURS:
        # "delays of about an hour": the article is the figure, "hour" stays its head noun
        noun = text.lower().index("hour", m.start(), m.end())
        q, _ = _finish(text, m.start(), len(text[:noun].rstrip()), SINGULAR_HOURS[key], lo, end, words=True)
        return q, m.end()
    if words[-1] in FRACTION_DENOMINATORS and (len(words) == 2 or key == "half"):
        if _OF_AFTER.match(text, m.end(), end):
            return _fraction(text, m, lo, end)
        if words[0] in FRACTION_NUMERATORS and words[0] not in ("a", "an"):
            return _words(text, m.start(), lo, end)  # "two thirds" w/o "of": read "two"
        return None, m.end()  # "a third wave": an ordinal
    if key in VAGUE_WORDS:
        if key == "scores" and not _OF_AFTER.match(text, m.end(), end):
            return None, m.end()  # the verb
        return _vague(text, m, key, lo, end)
    return _words(text, m.start(), lo, end)


def _words(text: str, p: int, lo: int, end: int) -> tuple[Quantity | None, int]:
    """Number words at ``p``: "twenty-three", "a dozen", "One"."""
    r = _parse_words(text, p, end)
    if r is None:
        return None, _skip_to(text, p, end, _ALPHA)
    value, e, nwords = r
    if nwords == 1 and value == 1 and text[p:e].lower() == "one":
        return _one(text, p, e, lo, end)
    pw = _prev_word(text, p, lo)
    if pw and pw[0].lower() in NAME_BEFORE_NUMBER_WORD and text[p].isupper():
        return None, e  # "World War Two"
    if e < end and text[e] == "-" and e + 1 < end and text[e + 1].isalpha():
        if _AGE_OR_STOREY.match(text, e, end):
            return None, _skip_to(text, e, end, _AGE_OR_STOREY)  # "five-storey"
    if _TIME_AFTER.match(text, e, end):
        return None, _skip_to(text, e, end, _TIME_AFTER)
    return _finish(text, p, e, value, lo, end, words=True)


# "said they had intercepted nine drones, but that one struck the port": "that" opening a
# reported clause (after these words), not the pronoun "that one"
_BEFORE_THAT_CLAUSE = re.compile(r"(?:\bbut|\band|\bsaid|\bsays|\badded|\breported|\bstated|,)\s+that\s+$")


def _complementizer(text: str, p: int, lo: int) -> bool:
    return _BEFORE_THAT_CLAUSE.search(text, max(lo, p - 20), p) is not None


def _one(text: str, p: int, e: int, lo: int, end: int) -> tuple[Quantity | None, int]:
    """The word "one": a count ("one pilot") unless an idiom ("no one", "one another")."""
    pw = _prev_word(text, p, lo)
    if pw and pw[0].lower() in ("no", "any", "every", "each", "this", "that", "which", "the"):
        if not (pw[0].lower() == "that" and _complementizer(text, p, lo)):
            return None, e
    if pw and pw[0].lower() in NAME_BEFORE_NUMBER_WORD and text[p].isupper():
        return None, e
    if _ONE_SKIP_AFTER.match(text, e, end):
        return None, _skip_to(text, e, end, _ONE_SKIP_AFTER)
    of_the = _ONE_OF_THE.match(text, e, end)
    if of_the:
        w = of_the.group(1).lower()
        if w in SUPERLATIVE_WORDS or (w.endswith("est") and len(w) > 4):
            return None, e
    if e < end and text[e] == "-":
        return None, _skip_to(text, e, end, _DESIGNATION_RUN)  # "one-off", "one-way"
    q, nxt = _finish(text, p, e, 1.0, lo, end, words=True)
    if q is not None and q.value == 1 and q.high is None:
        q = Quantity(q.start, q.end, q.text, q.value, q.qualifier, q.low, q.high, singular=True)
    return q, nxt


def _vague(text: str, m: re.Match[str], key: str, lo: int, end: int) -> tuple[Quantity | None, int]:
    """Vague amounts: "dozens", "hundreds of thousands", "several", "a number of"."""
    value = VAGUE_WORDS[key]
    e = m.end()
    if key in ("several", "a few"):
        sm = _SCALE_AFTER_VAGUE.match(text, e, end)
        if sm:
            value *= VAGUE_SCALES[sm.group(1).lower()]
            e = sm.end()
    if _PERCENT_AFTER.match(text, e, end) or _MONEY_AFTER.match(text, e, end):
        return None, e
    if e < end and text[e] in "-–":
        return None, e  # "multiple-launch", "several-storey"
    return Quantity(m.start(), e, text[m.start() : e], float(value), VAGUE, low=float(value)), e


_SCALE_AFTER_VAGUE = re.compile(r"\s+(dozen|hundred|thousand|million)\b", re.IGNORECASE)


def _fraction(text: str, m: re.Match[str], lo: int, end: int) -> tuple[Quantity | None, int]:
    """Fractions before "of": "half", "a third", "two-thirds" (a value below 1)."""
    words = _norm(m.group().replace("-", " ")).split()
    num = FRACTION_NUMERATORS.get(words[0], 0) if len(words) == 2 else 1
    value = num / FRACTION_DENOMINATORS[words[-1]]
    if not 0 < value < 1:
        return None, m.end()
    e = m.end()
    before = _before(text, m.start(), lo)
    qs, qualifier, low, high = m.start(), EXACT, None, None
    if before and before[0] in QUALIFIER_PHRASES:
        qualifier = QUALIFIER_PHRASES[before[0]]
        qs = before[1]
        if qualifier in (AT_LEAST, MORE_THAN):
            low = value
        elif qualifier == UP_TO:
            high = value
    return Quantity(qs, e, text[qs:e], value, qualifier, low, high), e
