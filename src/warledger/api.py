"""The library's entry points; the CLI is a thin skin over these.

    extract_text(text, doc_id=..., published=...) -> Document
    extract_paths(paths, published=...) -> Iterator[Document | Skipped]

Both run the default pipeline: clean -> sentences -> numbers -> dates -> geocode ->
attribution -> extract -> reconcile -> plausibility (implausible figures become notes).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path

from .errors import BadArgument
from .model import Document, Skipped
from .pipeline import Pipeline, Stage


def default_stages(check_language: bool = True) -> list[Stage]:
    from .annotate.attribution import AttributionStage
    from .annotate.sentences import SentenceStage
    from .annotate.stages import DateStage, NumberStage, TokenStage
    from .clean import CleanStage
    from .extract import ExtractStage
    from .geocode import GeocodeStage
    from .reconcile import ReconcileStage
    from .reconcile.plausible import PlausibilityStage

    return [
        CleanStage(check_language=check_language),
        SentenceStage(),
        TokenStage(),
        NumberStage(),
        DateStage(),
        GeocodeStage(),
        AttributionStage(),
        ExtractStage(),
        ReconcileStage(),
        # last: nothing absurd ("9999999999999 drones", "2.5 people") reaches the ledger
        PlausibilityStage(),
    ]


@lru_cache(maxsize=2)
def default_pipeline(check_language: bool = True) -> Pipeline:
    return Pipeline(default_stages(check_language))


def parse_date(value: str | date | None, what: str = "published") -> date | None:
    """An ISO date (or the date part of an ISO datetime); ``BadArgument`` (W002) otherwise,
    naming ``what`` (the option or field the value came from)."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError as exc:
        raise BadArgument(f"{what}: not an ISO date (YYYY-MM-DD): {value[:40]!r}") from exc


def extract_text(
    text: str,
    doc_id: str = "doc",
    published: str | date | None = None,
    url: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
) -> Document:
    """Run the pipeline over one text; raises a ``WarledgerError`` when it cannot be read.
    ``publisher``: the outlet, when known (else it is read from ``url``'s host)."""
    doc = Document(
        id=doc_id,
        text=text,
        published=parse_date(published),
        url=url,
        title=title,
        origin=doc_id,
        publisher=publisher,
    )
    return default_pipeline()(doc)


def extract_documents(docs: Iterable[Document | Skipped]) -> Iterator[Document | Skipped]:
    """Run the pipeline over a stream; a document that fails becomes a ``Skipped``."""
    return default_pipeline().pipe(docs)


def extract_paths(
    paths: Sequence[str | Path], published: str | date | None = None
) -> Iterator[Document | Skipped]:
    """Read and extract files, directories and JSON Lines, streaming one document at a time."""
    from .ingest import read_paths

    return extract_documents(read_paths(paths, published=parse_date(published)))


__all__ = ["Pipeline", "default_pipeline", "extract_documents", "extract_paths", "extract_text", "parse_date"]
