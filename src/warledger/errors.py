"""Typed errors with stable codes.

A stage raises one of these; the batch boundary turns it into a ``Skipped`` record with a
one-line reason and goes on with the next document. The codes are stable so that scripts
and the ledger can count skips by cause.
"""

from __future__ import annotations


class WarledgerError(Exception):
    """Base class: ``code`` is stable, ``str(err)`` is the one-line reason."""

    code = "W000"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(WarledgerError):
    """The input cannot be read at all (missing path, unknown format)."""

    code = "W001"


class BadArgument(WarledgerError):
    """An option or field has a value of the wrong form (``--published 2025-13-40``)."""

    code = "W002"


class EmptyDocument(WarledgerError):
    code = "W010"


class BinaryDocument(WarledgerError):
    code = "W011"


class EncodingError(WarledgerError):
    code = "W012"


class TooLarge(WarledgerError):
    code = "W013"


class NoArticle(WarledgerError):
    code = "W014"


class NotEnglish(WarledgerError):
    code = "W015"


class BadRecord(WarledgerError):
    """A JSON Lines line that is not JSON, not an object, or lacks text."""

    code = "W016"


class PipelineError(WarledgerError):
    """Stages declared in an order where one needs a layer no earlier stage assigns."""

    code = "W100"


class StageFailure(WarledgerError):
    """An unexpected exception inside a stage, wrapped so the batch can go on."""

    code = "W101"
