"""Tests for warledger.ingest: every reader path, and every kind of bad input as a Skipped."""

from __future__ import annotations

import gzip
import io
import json
import pathlib
import sys
from datetime import date
from pathlib import Path

import pytest

from warledger.errors import (
    BadRecord,
    BinaryDocument,
    EmptyDocument,
    EncodingError,
    InputError,
    NoArticle,
    TooLarge,
)
from warledger.ingest import read_paths
from warledger.model import Document, Skipped

FIXTURES = Path(__file__).parent / "fixtures"
from conftest import CORPUS  # noqa: E402

SEED = CORPUS / "seed-2025-09-03-reuters-502-drones.txt"

PROSE = "Drones struck a depot overnight, the governor said.\nTwo workers were hurt.\n"


def one(paths, **kw) -> Document | Skipped:
    items = list(read_paths(paths, **kw))
    assert len(items) == 1, items
    return items[0]


def assert_skipped(item, code: str, *words: str) -> Skipped:
    assert isinstance(item, Skipped), item
    assert item.code == code, item
    assert item.reason and "\n" not in item.reason
    for w in words:
        assert w in item.reason, item.reason
    return item


# --- plain text -------------------------------------------------------------------------


def test_txt_file_becomes_document(tmp_path):
    p = tmp_path / "report-1.txt"
    p.write_bytes(b"Title line\r\nFirst paragraph here.\r\n")
    doc = one([p], published=date(2024, 5, 1))
    assert isinstance(doc, Document)
    assert doc.id == "report-1"
    assert doc.text == "Title line\nFirst paragraph here.\n"
    assert doc.published == date(2024, 5, 1)
    assert doc.origin == str(p)


def test_txt_keeps_characters_and_strips_bom(tmp_path):
    p = tmp_path / "bom.txt"
    body = "“Quoted” — dash,  two  spaces\tand tab\n"
    p.write_bytes(b"\xef\xbb\xbf" + body.encode())
    assert one([p]).text == body


def test_accepts_str_paths_and_returns_iterator(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(PROSE)
    it = read_paths([str(p)])
    assert iter(it) is it
    assert next(it).id == "a"


def test_seed_file_reads_verbatim():
    if not SEED.exists():
        pytest.skip("dev corpus not present")
    doc = one([SEED])
    assert doc.id == SEED.stem
    assert doc.text == SEED.read_text(encoding="utf-8").replace("\r\n", "\n")


# --- bad single files ----------------------------------------------------------------------


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    item = assert_skipped(one([p]), EmptyDocument.code, "empty")
    assert item.id == "empty" and item.origin == str(p)


def test_whitespace_only_file(tmp_path):
    p = tmp_path / "blank.txt"
    p.write_text("  \n\n\t \n")
    assert_skipped(one([p]), EmptyDocument.code, "whitespace")


def test_binary_file_with_nul(tmp_path):
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert_skipped(one([p]), BinaryDocument.code, "binary", "NUL")


def test_binary_file_mostly_control_characters(tmp_path):
    p = tmp_path / "ctrl.txt"
    p.write_bytes(bytes(range(1, 9)) * 50 + b"some text")
    assert_skipped(one([p]), BinaryDocument.code, "control")


def test_invalid_utf8_says_offset(tmp_path):
    p = tmp_path / "latin1.txt"
    p.write_bytes(b"Kyiv caf" + b"\xe9 strike\n")
    assert_skipped(one([p]), EncodingError.code, "UTF-8", "byte offset 8", "0xe9")


def test_utf16_is_an_encoding_error(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes("Drones struck.".encode("utf-16"))
    assert_skipped(one([p]), EncodingError.code, "UTF-16")


def test_missing_path_is_skipped(tmp_path):
    p = tmp_path / "nope.txt"
    item = assert_skipped(one([p]), InputError.code, "no such file")
    assert item.id == "nope"


def test_unknown_extension_given_explicitly(tmp_path):
    p = tmp_path / "notes.docx"
    p.write_text(PROSE)
    assert_skipped(one([p]), InputError.code, "unknown file type")


def test_small_max_bytes(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("x" * 200)
    assert_skipped(one([p], max_bytes=100), TooLarge.code, "200", "100")


def test_50mb_file_rejected_by_size_without_reading(tmp_path, monkeypatch):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written to disk
    real_open = pathlib.Path.open

    def guarded_open(self, *a, **kw):
        if Path(self) == p:
            raise AssertionError("the oversized file was opened")
        return real_open(self, *a, **kw)

    monkeypatch.setattr(pathlib.Path, "open", guarded_open)
    item = assert_skipped(one([p]), TooLarge.code, "52,428,800", "10,000,000")
    assert item.id == "huge"


# --- HTML ------------------------------------------------------------------------------------


def test_html_file_extracts_article_and_metadata():
    doc = one([FIXTURES / "article.html"])
    assert isinstance(doc, Document)
    assert doc.id == "article"
    assert "shot down 17 of the 21 drones" in doc.text
    assert "3,000 homes" in doc.text
    for junk in ("We use cookies", "Accept all cookies", "Privacy policy", "Election results", "Copyright"):
        assert junk not in doc.text
    assert doc.title == "Drones strike grain terminal in southern port"
    assert doc.url == "https://news.example.org/world/drones-strike-grain-terminal"
    assert doc.published == date(2024, 3, 14)
    # paragraphs come out one per line
    assert doc.text.count("\n") >= 3


def test_html_published_argument_wins_over_metadata():
    doc = one([FIXTURES / "article.html"], published=date(2024, 3, 20))
    assert doc.published == date(2024, 3, 20)


def test_html_without_article_is_no_article():
    item = assert_skipped(one([FIXTURES / "nav_only.html"]), NoArticle.code, "no article")
    assert item.id == "nav_only"


# --- directories -----------------------------------------------------------------------------


def test_directory_mixed_batch(tmp_path):
    d = tmp_path / "batch"
    (d / "sub").mkdir(parents=True)
    (d / "b-good.txt").write_text(PROSE)
    (d / "a-empty.txt").write_bytes(b"")
    (d / "c-binary.txt").write_bytes(b"\x00\x01\x02abc")
    (d / "d-latin1.txt").write_bytes(b"caf\xe9\n")
    (d / "e-page.html").write_bytes((FIXTURES / "article.html").read_bytes())
    (d / "f-nav.htm").write_bytes((FIXTURES / "nav_only.html").read_bytes())
    (d / "notes.md").write_text("ignored")
    (d / "photo.png").write_bytes(b"\x89PNG\x00")
    (d / "sub" / "g-good.txt").write_text(PROSE)
    (d / "sub" / "h.jsonl").write_text(json.dumps({"id": "rec", "text": PROSE}) + "\n" + "oops\n")
    items = list(read_paths([d]))
    got = [(type(i).__name__, i.id, getattr(i, "code", None)) for i in items]
    assert got == [
        ("Skipped", "a-empty", EmptyDocument.code),
        ("Document", "b-good", None),
        ("Skipped", "c-binary", BinaryDocument.code),
        ("Skipped", "d-latin1", EncodingError.code),
        ("Document", "e-page", None),
        ("Skipped", "f-nav", NoArticle.code),
        ("Document", "g-good", None),
        ("Document", "rec", None),
        ("Skipped", "h:2", BadRecord.code),
    ]


def test_directory_is_streamed(tmp_path):
    """The first document comes out before later files are touched."""
    (tmp_path / "a.txt").write_text(PROSE)
    (tmp_path / "b.txt").write_text(PROSE)
    it = read_paths([tmp_path])
    assert next(it).id == "a"
    (tmp_path / "b.txt").unlink()  # gone by the time the reader gets to it
    assert_skipped(next(it), InputError.code)
    assert list(it) == []


def test_several_paths_in_order_with_missing_one(tmp_path):
    (tmp_path / "x.txt").write_text(PROSE)
    (tmp_path / "y.txt").write_text(PROSE)
    items = list(read_paths([tmp_path / "x.txt", tmp_path / "missing", tmp_path / "y.txt"]))
    assert [type(i).__name__ for i in items] == ["Document", "Skipped", "Document"]
    assert items[1].code == InputError.code


# --- JSON Lines ------------------------------------------------------------------------------


def _jsonl_lines() -> list[str]:
    html = (FIXTURES / "article.html").read_text(encoding="utf-8")
    return [
        json.dumps(
            {"id": "r1", "text": PROSE, "published": "2024-02-01", "url": "https://e.org/1", "title": "T"}
        ),
        json.dumps({"text": "No id here.\r\nSecond line.", "published": "2024-02-02T08:15:00Z"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "r5", "title": "no text"}),
        "",
        json.dumps({"id": "r7", "text": "   "}),
        json.dumps({"id": "r8", "text": 42}),
        json.dumps({"id": "r9", "html": html}),
        json.dumps({"id": "r10", "html": "<html><body><nav>Home</nav></body></html>"}),
        json.dumps({"id": "r11", "text": PROSE, "published": "last Tuesday"}),
    ]


def test_jsonl_mixed_good_and_bad(tmp_path):
    p = tmp_path / "feed.jsonl"
    p.write_text("\n".join(_jsonl_lines()) + "\n")
    items = list(read_paths([p], published=date(2023, 1, 1)))
    by_origin = {i.origin: i for i in items}
    assert len(items) == 10  # the blank line 6 is not a record
    r1 = by_origin[f"{p}:1"]
    assert (r1.id, r1.published, r1.url, r1.title, r1.text) == (
        "r1",
        date(2024, 2, 1),
        "https://e.org/1",
        "T",
        PROSE,
    )
    r2 = by_origin[f"{p}:2"]
    assert r2.id == "feed:2" and r2.published == date(2024, 2, 2) and r2.text == "No id here.\nSecond line."
    assert_skipped(by_origin[f"{p}:3"], BadRecord.code, "not JSON")
    assert_skipped(by_origin[f"{p}:4"], BadRecord.code, "list", "not an object")
    r5 = assert_skipped(by_origin[f"{p}:5"], BadRecord.code, '"text"', '"html"')
    assert r5.id == "r5"
    assert_skipped(by_origin[f"{p}:7"], BadRecord.code, "non-empty")
    assert_skipped(by_origin[f"{p}:8"], BadRecord.code, "string")
    r9 = by_origin[f"{p}:9"]
    assert isinstance(r9, Document) and "17 of the 21 drones" in r9.text
    assert r9.published == date(2023, 1, 1)  # the argument beats the page's metadata
    assert r9.title == "Drones strike grain terminal in southern port"
    assert_skipped(by_origin[f"{p}:10"], NoArticle.code)
    r11 = by_origin[f"{p}:11"]
    assert r11.published == date(2023, 1, 1) and "last Tuesday" in r11.notes[0]


def test_jsonl_html_date_from_metadata_when_nothing_else(tmp_path):
    p = tmp_path / "h.jsonl"
    p.write_text(json.dumps({"html": (FIXTURES / "article.html").read_text(encoding="utf-8")}) + "\n")
    doc = one([p])
    assert doc.id == "h:1" and doc.published == date(2024, 3, 14)


def test_jsonl_invalid_utf8_line(tmp_path):
    p = tmp_path / "enc.jsonl"
    good = json.dumps({"id": "ok", "text": PROSE}).encode() + b"\n"
    p.write_bytes(good + b'{"id": "bad", "text": "caf\xe9"}\n' + good)
    items = list(read_paths([p]))
    assert [type(i).__name__ for i in items] == ["Document", "Skipped", "Document"]
    assert_skipped(items[1], EncodingError.code, f"byte offset {len(good) + 26}")


def test_jsonl_overlong_line_skipped_and_rest_read(tmp_path):
    p = tmp_path / "long.jsonl"
    big = json.dumps({"id": "big", "text": "y" * 5000})
    p.write_text(big + "\n" + json.dumps({"id": "small", "text": PROSE}) + "\n")
    items = list(read_paths([p], max_bytes=1000))
    assert_skipped(items[0], TooLarge.code, "1,000")
    assert items[1].id == "small"
    assert len(items) == 2


def test_jsonl_gz(tmp_path):
    p = tmp_path / "feed.jsonl.gz"
    with gzip.open(p, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "g1", "text": PROSE}) + "\n")
        fh.write("[]\n")
        fh.write(json.dumps({"text": PROSE}) + "\n")
    items = list(read_paths([p]))
    assert [i.id for i in items] == ["g1", "feed:2", "feed:3"]
    assert_skipped(items[1], BadRecord.code)
    assert items[2].origin == f"{p}:3"


def test_corrupt_gzip_does_not_raise(tmp_path):
    p = tmp_path / "broken.jsonl.gz"
    p.write_bytes(b"this is not gzip data at all\n")
    item = assert_skipped(one([p]), InputError.code)
    assert item.id.startswith("broken")


def test_empty_jsonl_file(tmp_path):
    p = tmp_path / "none.jsonl"
    p.write_bytes(b"")
    assert_skipped(one([p]), EmptyDocument.code)


def test_stdin_jsonl(monkeypatch):
    data = (json.dumps({"id": "s1", "text": PROSE}) + "\n" + "nope\n").encode()

    class FakeStdin:
        buffer = io.BytesIO(data)

    monkeypatch.setattr(sys, "stdin", FakeStdin())
    items = list(read_paths(["-"]))
    assert items[0].id == "s1" and isinstance(items[0], Document)
    assert_skipped(items[1], BadRecord.code)
    assert items[1].origin.endswith(":2")


def test_unlistable_subdirectory_is_skipped(tmp_path, monkeypatch):
    import os

    (tmp_path / "a.txt").write_text(PROSE)
    real_walk = os.walk

    def walk_with_error(top, onerror=None, followlinks=False):
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "locked")))
        yield from real_walk(top, onerror=onerror, followlinks=followlinks)

    monkeypatch.setattr(os, "walk", walk_with_error)
    items = list(read_paths([tmp_path]))
    assert_skipped(items[0], InputError.code, "cannot list directory", "Permission denied")
    assert items[0].id == "locked"
    assert items[1].id == "a"


def test_single_path_not_in_a_list(tmp_path):
    p = tmp_path / "solo.txt"
    p.write_text(PROSE)
    assert one(str(p)).id == "solo"
