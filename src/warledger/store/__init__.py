"""The ledger's storage: ``open_store(url)`` gives a ``Store`` (SQLite or PostgreSQL).

    from warledger.store import open_store, Query
    with open_store("sqlite:///ledger.db") as store:      # or a path, or postgresql://...
        store.add(doc)
        page = store.facts(Query(admin1="UA-63", limit=100))

``url`` may be a SQLite file path, any ``sqlite:`` URL, or a ``postgresql://`` URL (run
through psycopg 3). Without one: ``$WARLEDGER_DB`` if set, else ``ledger.db`` in the
user data directory (``platformdirs.user_data_dir("warledger")``), created on first use.
The schema is migrated to the current version (alembic) every time a store is opened.
"""

from __future__ import annotations

import os
from pathlib import Path

from .base import AddResult, DayPoint, Page, Query, Store, StoredDocument, StoredFact
from .errors import StoreError

ENV_URL = "WARLEDGER_DB"


def default_path() -> Path:
    """Where the default SQLite ledger lives: ``<user data dir>/ledger.db``."""
    import platformdirs

    return Path(platformdirs.user_data_dir("warledger")) / "ledger.db"


def default_url() -> str:
    """The database used when none is given: ``$WARLEDGER_DB``, else the default SQLite file."""
    from .sql import normalize_url

    env = os.environ.get(ENV_URL, "").strip()
    return normalize_url(env) if env else "sqlite:///" + str(default_path())


def open_store(url: str | None = None) -> Store:
    """Open (and migrate) the store at ``url``; ``StoreError`` with a one-line reason if it
    cannot be opened (a bad URL, a missing directory, an unreachable server)."""
    from .sql import SqlStore

    if url is None or not url.strip():
        url = default_url()
        if not os.environ.get(ENV_URL, "").strip():
            # the default location is ours to create; a path the user gave is not
            try:
                default_path().parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create {default_path().parent}: {exc.strerror or exc}") from exc
    return SqlStore(url)


__all__ = [
    "AddResult",
    "DayPoint",
    "Page",
    "Query",
    "Store",
    "StoreError",
    "StoredDocument",
    "StoredFact",
    "default_url",
    "open_store",
]
