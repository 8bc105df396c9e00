"""Sentence splitting over the article body.

Takes ``Document.body`` (the paragraph spans the clean stage kept) and adds
``Document.sentences``. Rule-based on purpose: news prose is regular enough that a
terminal-punctuation splitter with an abbreviation list is right far more often than not,
and it runs in microseconds, where a statistical segmenter (spaCy's senter or parser)
would cost the whole speed budget of the pipeline.

Headings (a title line, "==Attack==", "## Events", "EXPLOSIONS", "HIGHLIGHTS") become
sentences with ``heading=True``: they carry no figures, but later stages use them as
place context ("===Kyiv===" places the figures of its section).
"""

from __future__ import annotations

import re

from ..model import Document, Sentence
from ..packs import pack_for

# A candidate boundary: terminal punctuation, optional closing quotes/brackets and
# reference markers ("[4][5]"), then whitespace. Bounded repetitions keep it linear.
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]{0,3}(?:\[\d{1,3}\]){0,6}\s+")

# Words after which a period does not end a sentence.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col maj capt sgt cpl st mt no nos vs etc jan feb mar apr jun jul
    aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m approx est dept gov sen rep jr sr
    inc corp co ltd
    """.split()
)

_WIKI_HEADING = re.compile(r"^\s{0,3}(?:={2,6}[^=\n]{1,120}={2,6}|#{1,6} [^\n]{1,120})\s*$")
_WORD = re.compile(r"[A-Za-z]+")


# Credits and citations after a sentence's full stop: "… in Sloviansk. (The Kyiv Independent)",
# "… were killed.[11]". The sentence still ends at its full stop.
_TRAILING_CREDITS = re.compile(r"(?:\s*(?:\([^()\n]{1,80}\)|\[[^\[\]\n]{1,40}\]))+$")


def _is_heading(line: str) -> bool:
    """A short line without sentence punctuation: a title or a section heading."""
    if _WIKI_HEADING.match(line):
        return True
    stripped = _TRAILING_CREDITS.sub("", line.strip())
    if not stripped or len(stripped) > 140:
        return False
    if stripped[-1] in '.!?"”’:;,':
        return False
    words = stripped.split()
    return len(words) <= 16 and not stripped.startswith(("•", "-", "*"))


# No sentence is longer than this: a run of text with no sentence boundary the splitter
# trusts (a 200 KB line, "… in Kyiv. at least nine …" repeated) is cut into pieces of at most
# this size, at the last clause punctuation or space, so that everything after the splitter
# works on bounded pieces and the whole pipeline stays linear in the size of a document.
MAX_SENTENCE = 1200
_SOFT_BREAKS = (". ", "; ", ": ", ", ", " ")


def bounded_spans(text: str, s: int, e: int, breaks: tuple[str, ...] = _SOFT_BREAKS) -> list[tuple[int, int]]:
    """``text[s:e]`` cut into pieces of at most MAX_SENTENCE characters, each at the last of
    ``breaks`` (tried in order) in its second half, without the white space around the cuts."""
    out: list[tuple[int, int]] = []
    while e - s > MAX_SENTENCE:
        cut = -1
        for brk in breaks:
            cut = text.rfind(brk, s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
            if cut >= 0:
                cut += len(brk) - 1
                break
        cut = cut if cut > s else s + MAX_SENTENCE
        piece_end = cut
        while piece_end > s and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > s:
            out.append((s, piece_end))
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if e > s:
        out.append((s, e))
    return out


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]`` (absolute offsets, whitespace trimmed),
    none longer than ``MAX_SENTENCE`` characters."""
    return [piece for s, e in _split(text, start, end) for piece in bounded_spans(text, s, e)]


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    s = start
    for m in _BOUNDARY.finditer(text, start, end):
        punct = m.start()
        # the word before the period: an abbreviation, an initial, or a decimal does not end it
        if text[punct] == ".":
            w0 = punct
            while w0 > s and (text[w0 - 1].isalpha() or text[w0 - 1] == "."):
                w0 -= 1
            word = text[w0:punct].lower()
            if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        nxt = m.end()
        if nxt < end:
            ch = text[nxt]
            # a new sentence starts with a capital, a digit, a quote or a bracket
            if not (ch.isupper() or ch.isdigit() or ch in "\"“‘'([•-"):
                continue
        e = m.end()
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        s = m.end()
    while s < end and text[s].isspace():
        s += 1
    e = end
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))
    return spans


class SentenceStage:
    """Adds ``sentences``: every sentence of the body, with its paragraph number."""

    name = "sentences"
    requires = ("body",)
    assigns = ("sentences",)

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        out: list[Sentence] = []
        pack = pack_for(doc.lang)
        for para, (start, end) in enumerate(doc.body):
            line = text[start:end]
            if pack.is_heading(line):
                out.append(Sentence(start, end, para, heading=True))
                continue
            for s, e in pack.split_sentences(text, start, end):
                out.append(Sentence(s, e, para))
        return doc.with_(sentences=tuple(out))
