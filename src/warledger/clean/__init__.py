"""Clean: mark which parts of ``Document.text`` are the article, and refuse non-English.

Takes ``text``; adds ``body``, a tuple of ``(start, end)`` spans into the unchanged text,
one per kept line (prose, headings, the title, bullets). Raises ``NoArticle`` when nothing
is left and ``NotEnglish`` when the body is clearly in a language no pack reads; sets
``lang`` (``"en"``, or the language pack that recognises the body: ``warledger.lang``).
"""

from __future__ import annotations

from collections import Counter

from ..errors import NoArticle
from ..model import Document
from .boilerplate import body_spans, classify_line, scan
from .language import check_english, english_score, language_of


class CleanStage:
    """Pipeline stage: sets ``Document.body``."""

    name = "clean"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("body", "lang")

    def __init__(self, check_language: bool = True):
        self.check_language = check_language

    def __call__(self, doc: Document) -> Document:
        lines = scan(doc.text)
        spans = tuple((ln.start, ln.end) for ln in lines if ln.kind != "drop")
        if not spans:
            if not lines:
                raise NoArticle("text is blank: no article lines")
            why = Counter(ln.reason for ln in lines).most_common(3)
            summary = ", ".join(f"{reason} x{n}" for reason, n in why)
            raise NoArticle(
                f"no article text left after removing {len(lines)} boilerplate line(s) ({summary})"
            )
        doc = doc.with_(body=spans)
        if self.check_language:
            # English, or a language a pack reads; any other is W015 (not English)
            lang = language_of(doc)
            if lang != doc.lang:
                doc = doc.with_(lang=lang)
        return doc


__all__ = ["CleanStage", "body_spans", "check_english", "classify_line", "english_score", "scan"]
