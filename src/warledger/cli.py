"""The command line: a thin skin over ``warledger.api`` and ``warledger.evaluate``.

    warledger extract PATH... [--published YYYY-MM-DD] [--format facts|json|table]
    warledger eval --corpus DIR_OR_JSONL --gold DIR [--verbose] [--json]

Documents that cannot be read are reported on stderr, one line each ("skipped ORIGIN:
[CODE] reason"); the command exits 1 when no document at all could be read.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .errors import WarledgerError
from .model import Document, Skipped

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="Turn war news into sourced, verifiable facts."
)


def _print_version(value: bool) -> None:
    if value:
        print(f"warledger {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Turn war news into sourced, verifiable facts."""


class Format(StrEnum):
    facts = "facts"
    json = "json"
    table = "table"


def _err(msg: str) -> None:
    print(msg, file=sys.stderr)


def _document_json(doc: Document) -> dict:
    text = doc.text
    return {
        "id": doc.id,
        "url": doc.url,
        "title": doc.title,
        "published": doc.published.isoformat() if doc.published else None,
        "origin": doc.origin,
        "facts": [
            {
                **f.to_json(),
                "evidence_text": text[f.evidence[0] : f.evidence[1]],
                "figure": text[f.span[0] : f.span[1]] if f.span else None,
            }
            for f in doc.facts
        ],
        "sentences": len(doc.sentences),
        "notes": list(doc.notes),
    }


def _table(docs: list[Document]) -> None:
    from rich.console import Console
    from rich.table import Table

    # a pipe or file gets a readable width, not rich's 80-column default
    console = Console(width=None if sys.stdout.isatty() else 150)
    for doc in docs:
        table = Table(title=f"{doc.id} ({doc.published or 'no date'})", show_lines=False)
        for col in ("kind", "measure", "what", "value", "qualifier", "where", "date", "source"):
            table.add_column(col)
        for f in doc.facts:
            what = f.weapon or f.unit or f.group or ""
            where = ", ".join(filter(None, [f.place, f.admin1])) or (
                "; ".join(f.members) if f.members else "national"
            )
            value = f"{f.value:g}" + (" (background)" if f.historical else "")
            table.add_row(f.kind, f.measure, what, value, f.qualifier, where, f.date or "", f.source or "")
        console.print(table)


@app.command()
def extract(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files (.txt, .html, .jsonl[.gz]), directories, or - for JSON Lines on stdin."),
    ],
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for documents that carry none.")
    ] = None,
    fmt: Annotated[
        Format,
        typer.Option(
            "--format", "-f", help="facts: SCHEMA.md JSON Lines; json: full documents; table: for a person."
        ),
    ] = Format.facts,
) -> None:
    """Extract the facts of one report or many."""
    from .api import extract_paths, parse_date

    try:
        when = parse_date(published, "--published")
    except WarledgerError as err:
        _err(f"error: {err}")
        raise typer.Exit(2) from None
    read = skipped = 0
    table_docs: list[Document] = []
    out = sys.stdout
    for item in extract_paths(paths, published=when):
        if isinstance(item, Skipped):
            skipped += 1
            _err(f"skipped {item.origin}: [{item.code}] {item.reason}")
            continue
        read += 1
        if fmt is Format.facts:
            for f in item.facts:
                out.write(json.dumps(f.to_json(), ensure_ascii=False) + "\n")
        elif fmt is Format.json:
            out.write(json.dumps(_document_json(item), ensure_ascii=False) + "\n")
        else:
            table_docs.append(item)
    if fmt is Format.table:
        _table(table_docs)
    out.flush()
    if read == 0:
        _err(f"no document could be read ({skipped} skipped)")
        raise typer.Exit(1)


def _published_dates(corpus: Path, gold: Path) -> dict[str, str]:
    """Publication dates of a corpus directory: its SOURCES.tsv, else the gold files' own."""
    dates: dict[str, str] = {}
    if gold.is_dir():
        for g in gold.glob("*.json"):
            try:
                data = json.loads(g.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError):
                continue
            if data.get("published"):
                dates[data.get("doc", g.stem)] = data["published"]
    if corpus.is_dir():
        from .ingest import read_manifest

        for name, meta in read_manifest(corpus).items():
            if "published" in meta:
                dates[Path(name).stem] = meta["published"].isoformat()
    return dates


@app.command("eval")
def eval_(
    corpus: Annotated[Path, typer.Option(help="Directory of reports, or a JSON Lines file of them.")],
    gold: Annotated[Path, typer.Option(help="Directory of gold JSON files (SCHEMA.md).")],
    verbose: Annotated[bool, typer.Option(help="List every missed and extra fact.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    pred: Annotated[Path | None, typer.Option(help="Score this facts file instead of extracting.")] = None,
    fold: Annotated[
        list[int] | None,
        typer.Option(
            help="Score only the reports of this fold (crc32(id) % 3, GENERALISING.md); repeatable."
        ),
    ] = None,
) -> None:
    """Extract a corpus and score it against gold facts (the rules of score.py)."""
    from .api import extract_documents, parse_date
    from .evaluate import FOLDS, fold_of, format_table, group_facts, load_gold, score_docs
    from .ingest import read_paths

    if not gold.exists():
        _err(f"error: gold not found: {gold}")
        raise typer.Exit(2)
    if fold and any(not 0 <= k < FOLDS for k in fold):
        _err(f"error: --fold must be between 0 and {FOLDS - 1}")
        raise typer.Exit(2)
    golds = load_gold(gold)
    if fold:
        golds = {d: g for d, g in golds.items() if fold_of(d) in fold}
    if pred is not None:
        facts = [json.loads(line) for line in pred.read_text(encoding="utf-8").splitlines() if line.strip()]
    else:
        if not corpus.exists():
            _err(f"error: corpus not found: {corpus}")
            raise typer.Exit(2)
        dates = _published_dates(corpus, gold)

        def with_dates():
            for item in read_paths([corpus]):
                if isinstance(item, Document) and item.published is None and item.id in dates:
                    item = item.with_(published=parse_date(dates[item.id]))
                yield item

        facts = []
        for item in extract_documents(with_dates()):
            if isinstance(item, Skipped):
                _err(f"skipped {item.origin}: [{item.code}] {item.reason}")
                continue
            facts.extend(f.to_json() for f in item.facts)
    rows, notes = score_docs(golds, group_facts(facts))
    if verbose:
        _err("\n".join(notes))
    print(json.dumps(rows, indent=2) if as_json else format_table(rows))


def _register_more() -> None:
    from .commands import register

    register(app)


_register_more()


@app.command()
def version() -> None:
    """Print warledger's version."""
    print(__version__)


def main(argv: list[str] | None = None) -> int:
    """Entry point; ``main([...])`` runs a command in-process (tests use it)."""
    try:
        app(args=argv, prog_name="warledger", standalone_mode=True)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
