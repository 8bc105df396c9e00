"""The one document object that flows through the pipeline, and the layers stages add to it.

Every class here is a frozen dataclass: a stage never mutates a document, it returns a new
one with its own layer filled in (``dataclasses.replace``). All spans are ``(start, end)``
character offsets into ``Document.text``, so every annotation and every fact can be traced
back to the exact characters that state it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from .vocabulary import Kind, Qualifier, Role

# Qualifiers, as SCHEMA.md spells them (``vocabulary.Qualifier``), by their old names.
EXACT: str = Qualifier.EXACT
AT_LEAST: str = Qualifier.AT_LEAST
MORE_THAN: str = Qualifier.MORE_THAN
UP_TO: str = Qualifier.UP_TO
ABOUT: str = Qualifier.ABOUT
VAGUE: str = Qualifier.VAGUE
QUALIFIERS = tuple(Qualifier)

# SCHEMA.md's kinds; its measures and weapon classes are ``warledger.vocabulary``'s, read
# when needed (a measure may be registered after import)
KINDS = tuple(Kind)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the article body; ``paragraph`` numbers the body's paragraphs from 0."""

    start: int
    end: int
    paragraph: int = 0
    heading: bool = False  # a section heading or title line, not a sentence of prose


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation mark of a sentence (the tokens layer, ``annotate.stages``).

    ``low`` is the form the rules look words up by (lower-cased, possessive and trailing
    period stripped; a phrasal verb may read as its trigger: "took down" -> "downed");
    ``clause`` numbers the sentence's clauses from 0."""

    start: int
    end: int
    text: str
    low: str
    clause: int


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as a report states it: "502", "more than 500", "three women and five men".

    ``value`` is the best single value; ``low``/``high`` bound it when a qualifier or a
    range does ("more than 500" -> low 500; "up to 7" -> high 7; "between 35 and 40" ->
    low 35, high 40). ``parts`` holds the summands of a composite ("three women and five
    men" -> (3, 5), value 8).
    """

    start: int
    end: int
    text: str
    value: float
    qualifier: str = EXACT
    low: float | None = None
    high: float | None = None
    parts: tuple[float, ...] = ()
    # "a woman", "one", "another": a singular article or word, not a numeral
    singular: bool = False


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: a settlement, an oblast (first-level region) or a country."""

    name: str  # GeoNames English spelling ("Kyiv", "Kharkiv Oblast")
    level: str  # "settlement" | "admin1" | "country"
    country: str  # ISO 3166-1 alpha-2
    admin1: str | None = None  # ISO 3166-2 ("UA-63"); None for a country
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place
    # the words around it make it a title ("Moscow Mayor", "governor of the Mykolaiv
    # region") or a direction ("north of the Lviv region"), not where something happened
    role: str = "locative"  # "locative" | "title" | "direction"


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    date: str  # ISO date


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a report says a statement comes from ("Ukraine's air force said")."""

    start: int
    end: int
    source: str
    sentence: int  # index into Document.sentences
    # "This was reported by X", "X announced this": the statement is the sentences before it
    retrospective: bool = False
    # "Oleh Petrenko, head of the regional administration, on Telegram:" heading a post: its
    # author, the speaker of every sentence of it that names no other
    byline: bool = False


# SCHEMA.md's fields of a fact, in its order: the ``facts`` output (``Fact.to_json``); every
# other layout of a fact is derived from the dataclass itself (``warledger.factshape``)
SCHEMA_FIELDS = (
    "doc", "kind", "measure", "country", "weapon", "admin1", "place", "value", "low", "high", "qualifier",
    "unit", "group", "date", "source", "evidence",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Fact:
    """One figure, in SCHEMA.md's shape, with its evidence."""

    doc: str
    kind: str
    measure: str
    value: float
    evidence: tuple[int, int]
    qualifier: str = EXACT
    country: str = "UA"
    weapon: str | None = None
    admin1: str | None = None
    place: str | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    group: str | None = None
    date: str | None = None
    source: str | None = None
    historical: bool = False
    members: tuple[str, ...] = ()
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    # the character span of the figure itself (inside ``evidence``)
    span: tuple[int, int] | None = None
    # how the figure relates to others of its key (``vocabulary.Role``)
    role: str = Role.TOTAL
    extractor: str = ""
    # how sure the extractor is, from its own signals (1.0: nothing doubtful); ``doubts``
    # names them: "guessed-place", "distant-verb", "unattributed" (extract.stage.CONFIDENCE)
    confidence: float = 1.0
    doubts: tuple[str, ...] = ()
    # the sentences that state it, in text order: one for most facts (``evidence`` itself);
    # a regions fact has one per sentence that names its regions, and ``evidence`` covers
    # them all. Left empty it is ``(evidence,)`` (a fact stored or written before it existed).
    evidence_spans: tuple[tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        if not self.evidence_spans:
            object.__setattr__(self, "evidence_spans", (tuple(self.evidence),))

    def to_json(self) -> dict[str, Any]:
        """The SCHEMA.md object for this fact (the ``facts`` output format)."""
        out: dict[str, Any] = {}
        for name in SCHEMA_FIELDS:
            v = getattr(self, name)
            out[name] = _num(v) if isinstance(v, int | float) and not isinstance(v, bool) else v
        out["evidence"] = list(self.evidence)
        if self.evidence_spans != (tuple(self.evidence),):
            out["evidence_spans"] = [list(s) for s in self.evidence_spans]
        if self.kind == Kind.REGIONS:
            out["members"] = list(self.members)
        if self.historical:
            out["historical"] = True
        if self.geonameid is not None:
            out["geonameid"] = self.geonameid
            out["lat"] = self.lat
            out["lon"] = self.lon
        if self.doubts:
            out["confidence"] = self.confidence
            out["doubts"] = list(self.doubts)
        return out


def sentence_spans(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """The distinct spans among ``spans``, in text order; one inside another is the outer one
    (a fact's ``evidence_spans`` from the sentences of the facts it stands for)."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(set(spans), key=lambda x: (x[0], -x[1])):
        if out and e <= out[-1][1]:
            continue
        out.append((s, e))
    return tuple(out)


def _num(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


@dataclass(frozen=True, slots=True)
class Document:
    """A report and every layer the pipeline has added to it.

    ``text`` is the text all offsets point into: the file's own text for plain text, the
    extracted main text for HTML. ``body`` lists the spans of ``text`` that the clean stage
    kept as the article (cookie banners, share widgets and the like fall outside them).
    """

    id: str
    text: str
    published: date | None = None
    url: str | None = None
    title: str | None = None
    origin: str | None = None  # where it was read from (path, path:line)
    body: tuple[tuple[int, int], ...] = ()
    sentences: tuple[Sentence, ...] = ()
    # per sentence (aligned with ``sentences``), its tokens with their clauses; empty for a
    # language whose pack reads its sentences without them
    tokens: tuple[tuple[Token, ...], ...] = ()
    quantities: tuple[Quantity, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    dates: tuple[DateMention, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    facts: tuple[Fact, ...] = ()
    notes: tuple[str, ...] = field(default=())
    # the outlet that published it, from the document's own metadata (SOURCES.tsv, a JSON
    # Lines "publisher", the page's site name); None leaves it to the URL (``provenance``)
    publisher: str | None = None
    # the language of the body, set by the clean stage: it chooses the language pack
    # (``warledger.lang``) every later stage asks for its language-specific pieces
    lang: str = "en"

    def with_(self, **changes: Any) -> Document:
        return replace(self, **changes)

    def sentence_text(self, s: Sentence) -> str:
        return self.text[s.start : s.end]


@dataclass(frozen=True, slots=True)
class Skipped:
    """A document that could not be read, with the reason a person can act on."""

    id: str
    origin: str
    code: str
    reason: str


# --- the ledger: claims from many reports reconciled into events ----------------------

CONSISTENT = "consistent"
CONFLICT = "conflict"
REVISED = "revised"


@dataclass(frozen=True, slots=True)
class Claim:
    """A stored fact as one report's claim: the fact, and which report made it when."""

    fact_id: int
    doc_id: str
    fact: Fact
    published: date | None = None  # of the report that makes the claim
    url: str | None = None
    evidence_text: str = ""
    publisher: str | None = None  # the report's own (``Document.publisher``), if it named one
    review: str | None = None  # the latest analyst review that reached it (``warledger.review``)


@dataclass(frozen=True, slots=True)
class EventFigure:
    """One figure of an event over every claim of it: low / best / high and a status.

    ``status``: ``consistent`` (the claims agree within their qualifiers: "more than 500"
    and "502"), ``conflict`` (they disagree beyond them: both kept), ``revised`` (a later
    report raised or changed it: ``best`` is the latest, ``history`` keeps the rest).
    ``low``/``high`` are None where no claim bounds the figure on that side: "at least
    seven" alone is low 7, high None (open), never 7/7/7.
    """

    kind: str
    measure: str
    weapon: str | None
    admin1: str | None
    place: str | None
    low: float | None
    best: float
    high: float | None
    status: str
    claims: tuple[int, ...]  # fact ids
    sources: tuple[str, ...] = ()
    history: tuple[tuple[str, float], ...] = ()  # (published date, value) in report order
    unit: str | None = None
    group: str | None = None
    # the qualifier of the claim ``best`` comes from: ``vague`` when every claim is vague
    # ("dozens of drones"), and a vague figure is shown as such and never added into totals
    qualifier: str = EXACT

    @property
    def vague(self) -> bool:
        return self.qualifier == VAGUE


@dataclass(frozen=True, slots=True)
class Event:
    """One attack as several reports describe it."""

    key: str  # stable id: date + country + a hash of its member claims' first document
    date: str | None
    country: str
    admin1: tuple[str, ...]  # regions the event touches
    documents: tuple[str, ...]
    figures: tuple[EventFigure, ...]
    checks: tuple[
        str, ...
    ] = ()  # arithmetic notes: "launched 502 = intercepted 430 + hit 69 + 3 unaccounted"
    label: str = ""
