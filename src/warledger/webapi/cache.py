"""A response cache for the API's reads, keyed by the ledger's write version: never stale.

Every write transaction counts the ledger's write version up as it commits
(``SqlStore.write_version``, one row). ``ResponseCache`` answers a ``GET /api/...`` by
reading that number first (one indexed read) and then:

- the same path and query were answered at this version: the stored bytes go out again,
  without routing, validation, SQL or JSON (an ``If-None-Match`` naming its ETag, a digest
  of the bytes: 304);
- else the app answers, and a 200 is kept under the version read *before* it ran, so a
  kept answer is never older than its key: a write committed meanwhile makes the key old,
  and the next request reads the new number and misses.

A new version empties the cache at once (nothing from an older one can be served again).
Writes from another process (``warledger ingest`` into the database the server reads)
count the same number, so they invalidate this server's cache, and every worker's, on
their next request. Only writes made around warledger (by hand, in SQL) are not seen.

Bounded: at most ``max_bytes`` of bodies, none over ``max_entry``; the least recently used
goes first. ``X-Cache: hit`` / ``miss`` says which path answered (for benchmarks).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Whole answers kept in memory, per server process: a few hundred pages of events.
MAX_BYTES = 128 * 1024 * 1024
# A bigger answer (the unfiltered time series of a long ledger, a long report's detail)
# is worth keeping most of all; past this, it is answered anew each time.
MAX_ENTRY = 32 * 1024 * 1024
PREFIX = "/api/"


class ResponseCache:
    """ASGI middleware: cached ``GET /api/*`` answers, keyed by ``version()`` (module docstring)."""

    def __init__(
        self,
        app: ASGIApp,
        version: Callable[[], int],
        max_bytes: int = MAX_BYTES,
        max_entry: int = MAX_ENTRY,
    ):
        self.app = app
        self.version = version
        self.max_bytes = max_bytes
        self.max_entry = max_entry
        self._version: int | None = None
        self._entries: OrderedDict[bytes, tuple[int, list[tuple[bytes, bytes]], bytes, bytes]] = OrderedDict()
        self._size = 0
        self.hits = 0
        self.misses = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope.get("method") not in ("GET", "HEAD")
            or not scope.get("path", "").startswith(PREFIX)
        ):
            await self.app(scope, receive, send)
            return
        # A blocking read on the event loop, on purpose: one indexed row is cheaper than the
        # hop to the thread pool it would otherwise take.
        version = self.version()
        if version != self._version:
            self._entries.clear()
            self._size = 0
            self._version = version
        key = (
            scope.get("method", "GET").encode()
            + b" "
            + scope["path"].encode()
            + b"?"
            + scope.get("query_string", b"")
        )
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
            self.hits += 1
            await self._replay(scope, send, entry)
            return
        self.misses += 1
        await self._record(scope, receive, send, key, version)

    async def _replay(
        self, scope: Scope, send: Send, entry: tuple[int, list[tuple[bytes, bytes]], bytes, bytes]
    ) -> None:
        status, headers, body, etag = entry
        if etag in _if_none_match(scope):
            await send({"type": "http.response.start", "status": 304, "headers": _not_modified(headers)})
            await send({"type": "http.response.body", "body": b""})
            return
        await send(
            {"type": "http.response.start", "status": status, "headers": [*headers, (b"x-cache", b"hit")]}
        )
        await send({"type": "http.response.body", "body": b"" if scope.get("method") == "HEAD" else body})

    async def _record(self, scope: Scope, receive: Receive, send: Send, key: bytes, version: int) -> None:
        start: dict[str, Any] = {}
        chunks: list[bytes] = []
        keep = True

        async def capture(message: Message) -> None:
            nonlocal keep
            if message["type"] == "http.response.start":
                start.update(message)
                keep = message["status"] == 200 and not any(
                    k.lower() == b"set-cookie" for k, _ in message.get("headers", [])
                )
                if not keep:  # an error, or the like: passed on as it is
                    await send(message)
                return  # else sent with the body, once its ETag is known
            if message["type"] != "http.response.body" or not keep:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = b"".join(chunks)
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"etag"]
            # the body's own digest: a write that leaves this answer as it was keeps its ETag,
            # so a client holding it still gets a 304
            etag = b'W/"' + hashlib.blake2b(body, digest_size=16).hexdigest().encode() + b'"'
            if scope.get("method") != "GET":
                keep = False
            headers.append((b"etag", etag))
            if len(body) <= self.max_entry and keep:
                self._store(key, (start["status"], headers, body, etag), version)
            if keep and etag in _if_none_match(scope):
                await send({"type": "http.response.start", "status": 304, "headers": _not_modified(headers)})
                await send({"type": "http.response.body", "body": b""})
                return
            await send({**start, "headers": [*headers, (b"x-cache", b"miss")]})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, capture)

    def _store(
        self, key: bytes, entry: tuple[int, list[tuple[bytes, bytes]], bytes, bytes], version: int
    ) -> None:
        if version != self._version:
            return  # a newer version was seen while this request ran: its answer may be older
        old = self._entries.pop(key, None)
        if old is not None:
            self._size -= len(old[2])
        self._entries[key] = entry
        self._size += len(entry[2])
        while self._size > self.max_bytes and self._entries:
            _, dropped = self._entries.popitem(last=False)
            self._size -= len(dropped[2])


def _if_none_match(scope: Scope) -> set[bytes]:
    for k, v in scope.get("headers") or []:
        if k == b"if-none-match":
            return {t.strip() for t in v.split(b",")}
    return set()


def _not_modified(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    # a 304 carries the validator and caching headers, not the body's length or type
    return [(k, v) for k, v in headers if k.lower() not in (b"content-length", b"content-type")]
