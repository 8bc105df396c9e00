"""`warledger batch INPUT... --out DIR --workers N [--engine local|ray] [--address ADDR]` and
`warledger load DIR [--db URL]`: crawls in parallel into Parquet, and Parquet into the ledger.

``batch`` runs ``warledger.batch.run_batch``: a rich progress display on stderr (when it
is a terminal), the summary on stdout (documents read, skipped by reason, facts). Run it
again with the same arguments after an interruption and it resumes. Exit status: 0; 1
when nothing at all could be read or a worker died; 2 for a bad option or output dir.

``load`` stores the documents and facts of a batch's committed parts (``iter_output``)
through the ledger service (``warledger.ledger.ingest``: no extraction, the facts are the
batch's; events updated batch by batch), with the same summary as ``warledger ingest``.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class Engine(StrEnum):
    local = "local"
    ray = "ray"


def batch(
    inputs: Annotated[
        list[str], typer.Argument(help="WARC/WARC.gz crawls, .jsonl[.gz], files or directories.")
    ],
    out: Annotated[Path, typer.Option("--out", help="Output directory (Parquet, partitioned by date).")],
    workers: Annotated[int, typer.Option(help="Worker processes.")] = max(
        1, (__import__("os").cpu_count() or 2) - 1
    ),
    engine: Annotated[Engine, typer.Option(help="local: a process pool; ray: Ray tasks.")] = Engine.local,
    address: Annotated[
        str | None, typer.Option(help="Ray cluster address (default: a local Ray instance).")
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for documents that carry none.")
    ] = None,
    part_size: Annotated[int, typer.Option(help="Input items per committed part file.")] = 500,
    part_seconds: Annotated[float, typer.Option(help="Commit a part at least this often (seconds).")] = 30.0,
) -> None:
    """Extract crawls in parallel into Parquet; rerun the same command to resume."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from ..api import parse_date
    from ..batch import run_batch
    from ..errors import WarledgerError

    try:
        when = parse_date(published, "--published")
    except WarledgerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise typer.Exit(2) from None
    if workers < 1 or part_size < 1:
        print("error: --workers and --part-size must be at least 1", file=sys.stderr)
        raise typer.Exit(2)
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn(
            "{task.fields[docs]} documents, {task.fields[skipped]} skipped, {task.fields[facts]} facts, {task.fields[parts]} parts"
        ),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
        disable=not sys.stderr.isatty(),
    )
    try:
        with progress:
            task = progress.add_task("extracting", docs=0, skipped=0, facts=0, parts=0)

            def show(s) -> None:
                progress.update(
                    task, docs=s.read, skipped=sum(s.skipped.values()), facts=s.facts, parts=s.parts
                )

            summary = run_batch(
                inputs, out, workers=workers, engine=engine.value, address=address, published=when,
                part_docs=part_size, part_seconds=part_seconds, on_progress=show,
            )  # fmt: skip
    except WarledgerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise typer.Exit(2 if exc.code == "W019" and "worker" not in exc.message else 1) from None
    print(f"output: {out}")
    print("\n".join(summary.lines()))
    sys.stdout.flush()
    if summary.items == 0:
        print("no document could be read", file=sys.stderr)
        raise typer.Exit(1)


def load(
    out: Annotated[Path, typer.Argument(help="A `warledger batch` output directory.")],
    db: Annotated[
        str | None,
        typer.Option("--db", help="SQLite file path or database URL (default as for `warledger ingest`)."),
    ] = None,
) -> None:
    """Store a batch's Parquet output in the ledger, with its events."""
    from .. import ledger
    from ..batch import committed_parts, iter_output
    from ..errors import WarledgerError
    from ..store import open_store

    if not committed_parts(out):
        print(f"error: no committed batch output in {out}", file=sys.stderr)
        raise typer.Exit(2)
    try:
        store = open_store(db)
    except WarledgerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise typer.Exit(2) from None
    tally = ledger.Tally()
    failed = None
    try:
        ledger.ingest(store, iter_output(out), tally=tally)
    except WarledgerError as exc:
        failed = str(exc)
        tally.events_note = tally.events_note or "not updated (the run failed)"
    finally:
        store.close()
    print(f"ledger: {getattr(store, 'safe_url', store.url)}")
    print("\n".join(tally.lines()))
    sys.stdout.flush()
    if failed:
        print(f"error: {failed}", file=sys.stderr)
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``warledger batch`` and ``warledger load`` to the app."""
    app.command("batch")(batch)
    app.command("load")(load)
