"""`warledger ingest PATH... [--db URL] [--published YYYY-MM-DD]`: extract reports into the ledger.

Each report is extracted (``warledger.api.extract_paths``) and stored (``Store.add``) as it
comes, one transaction per report, so a batch of any size runs in constant memory and an
interrupted run keeps everything stored so far. Then, if ``warledger.reconcile.across`` is
installed, the events are rebuilt from every current claim. The summary goes to stdout:

    documents read: 3
      new: 2
      duplicate: 0
      revision: 1
    skipped: 1
      skipped bad.txt: [W010] empty document
    facts stored: 7
    events: 2

Exit status: 0; 1 when no report could be read or the store failed midway; 2 for a bad
option or a store that cannot be opened. A progress display runs on stderr when it is a
terminal (a bar when the number of reports is known up front, a counter otherwise).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from ..store import Store

ACROSS = "warledger.reconcile.across"


@dataclass
class Tally:
    """What one ingest run did, for the summary."""

    read: int = 0
    new: int = 0
    duplicate: int = 0
    revision: int = 0
    facts: int = 0
    skipped: list[str] = field(default_factory=list)  # one line per skipped report
    events: int | None = None
    events_note: str = ""

    @property
    def changed(self) -> bool:
        return self.new + self.revision > 0

    def lines(self) -> list[str]:
        out = [
            f"documents read: {self.read}",
            f"  new: {self.new}",
            f"  duplicate: {self.duplicate}",
            f"  revision: {self.revision}",
            f"skipped: {len(self.skipped)}",
            *(f"  {line}" for line in self.skipped),
            f"facts stored: {self.facts}",
        ]
        if self.events is None:
            out.append(f"events: {self.events_note}")
        else:
            out.append(f"events: {self.events}" + (f" ({self.events_note})" if self.events_note else ""))
        return out


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


def rebuild_events(store: Store, tally: Tally) -> None:
    """Rebuild the events from every current claim, if the reconciler is installed."""
    from ..store import Query

    try:
        from ..reconcile.across import build_events
    except ModuleNotFoundError as exc:
        # only the module's own absence means "not there yet"; a broken import inside it
        # is a bug to see, not to hide
        if exc.name != ACROSS:
            raise
        tally.events = None
        tally.events_note = f"not rebuilt ({ACROSS} is not available)"
        return
    if not tally.changed:
        tally.events = store.events(Query(limit=0)).total
        tally.events_note = "unchanged"
        return
    events = build_events(store.claims())
    store.replace_events(events)
    tally.events = len(events)


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt, .html, .jsonl[.gz]), directories, or - for JSON Lines on stdin.")],
    db: Annotated[
        str | None,
        typer.Option("--db", help="SQLite file path or database URL (sqlite:///..., postgresql://...). Default: $WARLEDGER_DB, else ledger.db in the user data directory."),
    ] = None,
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) for reports that carry none.")] = None,
) -> None:
    """Extract reports and store them in the ledger, then rebuild its events."""
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
    from ..model import Skipped
    from ..store import open_store

    def err(msg: str) -> None:
        print(msg, file=sys.stderr)

    try:
        when = parse_date(published, "--published")
        store = open_store(db)
    except WarledgerError as exc:
        err(f"error: {exc}")
        raise typer.Exit(2) from None

    tally = Tally()
    failed: str | None = None
    total = count_reports(paths)
    columns = [SpinnerColumn(), TextColumn("{task.description}")]
    if total is not None:
        columns += [BarColumn(), MofNCompleteColumn()]
    else:
        columns += [TextColumn("{task.completed} reports")]
    columns.append(TimeElapsedColumn())
    progress = Progress(*columns, console=Console(stderr=True), transient=True, disable=not sys.stderr.isatty())
    try:
        with progress:
            task = progress.add_task("ingesting", total=total)
            for item in extract_paths(paths, published=when):
                progress.advance(task)
                if isinstance(item, Skipped):
                    tally.skipped.append(f"skipped {item.origin}: [{item.code}] {item.reason}")
                    continue
                tally.read += 1
                result = store.add(item)
                setattr(tally, result.status, getattr(tally, result.status) + 1)
                tally.facts += result.facts
            if tally.read:
                progress.update(task, description="rebuilding events")
                rebuild_events(store, tally)
    except WarledgerError as exc:
        failed = str(exc)
        tally.events_note = tally.events_note or "not rebuilt (the run failed)"
    finally:
        store.close()

    if tally.read == 0 and not tally.events_note:
        tally.events_note = "not rebuilt (nothing read)"
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


def register(app: typer.Typer) -> None:
    """Add ``warledger ingest`` to the app."""
    app.command("ingest")(ingest)
