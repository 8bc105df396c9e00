"""`warledger serve [--db URL] [--host 127.0.0.1] [--port 8000] [--token T]`: the HTTP API.

Runs uvicorn on ``warledger.webapi.create_app`` (and the dashboard, when installed). Settings
come from defaults, then the environment (``WARLEDGER_DB``, ``WARLEDGER_TOKEN``,
``WARLEDGER_MAX_BODY``, ``WARLEDGER_RATE``, ``WARLEDGER_WRITE_RATE``), then these options. Without a token, writes are refused (403).
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer


def serve(
    db: Annotated[
        str | None,
        typer.Option("--db", help="SQLite file path or database URL. Default: $WARLEDGER_DB, else ledger.db in the user data directory."),
    ] = None,
    host: Annotated[str, typer.Option(help="Interface to listen on; 127.0.0.1 keeps the server to this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(help="Bearer token that POST /api/documents must present. Default: $WARLEDGER_TOKEN; none: writes refused."),
    ] = None,
) -> None:
    """Serve the HTTP API (OpenAPI at /openapi.json, docs at /docs) over the ledger."""
    # heavy imports here: `warledger extract` must not pay for FastAPI and uvicorn
    import uvicorn
    from pydantic import ValidationError

    from ..errors import WarledgerError
    from ..webapi import Settings, create_app

    try:
        settings = Settings.load(db=db, token=token)
        app = create_app(settings=settings)
    except ValidationError as exc:
        print(f"error: bad setting: {exc.errors()[0]['loc'][0]}: {exc.errors()[0]['msg']}", file=sys.stderr)
        raise typer.Exit(2) from None
    except WarledgerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise typer.Exit(2) from None
    store = app.state.store
    print(f"ledger: {getattr(store, 'safe_url', store.url)}", file=sys.stderr)
    if not settings.writes_enabled:
        print("writes disabled: set WARLEDGER_TOKEN or pass --token to accept POST /api/documents", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="info")


def register(app: typer.Typer) -> None:
    """Add ``warledger serve`` to the app."""
    app.command("serve")(serve)
