"""Pydantic models of what the API takes and returns: the HTTP edge only.

The query layer returns plain dicts; these models document them in the OpenAPI schema
(``/openapi.json``) and check them on the way out. Input models forbid unknown fields, so a
misspelt field is a 422 and not a silently ignored value.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator

from .. import factshape, vocabulary
from ..vocabulary import Qualifier

# ints stay ints in JSON (502, not 502.0); a union keeps whichever the query layer produced
Number = int | float

# A document id becomes part of URLs (/api/documents/{id}) and file names: a slug, no slashes.
DOC_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$"


class ErrorOut(BaseModel):
    """The one shape of every error: 401, 403, 404, 405, 413, 422 and 500 alike."""

    ok: bool = False
    status: int
    error: str = Field(description="One line a person can act on.")
    errors: list[Any] = Field(default_factory=list, description="Details, e.g. one entry per invalid field.")


# What the API says of a fact's fields beyond their names and types.
_FACT_FIELD_DOCS = {
    "evidence": "[start, end] offsets of the evidence sentence(s) in the document text.",
    "span": "[start, end] of the figure itself.",
    "evidence_spans": "[[start, end], ...]: each sentence that states it (a regions fact: each that names its regions).",
    "confidence": "The extractor's confidence, 1.0 when it had no doubt.",
    "doubts": (
        'Its doubts: "guessed-place", "distant-verb", "unattributed"; "attack-ongoing": the post '
        "said the attack goes on, so a later one may give more."
    ),
}
_FACT_FIELD_TYPES: dict[str, Any] = {
    "str": str, "float": Number, "int": int, "bool": bool, "span": list[int], "strs": list[str],
    "spans": list[list[int]],
}  # fmt: skip


def _fact_fields_model() -> type[BaseModel]:
    """Every field of ``model.Fact`` (SCHEMA.md's and warledger's additions), derived from the
    dataclass through ``factshape``: a new field of the fact is a field of the API's facts."""
    fields: dict[str, Any] = {}
    for fld in factshape.FIELDS:
        typ = _FACT_FIELD_TYPES[fld.kind]
        if fld.nullable:
            typ = typ | None
        if fld.default is dataclasses.MISSING:
            default: Any = ...
        elif isinstance(fld.default, tuple):
            default = list(fld.default)
        else:
            default = fld.default if not isinstance(fld.default, str) else str(fld.default)
        fields[fld.name] = (typ, Field(default, description=_FACT_FIELD_DOCS.get(fld.name)))
    return create_model(
        "FactFields",
        __doc__="Every field of SCHEMA.md's fact and warledger's additions (shared by the outputs).",
        __module__=__name__,
        **fields,
    )


if TYPE_CHECKING:  # a model made at run time is no class to mypy: this stands in for it

    class FactFields(BaseModel):
        pass

else:
    FactFields = _fact_fields_model()


class FactOut(FactFields):
    """A stored fact: its fields, where it is stored, and its region's name."""

    id: int
    doc_id: str
    revision: int
    region_name: str | None = None
    extractor: str = ""
    url: str | None = Field(default=None, description="The report's address.")
    publisher: str | None = Field(
        default=None, description="The outlet that published the report (by its URL's host)."
    )
    published: str | None = Field(default=None, description="The report's publication date.")


class ReviewOut(BaseModel):
    """One analyst's review of a fact: a revision with who and when (nothing is deleted)."""

    id: int
    fact_id: int
    doc_id: str
    action: str = Field(description="confirm, correct or reject")
    reviewer: str
    created_at: str
    value: Number | None = None
    measure: str | None = None
    admin1: str | None = None
    place: str | None = None
    note: str | None = None


class ListedFact(FactOut):
    review: ReviewOut | None = Field(
        default=None, description="The latest review of the fact; None: not reviewed."
    )


class FactPage(BaseModel):
    items: list[ListedFact]
    total: int
    limit: int
    offset: int
    next: str | None = Field(
        None,
        description="Pass as `after` for the next page (keyset: as fast as the first); null on the last.",
    )


class DocumentSummary(BaseModel):
    doc_id: str
    revision: int
    url: str | None = None
    publisher: str | None = None
    title: str | None = None
    published: str | None = None
    content_hash: str
    ingested_at: str
    fact_count: int
    text_length: int


class DocumentPage(BaseModel):
    items: list[DocumentSummary]
    total: int
    limit: int
    offset: int
    next: str | None = None


class DocumentDetail(DocumentSummary):
    text: str
    facts: list[FactOut]


class HistoryPoint(BaseModel):
    published: str | None
    value: Number


class RegionRef(BaseModel):
    code: str
    name: str | None = None


class FigureOut(BaseModel):
    """One figure of an event over all its claims."""

    kind: str
    measure: str
    weapon: str | None = None
    admin1: str | None = None
    region_name: str | None = None
    place: str | None = None
    unit: str | None = None
    group: str | None = None
    low: Number | None = Field(default=None, description="None: no report bounds the figure from below.")
    best: Number
    high: Number | None = Field(
        default=None, description='None: open, no report bounds it from above ("at least 7").'
    )
    qualifier: str = Field(
        default=Qualifier.EXACT,
        description=f"The best claim's: {', '.join(Qualifier)}.",
    )
    vague: bool = Field(
        default=False, description='Every report states it only vaguely ("dozens"): never in totals.'
    )
    status: str = Field(description="consistent, conflict or revised")
    sources: list[str] = Field(
        description="Who the reports say stated the figure; unattributed claims add none."
    )
    history: list[HistoryPoint]
    claim_ids: list[int]


class DocumentRef(BaseModel):
    doc_id: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: str | None = None


class EventOut(BaseModel):
    key: str
    date: str | None = None
    country: str
    label: str = ""
    admin1: list[str]
    regions: list[RegionRef]
    documents: list[str]
    document_info: list[DocumentRef] = Field(
        default_factory=list, description="The reports: title, url, publisher, date."
    )
    figures: list[FigureOut]
    checks: list[str]


class EventPage(BaseModel):
    items: list[EventOut]
    total: int
    limit: int
    offset: int
    next: str | None = Field(
        None,
        description="Pass as `after` for the next page (keyset: as fast as the first); null on the last.",
    )


class TextSpan(BaseModel):
    start: int
    end: int
    text: str | None = None


class ClaimOut(BaseModel):
    """One report's claim of a figure, with the sentence that states it."""

    fact_id: int
    doc_id: str
    published: str | None = None
    url: str | None = None
    publisher: str | None = None
    source: str | None = None
    value: Number
    low: Number | None = None
    high: Number | None = None
    qualifier: str
    date: str | None = None
    evidence: TextSpan
    evidence_spans: list[TextSpan] = Field(
        default_factory=list,
        description="Each sentence that states it; a regions claim: each that names its regions.",
    )
    figure: TextSpan | None = None
    review: str | None = Field(
        default=None, description="confirm or correct: the latest review reached this claim."
    )


class FigureDetail(FigureOut):
    claims: list[ClaimOut]
    unresolved: list[int] = Field(description="Fact ids whose facts are gone (their report was revised).")


class EventDetail(EventOut):
    figures: list[FigureDetail]  # type: ignore[assignment]
    document_info: list[DocumentRef]


class _DayBase(BaseModel):
    date: str
    values: dict[str, Number] = Field(default_factory=dict, description="Every measure's total that day.")


if TYPE_CHECKING:
    DayOut = _DayBase
else:
    # a field per measure the store totals (``vocabulary``: ``totalled``), 0 on a day with none
    DayOut = create_model(
        "DayOut",
        __base__=_DayBase,
        __module__=__name__,
        **{str(m): (Number, 0) for m in vocabulary.totalled()},
    )


class TimeseriesOut(BaseModel):
    items: list[DayOut]
    total: int
    bucket: str = Field(
        default="day",
        description="What each point sums: a day, or a week (from Monday), month or year, dated by its first day.",
    )


class RegionTotalOut(BaseModel):
    admin1: str
    name: str | None = None
    country: str | None = None
    totals: dict[str, Number]


class RegionsOut(BaseModel):
    items: list[RegionTotalOut]
    total: int


class HealthOut(BaseModel):
    ok: bool
    status: str
    version: str
    store: str | None = None
    documents: int
    events: int
    writes_enabled: bool


class VocabularyKindOut(BaseModel):
    name: str
    measures: list[str]


class VocabularyMeasureOut(BaseModel):
    name: str
    kind: str
    label: str
    order: int
    bound: float | None = Field(description="The largest plausible value per report; null: none.")
    units: list[str]
    count: bool = Field(description="A whole count (false: an area or a duration).")
    scope: str
    totalled: bool = Field(description="Added up per region and day (/api/regions, /api/timeseries).")


class VocabularyWeaponOut(BaseModel):
    name: str
    label: str
    order: int
    bound: float


class VocabularyOut(BaseModel):
    """SCHEMA.md's names as ``warledger.vocabulary`` defines them, with labels and order."""

    kinds: list[VocabularyKindOut]
    measures: list[VocabularyMeasureOut]
    weapons: list[VocabularyWeaponOut]
    qualifiers: list[str]
    roles: list[str]


class DocumentIn(BaseModel):
    """A report to extract and store: ``text`` or ``html`` (exactly one)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(
        pattern=DOC_ID_PATTERN, description="The document's id (a slug: letters, digits, . _ : -)."
    )
    text: str | None = Field(default=None, min_length=1, description="The report's plain text.")
    html: str | None = Field(
        default=None, min_length=1, description="The report's web page; its article text is extracted."
    )
    published: date | None = Field(default=None, description="Publication date, YYYY-MM-DD.")
    url: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=1000)
    publisher: str | None = Field(
        default=None, max_length=200, description="The outlet; default: from the URL's host."
    )

    @model_validator(mode="after")
    def _one_body(self) -> DocumentIn:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' and 'html'")
        return self


class ReviewIn(BaseModel):
    """An analyst's review: confirm a fact, correct its value, measure, region or place, or
    reject it. Stored as a new revision; the events are rebuilt with it."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["confirm", "correct", "reject"]
    reviewer: str = Field(min_length=1, max_length=200, description="Who reviews (a name or handle).")
    value: float | None = Field(default=None, ge=0, le=1e12, description="correct: the right figure.")
    measure: str | None = Field(default=None, max_length=64, description="correct: the right measure.")
    region: str | None = Field(
        default=None, max_length=200, description="correct: the right region (code or name)."
    )
    place: str | None = Field(default=None, max_length=200, description="correct: the right settlement.")
    note: str | None = Field(default=None, max_length=2000, description="Why.")


class ReviewResultOut(BaseModel):
    ok: bool
    correction: ReviewOut
    events_rebuilt: bool


class ReviewPage(BaseModel):
    items: list[ReviewOut]
    total: int
    limit: int
    offset: int


class AddResultOut(BaseModel):
    doc_id: str
    status: str = Field(description="new, duplicate (nothing changed) or revision")
    revision: int
    facts: int


class ExtractedFact(FactFields):
    """A fact just extracted: its fields, and the evidence sentence and figure as text."""

    extractor: str = ""
    evidence_text: str
    figure_text: str | None = None


class AddOut(BaseModel):
    ok: bool
    result: AddResultOut
    events_rebuilt: bool = Field(description="False when this build has no cross-report reconciliation.")
    published: str | None = None
    facts: list[ExtractedFact]
