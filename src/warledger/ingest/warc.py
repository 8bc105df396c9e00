"""Read web crawls (WARC, WARC.gz as CC-NEWS publishes them) into ``Document`` objects.

Takes: a ``.warc`` or ``.warc.gz`` file. Adds: for every ``response`` record whose payload
is an HTML page, a ``Document`` (``id`` = the record's WARC-Record-ID, or a hash of its
target URI when it has none; ``url`` = WARC-Target-URI; ``published`` = the page's own date,
else the crawl date (WARC-Date); ``text`` via the HTML path of ``readers``). Other record
types (``warcinfo``, ``request``, ``metadata``, ...) are not reports and are passed over.

Nothing bad in a crawl raises: a binary (non-HTML) payload, a record cut short of its
Content-Length, a corrupt or truncated gzip member each become a ``Skipped`` with a reason,
and the rest of the file is still read where the format allows it.

Reading is split in two so a batch can do the cheap half in one process and the costly
half (HTML -> text) in workers: ``iter_pages`` yields ``RawPage`` records (bytes and
headers, no parsing of HTML) and ``page_document`` turns one into a ``Document``.
``read_warc`` is both halves in one stream; ``readers.read_paths`` calls it for WARC files.

The WARC parser is FastWARC (imported inside the functions: a plain-text run should not
load it).
"""

from __future__ import annotations

import hashlib
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import BadRecord, BinaryDocument, EncodingError, InputError, TooLarge, WarledgerError
from ..model import Document, Skipped

WARC_SUFFIXES = (".warc.gz", ".warc")

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# A gzip member bigger than this is not one record of a per-record-gzip crawl (CC-NEWS
# compresses each record on its own); it is skipped rather than held in memory.
MAX_MEMBER_BYTES = 256 * 1024 * 1024
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class RawPage:
    """One ``response`` record, not yet parsed as HTML: what a worker needs to finish it."""

    id: str
    origin: str
    url: str | None
    crawled: date | None  # WARC-Date: the fallback publication date
    payload: bytes
    content_type: str | None
    charset: str | None
    published: date | None = None  # the caller's date for pages that carry none


def read_warc(
    path: str | Path, published: date | None = None, max_bytes: int = 10_000_000
) -> Iterator[Document | Skipped]:
    """Stream a ``Document`` or ``Skipped`` for every response record of a WARC file."""
    for item in iter_pages(path, published, max_bytes):
        yield item if isinstance(item, Skipped) else page_item(item)


def page_item(page: RawPage) -> Document | Skipped:
    """``page_document``, with a failure as a ``Skipped`` instead of an exception."""
    try:
        return page_document(page)
    except WarledgerError as err:
        return Skipped(page.id, page.origin, err.code, err.message)


def page_document(page: RawPage) -> Document:
    """The article of one page (``readers._from_html``); raises a ``WarledgerError``."""
    from .readers import _decode, _from_html, _plain

    try:
        text = _decode(page.payload, "payload")
    except EncodingError:
        # Crawled pages are often in a legacy charset; the HTTP header names it. Binary data
        # was already refused by _decode (NUL bytes, control characters) before this point.
        charset = (
            page.charset if page.charset and page.charset.lower().replace("-", "") != "utf8" else "cp1252"
        )
        try:
            text = page.payload.decode(charset, errors="replace")
        except LookupError:
            text = page.payload.decode("cp1252", errors="replace")
    if page.content_type == "text/plain":
        return Document(
            id=page.id,
            text=_plain(text),
            published=page.crawled or page.published,
            url=page.url,
            origin=page.origin,
        )
    # The page's own date first (published=None), then the crawl's, then the caller's.
    doc = _from_html(text, page.id, page.origin, None, page.url, None)
    if doc.published is None:
        doc = doc.with_(published=page.crawled or page.published)
    return doc


def iter_pages(
    path: str | Path, published: date | None = None, max_bytes: int = 10_000_000
) -> Iterator[RawPage | Skipped]:
    """The response records of a WARC file as ``RawPage`` (or ``Skipped``), in file order."""
    path = Path(path)
    origin = str(path)
    stem = _stem(path)
    try:
        if not path.is_file():
            raise InputError(f"{path} is not a regular file" if path.exists() else f"no such file: {path}")
        if path.stat().st_size == 0:
            raise InputError("WARC file is empty (0 bytes)")
        fh = path.open("rb")
    except WarledgerError as err:
        yield Skipped(stem, origin, err.code, err.message)
        return
    except OSError as exc:
        yield Skipped(stem, origin, InputError.code, f"cannot read {path}: {exc.strerror or exc}")
        return
    with fh:
        counter = _Counter()
        if path.name.lower().endswith(".gz"):
            yield from _gzip_pages(fh, origin, stem, published, max_bytes, counter)
        else:
            yield from _stream_pages(fh, origin, stem, published, max_bytes, counter, where=None)


class _Counter:
    """Response records seen so far in a file: record numbers for origins and ids."""

    __slots__ = ("n",)

    def __init__(self) -> None:
        self.n = 0


def _gzip_pages(
    fh, origin: str, stem: str, published: date | None, max_bytes: int, counter: _Counter
) -> Iterator[RawPage | Skipped]:
    """One gzip member at a time (CC-NEWS: one record per member), so that a corrupt
    record costs only its own member and a truncated file every record before the cut."""
    buf = b""
    offset = 0  # compressed offset of the member being read
    while True:
        if not buf:
            buf = fh.read(_CHUNK)
            if not buf:
                return
        member_at = offset
        dec = zlib.decompressobj(zlib.MAX_WBITS | 16)
        out = io.BytesIO()
        size = 0
        too_big = False
        try:
            while True:
                data = dec.decompress(buf)
                consumed = len(buf) - len(dec.unused_data)
                offset += consumed
                if not too_big:
                    size += len(data)
                    if size > MAX_MEMBER_BYTES:
                        too_big = True  # keep decompressing to find the member's end, keep nothing
                        out = io.BytesIO()
                    else:
                        out.write(data)
                if dec.eof:
                    buf = dec.unused_data
                    break
                buf = fh.read(_CHUNK)
                if not buf:
                    yield Skipped(
                        f"{stem}@{member_at}",
                        f"{origin}@{member_at}",
                        InputError.code,
                        f"gzip stream is truncated (ends inside the member at byte {member_at}); nothing after it can be read",
                    )
                    return
        except zlib.error as exc:
            yield Skipped(
                f"{stem}@{member_at}",
                f"{origin}@{member_at}",
                InputError.code,
                f"corrupt gzip data at byte {member_at}: {exc}; nothing after it can be read",
            )
            return
        if too_big:
            yield Skipped(
                f"{stem}@{member_at}",
                f"{origin}@{member_at}",
                TooLarge.code,
                f"gzip member at byte {member_at} is over {MAX_MEMBER_BYTES:,} bytes uncompressed (not one record per member)",
            )
            continue
        out.seek(0)
        yield from _stream_pages(out, origin, stem, published, max_bytes, counter, where=member_at)


def _stream_pages(
    stream,
    origin: str,
    stem: str,
    published: date | None,
    max_bytes: int,
    counter: _Counter,
    where: int | None,
) -> Iterator[RawPage | Skipped]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    base = where or 0
    try:
        for rec in ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True):
            counter.n += 1
            pos = base + (rec.stream_pos if where is None else 0)
            yield _page(rec, origin, stem, pos, counter.n, published, max_bytes)
    except Exception as exc:  # FastWARC raises OSError/ValueError on malformed headers
        at = str(base) if where is not None else "?"
        yield Skipped(
            f"{stem}@{at}",
            f"{origin}@{at}",
            BadRecord.code,
            f"malformed WARC record after response record {counter.n}: {type(exc).__name__}: {exc}"
            + ("" if where is not None else "; nothing after it can be read"),
        )


def _page(
    rec, origin: str, stem: str, pos: int, n: int, published: date | None, max_bytes: int
) -> RawPage | Skipped:
    uri = rec.headers.get("WARC-Target-URI") or None
    rid = (rec.record_id or "").strip().strip("<>")
    doc_id = rid or (
        "uri:" + hashlib.sha256(uri.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        if uri
        else f"{stem}:{n}"
    )
    where = f"{origin}@{pos}"
    try:
        expected = rec.content_length
        if expected > max_bytes:
            raise TooLarge(f"payload is {expected:,} bytes, over the {max_bytes:,}-byte limit")
        payload = rec.reader.read(max_bytes + 1)
        if len(payload) < expected:
            raise BadRecord(f"record is truncated: {len(payload):,} of {expected:,} payload bytes")
        ctype = (rec.http_content_type or "").split(";")[0].strip().lower() or None
        if ctype is not None and ctype not in HTML_TYPES and ctype != "text/plain":
            raise BinaryDocument(f"payload is {ctype}, not an HTML page")
        if not payload.strip():
            raise BadRecord("response record has an empty payload")
        crawled = rec.record_date.date() if rec.record_date is not None else None
    except WarledgerError as err:
        return Skipped(doc_id, where, err.code, err.message)
    return RawPage(doc_id, where, uri, crawled, payload, ctype, rec.http_charset, published)


def _stem(path: Path) -> str:
    name = path.name
    for suffix in WARC_SUFFIXES:
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return path.stem or name


__all__ = ["WARC_SUFFIXES", "RawPage", "iter_pages", "page_document", "page_item", "read_warc"]
