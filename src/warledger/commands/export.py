"""`warledger export --format csv|acled-csv|geojson|parquet [--db URL] [--out FILE|-] [filters]`.

Parses options and calls ``warledger.export.export``; the filters are those of the API's lists
(``--from --to --region --kind --measure --weapon --source``), checked by the same
``build_query``. A file is written beside its destination and renamed into place when
complete, so an interrupted export never leaves a truncated file that looks whole.

Exit status: 0; 2 for a bad option or a store that cannot be opened or does not exist (a
SQLite file is never created by an export); 1 when writing fails.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class ExportFormat(StrEnum):
    csv = "csv"
    corrections_csv = "corrections-csv"
    acled_csv = "acled-csv"
    geojson = "geojson"
    parquet = "parquet"


def export(
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="csv: facts; acled-csv: events in ACLED's columns; geojson: events as points; parquet: facts; corrections-csv: analysts' reviews.",
        ),
    ],
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="SQLite file path or database URL. Default: $WARLEDGER_DB, else ledger.db in the user data directory.",
        ),
    ] = None,
    out: Annotated[str, typer.Option("--out", "-o", help="File to write, or - for stdout.")] = "-",
    date_from: Annotated[
        str | None, typer.Option("--from", help="First day, YYYY-MM-DD (inclusive).")
    ] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD (inclusive).")] = None,
    region: Annotated[
        str | None, typer.Option(help="ISO 3166-2 code (UA-63) or an oblast's English name.")
    ] = None,
    kind: Annotated[str | None, typer.Option(help="munitions, casualties, damage or regions.")] = None,
    measure: Annotated[
        str | None, typer.Option(help="launched, intercepted, hit, killed, injured, ...")
    ] = None,
    weapon: Annotated[
        str | None, typer.Option(help="drone, missile, cruise_missile, ballistic_missile, ...")
    ] = None,
    source: Annotated[str | None, typer.Option(help="Substring of the attributed source, any case.")] = None,
) -> None:
    """Export the ledger's facts or events for spreadsheets, GIS and ACLED-style analysis."""
    from .. import export as lib
    from ..errors import WarledgerError
    from ..store import open_store
    from ..webapi.query import QueryError, build_query
    from ..webapi.settings import Settings

    def fail(msg: str, code: int) -> typer.Exit:
        print(f"error: {msg}", file=sys.stderr)
        return typer.Exit(code)

    try:
        query = build_query(
            date_from=date_from,
            date_to=date_to,
            region=region,
            kind=kind,
            measure=measure,
            weapon=weapon,
            source=source,
        )
    except QueryError as exc:
        raise fail(str(exc), 2) from None
    binary = lib.FORMATS[fmt.value][1]
    if out == "-" and binary and sys.stdout.isatty():
        raise fail("Parquet is binary: give --out FILE or redirect stdout", 2)
    try:
        url = Settings.load(db=db).db
        missing = _missing_sqlite_file(url)
        if missing is not None:
            # an export reads a ledger; a mistyped path must not become a new, empty one
            raise fail(f"no ledger at {missing}: give --db the ledger `warledger ingest` wrote", 2)
        store = open_store(url)
    except WarledgerError as exc:
        raise fail(str(exc), 2) from None
    try:
        if out == "-":
            stream = sys.stdout.buffer if binary else sys.stdout
            n = lib.export(store, fmt.value, query, stream)
            stream.flush()
        else:
            n = _to_file(Path(out), binary, lambda fh: lib.export(store, fmt.value, query, fh))
    except BrokenPipeError:
        # the reader went away (`| head`): stop quietly, and keep Python's exit-time flush of
        # stdout from raising the same error again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(1) from None
    except (OSError, WarledgerError) as exc:
        raise fail(f"export failed: {exc}", 1) from None
    finally:
        store.close()
    what = {"csv": "facts", "parquet": "facts", "acled-csv": "rows", "corrections-csv": "reviews"}.get(
        fmt.value, "events"
    )
    print(f"exported {n} {what}" + ("" if out == "-" else f" to {out}"), file=sys.stderr)


def _missing_sqlite_file(url: str | None) -> Path | None:
    """The file a SQLite ledger URL (or path, or the default) names, when it does not exist."""
    from sqlalchemy.engine import make_url

    from ..store import default_url
    from ..store.sql import normalize_url

    url = normalize_url(url) if url and url.strip() else default_url()
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite") or parsed.database in (None, "", ":memory:"):
        return None
    path = Path(parsed.database)
    return None if path.exists() else path


def _to_file(path: Path, binary: bool, write) -> int:
    """Write through ``write(fh)`` to ``path`` via a temporary file renamed into place."""
    part = path.with_name(f".{path.name}.part")
    try:
        if binary:
            with part.open("wb") as fh:
                n = write(fh)
        else:
            # newline="": the csv module writes its own \r\n row ends
            with part.open("w", encoding="utf-8", newline="") as fh:
                n = write(fh)
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return n


def register(app: typer.Typer) -> None:
    """Add ``warledger export`` to the app."""
    app.command("export")(export)
