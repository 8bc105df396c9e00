"""Read reports from files, directories and JSON Lines into ``Document`` objects.

Takes: paths given on the command line (a ``.txt`` file, an ``.html``/``.htm`` file, a
directory, a ``.jsonl``/``.jsonl.gz`` batch, a ``.warc``/``.warc.gz`` crawl (see ``warc``), or ``"-"`` for JSON Lines on stdin).
Adds: a ``Document`` with ``id``, ``text``, ``published``, ``url``, ``title`` and ``origin``
per report, or a ``Skipped`` record with a stable error code and a one-line reason.

Nothing bad in the input raises out of ``read_paths``: a batch of ten thousand reports must
not stop at the first broken file, and every broken one must be reported, not dropped
silently. Documents are yielded one at a time so a batch is never held in memory.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from ..errors import (
    BadRecord,
    BinaryDocument,
    EmptyDocument,
    EncodingError,
    InputError,
    NoArticle,
    StageFailure,
    TooLarge,
    WarledgerError,
)
from ..model import Document, Skipped

# File kinds a directory walk picks up; anything else in a directory (images, notes, .DS_Store)
# is not a report and is passed over without a Skipped record.
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
WARC_SUFFIXES = (".warc.gz", ".warc")  # read by .warc (crawls: many reports per file)
KNOWN_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES

# Share of C0 control characters (other than tab, newline, carriage return, form feed) above
# which a NUL-free file is taken to be binary rather than text with a few stray bytes.
CONTROL_CHAR_LIMIT = 0.10
# Only the head of a file is sampled for control characters: binary formats show it at once.
BINARY_SAMPLE = 8192

# Fewer words than this extracted from a page means trafilatura found menu scraps, not a story.
MIN_ARTICLE_WORDS = 5

STDIN_NAME = "<stdin>"
_BOM = "\ufeff"


def read_paths(
    paths: Sequence[str | Path],
    published: date | None = None,
    max_bytes: int = 10_000_000,
) -> Iterator[Document | Skipped]:
    """Stream a ``Document`` or a ``Skipped`` for every report under ``paths``, in order.

    ``published`` is the date for reports that carry none of their own. ``max_bytes``
    bounds a single report: a ``.txt``/``.html`` file, or one line of a JSON Lines batch
    (a batch file itself may be any size, it is read line by line).
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]  # one path, not a sequence of one-character "paths"
    for p in paths:
        if str(p) == "-":
            yield from _read_jsonl_stream(sys.stdin.buffer, STDIN_NAME, "stdin", published, max_bytes)
            continue
        path = Path(p)
        try:
            is_dir = path.is_dir()
            if not is_dir and not path.exists():
                raise InputError(f"no such file or directory: {path}")
        except OSError as exc:  # permission denied on a parent, name too long, ...
            yield _skip(_stem(path), str(path), InputError(f"cannot access {path}: {exc.strerror or exc}"))
            continue
        except InputError as err:
            yield _skip(_stem(path), str(path), err)
            continue
        if is_dir:
            manifest = read_manifest(path)
            for file in _walk(path):
                if isinstance(file, Skipped):
                    yield file
                    continue
                meta = manifest.get(file.name, {})
                for item in _read_file(file, meta.get("published") or published, max_bytes):
                    if isinstance(item, Document) and meta.get("url") and not item.url:
                        item = item.with_(url=meta["url"])
                    if isinstance(item, Document) and meta.get("publisher"):
                        # the manifest's word on the outlet beats a page's own site name
                        item = item.with_(publisher=meta["publisher"])
                    yield item
        else:
            yield from _read_file(path, published, max_bytes)


MANIFEST = "SOURCES.tsv"


def read_manifest(root: Path) -> dict[str, dict]:
    """A directory's ``SOURCES.tsv`` (tab-separated, a header with ``file`` and any of
    ``published``, ``url``, ``publisher``): the dates, addresses and outlets of reports whose
    files carry none.
    An unreadable or malformed manifest is ignored: the reports are still read."""
    path = root / MANIFEST
    out: dict[str, dict] = {}
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                name = (row.get("file") or "").strip()
                if not name:
                    continue
                meta: dict = {}
                when = _parse_date((row.get("published") or "").strip() or None)
                if when is not None:
                    meta["published"] = when
                url = (row.get("url") or "").strip()
                if url.startswith(("http://", "https://")):
                    meta["url"] = url
                outlet = (row.get("publisher") or "").strip()
                if outlet:
                    meta["publisher"] = outlet[:200]
                out[name] = meta
    except (OSError, UnicodeDecodeError, csv.Error):
        return {}
    return out


def _walk(root: Path) -> Iterator[Path | Skipped]:
    """Report files under ``root``, recursively, in sorted order, without following links
    to directories (a link cycle must not loop forever). A subdirectory that cannot be
    listed comes out as a ``Skipped`` instead of vanishing, as ``os.walk`` would let it."""
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append, followlinks=False):
        while errors:
            yield _unlistable(errors.pop(0))
        dirnames.sort()
        for name in sorted(filenames):
            if name.lower().endswith(KNOWN_SUFFIXES):
                yield Path(dirpath) / name
    while errors:
        yield _unlistable(errors.pop(0))


def _unlistable(exc: OSError) -> Skipped:
    where = Path(exc.filename) if exc.filename else Path("?")
    return _skip(where.name, str(where), InputError(f"cannot list directory {where}: {exc.strerror or exc}"))


def _stem(path: Path) -> str:
    """The file name without its extension (both of ``.jsonl.gz``)."""
    name = path.name
    lower = name.lower()
    for suffix in (".jsonl.gz", *KNOWN_SUFFIXES):
        if lower.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return path.stem or name


_NAME_DATE = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")


def _name_date(stem: str) -> date | None:
    """The date a file name carries ("2025-07-09-lutsk-728-drones", "seed-2025-09-03-…")."""
    m = _NAME_DATE.search(stem)
    if not m:
        return None
    try:
        return date.fromisoformat(m.group(1))
    except ValueError:
        return None


def _skip(doc_id: str, origin: str, err: WarledgerError) -> Skipped:
    return Skipped(doc_id, origin, err.code, err.message)


def _read_file(path: Path, published: date | None, max_bytes: int) -> Iterator[Document | Skipped]:
    doc_id, origin = _stem(path), str(path)
    lower = path.name.lower()
    try:
        if lower.endswith(JSONL_SUFFIXES):
            yield from _read_jsonl_file(path, published, max_bytes)
            return
        if lower.endswith(WARC_SUFFIXES):
            from .warc import read_warc

            yield from read_warc(path, published, max_bytes)
            return
        if not lower.endswith(TEXT_SUFFIXES + HTML_SUFFIXES):
            raise InputError(
                f"unknown file type {path.suffix or '(no extension)'!r}; expected .txt, .html, .htm, .jsonl, .jsonl.gz, .warc or .warc.gz"
            )
        # Size first, from the file system: a 50 MB file is refused without reading a byte.
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            # A FIFO or device would block or never end; only regular files are reports.
            raise InputError(f"{path} is not a regular file")
        size = st.st_size
        if size > max_bytes:
            raise TooLarge(f"file is {size:,} bytes, over the {max_bytes:,}-byte limit")
        if size == 0:
            raise EmptyDocument("file is empty (0 bytes)")
        with path.open("rb") as fh:
            # Read one byte past the limit: a file that grew after stat is still caught.
            data = fh.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise TooLarge(f"file is over the {max_bytes:,}-byte limit")
        text = _decode(data)
        # a file named "2025-07-09-lutsk.txt" carries its date in its name, which is the
        # report's own and so wins over a date given for reports that carry none
        published = _name_date(doc_id) or published
        if lower.endswith(HTML_SUFFIXES):
            yield _from_html(text, doc_id, origin, published, None, None)
        else:
            yield Document(id=doc_id, text=_plain(text), published=published, origin=origin)
    except WarledgerError as err:
        yield _skip(doc_id, origin, err)
    except OSError as exc:
        yield _skip(doc_id, origin, InputError(f"cannot read {path}: {exc.strerror or exc}"))


def _decode(data: bytes, what: str = "file") -> str:
    """Strict UTF-8 (a BOM is allowed and removed); refuse binary data and blank text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # UTF-16 text is full of NULs; say what it is rather than calling it binary.
        raise EncodingError(f"{what} is UTF-16 (byte-order mark at byte 0); convert it to UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise BinaryDocument(f"{what} looks binary (NUL byte at byte offset {nul})")
    sample = data[:BINARY_SAMPLE]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13)) + sample.count(127)
    if sample and controls / len(sample) > CONTROL_CHAR_LIMIT:
        raise BinaryDocument(f"{what} looks binary ({controls} control bytes in the first {len(sample)})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise EncodingError(
            f"{what} is not valid UTF-8: byte 0x{bad} at byte offset {exc.start} ({exc.reason})"
        ) from None
    if text.startswith(_BOM):
        text = text[1:]
    if not text.strip():
        raise EmptyDocument(f"{what} contains only whitespace")
    return text


def _plain(text: str) -> str:
    # Offsets point into Document.text, so only line endings are normalised, nothing else.
    return text.replace("\r\n", "\n")


def _from_html(
    html: str,
    doc_id: str,
    origin: str,
    published: date | None,
    url: str | None,
    title: str | None,
) -> Document:
    """The article text of an HTML page, with title, URL and date from its metadata."""
    try:
        import trafilatura  # imported here: plain-text runs should not pay for lxml start-up
    except ImportError as exc:
        # a broken install (e.g. lxml without lxml_html_clean) must cost only the HTML
        # reports, each with the reason, never the whole run with a traceback
        raise StageFailure(
            f"stage ingest failed: the HTML reader cannot be loaded ({type(exc).__name__}: {exc}); "
            "reinstall warledger with its dependencies (pip install warledger)"
        ) from None

    try:
        result = trafilatura.bare_extraction(
            html,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            with_metadata=True,
        )
    except Exception as exc:  # trafilatura/lxml can choke on pathological markup
        raise NoArticle(f"HTML could not be parsed: {type(exc).__name__}: {exc}") from None
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        raise NoArticle("HTML page has no article text (only navigation, boilerplate or markup)")
    words = len(text.split(None, MIN_ARTICLE_WORDS))
    if words < MIN_ARTICLE_WORDS:
        # trafilatura falls back to any text it finds; a lone "Home" link is not an article.
        raise NoArticle(f"HTML page has no article text (only {words} word(s) extracted)")
    meta_date = _parse_date(getattr(result, "date", None))
    return Document(
        id=doc_id,
        text=_plain(text),
        published=published or meta_date,
        url=url or getattr(result, "url", None) or None,
        title=title or getattr(result, "title", None) or None,
        publisher=getattr(result, "sitename", None) or None,
        origin=origin,
    )


def _parse_date(value: Any) -> date | None:
    """An ISO date or datetime string (``2024-03-14``, ``2024-03-14T06:30:00Z``) as a date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    try:
        return date.fromisoformat(s)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _read_jsonl_file(path: Path, published: date | None, max_bytes: int) -> Iterator[Document | Skipped]:
    stem, origin = _stem(path), str(path)
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{path} is not a regular file")
        if st.st_size == 0:
            raise EmptyDocument("JSON Lines file is empty (0 bytes)")
        if path.name.lower().endswith(".gz"):
            fh: IO[bytes] = gzip.open(path, "rb")  # type: ignore[assignment]
        else:
            fh = path.open("rb")
    except WarledgerError as err:
        yield _skip(stem, origin, err)
        return
    except OSError as exc:
        yield _skip(stem, origin, InputError(f"cannot read {path}: {exc.strerror or exc}"))
        return
    with fh:
        yield from _read_jsonl_stream(fh, origin, stem, published, max_bytes)


def _read_jsonl_stream(
    fh: IO[bytes], origin: str, stem: str, published: date | None, max_bytes: int
) -> Iterator[Document | Skipped]:
    """One Document or Skipped per non-blank line; a broken line never stops the rest."""
    lineno = 0
    offset = 0  # byte offset of the line in the (decompressed) stream, for encoding errors
    while True:
        where = f"{origin}:{lineno + 1}"
        try:
            raw = fh.readline(max_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:
            # A truncated or corrupt gzip stream: nothing after this point can be read.
            yield _skip(f"{stem}:{lineno + 1}", where, InputError(f"cannot read past line {lineno}: {exc}"))
            return
        if not raw:
            return
        lineno += 1
        line_offset = offset
        offset += len(raw)
        rec_id = f"{stem}:{lineno}"
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            # Drain the rest of the oversized line in bounded chunks, never holding it whole.
            try:
                while True:
                    chunk = fh.readline(1 << 20)
                    offset += len(chunk)
                    if not chunk or chunk.endswith(b"\n"):
                        break
            except (OSError, EOFError, zlib.error) as exc:
                yield _skip(rec_id, where, InputError(f"cannot read past line {lineno}: {exc}"))
                return
            yield _skip(rec_id, where, TooLarge(f"line is over the {max_bytes:,}-byte limit"))
            continue
        if not raw.strip():
            continue  # blank lines separate nothing in JSON Lines; they are not records
        try:
            yield _record(raw, rec_id, where, published, line_offset)
        except WarledgerError as err:
            yield _skip(_peek_id(raw) or rec_id, where, err)


def _record(raw: bytes, rec_id: str, origin: str, published: date | None, line_offset: int) -> Document:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"line is not valid UTF-8: byte 0x{raw[exc.start : exc.start + 1].hex()} at byte offset "
            f"{line_offset + exc.start} of the stream ({exc.reason})"
        ) from None
    line = line.lstrip(_BOM)
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadRecord(f"line is not JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(obj, dict):
        raise BadRecord(f"line is a JSON {type(obj).__name__}, not an object")
    doc_id = obj.get("id")
    if doc_id is not None and not isinstance(doc_id, (str, int)):
        raise BadRecord(f'"id" must be a string, not {type(doc_id).__name__}')
    doc_id = str(doc_id).strip() if doc_id is not None else ""
    doc_id = doc_id or rec_id
    text, html = obj.get("text"), obj.get("html")
    for key, val in (("text", text), ("html", html)):
        if val is not None and not isinstance(val, str):
            raise BadRecord(f'"{key}" must be a string, not {type(val).__name__}')
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    outlet = (
        obj.get("publisher") if isinstance(obj.get("publisher"), str) and obj["publisher"].strip() else None
    )
    rec_date = _parse_date(obj.get("published"))
    notes: tuple[str, ...] = ()
    if obj.get("published") not in (None, "") and rec_date is None:
        # A bad date should not cost the report; it is noted and the fallback date used.
        notes = (f"ignored unparseable published value {obj.get('published')!r}",)
    when = rec_date or published
    if text and text.strip():
        if "\x00" in text:
            raise BinaryDocument('"text" contains NUL characters')
        doc = Document(
            id=doc_id, text=_plain(text.lstrip(_BOM)), published=when, url=url, title=title, origin=origin
        )
    elif html and html.strip():
        doc = _from_html(html, doc_id, origin, when, url, title)
    else:
        raise BadRecord('record has no non-empty "text" or "html" field')
    if outlet:
        doc = doc.with_(publisher=outlet.strip()[:200])
    return doc.with_(notes=notes) if notes else doc


def _peek_id(raw: bytes) -> str | None:
    """The record's own id for a Skipped, when the line is JSON enough to have one."""
    try:
        obj = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None
    if isinstance(obj, dict) and isinstance(obj.get("id"), (str, int)) and str(obj["id"]).strip():
        return str(obj["id"]).strip()
    return None


__all__ = ["KNOWN_SUFFIXES", "read_paths"]
