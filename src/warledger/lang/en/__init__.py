"""The English pack: the existing English modules, referred to, not moved.

Sentence rules and headings (``annotate.sentences``), numbers (``annotate.numbers``), dates
(``annotate.dates``), places (the geocode stage's gazetteer: its names are English), attribution
(``annotate.attribution``), tokens and clauses (``extract.text``, run by the tokens stage) and
the figure rules with their lexicon (``extract``).
"""

from __future__ import annotations

from ...annotate.attribution import find_byline, find_label, find_sources
from ...annotate.dates import find_dates
from ...annotate.numbers import find_quantities
from ...annotate.sentences import _is_heading, split_sentences
from ...extract.stage import extract_facts
from ...extract.text import tokenize
from .. import LanguagePack

PACK = LanguagePack(
    code="en",
    name="English",
    recognises=lambda body: True,
    split_sentences=split_sentences,
    is_heading=_is_heading,
    find_quantities=find_quantities,
    find_dates=find_dates,
    find_sources=find_sources,
    find_byline=find_byline,
    find_label=find_label,
    extract_facts=extract_facts,
    tokenize=tokenize,
)
