"""Stages and the pipeline that runs them, in the manner of spaCy's ``Language``.

A stage is a callable ``Document -> Document`` that declares which layers it ``requires``
and which it ``assigns``, by the names of ``Document``'s fields. ``Pipeline`` checks the
declarations when it is built (each name is a field of ``Document``; each layer a stage
requires is a base layer or assigned by an earlier stage), so a stage can never read a layer
that nothing has set, and checks them as it runs: a stage that changes a field it does not
declare in ``assigns`` is a bug, and fails as one (W101).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol, runtime_checkable

from .errors import PipelineError, StageFailure, WarledgerError
from .model import Document, Skipped

# Every layer a stage may declare: the fields of ``Document``.
DOCUMENT_FIELDS = frozenset(f.name for f in dataclasses.fields(Document))
# Layers present on every document the ingest stage produces (the report and its metadata).
BASE_LAYERS = frozenset({"id", "text", "published", "url", "title", "origin", "publisher"})


@runtime_checkable
class Stage(Protocol):
    # read-only, so that a stage's class attributes (tuples of any length) satisfy it
    @property
    def name(self) -> str: ...

    @property
    def requires(self) -> tuple[str, ...]: ...

    @property
    def assigns(self) -> tuple[str, ...]: ...

    def __call__(self, doc: Document) -> Document: ...


class Pipeline:
    """An ordered list of stages over one document object."""

    def __init__(self, stages: Sequence[Stage]):
        have = set(BASE_LAYERS)
        for stage in stages:
            unknown = [n for n in (*stage.requires, *stage.assigns) if n not in DOCUMENT_FIELDS]
            if unknown:
                raise PipelineError(
                    f"stage {stage.name!r} declares {unknown}, which are no fields of Document"
                )
            missing = [r for r in stage.requires if r not in have]
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} requires {missing} but no earlier stage assigns them"
                )
            have.update(stage.assigns)
        self.stages = tuple(stages)
        # per stage, the fields it must leave as they were
        self._kept = tuple(tuple(sorted(DOCUMENT_FIELDS - set(s.assigns))) for s in self.stages)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document) -> Document:
        for stage, kept in zip(self.stages, self._kept, strict=True):
            try:
                new = stage(doc)
            except WarledgerError:
                raise
            except Exception as exc:  # a bug must not stop a batch; it becomes a visible skip
                raise StageFailure(f"stage {stage.name} failed: {type(exc).__name__}: {exc}") from exc
            # identity, not equality: a field the stage did not touch is the very same object
            changed = [n for n in kept if getattr(new, n) is not getattr(doc, n)]
            if changed:
                raise StageFailure(
                    f"stage {stage.name} changed {changed}, which it does not declare in assigns"
                )
            doc = new
        return doc

    def pipe(self, items: Iterable[Document | Skipped]) -> Iterator[Document | Skipped]:
        """Run over a stream, turning each failure into a ``Skipped`` and going on."""
        for item in items:
            if isinstance(item, Skipped):
                yield item
                continue
            try:
                yield self(item)
            except WarledgerError as err:
                yield Skipped(item.id, item.origin or item.id, err.code, err.message)
