"""Who published a report: the outlet behind a document, from its URL.

    publisher("https://www.voanews.com/a/...")  -> "Voice of America"
    publisher("https://example.org/news/1")     -> "example.org"
    publisher(None)                             -> None

A fact's ``source`` is who the report says stated the figure ("Ukraine's air force"), or
nothing; the *publisher* is the outlet that carried the report. Exports and the API give
both, and never stand a document id in for either. Known outlets are listed, host by host,
in ``data/publishers.tsv``; any other web address is named by its host.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

DATA = Path(__file__).resolve().parent / "data" / "publishers.tsv"


@lru_cache(maxsize=1)
def _outlets() -> dict[str, tuple[str, str]]:
    """host -> (publisher, ACLED source scale)."""
    out: dict[str, tuple[str, str]] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("host\t"):
            continue
        host, name, scale = (line.split("\t") + ["", ""])[:3]
        out[host.strip().lower()] = (name.strip(), scale.strip())
    return out


def host_of(url: str | None) -> str | None:
    """The lower-case host of a web URL without ``www.`` (None for anything not http(s))."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").rstrip(".").lower()
    except ValueError:
        return None
    if host.startswith("www."):
        host = host[4:]
    return host or None


def _outlet(host: str) -> tuple[str, str] | None:
    outlets = _outlets()
    labels = host.split(".")
    for i in range(len(labels) - 1):  # the host itself, then each parent domain
        found = outlets.get(".".join(labels[i:]))
        if found:
            return found
    return None


@lru_cache(maxsize=4096)
def publisher(url: str | None, named: str | None = None) -> str | None:
    """The outlet that published a report: the one its own metadata ``named`` (SOURCES.tsv,
    a JSON Lines field, the page's site name), else the listed outlet of ``url``'s host,
    else the host itself."""
    if named and named.strip():
        return named.strip()
    host = host_of(url)
    if host is None:
        return None
    found = _outlet(host)
    return found[0] if found else host


@lru_cache(maxsize=1)
def _scales_by_name() -> dict[str, str]:
    return {name.casefold(): scale for name, scale in _outlets().values() if scale}


def source_scale(url: str | None, named: str | None = None) -> str | None:
    """ACLED's ``source_scale`` of the outlet (International, National, ...), when
    ``data/publishers.tsv`` lists it by the URL's host or by name."""
    host = host_of(url)
    found = _outlet(host) if host else None
    if found and found[1]:
        return found[1]
    return _scales_by_name().get(named.strip().casefold()) if named and named.strip() else None


__all__ = ["host_of", "publisher", "source_scale"]
