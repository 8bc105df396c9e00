"""``/docs`` is self-hosted (issue 10): Swagger UI's files come from the package, the page
names no other host, and without the assets a plain page still documents the API."""

from __future__ import annotations

import re
import warnings

import pytest

from ledger_data import ledger
from warledger.webapi import Settings, create_app
from warledger.webapi import app as app_module

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.issue(10)

# every address a page makes the browser fetch or follow
REFERENCE = re.compile(r"""(?:src|href|url)\s*[=:(]\s*['"]?([^'"\s)>]+)""", re.I)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = ledger(tmp_path_factory.mktemp("docs") / "ledger.db")
    yield s
    s.close()


def _references(html: str) -> list[str]:
    return REFERENCE.findall(html)


def test_docs_page_loads_nothing_from_another_host(store):
    client = TestClient(create_app(store, Settings()))
    r = client.get("/docs")
    assert r.status_code == 200 and "swagger-ui" in r.text
    refs = _references(r.text)
    assert any(ref.endswith("swagger-ui-bundle.js") for ref in refs)
    for ref in refs:
        assert ref.startswith("/"), f"/docs references {ref!r}: only this server's own paths"
    assert "cdn." not in r.text and "fastapi.tiangolo.com" not in r.text and "fonts.googleapis" not in r.text
    for ref in refs:
        if ref.startswith("/docs-assets/"):
            asset = client.get(ref)
            assert asset.status_code == 200 and len(asset.content) > 1000, ref
    assert client.get("/openapi.json").status_code == 200
    assert client.get("/redoc").status_code == 404  # FastAPI's CDN-loading ReDoc page is off


def test_docs_without_the_assets_is_a_plain_page_of_routes(store, monkeypatch):
    monkeypatch.setattr(app_module, "_swagger_assets", lambda: None)
    client = TestClient(create_app(store, Settings()))
    r = client.get("/docs")
    assert r.status_code == 200
    assert "<script" not in r.text and "GET /api/events" in r.text
    assert all(ref.startswith("/") for ref in _references(r.text))
