"""The HTTP API: ``create_app(store, settings) -> FastAPI``.

Routes are thin: each validates its parameters, calls one function of ``webapi.query`` (the
layer the dashboard shares) and returns what it gives. Reads are open; writes need
``Authorization: Bearer <token>``. Every error, whoever raises it (a route, the router's
404/405, request validation, the body-size limit, the per-client rate limit (429), an
unexpected exception), has one JSON shape:

    {"ok": false, "status": 422, "error": "one line", "errors": [...]}

The dashboard (``warledger.web``), when installed, mounts itself with ``warledger.web.mount(app)``.
"""

from __future__ import annotations

import dataclasses
import hmac
import logging
import math
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Path, Request
from fastapi import Query as Param
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__, vocabulary
from ..errors import WarledgerError
from ..store.base import Query, Store
from ..store.errors import StoreError
from . import query as ql
from .schemas import (
    AddOut,
    DocumentDetail,
    DocumentIn,
    DocumentPage,
    ErrorOut,
    EventDetail,
    EventPage,
    FactPage,
    HealthOut,
    RegionsOut,
    ReviewIn,
    ReviewPage,
    ReviewResultOut,
    TimeseriesOut,
    VocabularyOut,
)
from .settings import Settings, parse_rate

log = logging.getLogger("warledger.webapi")

# Documented on every route so the OpenAPI schema tells clients (and schemathesis) the error shape.
ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorOut, "description": "Invalid parameters or body"},
    429: {
        "model": ErrorOut,
        "description": "Too many requests from this client: retry after Retry-After seconds",
    },
    500: {"model": ErrorOut, "description": "Unexpected server error"},
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    400: {
        "model": ErrorOut,
        "description": "The body cannot be decoded (not UTF-8 JSON) or Content-Length is invalid",
    },
    401: {"model": ErrorOut, "description": "Missing or wrong bearer token"},
    403: {"model": ErrorOut, "description": "Writes are disabled: no token is configured"},
    413: {"model": ErrorOut, "description": "Request body too large"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    404: {"model": ErrorOut, "description": "No such item"},
}

NO_TOKEN_MESSAGE = (
    "writes are disabled: no API token is configured; set WARLEDGER_TOKEN "
    "or start the server with `warledger serve --token TOKEN`"
)


def error_response(
    status: int, error: str, errors: list[Any] | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    """The one error shape, as a response."""
    body = ErrorOut(status=status, error=error, errors=errors or []).model_dump()
    return JSONResponse(body, status_code=status, headers=headers)


# --- filters -------------------------------------------------------------------------------

DateParam = Annotated[str | None, Param(description="Inclusive, YYYY-MM-DD.", pattern=r"^\d{4}-\d{2}-\d{2}$")]
Limit = Annotated[int, Param(ge=1, le=ql.MAX_LIMIT, description="Page size.")]
Offset = Annotated[int, Param(ge=0, le=ql.MAX_OFFSET, description="Items to skip.")]
# The lists that page by keyset (``after``) take offsets up to ``MAX_DEEP_OFFSET``: a deeper
# offset makes the database walk every row before it, and ``after`` costs what page one does.
KeysetOffset = Annotated[
    int,
    Param(
        ge=0,
        le=ql.MAX_DEEP_OFFSET,
        description=f"Items to skip, at most {ql.MAX_DEEP_OFFSET:,}; deeper, page on with `after` (each page's `next`).",
    ),
]
KEYSET_HINT = "deeper pages by `after`, each page's `next` (an offset walks every row before it)"


ManyParam = list[str] | None


def _filters(
    request: Request,
    date_from: DateParam = None,
    date_to: DateParam = None,
    region: Annotated[
        ManyParam,
        Param(
            description="ISO 3166-2 code (UA-63) or a region's English name (Kharkiv Oblast, Kharkiv); repeat for any of several."
        ),
    ] = None,
    kind: Annotated[
        ManyParam, Param(description=f"One of {', '.join(vocabulary.KINDS)}; repeatable.")
    ] = None,
    measure: Annotated[
        ManyParam,
        Param(
            description=f"One of SCHEMA.md's measures ({', '.join(vocabulary.all_measures())}); repeatable."
        ),
    ] = None,
    weapon: Annotated[
        ManyParam, Param(description=f"One of {', '.join(vocabulary.weapons())}; repeatable.")
    ] = None,
    source: Annotated[
        str | None, Param(max_length=ql.MAX_TEXT, description="Substring of the source, any case.")
    ] = None,
    country: Annotated[ManyParam, Param(description="ISO alpha-2 (UA, RU, ...); repeatable.")] = None,
) -> dict[str, Any]:
    _refuse_unknown_params(request)
    return {
        "date_from": date_from,
        "date_to": date_to,
        "region": region,
        "kind": kind,
        "measure": measure,
        "weapon": weapon,
        "source": source,
        "country": country,
    }


def _query_names(dependant: Any) -> set[str]:
    """The query parameters a route takes, its dependencies' included."""
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


# filters that take one value: given twice, which one was meant cannot be guessed
SINGLE_VALUED = frozenset(
    {"date_from", "date_to", "source", "doc_id", "limit", "offset", "max_confidence", "bucket"}
)
_route_params: dict[int, frozenset[str]] = {}


def _refuse_unknown_params(request: Request) -> None:
    """422 for a query parameter the route does not take (``?from=`` for ``date_from`` would
    otherwise be ignored, and the answer look like a filtered one), or a single-valued one
    given twice."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = _route_params.get(id(route))
    if known is None:
        known = frozenset(_query_names(dependant))
        _route_params[id(route)] = known
    errors = [
        {"loc": ["query", name], "msg": f"unknown parameter {name[:40]!r}: this route takes {', '.join(sorted(known))}",
         "type": "extra_forbidden"}
        for name in dict.fromkeys(request.query_params.keys()) if name not in known
    ]  # fmt: skip
    errors += [
        {"loc": ["query", name], "msg": "given more than once: give it once", "type": "value_error"}
        for name in SINGLE_VALUED & set(request.query_params.keys())
        if len(request.query_params.getlist(name)) > 1
    ]
    if errors:
        raise RequestValidationError(errors)


Filters = Annotated[dict[str, Any], Depends(_filters)]


def _query(filters: dict[str, Any], **more: Any) -> Query:
    """``build_query`` with its ``QueryError`` raised as a request validation error (422)."""
    try:
        return ql.build_query(**filters, **more)
    except ql.QueryError as err:
        raise RequestValidationError(
            [
                {
                    "loc": ["query", e["field"]],
                    "msg": e["message"],
                    "type": "value_error",
                    **({"ctx": {"allowed": e["allowed"]}} if e.get("allowed") else {}),
                }
                for e in err.errors
            ]  # fmt: skip
        ) from None


# --- the body-size limit -------------------------------------------------------------------


class BodyLimit:
    """Refuse a request body over ``max_body`` bytes with a 413, before the app reads it.

    A declared ``Content-Length`` is checked without reading anything; a chunked body is
    buffered only up to the limit, so an endless stream cannot exhaust memory either.
    """

    def __init__(self, app: ASGIApp, max_body: int):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                declared = -1
            if declared < 0:
                await self._refuse(send, 400, "invalid Content-Length header")
                return
            if declared > self.max_body:
                await self._too_large(send)
                return
            await self.app(scope, receive, send)
            return
        if b"chunked" not in headers.get(b"transfer-encoding", b""):
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.max_body:
                await self._too_large(send)
                return
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, send: Send) -> None:
        await self._refuse(send, 413, f"request body is larger than {self.max_body} bytes")

    async def _refuse(self, send: Send, status: int, error: str) -> None:
        response = error_response(status, error, headers={"Connection": "close"})
        await response({"type": "http"}, _no_receive, send)


async def _no_receive() -> Message:  # pragma: no cover - a JSONResponse never reads
    return {"type": "http.disconnect"}


# --- the rate limit ------------------------------------------------------------------------


class TokenBuckets:
    """One token bucket per key: ``capacity`` requests at once, refilled at capacity/period per second."""

    # A flood from many addresses must not grow the table without end: past this many keys
    # the least recently seen go (a forgotten client starts again with a full bucket).
    MAX_KEYS = 10_000

    def __init__(self, capacity: int, period: float, clock=time.monotonic):
        self.capacity = float(capacity)
        self.refill = capacity / period  # tokens per second
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> (tokens, at)
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """0 when ``key`` may go now (and one token is spent), else the seconds until it may."""
        now = self.clock()
        with self._lock:
            tokens, at = self._buckets.pop(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - at) * self.refill)
            wait = 0.0
            if tokens >= 1:
                tokens -= 1
            else:
                wait = (1 - tokens) / self.refill
            self._buckets[key] = (tokens, now)
            while len(self._buckets) > self.MAX_KEYS:
                self._buckets.popitem(last=False)
            return wait


READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class RateLimit:
    """429 (the error shape, with Retry-After) for a client IP past its reads or writes rate.

    The key is the TCP peer address. ``X-Forwarded-For`` is not trusted: any client can set
    it, so keying on it would let one client pose as many. Behind a reverse proxy every
    request shares the proxy's address; rate-limit there, or set the rates to ``off``.
    """

    def __init__(self, app: ASGIApp, rate: str, write_rate: str):
        self.app = app
        self.reads = _buckets(rate)
        self.writes = _buckets(write_rate)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        buckets = self.reads if scope.get("method", "GET") in READ_METHODS else self.writes
        if buckets is not None:
            client = scope.get("client")
            wait = buckets.take(client[0] if client else "unknown")
            if wait > 0:
                retry = max(1, math.ceil(wait))
                what = "reads" if buckets is self.reads else "writes"
                response = error_response(
                    429,
                    f"too many {what} from this client: retry in {retry} s",
                    headers={"Retry-After": str(retry)},
                )
                await response(scope, _no_receive, send)
                return
        await self.app(scope, receive, send)


def _buckets(rate: str) -> TokenBuckets | None:
    parsed = parse_rate(rate)
    return None if parsed is None else TokenBuckets(*parsed)


# --- writes need the token ------------------------------------------------------------------

_bearer = HTTPBearer(auto_error=False, description="The token configured with WARLEDGER_TOKEN or --token.")


def require_writer(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    """403 when the server has no token (writes are off), 401 when the request's is missing or wrong."""
    token: str | None = request.app.state.settings.token
    if token is None:
        raise HTTPException(403, NO_TOKEN_MESSAGE)
    if credentials is None:
        raise HTTPException(
            401,
            "missing bearer token: send 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    # compare bytes: compare_digest refuses non-ASCII str, and a header may carry any
    if not hmac.compare_digest(credentials.credentials.encode("utf-8"), token.encode("utf-8")):
        raise HTTPException(401, "wrong bearer token", headers={"WWW-Authenticate": "Bearer"})


# --- the app -------------------------------------------------------------------------------


def create_app(store: Store | None = None, settings: Settings | None = None) -> FastAPI:
    """The API over ``store`` (opened from ``settings.db`` when None, and closed on shutdown).

    ``settings`` defaults to ``Settings.load()`` (defaults, then the environment).
    """
    settings = settings or Settings.load()
    owned = store is None
    if store is None:
        from ..store import open_store  # type: ignore[attr-defined]

        store = open_store(settings.db)
    the_store: Store = store

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            the_store.close()

    app = FastAPI(
        title="warledger",
        version=__version__,
        description="Attack figures from war news: events reconciled across reports, each figure traced "
        "to the sentences that state it. Reads are open; writes need `Authorization: Bearer <token>`.",
        lifespan=lifespan,
        # served by _mount_docs from files installed with the package: FastAPI's own pages
        # load Swagger UI from a CDN and are blank offline
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = the_store
    app.state.settings = settings
    # the ledger stores a report and updates its events in one transaction; the lock only
    # queues this process's writers so that they do not contend for the database's lock
    write_lock = threading.Lock()
    app.add_middleware(BodyLimit, max_body=settings.max_body)
    version = getattr(the_store, "write_version", None)
    if settings.cache and version is not None:
        from .cache import ResponseCache

        # inside the rate limit (a cached answer is still a request) and outside the routes
        app.add_middleware(ResponseCache, version=version)
    # added last, so it runs first: a flood is turned away before anything else is done
    app.add_middleware(RateLimit, rate=settings.rate, write_rate=settings.write_rate)
    _install_error_handlers(app)

    # Routes are plain `def`: the store blocks, so FastAPI runs them in its thread pool.

    @app.get("/api/health", response_model=HealthOut, responses=ERRORS, tags=["meta"])
    def get_health() -> dict[str, Any]:
        """Whether the server and its store answer, and what the store holds."""
        return ql.health(the_store, settings.writes_enabled)

    @app.get("/api/vocabulary", response_model=VocabularyOut, responses=ERRORS, tags=["meta"])
    def get_vocabulary() -> dict[str, Any]:
        """Kinds, measures, weapon classes, qualifiers and roles, with labels, order and bounds."""
        return ql.vocabulary_json()

    @app.get("/api/events", response_model=EventPage, responses=ERRORS, tags=["events"])
    def list_events(
        filters: Filters,
        limit: Limit = ql.DEFAULT_LIMIT,
        offset: KeysetOffset = 0,
        after: Annotated[
            str | None,
            Param(
                max_length=200,
                pattern=r"^[^\x00-\x1f\x7f]*$",
                description="The previous page's `next`: the page after that event.",
            ),
        ] = None,
    ) -> dict[str, Any]:
        """Events (one attack as several reports describe it) with their reconciled figures."""
        return _keyset(ql.list_events, _query(filters, limit=limit, offset=offset), after)

    @app.get("/api/events/{key}", response_model=EventDetail, responses=NOT_FOUND, tags=["events"])
    def get_event(key: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
        """One event; every figure's claims with the report, value, qualifier and evidence sentence."""
        event = ql.get_event(the_store, key)
        if event is None:
            raise HTTPException(404, f"no event with key {key!r}")
        return event

    @app.get("/api/facts", response_model=FactPage, responses=ERRORS, tags=["facts"])
    def list_facts(
        filters: Filters,
        doc_id: Annotated[
            str | None, Param(max_length=200, description="Only this document's facts.")
        ] = None,
        limit: Limit = ql.DEFAULT_LIMIT,
        offset: KeysetOffset = 0,
        after: Annotated[
            int | None,
            Param(
                ge=0, le=ql.MAX_OFFSET, description="The previous page's `next`: facts after that fact id."
            ),
        ] = None,
        max_confidence: Annotated[
            float | None,
            Param(
                ge=0,
                le=1,
                description=(
                    "Only facts the extractor was at most this sure of (its `doubts` say why): the ones to review."
                ),
            ),
        ] = None,
    ) -> dict[str, Any]:
        """Current facts (latest revision of each report), every field."""
        q = dataclasses.replace(
            _query(filters, doc_id=doc_id, limit=limit, offset=offset), max_confidence=max_confidence
        )
        return _keyset(ql.list_facts, q, None if after is None else str(after))

    def _keyset(fetch: Any, q: Query, after: str | None) -> dict[str, Any]:
        try:
            return fetch(the_store, dataclasses.replace(q, after=after))
        except StoreError as err:
            if after is None:
                raise
            raise RequestValidationError(
                [{"loc": ["query", "after"], "msg": str(err), "type": "value_error"}]
            ) from None

    @app.get("/api/documents", response_model=DocumentPage, responses=ERRORS, tags=["documents"])
    def list_documents(
        filters: Filters, limit: Limit = ql.DEFAULT_LIMIT, offset: Offset = 0
    ) -> dict[str, Any]:
        """Stored reports (latest revisions), without their text."""
        return ql.list_documents(the_store, _query(filters, limit=limit, offset=offset))

    @app.get(
        "/api/documents/{doc_id}", response_model=DocumentDetail, responses=NOT_FOUND, tags=["documents"]
    )
    def get_document(
        doc_id: Annotated[str, Path(max_length=200)],
        revision: Annotated[int | None, Param(ge=1, le=ql.MAX_OFFSET, description="A past revision.")] = None,
    ) -> dict[str, Any]:
        """One report: its text and its facts, whose offsets point into that text."""
        doc = ql.get_document(the_store, doc_id, revision)
        if doc is None:
            what = f"revision {revision} of document" if revision else "document"
            raise HTTPException(404, f"no {what} {doc_id!r}")
        return doc

    @app.get("/api/timeseries", response_model=TimeseriesOut, responses=ERRORS, tags=["aggregates"])
    def get_timeseries(
        filters: Filters,
        bucket: Annotated[
            Literal["day", "week", "month", "year"] | None,
            Param(
                description=(
                    "Sum the days by week (from Monday), month or year. Default: by day, unless that "
                    f"gives more than {ql.MAX_POINTS} points, then the finest of week, month, year that does not."
                )
            ),
        ] = None,
    ) -> Any:
        """Per day (or week, month, year): munitions launched / intercepted / hit and people killed / injured."""
        # one row per day for the whole ledger: answered as built (every field of DayOut is
        # there), not validated again row by row, which cost more than the query
        return JSONResponse(ql.timeseries(the_store, _query(filters, limit=ql.MAX_LIMIT), bucket))

    @app.get("/api/regions", response_model=RegionsOut, responses=ERRORS, tags=["aggregates"])
    def get_regions(filters: Filters) -> Any:
        """Per region (ISO 3166-2), each measure's total over the matching events."""
        return JSONResponse(ql.region_totals(the_store, _query(filters, limit=ql.MAX_LIMIT)))

    @app.post(
        "/api/documents",
        response_model=AddOut,
        status_code=201,
        responses={
            **WRITE_ERRORS,
            200: {"model": AddOut, "description": "Duplicate: already stored, nothing changed"},
        },
        dependencies=[Depends(require_writer)],
        tags=["documents"],
    )
    def post_document(body: DocumentIn) -> Any:
        """Extract one report, store it (new, revision or duplicate) and rebuild the events.

        201 when something was stored, 200 for a duplicate (the same content again).
        """
        try:
            with write_lock:
                out = ql.add_document(
                    the_store,
                    doc_id=body.id,
                    text=body.text,
                    html=body.html,
                    published=body.published,
                    url=body.url,
                    title=body.title,
                    publisher=body.publisher,
                )
        except WarledgerError as err:
            raise HTTPException(422, f"report cannot be read: {err}") from None
        if out["result"]["status"] == "duplicate":
            return JSONResponse(AddOut.model_validate(out).model_dump(mode="json"), status_code=200)
        return out

    @app.post(
        "/api/facts/{fact_id}/review",
        response_model=ReviewResultOut,
        status_code=201,
        responses={**WRITE_ERRORS, 404: {"model": ErrorOut, "description": "No such fact"}},
        dependencies=[Depends(require_writer)],
        tags=["reviews"],
    )
    def post_review(fact_id: Annotated[int, Path(ge=1, le=ql.MAX_OFFSET)], body: ReviewIn) -> Any:
        """Confirm, correct or reject one fact. Stored as a new revision with who and when
        (nothing is deleted); events and exports use the latest review of each fact."""
        from ..store import StoreError

        try:
            with write_lock:
                return ql.review_fact(
                    the_store, fact_id, action=body.action, reviewer=body.reviewer, value=body.value,
                    measure=body.measure, region=body.region, place=body.place, note=body.note,
                )  # fmt: skip
        except ql.QueryError as err:
            raise RequestValidationError(
                [{"loc": ["body", e["field"]], "msg": e["message"], "type": "value_error",
                  **({"ctx": {"allowed": e["allowed"]}} if e.get("allowed") else {})} for e in err.errors]
            ) from None  # fmt: skip
        except StoreError as err:
            if err.message.startswith("no fact"):
                raise HTTPException(404, err.message) from None
            raise

    @app.get("/api/corrections", response_model=ReviewPage, responses=ERRORS, tags=["reviews"])
    def list_corrections(
        request: Request,
        doc_id: Annotated[
            str | None, Param(max_length=200, description="Only this report's reviews.")
        ] = None,
        limit: Limit = ql.DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Every review (confirm / correct / reject), newest first; superseded ones too."""
        _refuse_unknown_params(request)
        return ql.list_corrections(the_store, Query(doc_id=doc_id or None, limit=limit, offset=offset))

    _mount_docs(app)
    _mount_dashboard(app)
    return app


DOCS_ASSETS = "/docs-assets"


def _swagger_assets() -> str | None:
    """The directory of Swagger UI's files (from the ``fastapi-offline`` package), if installed."""
    try:
        import fastapi_offline
    except ImportError:
        return None
    from pathlib import Path as _Path

    static = _Path(fastapi_offline.__file__).resolve().parent / "static"
    return str(static) if (static / "swagger-ui-bundle.js").is_file() else None


def _mount_docs(app: FastAPI) -> None:
    """``/docs``: Swagger UI over ``/openapi.json``, every file served by this server (nothing
    from another host, so the page works offline and leaks no visit to a CDN). Without the
    assets installed, a plain page lists the routes from the same OpenAPI schema."""
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.responses import HTMLResponse
    from fastapi.staticfiles import StaticFiles

    assets = _swagger_assets()
    openapi_url = app.openapi_url or "/openapi.json"
    if assets is not None:
        app.mount(DOCS_ASSETS, StaticFiles(directory=assets), name="docs-assets")

        @app.get("/docs", include_in_schema=False)
        def swagger_ui() -> HTMLResponse:
            return get_swagger_ui_html(
                openapi_url=openapi_url,
                title="warledger API",
                swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
                swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
                swagger_favicon_url=f"{DOCS_ASSETS}/favicon.png",
                # no "valid" badge: Swagger UI would fetch it from validator.swagger.io
                swagger_ui_parameters={"validatorUrl": None},
            )

        return

    @app.get("/docs", include_in_schema=False)
    def plain_docs() -> HTMLResponse:
        return HTMLResponse(_plain_docs(app.openapi()))


def _plain_docs(spec: dict[str, Any]) -> str:
    """A page of the API's routes and parameters from its OpenAPI schema, with no script."""
    from html import escape

    items = []
    for path, ops in spec.get("paths", {}).items():
        for method, op in ops.items():
            params = ", ".join(escape(p["name"]) for p in op.get("parameters", []))
            items.append(
                f"<li><code>{escape(method.upper())} {escape(path)}</code> {escape(op.get('summary', ''))}"
                + (f" <small>({params})</small>" if params else "")
                + "</li>"
            )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>warledger API</title></head><body>'
        f"<h1>warledger API {escape(str(spec.get('info', {}).get('version', '')))}</h1>"
        '<p>The full schema is at <a href="/openapi.json">/openapi.json</a>.</p>'
        f"<ul>{''.join(items)}</ul></body></html>"
    )


def _mount_dashboard(app: FastAPI) -> None:
    """Let the dashboard add its pages and static files, when this build has one."""
    try:
        from .. import web  # type: ignore[attr-defined]
    except ImportError as exc:
        if exc.name not in ("warledger.web",):
            raise  # the dashboard exists but is broken: say so, do not serve without it silently
        return
    mount = getattr(web, "mount", None)
    if mount is None:
        # the package is there but has no mount() yet (a build in progress): API only
        log.warning("warledger.web has no mount(app); serving the API without the dashboard")
        return
    mount(app)


def _install_error_handlers(app: FastAPI) -> None:
    """Every error in the one shape: routes' and the router's HTTP errors, validation, crashes."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail
        errors: list[Any] = []
        if isinstance(detail, dict):
            errors = list(detail.get("errors", []))
            detail = detail.get("error") or detail.get("message") or ""
        error = str(detail) if detail else _reason(exc.status_code)
        if exc.status_code == 404 and error == "Not Found":
            error = f"not found: {request.url.path}"
        elif exc.status_code == 400 and error == "There was an error parsing the body":
            error = "request body cannot be decoded: send UTF-8 JSON"
        elif exc.status_code == 405 and error == "Method Not Allowed":
            error = f"method {request.method} not allowed on {request.url.path}"
        return error_response(
            exc.status_code, error.splitlines()[0] if error else "", errors, dict(exc.headers or {})
        )

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        # loc/msg/type only: the offending input is not echoed back (it may be huge, or hostile)
        keyset = request.url.path in ("/api/events", "/api/facts")
        errors = [
            {
                "loc": [str(p) for p in e.get("loc", ())],
                "msg": str(e.get("msg", ""))
                + (f": {KEYSET_HINT}" if keyset and tuple(e.get("loc", ())) == ("query", "offset") else ""),
                "type": str(e.get("type", "")),
            }
            # the values a filter accepts (our own vocabulary, never the client's input)
            | (
                {"allowed": [str(a) for a in e["ctx"]["allowed"]]}
                if isinstance(e.get("ctx"), dict) and "allowed" in e["ctx"]
                else {}
            )
            for e in exc.errors()
        ]
        first = errors[0] if errors else {"loc": [], "msg": "invalid request"}
        where = ".".join(first["loc"])
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        error = f"invalid request: {where + ': ' if where else ''}{first['msg']}{more}"
        return error_response(422, error.splitlines()[0], errors)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> JSONResponse:
        # the cause goes to the log, never to the client: a traceback can carry paths or SQL
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(500, "internal server error; the cause is in the server log")


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"HTTP {status}"
