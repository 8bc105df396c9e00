"""Stages and the pipeline that runs them, in the manner of spaCy's ``Language``.

A stage is a callable ``Document -> Document`` that declares which layers it ``requires``
and which it ``assigns``; ``Pipeline`` checks the order when it is built, so a stage can
never read a layer that nothing has set.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol, runtime_checkable

from .errors import PipelineError, StageFailure, WarledgerError
from .model import Document, Skipped

# Layers present on every document the ingest stage produces.
BASE_LAYERS = frozenset({"text", "published", "id"})


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
            missing = [r for r in stage.requires if r not in have]
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} requires {missing} but no earlier stage assigns them"
                )
            have.update(stage.assigns)
        self.stages = tuple(stages)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            try:
                doc = stage(doc)
            except WarledgerError:
                raise
            except Exception as exc:  # a bug must not stop a batch; it becomes a visible skip
                raise StageFailure(f"stage {stage.name} failed: {type(exc).__name__}: {exc}") from exc
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
