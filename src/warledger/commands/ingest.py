"""`warledger ingest PATH... [--db URL] [--published YYYY-MM-DD]`: extract reports into the ledger.

Each report is extracted (``warledger.api.extract_paths``) and stored by the ledger service
(``warledger.ledger.ingest``) as it comes, ``BATCH_DOCS`` reports per transaction together
with the events they touch, so a run of any size holds one batch in memory and an
interrupted run keeps every batch committed so far, its events included. The summary goes
to stdout:

    documents read: 3
      new: 2
      duplicate: 0
      revision: 1
    skipped: 1
      skipped bad.txt: [W010] empty document
    facts stored: 7
    events: 2

``warledger rebuild [--db URL]`` rebuilds every event from every current claim (the
incremental updates of ``ingest`` give the same events; this is for upgrades and checks).

Exit status: 0; 1 when no report could be read or the store failed midway; 2 for a bad
option or a store that cannot be opened. A progress display runs on stderr when it is a
terminal (a bar when the number of reports is known up front, a counter otherwise).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from ..ledger import BATCH_DOCS, Tally


def count_reports(paths: Sequence[str]) -> int | None:
    """How many reports ``paths`` hold, when that is cheap to know; None when it is not
    (stdin, JSON Lines batches, unreadable paths): the progress display then counts up."""
    from ..ingest.readers import JSONL_SUFFIXES, KNOWN_SUFFIXES

    total = 0
    for p in paths:
        if p == "-":
            return None
        path = Path(p)
        try:
            if path.is_dir():
                for f in path.rglob("*"):
                    name = f.name.lower()
                    if name.endswith(JSONL_SUFFIXES):
                        return None
                    if name.endswith(KNOWN_SUFFIXES) and f.is_file():
                        total += 1
            elif path.name.lower().endswith(JSONL_SUFFIXES):
                return None
            else:
                total += 1  # a file (or a missing one: it still yields one Skipped)
        except OSError:
            return None
    return total


def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files (.txt, .html, .jsonl[.gz]), directories, or - for JSON Lines on stdin."),
    ],
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="SQLite file path or database URL (sqlite:///..., postgresql://...). Default: $WARLEDGER_DB, else ledger.db in the user data directory.",
        ),
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for reports that carry none.")
    ] = None,
    batch: Annotated[
        int, typer.Option(min=1, help="Reports per transaction (each with the events it touches).")
    ] = BATCH_DOCS,
) -> None:
    """Extract reports and store them in the ledger, with the events they touch."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    from ..api import extract_paths, parse_date
    from ..errors import WarledgerError
    from ..store import open_store

    def err(msg: str) -> None:
        print(msg, file=sys.stderr)

    try:
        when = parse_date(published, "--published")
        store = open_store(db)
    except WarledgerError as exc:
        err(f"error: {exc}")
        raise typer.Exit(2) from None

    from .. import ledger

    tally = Tally()
    failed: str | None = None
    total = count_reports(paths)
    columns = [SpinnerColumn(), TextColumn("{task.description}")]
    if total is not None:
        columns += [BarColumn(), MofNCompleteColumn()]
    else:
        columns += [TextColumn("{task.completed} reports")]
    columns.append(TimeElapsedColumn())
    progress = Progress(
        *columns, console=Console(stderr=True), transient=True, disable=not sys.stderr.isatty()
    )
    try:
        with progress:
            task = progress.add_task("ingesting", total=total)
            ledger.ingest(
                store,
                extract_paths(paths, published=when),
                batch=batch,
                tally=tally,
                on_item=lambda _: progress.advance(task),
            )
    except WarledgerError as exc:
        failed = str(exc)
        tally.events_note = tally.events_note or "not updated (the run failed)"
    finally:
        store.close()

    if tally.read == 0 and not tally.events_note:
        tally.events_note = "not updated (nothing read)"
    # the password stays out of logs: SqlStore knows how to hide it
    print(f"ledger: {getattr(store, 'safe_url', store.url)}")
    print("\n".join(tally.lines()))
    sys.stdout.flush()
    if failed:
        err(f"error: {failed}")
        raise typer.Exit(1)
    if tally.read == 0:
        err(f"no document could be read ({len(tally.skipped)} skipped)")
        raise typer.Exit(1)


def rebuild(
    db: Annotated[
        str | None,
        typer.Option("--db", help="SQLite file path or database URL (default as for `warledger ingest`)."),
    ] = None,
) -> None:
    """Rebuild every event from every current claim (one transaction)."""
    from .. import ledger
    from ..errors import WarledgerError
    from ..store import open_store

    try:
        store = open_store(db)
    except WarledgerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise typer.Exit(2) from None
    try:
        n = ledger.rebuild(store)
    except WarledgerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise typer.Exit(1) from None
    finally:
        store.close()
    print(f"ledger: {getattr(store, 'safe_url', store.url)}")
    print(f"events: {n}" if n is not None else f"events: not rebuilt ({ledger.ACROSS} is not available)")


def register(app: typer.Typer) -> None:
    """Add ``warledger ingest`` and ``warledger rebuild`` to the app."""
    app.command("ingest")(ingest)
    app.command("rebuild")(rebuild)
