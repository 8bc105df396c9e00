"""Alembic environment for warledger: migrates the connection ``warledger.store`` hands it.

There is no alembic.ini and no URL here: ``warledger.store.sql.migrate`` builds the
``Config`` in code and passes an open connection in ``config.attributes["connection"]``, so
the migration runs inside the store's own transaction and engine settings (SQLite pragmas,
PostgreSQL search_path from the URL).
"""

from __future__ import annotations

from alembic import context

from warledger.store.schema import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "warledger migrations run through warledger.store.open_store(), which passes a connection"
    )

context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite cannot ALTER most things in place: later migrations rebuild tables in batch mode.
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
