"""CLI commands beyond extract/eval, one module each; ``register(app)`` adds them to the app.

Each module keeps to the library's shape: the command parses options and calls one library
function (store, api, export), nothing more.
"""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    from . import batch, export, ingest, serve

    for module in (ingest, serve, export, batch):
        module.register(app)
