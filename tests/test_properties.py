"""Property tests for the parsers the other suites exercise only by example: attribution,
HTML cleaning, JSON Lines and WARC reading, and a 10 MB single-line document.

Each property holds for any input hypothesis draws: nothing but a typed warledger error
escapes, and every span a parser returns lies inside the text it was given.
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warledger.annotate.attribution import find_sources
from warledger.api import extract_text
from warledger.clean import body_spans
from warledger.errors import WarledgerError
from warledger.ingest import read_paths
from warledger.model import Document, Skipped

# words reports are made of, so that drawn text hits the parsers' interesting paths
WORDS = st.sampled_from(
    "said the air force Governor Oleh Syniehubov according to Ukraine's military reported on Telegram "
    'killed injured 12 drones missiles in Kharkiv region , . " ’ — ( ) told Reuters he it they were was '
    "<p> </p> <div> <script> &amp; &#x2019; <br> \n".split(" ")
)
TEXTS = st.lists(WORDS, max_size=60).map(" ".join) | st.text(max_size=300)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXTS)
def test_attribution_sources_lie_inside_the_text(text):
    for start, end, source in find_sources(text, 0, len(text)):
        assert 0 <= start <= end <= len(text)
        if source is not None:
            assert source.strip() == source and source


@FAST
@given(TEXTS)
def test_cleaning_keeps_ordered_spans_inside_the_text(text):
    last = 0
    for start, end in body_spans(text):
        assert last <= start < end <= len(text)
        last = end


@FAST
@given(
    st.lists(
        st.one_of(
            st.builds(lambda t, i: json.dumps({"id": f"r{i}", "text": t}), TEXTS, st.integers(0, 99)),
            st.builds(lambda h: json.dumps({"html": h}), TEXTS),
            st.text(max_size=80),  # not JSON at all
            st.just("[1, 2, 3]"),
            st.just('{"id": "x"}'),
            st.just('{"text": 5}'),
        ),
        max_size=8,
    )
)
def test_json_lines_yield_one_item_per_line_and_never_raise(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("jsonl") / "batch.jsonl"
    body = "\n".join(line.replace("\n", " ") for line in lines)
    path.write_text(body, encoding="utf-8", errors="surrogatepass")
    items = list(read_paths([path]))
    # a blank line is one of JSON's whitespace only (bytes.strip: "\x1c" or "\u2028" alone is a bad record)
    expected = sum(1 for line in body.encode("utf-8", "surrogatepass").split(b"\n") if line.strip())
    assert all(isinstance(i, (Document, Skipped)) for i in items)
    if expected == 0:  # an empty batch file is at most one skip (0 bytes), with its reason
        assert len(items) <= 1 and all(isinstance(i, Skipped) for i in items)
    else:
        assert len(items) == expected


def _warc_record(uri: str, html: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2025-09-03T06:00:00Z\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


@FAST
@given(html=TEXTS, cut=st.integers(0, 400))
def test_warc_reading_never_raises_even_when_cut(tmp_path_factory, html, cut):
    record = _warc_record(
        "https://example.org/a", f"<html><body><p>{html}</p></body></html>".encode("utf-8", "surrogatepass")
    )
    raw = gzip.compress(record)
    path = tmp_path_factory.mktemp("warc") / "crawl.warc.gz"
    path.write_bytes(raw[: max(0, len(raw) - cut)])
    for item in read_paths([path]):
        assert isinstance(item, (Document, Skipped))


@pytest.mark.timeout(300)
def test_ten_megabyte_single_line_document_finishes():
    """A 10 MB line of report-like text: bounded work per sentence keeps it linear."""
    unit = "Russia launched 40 drones at Kyiv and air defences shot down 35 of them, the air force said "
    text = unit * (10_000_000 // len(unit))
    assert len(text) >= 9_900_000 and "\n" not in text
    try:
        doc = extract_text(text, doc_id="ten-mb", published="2025-09-03")
    except WarledgerError:
        return
    assert all(0 <= f.evidence[0] < f.evidence[1] <= len(text) for f in doc.facts)


def test_gzip_of_a_json_lines_batch_reads_like_the_plain_file(tmp_path):
    lines = [json.dumps({"id": "a", "text": "Russia launched 40 drones overnight, the air force said."})]
    plain = tmp_path / "b.jsonl"
    plain.write_text("\n".join(lines), encoding="utf-8")
    packed = tmp_path / "c.jsonl.gz"
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb") as gz:
        gz.write("\n".join(lines).encode())
    packed.write_bytes(buf.getvalue())
    a = [d.text for d in read_paths([plain]) if isinstance(d, Document)]
    b = [d.text for d in read_paths([packed]) if isinstance(d, Document)]
    assert a == b and Path(packed).exists()


@pytest.mark.timeout(120)
@pytest.mark.parametrize("depth", [1_000, 20_000])
def test_deeply_nested_html_is_read_or_refused_with_a_reason(tmp_path, depth):
    """HTML nested thousands of levels deep: trafilatura/lxml may refuse it, but the reader
    answers with a Document or one Skipped, never an exception or a hang."""
    inner = "<p>Russia launched 40 drones at Kyiv overnight, the air force said.</p>"
    page = "<html><body>" + "<div>" * depth + inner + "</div>" * depth + "</body></html>"
    path = tmp_path / "nested.html"
    path.write_text(page, encoding="utf-8")
    items = list(read_paths([path]))
    assert len(items) == 1 and isinstance(items[0], (Document, Skipped))
