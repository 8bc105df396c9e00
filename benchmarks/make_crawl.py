"""Build a synthetic news crawl: a WARC (gzip per record, as CC-NEWS publishes it) from the dev corpus.

Each ``.txt`` report of ``<repo>/../shared/corpus/dev`` is wrapped into a simple HTML page
(title, ``article:published_time`` when ``SOURCES.tsv`` knows the date, one ``<p>`` per
paragraph, a navigation bar and a footer around it) and served as an HTTP ``response``
record; the corpus is cycled with a new URL and record id each time. Mixed in, at fixed
positions so that two crawls of the same size are byte-identical:

- pages that are not articles (a navigation-only index page),
- pages that are not English (Ukrainian, French, German), and English pages that are not
  about attacks (sport, a recipe),
- records of other types CC-NEWS also carries (``warcinfo``, ``request``, ``metadata``),
- broken records: a binary payload (``image/jpeg``), a "text/html" payload that is binary,
  and a payload cut short of its ``Content-Length``.

    .venv/bin/python benchmarks/make_crawl.py OUT.warc.gz --records 5000
    .venv/bin/python benchmarks/make_crawl.py OUT.warc.gz --records 200 --truncate 0.6

``--truncate F`` cuts the finished file at F of its size, mid gzip member (a download that
stopped). The functions (``write_crawl``, ``truncate``) are imported by tests and
``benchmarks/scale.py``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import html
import itertools
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "dev"

NON_ENGLISH = {
    "uk": (
        "Вночі російські війська атакували місто. За словами голови обласної адміністрації, "
        "пошкоджено кілька житлових будинків. Рятувальники працювали на місці до ранку. "
        "Мешканців закликають залишатися в укриттях під час повітряної тривоги."
    ),
    "fr": (
        "La ville a connu une nuit difficile, selon les autorités locales. Les habitants se sont "
        "réfugiés dans les abris jusqu'au matin. Le maire a annoncé que les écoles resteront "
        "fermées lundi et que les services municipaux travaillent sans relâche."
    ),
    "de": (
        "Die Stadtverwaltung teilte am Morgen mit, dass mehrere Wohnhäuser beschädigt wurden. "
        "Die Bewohner wurden aufgefordert, in den Schutzräumen zu bleiben. Der Bürgermeister "
        "kündigte an, dass die Schulen am Montag geschlossen bleiben."
    ),
}

OFF_TOPIC = (
    (
        "Local side wins cup final",
        "The home team won the regional cup final on Sunday after a late goal in extra time. "
        "Thousands of fans gathered in the central square to celebrate with the players. "
        "The coach said the squad had worked hard all season and deserved the trophy. "
        "The club will play in the national league next year for the first time in a decade.",
    ),
    (
        "A summer recipe for cold beetroot soup",
        "Cold beetroot soup is a favourite in the summer months. Boil the beetroot until it is "
        "soft, then grate it and mix it with kefir, chopped cucumber, dill and spring onions. "
        "Season with salt and a little lemon juice, and chill it for an hour before serving "
        "with a boiled egg and new potatoes.",
    ),
)

NAV_ONLY = (
    "<html><head><title>Sections</title></head><body><nav><ul>"
    '<li><a href="/world">World</a></li><li><a href="/europe">Europe</a></li>'
    '<li><a href="/sport">Sport</a></li></ul></nav></body></html>'
)


@dataclass(frozen=True)
class Report:
    stem: str
    text: str
    title: str | None
    published: str | None


def load_corpus(corpus: Path = DEFAULT_CORPUS) -> list[Report]:
    """The ``.txt`` reports of ``corpus``, with titles (first line) and dates from SOURCES.tsv."""
    dates: dict[str, str] = {}
    sources = corpus / "SOURCES.tsv"
    if sources.exists():
        with sources.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                if (row.get("published") or "").strip():
                    dates[row["file"]] = row["published"].strip()[:10]
    out = []
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out.append(Report(path.stem, text, None, dates.get(path.name)))
    if not out:
        raise SystemExit(f"no .txt reports in {corpus}")
    return out


def article_html(report: Report) -> str:
    """A news page around ``report``: the text in ``<p>`` paragraphs inside ``<article>``."""
    paras = [p.strip() for p in report.text.split("\n\n") if p.strip()]
    body = "\n".join(f"<p>{html.escape(' '.join(p.split()))}</p>" for p in paras)
    meta = (
        f'<meta property="article:published_time" content="{report.published}T08:00:00Z">'
        if report.published
        else ""
    )
    title = html.escape(report.title or report.stem.replace("-", " "))
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>{meta}</head>'
        '<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<article><h1>{title}</h1>\n{body}\n</article>"
        "<footer>&copy; Example News. All rights reserved.</footer></body></html>"
    )


def _simple_html(title: str, text: str, lang: str = "en") -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>'
        f"<body><article><h1>{html.escape(title)}</h1><p>{html.escape(text)}</p><p>{html.escape(text)}</p></article></body></html>"
    )


def _record(
    rtype: str,
    uri: str | None,
    when: datetime,
    block: bytes,
    content_type: str,
    rid: str,
    declared_length: int | None = None,
) -> bytes:
    headers = [
        "WARC/1.0",
        f"WARC-Type: {rtype}",
        f"WARC-Date: {when.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        f"WARC-Record-ID: <urn:uuid:{rid}>",
    ]
    if uri:
        headers.append(f"WARC-Target-URI: {uri}")
    headers += [
        f"Content-Type: {content_type}",
        f"Content-Length: {declared_length if declared_length is not None else len(block)}",
    ]
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def _http(body: bytes, content_type: str, declared_length: int | None = None) -> bytes:
    head = (
        "HTTP/1.1 200 OK\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {declared_length if declared_length is not None else len(body)}\r\n"
        "Server: example\r\n\r\n"
    )
    return head.encode() + body


@dataclass
class CrawlStats:
    """What went into a crawl, by kind of record (``response`` records only)."""

    articles: int = 0
    nav_only: int = 0
    non_english: int = 0
    off_topic: int = 0
    binary: int = 0
    truncated: int = 0
    other_records: int = 0  # warcinfo, request, metadata

    @property
    def responses(self) -> int:
        return (
            self.articles + self.nav_only + self.non_english + self.off_topic + self.binary + self.truncated
        )


def records(
    n: int,
    corpus: Path = DEFAULT_CORPUS,
    seed: int = 7,
    mix: bool = True,
    broken: bool = True,
    stats: CrawlStats | None = None,
    start: date = date(2024, 11, 1),
) -> Iterator[bytes]:
    """The raw WARC records (uncompressed) of an ``n``-response crawl, one at a time.

    Record ``i`` is special at fixed positions (with ``mix``/``broken``): every 10th a
    non-English page, every 15th (from 7) an off-topic one, every 23rd (from 11) a
    navigation page, every 29th (from 13) a binary payload, every 37th (from 19) one cut
    short. Everything else is an article.
    """
    stats = stats if stats is not None else CrawlStats()
    rng = random.Random(seed)
    reports = load_corpus(corpus)
    cycle = itertools.cycle(reports)
    crawl_start = datetime(start.year, start.month, start.day, tzinfo=UTC)

    def rid() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    info = b"software: warledger make_crawl\r\nformat: WARC File Format 1.0\r\n"
    yield _record("warcinfo", None, crawl_start, info, "application/warc-fields", rid())
    stats.other_records += 1
    langs = sorted(NON_ENGLISH)
    for i in range(n):
        when = crawl_start + timedelta(minutes=7 * i)
        declared: int | None = None
        ctype = "text/html; charset=utf-8"
        if mix and i % 10 == 9:
            lang = langs[(i // 10) % len(langs)]
            uri = f"https://news.example.org/{lang}/{i}.html"
            body = _simple_html("Новини" if lang == "uk" else "Nouvelles", NON_ENGLISH[lang], lang).encode()
            stats.non_english += 1
        elif mix and i % 15 == 7:
            title, text = OFF_TOPIC[(i // 15) % len(OFF_TOPIC)]
            uri = f"https://news.example.org/life/{i}.html"
            body = _simple_html(title, text).encode()
            stats.off_topic += 1
        elif mix and i % 23 == 11:
            uri = f"https://news.example.org/sections/{i}.html"
            body = NAV_ONLY.encode()
            stats.nav_only += 1
        elif broken and i % 29 == 13:
            uri = f"https://news.example.org/img/{i}.jpg"
            body = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + rng.randbytes(600)
            # every other one lies about its type: "text/html" with a binary body
            ctype = "image/jpeg" if (i // 29) % 2 == 0 else "text/html"
            stats.binary += 1
        elif broken and i % 37 == 19:
            report = next(cycle)
            uri = f"https://news.example.org/{i}/{report.stem}.html"
            full = article_html(report).encode()
            body = full[: len(full) // 3]
            declared = len(_http(full, ctype))  # the header promises the whole page
            stats.truncated += 1
        else:
            report = next(cycle)
            uri = f"https://news.example.org/{i}/{report.stem}.html"
            body = article_html(report).encode()
            stats.articles += 1
        # a request record before each response, as crawlers write them
        req = f"GET {uri} HTTP/1.1\r\nHost: news.example.org\r\n\r\n".encode()
        yield _record("request", uri, when, req, "application/http; msgtype=request", rid())
        stats.other_records += 1
        block = _http(body, ctype)
        yield _record("response", uri, when, block, "application/http; msgtype=response", rid(), declared)
        if i % 50 == 0:
            meta = f"fetchTimeMs: {rng.randint(20, 900)}\r\n".encode()
            yield _record("metadata", uri, when, meta, "application/warc-fields", rid())
            stats.other_records += 1


def write_crawl(
    path: str | Path,
    n: int,
    corpus: Path = DEFAULT_CORPUS,
    seed: int = 7,
    mix: bool = True,
    broken: bool = True,
) -> CrawlStats:
    """Write an ``n``-response crawl to ``path`` (``.warc.gz``: one gzip member per record,
    as CC-NEWS does; ``.warc``: uncompressed); returns what went into it."""
    path = Path(path)
    stats = CrawlStats()
    gz = path.name.endswith(".gz")
    with path.open("wb") as fh:
        for rec in records(n, corpus, seed, mix, broken, stats):
            # mtime=0: the same crawl twice is byte-identical
            fh.write(gzip.compress(rec, compresslevel=5, mtime=0) if gz else rec)
    return stats


def truncate(path: str | Path, fraction: float) -> int:
    """Cut ``path`` at ``fraction`` of its size (a download that stopped); returns the new size."""
    path = Path(path)
    size = int(path.stat().st_size * fraction)
    with path.open("r+b") as fh:
        fh.truncate(size)
    return size


def digest(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="output file (.warc.gz or .warc)")
    ap.add_argument("--records", type=int, default=5000, help="response records (default 5000)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--no-mix", action="store_true", help="articles only, no foreign/off-topic/navigation pages"
    )
    ap.add_argument("--no-broken", action="store_true", help="no binary or truncated records")
    ap.add_argument(
        "--truncate", type=float, default=None, metavar="F", help="cut the file at F (0-1) of its size"
    )
    args = ap.parse_args(argv)
    stats = write_crawl(args.out, args.records, args.corpus, args.seed, not args.no_mix, not args.no_broken)
    if args.truncate is not None:
        truncate(args.out, args.truncate)
    print(f"{args.out}: {stats.responses} responses {stats}")


if __name__ == "__main__":
    main()
