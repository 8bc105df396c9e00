"""Pipeline stages over the annotators: each runs one annotator over every sentence."""

from __future__ import annotations

from ..model import Document
from ..packs import pack_for
from .dates import document_date


class TokenStage:
    """Adds ``tokens``: each sentence's tokens with their clauses, once, for every later
    stage (a pack without a tokenizer leaves the layer empty)."""

    name = "tokens"
    requires = ("sentences",)
    assigns = ("tokens",)

    def __call__(self, doc: Document) -> Document:
        tokenize = pack_for(doc.lang).tokenize
        if tokenize is None:
            return doc
        text = doc.text
        return doc.with_(tokens=tuple(tuple(tokenize(text, s.start, s.end)) for s in doc.sentences))


class NumberStage:
    """Adds ``quantities``: every number stated in the body's sentences."""

    name = "numbers"
    requires = ("sentences",)
    assigns = ("quantities",)

    def __call__(self, doc: Document) -> Document:
        out = []
        find_quantities = pack_for(doc.lang).find_quantities
        for s in doc.sentences:
            if not s.heading:
                out.extend(find_quantities(doc.text, s.start, s.end))
        return doc.with_(quantities=tuple(out))


class DateStage:
    """Adds ``dates``: date expressions resolved against the publication date."""

    name = "dates"
    requires = ("sentences",)
    assigns = ("dates",)

    def __call__(self, doc: Document) -> Document:
        anchor = document_date(doc) if doc.published is None else None
        out = []
        find_dates = pack_for(doc.lang).find_dates
        for s in doc.sentences:
            out.extend(find_dates(doc.text, s.start, s.end, doc.published, anchor))
        return doc.with_(dates=tuple(out))
