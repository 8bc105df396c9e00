"""End to end in a real headless Chromium: the dashboard's map, a region click, an event page.

Debian's /usr/bin/chromium is driven by the Python ``playwright`` package (never
``playwright install``, which downloads browsers of its own); ``scripts/ci-browser.sh``
installs it. Without it the test is skipped, except under CI (``CI`` set), where a missing
browser is a failure: CI must not pass by testing nothing.

The real app (``create_app``) runs under uvicorn on 127.0.0.1 over a real SQLite ledger of
synthetic reports (tests/web_fixtures.py). Screenshots of each step go to test-artifacts/.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from warledger.vocabulary import MEASURES
from warledger.webapi.app import create_app
from warledger.webapi.settings import Settings
from web_fixtures import EVIDENCE, KHARKIV, build_ledger

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
EMPTY_FILL = "#e4e7eb"  # dashboard.js's colour for a region without figures

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ci-browser.sh before the tests", pytrace=False)
    pytest.skip(f"{CHROMIUM} not installed (scripts/ci-browser.sh installs it)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real app under uvicorn in a background thread; yields its base URL."""
    import uvicorn

    store = build_ledger(tmp_path_factory.mktemp("browser") / "ledger.db")
    port = _free_port()
    config = uvicorn.Config(create_app(store, Settings()), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()


@pytest.fixture(scope="module")
def page(server: str):
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        # nothing but this server: the dashboard must work without any network
        context.route(
            "**/*", lambda route: route.continue_() if route.request.url.startswith(server) else route.abort()
        )
        pg = context.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        pg.errors = errors  # type: ignore[attr-defined]
        yield pg
        context.close()
        browser.close()


def test_dashboard_map_region_click_and_event_evidence(server: str, page) -> None:
    page.goto(server + "/")
    page.wait_for_selector("body[data-ready='true']", timeout=15_000)
    page.screenshot(path=str(ARTIFACTS / "01-dashboard.png"), full_page=True)

    # every region is drawn; those with figures are shaded, the others keep the empty colour
    regions = page.locator("#map path.region")
    assert regions.count() == 27
    kharkiv = page.locator(f"#map path.region[data-iso='{KHARKIV}']")
    assert kharkiv.get_attribute("fill") != EMPTY_FILL
    assert float(kharkiv.get_attribute("data-value") or 0) == 14  # injured, the default measure
    assert page.locator("#map path.region[data-iso='UA-05']").get_attribute("fill") == EMPTY_FILL
    assert page.locator("#legend .swatch").count() >= 2
    # the chart drew launched and intercepted bars
    assert page.locator("#chart rect.bar.launched").count() >= 2
    assert page.locator("#chart rect.bar.intercepted").count() >= 2
    # its legend reads the API's vocabulary labels, not a copy of its own
    assert MEASURES["launched"].label in page.locator("#chart svg").first.text_content()

    # another measure re-shades the map
    page.select_option("#measure", "killed")
    page.wait_for_function(f"document.querySelector(\"path[data-iso='{KHARKIV}']\").dataset.value === '5'")
    assert page.locator("#map path.region[data-iso='UA-51']").get_attribute("fill") == EMPTY_FILL
    page.screenshot(path=str(ARTIFACTS / "02-measure-killed.png"), full_page=True)

    # launched is counted for the whole country: the grey map says why (issue 10)
    assert page.locator("#map-note").is_hidden()
    page.select_option("#measure", "launched")
    page.wait_for_selector("#map-note:not([hidden])")
    note = page.locator("#map-note").inner_text()
    assert "No region has a figure of its own" in note and "whole country" in note
    assert page.locator(f"#map path.region[data-iso='{KHARKIV}']").get_attribute("fill") == EMPTY_FILL
    page.select_option("#measure", "killed")
    page.wait_for_selector("#map-note[hidden]", state="attached")

    # clicking a region lists that region's events
    kharkiv.click()
    page.wait_for_function("document.getElementById('events-title').textContent.includes('Kharkiv Oblast')")
    rows = page.locator("#events tbody tr")
    assert rows.count() == 1
    assert "142 drones" in rows.first.inner_text()
    assert "selected" in (kharkiv.get_attribute("class") or "")
    page.screenshot(path=str(ARTIFACTS / "03-region-kharkiv.png"), full_page=True)

    # then the event: its evidence sentence with the figure marked
    rows.first.locator("a").click()
    page.wait_for_url("**/events/**")
    evidence = page.locator("blockquote.evidence", has_text="In the Kharkiv region")
    assert evidence.count() >= 1
    assert evidence.first.locator("mark").first.inner_text() in ("two", "11")
    assert EVIDENCE in evidence.first.inner_text()
    assert page.locator(".badge-revised").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "04-event.png"), full_page=True)

    assert page.errors == []  # type: ignore[attr-defined]


@pytest.mark.issue(10)
def test_docs_page_renders_swagger_ui_from_this_server_only(server: str, page) -> None:
    """``/docs`` works with no network: Swagger UI's files come from this server, and the page
    asks no other host for anything (every request is recorded, foreign ones refused)."""
    browser = page.context.browser  # the module's browser: one Playwright per thread
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    foreign: list[str] = []

    def only_here(route) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", only_here)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        pg.goto(server + "/docs")
        # Swagger UI has read /openapi.json and drawn the API's operations
        pg.wait_for_selector("#swagger-ui .opblock", timeout=15_000)
        assert pg.locator("#swagger-ui .opblock-summary-path", has_text="/api/events").count() >= 1
        assert "warledger" in pg.locator("#swagger-ui .info .title").inner_text()
        ARTIFACTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / "05-docs.png"))
    finally:
        context.close()
    assert foreign == []
    assert errors == []


@pytest.fixture(scope="module")
def honest_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A second app over reports with an "at least" toll and a vague count (issue 10)."""
    import uvicorn

    import warledger
    from warledger.reconcile.across import build_events
    from warledger.store import Query, open_store

    store = open_store("sqlite:///" + str(tmp_path_factory.mktemp("honest") / "ledger.db"))
    store.add(warledger.extract_text(
        "Russia attacked Lviv with dozens of drones overnight, the air force said. "
        "At least seven people were injured in Lviv, Mayor Andriy Sadovyi said.",
        doc_id="lviv-night", published="2025-09-07", url="https://www.ukrinform.net/lviv-night.html"))  # fmt: skip
    store.replace_events(build_events(store.claims(Query(limit=1_000_000))))
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(store, Settings()), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()


@pytest.mark.issue(10)
def test_event_page_shows_open_bounds_vague_figures_and_publishers(honest_server: str, page) -> None:
    context = page.context.browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(honest_server) else route.abort(),
    )
    pg = context.new_page()
    try:
        pg.goto(honest_server + "/")
        pg.wait_for_selector("body[data-ready='true']", timeout=15_000)
        pg.locator("#events a").first.click()
        pg.wait_for_url("**/events/**")
        injured = pg.locator("article.figure", has_text="Injured")
        assert injured.locator("td.low").inner_text() == "7"
        assert injured.locator("td.best").inner_text().startswith("7+")
        assert injured.locator("td.high").inner_text() == "open"  # "at least": no upper bound
        launched = pg.locator("article.figure", has_text="Launched")
        assert launched.locator(".badge-vague").is_visible()
        assert "dozens" in launched.locator("td.best").inner_text()
        assert pg.locator("dd.publishers").inner_text() == "Ukrinform"
        assert pg.locator(".claim-publisher").first.inner_text() == "Ukrinform"
        # the arithmetic states nothing about a launch no report counted
        assert pg.locator(".checks").count() == 0
        pg.screenshot(path=str(ARTIFACTS / "06-event-open-and-vague.png"), full_page=True)
    finally:
        context.close()


@pytest.mark.issue(10)
def test_pages_do_not_scroll_sideways_at_phone_width(server: str, page) -> None:
    context = page.context.browser.new_context(viewport={"width": 375, "height": 800})
    context.route(
        "**/*", lambda route: route.continue_() if route.request.url.startswith(server) else route.abort()
    )
    pg = context.new_page()
    overflow = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    try:
        pg.goto(server + "/")
        pg.wait_for_selector("body[data-ready='true']", timeout=15_000)
        assert pg.evaluate(overflow) <= 0
        pg.screenshot(path=str(ARTIFACTS / "07-phone-dashboard.png"), full_page=True)
        pg.locator("#events a").first.click()
        pg.wait_for_url("**/events/**")
        assert pg.evaluate(overflow) <= 0
    finally:
        context.close()


@pytest.fixture(scope="module")
def review_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An app that accepts reviews (token "t0ken") over one report."""
    import uvicorn

    import warledger
    from warledger.reconcile.across import build_events
    from warledger.store import Query, open_store

    store = open_store("sqlite:///" + str(tmp_path_factory.mktemp("review") / "ledger.db"))
    store.add(warledger.extract_text(
        "Russia launched 40 drones at Kharkiv overnight, the air force said. "
        "At least seven people were injured in Kharkiv, the mayor said.",
        doc_id="kh-review", published="2025-09-07"))  # fmt: skip
    store.replace_events(build_events(store.claims(Query(limit=1_000_000))))
    port = _free_port()
    app = create_app(store, Settings(token="t0ken"))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()


@pytest.mark.issue(10)
def test_an_analyst_corrects_a_figure_on_the_event_page(review_server: str, page) -> None:
    context = page.context.browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(review_server) else route.abort(),
    )
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        pg.goto(review_server + "/")
        pg.wait_for_selector("body[data-ready='true']", timeout=15_000)
        pg.locator("#events a").first.click()
        pg.wait_for_url("**/events/**")
        assert pg.locator("#review-panel").is_visible()
        injured = pg.locator("article.figure", has_text="Injured")
        assert injured.locator("td.high").inner_text() == "open"
        # a wrong token is refused, and says so
        pg.fill("#review-token", "wrong")
        pg.fill("#review-reviewer", "ana")
        box = injured.locator(".review-actions").first
        box.locator("input[name=value]").fill("9")
        box.locator("button[data-action=correct]").click()
        pg.wait_for_function("document.getElementById('review-status').textContent.startsWith('Not saved')")
        assert "wrong bearer token" in pg.locator("#review-status").inner_text()
        # the right one: stored, the events rebuilt, the page reloaded with the figure as corrected
        pg.fill("#review-token", "t0ken")
        box.locator("button[data-action=correct]").click()
        pg.wait_for_selector(".review-tag.review-correct", timeout=15_000)
        injured = pg.locator("article.figure", has_text="Injured")
        low, best, high = (injured.locator(f"td.{c}").inner_text() for c in ("low", "best", "high"))
        assert (low, high) == ("9", "9") and best.split()[0] == "9"  # exact now: the reviewer states it
        pg.screenshot(path=str(ARTIFACTS / "08-reviewed.png"), full_page=True)
        # the review is listed, with who made it
        listed = pg.evaluate("fetch('/api/corrections').then(r => r.json())")
        assert [(i["action"], i["value"], i["reviewer"]) for i in listed["items"]] == [("correct", 9, "ana")]
    finally:
        context.close()
    assert errors == []
