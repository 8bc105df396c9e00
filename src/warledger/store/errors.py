"""The store's typed error: a database that cannot be opened, reached or written.

Kept apart from ``warledger.errors`` (the extraction pipeline's errors) so the store can
grow without touching that module; it shares the base class, so a caller that catches
``WarledgerError`` catches this too, and ``str(err)`` is one line with a stable code.
"""

from __future__ import annotations

from ..errors import WarledgerError


class StoreError(WarledgerError):
    """A bad database URL, an unreachable server, or a failed write: one line, no traceback."""

    code = "W200"
