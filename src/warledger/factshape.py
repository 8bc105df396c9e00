"""The one fact shape: every layout of a fact, derived from the ``Fact`` dataclass.

``Fact`` (``model.py``) is the definition. This module reads its fields (name, type,
default) once and derives from them

- the **record**: the fact as plain values, spans as ``[start, end]`` lists, tuples as
  lists and a tuple of spans as a list of them (``record``, ``from_record``). The Parquet files of ``batch`` and of ``export``, the
  CSV export and the API's fact fields all have this shape;
- the **table columns** of ``facts`` (``sql_columns``), the fact's fields as the store keeps
  them: a span as two integer columns (``evidence_start``, ``evidence_end``), a tuple (of
  strings or of spans) as JSON; and the row mappers between a ``Fact`` and such a row (``sql_row``, ``from_sql_row``);
- the **Arrow schema** of the one Parquet layout (``arrow_schema``) and its column names
  (``TABLE_COLUMNS``, also the CSV header): where the fact is stored (``id``, ``doc_id``,
  ``revision``, ``seq``), the fact record, its evidence text, its report (``published``,
  ``url``, ``publisher``) and its latest review. A batch run has no ledger ids and no
  reviews: it writes those columns empty, so a reader reads both the same way.

A new field of ``Fact`` therefore reaches the store (with a migration: the migrations are
history, ``tests/test_factshape.py`` checks that they produce these columns), the exports,
the batch output and the API without further edits here, as long as its type is one of
``_TYPES``.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .model import Fact

# A field's type as the dataclass writes it -> (kind, nullable). Kinds: str, float, int,
# bool, span ((start, end) of ints), strs (a tuple of strings), spans (a tuple of spans).
_TYPES: dict[str, tuple[str, bool]] = {
    "str": ("str", False),
    "str | None": ("str", True),
    "float": ("float", False),
    "float | None": ("float", True),
    "int | None": ("int", True),
    "bool": ("bool", False),
    "tuple[int, int]": ("span", False),
    "tuple[int, int] | None": ("span", True),
    "tuple[str, ...]": ("strs", False),
    "tuple[tuple[int, int], ...]": ("spans", False),
}

# The store's column sizes for string fields (None: TEXT). Kept as they were created
# (migration 0001); a longer value is the store's error, not silently cut.
SQL_LENGTHS: dict[str, int | None] = {
    "kind": 32,
    "measure": 64,
    "country": 8,
    "weapon": 64,
    "admin1": 16,
    "place": None,
    "qualifier": 16,
    "unit": 64,
    "group": 64,
    "date": 32,
    "source": None,
    "role": 16,
    "extractor": 64,
}
# Columns a later migration added to a table with rows: their server defaults (0004, 0005).
SQL_SERVER_DEFAULTS: dict[str, str] = {"confidence": "1.0", "doubts": "[]", "evidence_spans": "[]"}
# ``Fact.doc`` is the stored document's id: the table's ``doc_id`` column, which the store
# sets from the document row (so it is not a column of the fact's own).
_NOT_STORED = frozenset({"doc"})


@dataclass(frozen=True, slots=True)
class FactField:
    name: str
    kind: str  # see _TYPES
    nullable: bool
    default: Any  # dataclasses.MISSING when the field is required


def _fields() -> tuple[FactField, ...]:
    out = []
    for f in dataclasses.fields(Fact):
        if f.type not in _TYPES:  # pragma: no cover - a new field type: add it to _TYPES
            raise TypeError(f"Fact.{f.name}: type {f.type!r} has no layout in factshape._TYPES")
        kind, nullable = _TYPES[str(f.type)]
        out.append(FactField(f.name, kind, nullable, f.default))
    return tuple(out)


FIELDS: tuple[FactField, ...] = _fields()
FACT_COLUMNS: tuple[str, ...] = tuple(f.name for f in FIELDS)

# The one table layout of facts (Parquet of batch and export, the CSV header): where the
# fact is stored, the fact, its evidence, its report, its latest review.
STORED_COLUMNS = ("id", "doc_id", "revision", "seq")
REPORT_COLUMNS = ("evidence_text", "published", "url", "publisher")
REVIEW_COLUMNS = (
    "review", "review_value", "review_measure", "review_admin1", "review_place", "reviewer", "reviewed_at",
)  # fmt: skip
TABLE_COLUMNS: tuple[str, ...] = (*STORED_COLUMNS, *FACT_COLUMNS, *REPORT_COLUMNS, *REVIEW_COLUMNS)
LIST_COLUMNS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.kind in ("span", "strs", "spans"))
_NUMBERS = frozenset(f.name for f in FIELDS if f.kind == "float")
_EXTRA_KINDS = {
    "id": "int", "revision": "int", "seq": "int", "published": "date", "review_value": "float",
}  # fmt: skip


def _plain(value: Any) -> Any:
    """A vocabulary member (a ``StrEnum``) as the plain string it is."""
    return str(value) if isinstance(value, str) and type(value) is not str else value


# --- the record -----------------------------------------------------------------------------


def record(f: Fact) -> dict[str, Any]:
    """``f`` as plain values: spans and tuples as lists, numbers as floats."""
    out: dict[str, Any] = {}
    for fld in FIELDS:
        v = getattr(f, fld.name)
        if fld.kind in ("span", "strs"):
            v = list(v) if v is not None else None
        elif fld.kind == "spans":
            v = [list(s) for s in v]
        elif fld.kind == "float" and v is not None:
            v = float(v)
        out[fld.name] = _plain(v)
    return out


def from_record(row: Mapping[str, Any]) -> Fact:
    """The ``Fact`` a record (or a row of the table layout) holds; other columns are ignored."""
    kw: dict[str, Any] = {}
    for fld in FIELDS:
        if fld.name not in row:
            continue
        v = row[fld.name]
        if fld.kind == "span":
            v = (int(v[0]), int(v[1])) if v is not None else None
        elif fld.kind == "strs":
            v = tuple(v or ())
        elif fld.kind == "spans":
            v = _spans(v)
        kw[fld.name] = v
    return Fact(**kw)


def _spans(v: Any) -> tuple[tuple[int, int], ...]:
    """Spans as lists (a record, JSON, Arrow) back to a tuple of ``(start, end)``; None or an
    empty list (a row stored before the field) is ``()``, which ``Fact`` reads as its evidence."""
    return tuple((int(s[0]), int(s[1])) for s in (v or ()))


# --- the store's columns ----------------------------------------------------------------


def sql_column_names() -> tuple[str, ...]:
    out: list[str] = []
    for fld in FIELDS:
        if fld.name in _NOT_STORED:
            continue
        out.extend((f"{fld.name}_start", f"{fld.name}_end") if fld.kind == "span" else (fld.name,))
    return tuple(out)


def sql_columns() -> list[Any]:
    """The fact's own columns of the ``facts`` table (SQLAlchemy ``Column`` objects)."""
    from sqlalchemy import JSON, Boolean, Column, Float, Integer, String, Text

    types: dict[str, Any] = {"float": Float, "int": Integer, "bool": Boolean, "strs": JSON, "spans": JSON}
    cols: list[Any] = []
    for fld in FIELDS:
        if fld.name in _NOT_STORED:
            continue
        default = SQL_SERVER_DEFAULTS.get(fld.name)
        if fld.kind == "span":
            cols += [Column(f"{fld.name}_{end}", Integer, nullable=fld.nullable) for end in ("start", "end")]
            continue
        if fld.kind == "str":
            length = SQL_LENGTHS.get(fld.name, 64)
            typ = Text if length is None else String(length)
        else:
            typ = types[fld.kind]
        cols.append(Column(fld.name, typ, nullable=fld.nullable, server_default=default))
    return cols


def sql_row(f: Fact) -> dict[str, Any]:
    """``f``'s own columns as the store writes them."""
    row: dict[str, Any] = {}
    for fld in FIELDS:
        if fld.name in _NOT_STORED:
            continue
        v = getattr(f, fld.name)
        if fld.kind == "span":
            row[f"{fld.name}_start"], row[f"{fld.name}_end"] = v if v is not None else (None, None)
        elif fld.kind == "strs":
            row[fld.name] = list(v)
        elif fld.kind == "spans":
            row[fld.name] = [list(s) for s in v]
        elif fld.kind == "float":
            row[fld.name] = None if v is None else float(v)
        elif fld.kind == "bool":
            row[fld.name] = bool(v)
        else:
            row[fld.name] = _plain(v)
    return row


def from_sql_row(r: Mapping[str, Any], doc: str) -> Fact:
    """The ``Fact`` a ``facts`` row holds (``doc``: its document's id)."""
    kw: dict[str, Any] = {"doc": doc}
    for fld in FIELDS:
        if fld.name in _NOT_STORED:
            continue
        if fld.kind == "span":
            start = r[f"{fld.name}_start"]
            kw[fld.name] = (start, r[f"{fld.name}_end"]) if start is not None else None
        elif fld.kind == "strs":
            kw[fld.name] = tuple(r[fld.name] or ())
        elif fld.kind == "spans":
            kw[fld.name] = _spans(r[fld.name])
        elif fld.kind == "bool":
            kw[fld.name] = bool(r[fld.name])
        else:
            kw[fld.name] = r[fld.name]
    return Fact(**kw)


# --- Arrow / Parquet and CSV -------------------------------------------------------------


def column_kind(name: str) -> str:
    """The kind of a column of ``TABLE_COLUMNS`` (str unless said otherwise)."""
    for fld in FIELDS:
        if fld.name == name:
            return fld.kind
    return _EXTRA_KINDS.get(name, "str")


def arrow_schema():
    """The Arrow schema of the one Parquet layout of facts (``TABLE_COLUMNS``, typed)."""
    import pyarrow as pa

    types = {
        "str": pa.string(), "float": pa.float64(), "int": pa.int64(), "bool": pa.bool_(),
        "span": pa.list_(pa.int64()), "strs": pa.list_(pa.string()), "date": pa.date32(),
        "spans": pa.list_(pa.list_(pa.int64())),
    }  # fmt: skip
    return pa.schema([(c, types[column_kind(c)]) for c in TABLE_COLUMNS])


def csv_row(rec: Mapping[str, Any]) -> dict[str, Any]:
    """A table-layout row for CSV: lists as JSON, None left for the writer to leave empty."""
    out = dict(rec)
    for col in LIST_COLUMNS:
        if out.get(col) is not None:
            out[col] = json.dumps(out[col])
    return out


__all__ = [
    "FACT_COLUMNS",
    "FIELDS",
    "TABLE_COLUMNS",
    "arrow_schema",
    "csv_row",
    "from_record",
    "from_sql_row",
    "record",
    "sql_columns",
    "sql_row",
]
