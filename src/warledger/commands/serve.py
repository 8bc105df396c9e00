"""`warledger serve [--db URL] [--host 127.0.0.1] [--port 8000] [--token T] [--workers N]`: the HTTP API.

Runs uvicorn on ``warledger.webapi.create_app`` (and the dashboard, when installed). Settings
come from defaults, then the environment (``WARLEDGER_DB``, ``WARLEDGER_TOKEN``,
``WARLEDGER_MAX_BODY``, ``WARLEDGER_RATE``, ``WARLEDGER_WRITE_RATE``), then these options. Without a token, writes are refused (403).
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer


def serve(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="SQLite file path or database URL. Default: $WARLEDGER_DB, else ledger.db in the user data directory.",
        ),
    ] = None,
    host: Annotated[
        str, typer.Option(help="Interface to listen on; 127.0.0.1 keeps the server to this machine.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            help="Bearer token that writes (POST /api/documents, POST /api/facts/{id}/review) must present. Default: $WARLEDGER_TOKEN; none: writes refused."
        ),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Server processes sharing the port (uvicorn workers): reads answered in parallel, one per core.",
        ),
    ] = 1,
) -> None:
    """Serve the HTTP API (OpenAPI at /openapi.json, docs at /docs) over the ledger."""
    # heavy imports here: `warledger extract` must not pay for FastAPI and uvicorn
    import uvicorn
    from pydantic import ValidationError

    from ..errors import WarledgerError
    from ..webapi import Settings, create_app
    from ..webapi.settings import ENV

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
    busy = _cannot_listen(host, port)
    if busy is not None:
        store.close()
        print(f"error: cannot listen on {host}:{port}: {busy}", file=sys.stderr)
        raise typer.Exit(2)
    print(f"ledger: {getattr(store, 'safe_url', store.url)}", file=sys.stderr)
    if not settings.writes_enabled:
        print(
            "writes disabled: set WARLEDGER_TOKEN or pass --token to accept POST /api/documents and reviews",
            file=sys.stderr,
        )
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="info")
        return
    # each worker process builds its own app from the environment, so the settings resolved
    # here go there by it (the children inherit it)
    store.close()
    os.environ.update(
        {var: str(value) for field, var in ENV.items() if (value := getattr(settings, field)) is not None}
    )
    os.environ[ENV["cache"]] = "on" if settings.cache else "off"
    uvicorn.run(
        "warledger.webapi:create_app", factory=True, host=host, port=port, log_level="info", workers=workers
    )


def _cannot_listen(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be listened on (in use, not an address here), or None.

    Checked before uvicorn starts, so a busy port is one clear line and exit status 2 rather
    than uvicorn's log and its exit status."""
    import errno
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        return f"unknown host ({exc.strerror})"
    family, kind, proto, _, addr = infos[0]
    with socket.socket(family, kind, proto) as sock:
        # as uvicorn does: a port left in TIME_WAIT by a server just stopped is free
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(addr)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return "the port is already in use (another server is running there?); choose another with --port"
            return exc.strerror or str(exc)
    return None


def register(app: typer.Typer) -> None:
    """Add ``warledger serve`` to the app."""
    app.command("serve")(serve)
