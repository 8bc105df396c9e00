"""The dashboard: HTML pages and static files mounted on the API's FastAPI app.

``mount(app)`` adds

- ``GET /``: the dashboard. A map of Ukraine's regions shaded by one measure over a date
  range, a per-day chart of drones and missiles launched vs intercepted, and the list of
  events. The page is rendered on the server (the event list and the filter form work
  without JavaScript); ``static/dashboard.js`` then draws the map and the chart and keeps
  everything in step with the filters by calling the JSON API (``/api/regions``,
  ``/api/timeseries``, ``/api/events``).
- ``GET /events/{key}``: one event, each figure with low / best / high, its status, sources
  and history, and every claim's evidence sentence with the figure marked.
- ``/static``: CSS, JavaScript and the regions' GeoJSON (``static/ATTRIBUTION.md``).

The pages read the store only through ``warledger.webapi.query``, the layer the API uses,
so a figure reads the same on a page and in ``/api``. The store is the app's
``app.state.store`` (set by ``create_app``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..webapi import query as ql

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"


def map_measures() -> list[tuple[str, str]]:
    """What the map can be shaded by, with labels: the measures the store totals per region,
    as the API's ``/api/vocabulary`` lists them (the page keeps no copy of its own)."""
    return [(m["name"], m["label"]) for m in ql.vocabulary_json()["measures"] if m["totalled"]]


# The dashboard lists at most this many events; the count says when there are more.
EVENT_LIMIT = 200

STATUS_HELP = {
    "consistent": "The reports agree within their qualifiers.",
    "conflict": "Reports published at the same time disagree beyond their qualifiers; all are kept.",
    "revised": "A later report changed the figure; the best value is the latest, earlier ones are in the history.",
}

templates = Jinja2Templates(directory=str(TEMPLATES))


def _figure_number(x: Any) -> str:
    """A figure as people read it: ``1,234``, ``2.5``; an em dash for none."""
    if x is None or x == "":
        return "—"
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return f"{x:,}" if isinstance(x, int) else f"{x:,.1f}"


templates.env.filters["figure"] = _figure_number


def highlight(claim: dict[str, Any]) -> tuple[str, str, str] | None:
    """The claim's evidence sentence split around its figure: ``(before, figure, after)``.

    The figure's span and the sentence's are both offsets into the report's text, so the
    figure sits at ``figure.start - evidence.start`` in the sentence. None when the claim has
    no figure span or it does not fall inside the sentence (the page then shows the sentence
    unmarked rather than marking the wrong characters).
    """
    ev, fig = claim.get("evidence") or {}, claim.get("figure")
    text = ev.get("text") or ""
    if not fig or not text:
        return None
    a, b = fig["start"] - ev["start"], fig["end"] - ev["start"]
    if not (0 <= a < b <= len(text)):
        return None
    if fig.get("text") and text[a:b] != fig["text"]:
        return None
    return text[:a], text[a:b], text[b:]


def sentences(claim: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Each sentence of the claim's evidence (``evidence_spans``), split around its figure
    as ``highlight`` splits the one: ``(sentence, "", "")`` where the figure is not in it.
    Empty when the evidence is one sentence (the page shows ``highlight``'s)."""
    spans = claim.get("evidence_spans") or []
    if len(spans) < 2:
        return []
    out = []
    for span in spans:
        marked = highlight({"evidence": span, "figure": claim.get("figure")})
        out.append(marked or (span.get("text") or "", "", ""))
    return out


def _store(request: Request):
    return request.app.state.store


def _data_span(store) -> tuple[str | None, str | None]:
    """The first and last day with figures: the dashboard's default date range."""
    days = ql.timeseries(store, ql.build_query(limit=ql.MAX_LIMIT))["items"]
    return (days[0]["date"], days[-1]["date"]) if days else (None, None)


def _default_measure(store, date_from: str, date_to: str) -> str:
    """The measure that shades the most regions: national counts (most "launched" figures)
    have no region, and a map left blank by default would look like a map with no data."""
    measures = [m for m, _label in map_measures()]
    try:
        q = ql.build_query(date_from=date_from, date_to=date_to, limit=ql.MAX_LIMIT)
    except ql.QueryError:
        return measures[0]
    items = ql.region_totals(store, q)["items"]
    counts = {m: sum(1 for r in items if r["totals"].get(m)) for m in measures}
    best = max(measures, key=lambda m: counts[m])  # max keeps the first of equals
    return best if counts[best] else measures[0]


def dashboard(request: Request) -> HTMLResponse:
    """The dashboard page; ``?measure=&date_from=&date_to=&region=`` preset its filters."""
    params = request.query_params
    store = _store(request)
    first, last = _data_span(store)
    # Absent dates default to the data's span; a date sent blank means "open-ended".
    date_from = params.get("date_from", first) or ""
    date_to = params.get("date_to", last) or ""
    measure = params.get("measure") or ""
    measures = map_measures()
    if measure not in {m for m, _label in measures}:
        measure = _default_measure(store, date_from, date_to)
    region = params.get("region") or ""
    error = None
    try:
        q = ql.build_query(date_from=date_from, date_to=date_to, region=region, limit=EVENT_LIMIT)
    except ql.QueryError as err:
        error = str(err)
        date_from, date_to, region = first or "", last or "", ""
        q = ql.build_query(date_from=date_from, date_to=date_to, limit=EVENT_LIMIT)
    events = ql.list_events(store, q)
    context = {
        "measure": measure,
        "measures": measures,
        "date_from": date_from,
        "date_to": date_to,
        "data_first": first,
        "data_last": last,
        "region": q.admin1 or "",
        "region_name": ql.region_name(q.admin1) if q.admin1 else None,
        "events": events,
        "error": error,
    }
    return templates.TemplateResponse(request, "dashboard.html", context, status_code=422 if error else 200)


def event_page(request: Request, key: str) -> HTMLResponse:
    """One event's page; a 404 page when there is no such event."""
    event = ql.get_event(_store(request), key)
    if event is None:
        return templates.TemplateResponse(request, "not_found.html", {"key": key}, status_code=404)
    docs = {d["doc_id"]: d for d in event.get("document_info", [])}
    for d in docs.values():
        url = d.get("url") or ""
        d["safe_url"] = url if url.lower().startswith(("http://", "https://")) else None
    for fig in event["figures"]:
        for claim in fig.get("claims", []):
            claim["highlight"] = highlight(claim)
            claim["sentences"] = sentences(claim)
            claim["document"] = docs.get(claim["doc_id"], {"doc_id": claim["doc_id"]})
            # only web links: a stored "javascript:" URL must not become a clickable link
            url = claim.get("url") or ""
            claim["safe_url"] = url if url.lower().startswith(("http://", "https://")) else None
    context = {"event": event, "status_help": STATUS_HELP}
    return templates.TemplateResponse(request, "event.html", context)


def mount(app: FastAPI) -> None:
    """Add the dashboard's pages and ``/static`` to ``app`` (an app made by ``create_app``)."""
    router = APIRouter(include_in_schema=False)
    router.add_api_route("/", dashboard, methods=["GET"], response_class=HTMLResponse, name="dashboard")
    router.add_api_route(
        "/events/{key}", event_page, methods=["GET"], response_class=HTMLResponse, name="event_page"
    )
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")


__all__ = ["highlight", "mount", "sentences"]
