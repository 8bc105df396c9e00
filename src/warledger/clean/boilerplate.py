"""Find the article in a report's text: which lines are prose, headings and bullets, and
which are page furniture (cookie banners, share widgets, bylines, captions, sidebars).

Takes: ``Document.text``. Gives: ``body_spans(text)``, one ``(start, end)`` span per kept
line, offsets into the unchanged text with surrounding whitespace stripped.

The text is never rewritten: every later offset must point into ``Document.text``, so the
clean stage only chooses spans. Headings and the title line are kept because later stages
use them as place context ("===Kyiv==="); bullets are kept because reports put figures in
them. Every pattern is anchored (matched at the start of a line, or searched only in a short
tail of it) and has only bounded or single quantifiers, so a 1 MB line costs linear time.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# --------------------------------------------------------------------------------------
# Patterns matched at the START of a stripped line (``re.match``). A line that matches one
# is dropped. Each regex is wrapped in its own case-insensitivity where that is safe.
# --------------------------------------------------------------------------------------
HEAD_PATTERNS: tuple[tuple[str, str], ...] = (
    # Consent banners; the Reuters seed file ends with "Click here to change your cookie
    # preferences" pasted from the page footer.
    (
        "cookie_banner",
        r"(?i:click here to change your cookie|we use cookies|this (?:web)?site uses cookies"
        r"|accept (?:all )?cookies|reject (?:all )?cookies|manage (?:your )?cookie|cookie (?:settings|preferences|policy|consent)"
        r"|by continuing to (?:use|browse) (?:this|our) (?:web)?site)",
    ),
    # Share buttons extracted as text: the whole line is the widget label.
    (
        "share_widget",
        r"(?i:(?:share(?: this (?:article|story|page|post))?|share on (?:facebook|twitter|x|whatsapp|linkedin|telegram)"
        r"|tweet|copy link|copy article link|link copied|email|print|save|comments?)$)",
    ),
    # "3 min read", "5-minute read", "Reading time: 4 minutes": page chrome, not prose.
    ("read_time", r"(?i:\d{1,3}[- ]?min(?:ute)?s?\.? read$|reading time:? \d{1,3} min)"),
    # Wire-copy credits: "Reporting by ...; Editing by ...", also in parentheses.
    (
        "credit_line",
        r"(?i:\(?(?:additional )?(?:reporting|writing|editing|compiled|written|edited|produced)"
        r"(?: and (?:writing|editing|reporting))? by\b)",
    ),
    # Reuters' standards footer.
    ("trust_principles", r"(?i:our standards: the thomson reuters trust principles)"),
    # VOA's agency credit: "Information from The Associated Press, ... was used in the report."
    (
        "agency_used",
        r"(?i:information from [^\n]{1,300}? was used in (?:the|this) (?:report|story|article)\.?$)",
    ),
    # VOA's other agency credit: "Some information for this story came from ...".
    ("agency_some", r"(?i:some information (?:for this (?:story|report|article) )?came from\b)"),
    # "The Associated Press contributed to this report."
    ("agency_contributed", r"(?i:[^\n]{1,120}? contributed (?:to )?this (?:report|story|article)\.?$)"),
    # Ad slots leave their label behind.
    (
        "advertisement",
        r"(?i:(?:advertisement|advertising|sponsored(?: content)?|ad|story continues below(?: advertisement)?)$)",
    ),
    # Newsletter and paywall prompts.
    ("subscribe", r"(?i:subscribe\b|sign up\b|already a subscriber|register (?:now|for free)\b)"),
    # Links to other stories set inline: "Read more: ...", "Related: ...".
    ("read_more", r"(?i:(?:read more|read also|also read|see also|related|watch|listen)\s?:)"),
    # "Get the latest news from ..." promos.
    ("get_latest", r"(?i:get the latest\b)"),
    # Social prompts.
    ("follow_us", r"(?i:follow us\b|join us on\b)"),
    # "Click here to ..." links left over from the page.
    ("click_here", r"(?i:click here\b)"),
    # Photo captions that announce themselves: "FILE PHOTO: ...", "Photo: ...".
    (
        "caption_head",
        r"(?i:(?:file )?photo(?:graph)?:|image(?: source| credit)?:|picture:|caption:|pictured:)",
    ),
    # Footer rights lines.
    ("copyright", r"(?i:©|copyright\b|\(c\) \d{4}|all rights reserved)"),
    # Time stamps the page prints above or below the story: "Updated 3 hours ago".
    (
        "timestamp",
        r"(?i:(?:last )?(?:updated|published|posted)(?: on)?:? [^\n]{0,40}?(?:ago|\d{4}|[ap]\.?m\.?|gmt|utc|ist|cet|eet)\.?$)",
    ),
)

# --------------------------------------------------------------------------------------
# Patterns that END a line: searched only in its last TAIL_WINDOW characters, so the cost
# of a search is bounded however long the line is. A match means a photo caption.
# --------------------------------------------------------------------------------------
TAIL_WINDOW = 160
TAIL_PATTERNS: tuple[tuple[str, str], ...] = (
    # "... near Kyiv, Ukraine, May 3, 2024. REUTERS/Gleb Garanich/File Photo"
    ("reuters_credit", r"REUTERS/[^\n]{1,80}$"),
    # "... (Photo by Name/AFP via Getty Images)"
    ("photo_by", r"(?i:\((?:photo(?:graph)?|image|picture)s? by [^()\n]{1,120}\)\.?$)"),
    # "... (AP Photo/Name)"
    ("agency_photo", r"(?:AP|AFP|EPA|Reuters|Ukrinform) Photo/[^\n]{1,80}$"),
    # "... Name/AFP via Getty Images"
    ("getty_credit", r"(?:via |/ ?)Getty Images\)?\.?$"),
    # "... Genya Savilov / AFP"
    ("agency_slash", r"/ ?(?:AFP|EPA-EFE|EPA|Anadolu|Anadolu Agency|Ukrinform)\)?\.?$"),
)

# A heading that introduces a block of links to other stories; the short lines under it are
# dropped along with it.
SIDEBAR_HEADING = re.compile(
    r"(?i:(?:related(?: (?:stories|articles|coverage|content|news|topics|reading))?|more from [^\n]{1,60}"
    r"|more (?:stories|news|on this story)|most (?:read|popular|viewed|shared)|read (?:more|next)"
    r"|recommended(?: for you| stories)?|you (?:may|might) also like|trending(?: now| stories)?"
    r"|latest (?:news|stories|headlines)|top stories|what to read next|editor'?s picks)\s?:?$)"
)

# Headings kept as context and never counted as sidebar headlines: "==Attack==",
# "## Events", and all-caps lines like "EXPLOSIONS" or "SITUATION OVERVIEW".
WIKI_HEADING = re.compile(r"=+[^=\n]{1,200}=+$")
MARKDOWN_HEADING = re.compile(r"#{1,6} ")
# Bullets are kept: UN flash updates put their figures in them.
BULLET = re.compile(r"(?:[•\-*–·▪●◦‣]|\d{1,3}[.)])\s")

# A line longer than this is prose whatever it starts with; only captions (tail patterns)
# and cookie banners are ever that long, and head patterns stay cheap.
MAX_BOILERPLATE_CHARS = 1000
# Sidebar headlines: short lines without sentence punctuation.
TITLE_MAX_CHARS = 100
TITLE_MAX_WORDS = 14
SIDEBAR_MIN_RUN = 3
_SENTENCE_END = ".!?;,:…"
_CLOSERS = "\"'”’»)]"

_HEAD = re.compile("|".join(f"(?P<{name}>{rx})" for name, rx in HEAD_PATTERNS))
_TAIL = re.compile("|".join(f"(?P<{name}>{rx})" for name, rx in TAIL_PATTERNS))
# Byline words that may be lower-case: "By Tom Balmforth and Max Hunder in Kyiv".
# A line ending in one of these is a wrapped sentence ("..., including a"), not a headline.
_DANGLING = frozenset(
    {"a", "an", "the", "and", "or", "but", "of", "to", "in", "for", "with", "by", "at", "on", "from", "that"}
)
_BYLINE_SMALL = frozenset({"and", "in", "of", "the", "de", "van", "von", "al", "el", "staff", "&"})


class Line(NamedTuple):
    start: int
    end: int
    kind: str  # "prose" | "heading" | "bullet" | "title" | "drop"
    reason: str | None = None  # the pattern name when dropped


def classify_line(line: str) -> str | None:
    """The name of the boilerplate pattern a stripped line matches, or None."""
    if not line:
        return None
    if len(line) <= MAX_BOILERPLATE_CHARS:
        m = _HEAD.match(line)
        if m:
            return m.lastgroup
        if _is_byline(line):
            return "byline"
    m = _TAIL.search(line, max(0, len(line) - TAIL_WINDOW))
    if m:
        return m.lastgroup
    return None


def _is_byline(line: str) -> bool:
    """``By Tom Balmforth and Max Hunder``: a short line of names after "By"."""
    if not line.startswith("By ") or len(line) > 80 or line[-1] in _SENTENCE_END:
        return False
    words = line[3:].replace(",", " ").split()
    if not words or len(words) > 10:
        return False
    return all(w[0].isupper() or w.lower() in _BYLINE_SMALL for w in words)


def is_heading(line: str) -> bool:
    """A marked section heading: wiki ``==X==``, markdown ``## X`` or an all-caps line."""
    if WIKI_HEADING.match(line) or MARKDOWN_HEADING.match(line):
        return True
    return len(line) <= 80 and line.isupper() and any(c.isalpha() for c in line)


def _title_like(line: str, loose: bool = False) -> bool:
    """A short, headline-shaped line: no sentence punctuation at its end or inside it.

    ``loose`` (under a "Related" heading) also admits headlines ending in "?" or "!" and
    bulleted ones, since there the heading already says what the block is.
    """
    if len(line) > (160 if loose else TITLE_MAX_CHARS):
        return False
    stripped = line.rstrip(_CLOSERS)
    if not stripped:
        return False
    last = stripped[-1]
    if last in _SENTENCE_END and not (loose and last in "?!"):
        return False
    if not loose and ": " in line:
        # "Kharkiv region: 2 injured" is a data list, not a headline; figures must stay.
        return False
    first = line[0]
    if not (first.isupper() or first.isdigit() or first in "\"'“‘«"):
        return False
    if ". " in line:
        return False
    words = line.split(None, TITLE_MAX_WORDS)
    return len(words) <= TITLE_MAX_WORDS and words[-1].lower() not in _DANGLING


def scan(text: str) -> list[Line]:
    """Every non-blank line of ``text`` with what the cleaner made of it."""
    lines: list[Line] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        raw = text[pos:nl]
        line = raw.strip()
        if line:
            start = pos + (len(raw) - len(raw.lstrip()))
            end = start + len(line)
            reason = classify_line(line)
            if reason is not None:
                kind = "drop"
            elif is_heading(line):
                kind = "heading"
            elif BULLET.match(line):
                kind = "bullet"
            elif _title_like(line):
                kind = "title"
            else:
                kind = "prose"
            lines.append(Line(start, end, kind, reason))
        pos = nl + 1
    _drop_sidebars(text, lines)
    return lines


def _drop_sidebars(text: str, lines: list[Line]) -> None:
    """Mark links to other stories as dropped, in place.

    Two shapes: a "Related"/"More from"/"Most read" heading with the short lines under it,
    and a run of >= 3 headline-shaped lines after the article has begun (prose before it)
    and either more prose after it or nothing but more furniture.
    """
    i = 0
    count = len(lines)
    seen_prose = False
    while i < count:
        ln = lines[i]
        seg = text[ln.start : ln.end]
        if ln.kind != "drop" and ln.end - ln.start <= 80 and SIDEBAR_HEADING.match(seg):
            lines[i] = ln._replace(kind="drop", reason="sidebar_heading")
            j = i + 1
            while j < count:
                nxt = lines[j]
                if nxt.kind == "heading":
                    break
                if nxt.kind != "drop" and not _title_like(_unbulleted(text[nxt.start : nxt.end]), loose=True):
                    break
                lines[j] = nxt._replace(kind="drop", reason=nxt.reason or "sidebar")
                j += 1
            i = j
            continue
        if ln.kind == "title" and seen_prose:
            j = i
            while j < count and lines[j].kind == "title":
                j += 1
            after_ok = j == count or lines[j].kind in ("prose", "drop", "bullet")
            if j - i >= SIDEBAR_MIN_RUN and after_ok:
                for k in range(i, j):
                    lines[k] = lines[k]._replace(kind="drop", reason="sidebar")
            i = j
            continue
        if ln.kind in ("prose", "bullet"):
            seen_prose = True
        i += 1


def _unbulleted(line: str) -> str:
    """The line without its bullet: "1. Zelensky visits …" -> "Zelensky visits …"."""
    m = BULLET.match(line)
    return line[m.end() :] if m else line


def body_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The ``(start, end)`` spans of ``text`` that are the article, in order."""
    return tuple((ln.start, ln.end) for ln in scan(text) if ln.kind != "drop")


__all__ = [
    "HEAD_PATTERNS",
    "SIDEBAR_HEADING",
    "TAIL_PATTERNS",
    "Line",
    "body_spans",
    "classify_line",
    "is_heading",
    "scan",
]
