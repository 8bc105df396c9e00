"""Property tests of the whole API from its own OpenAPI schema (schemathesis, in-process ASGI).

For every operation schemathesis generates requests, valid and invalid, and each response
must not be a server error, must match the documented schema (errors included: the one
error shape is declared on every route) and must use a documented status code. Bounded:
``MAX_EXAMPLES`` per operation, no deadline, so it stays a few seconds in CI.
"""

from __future__ import annotations

import tempfile
import weakref
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from ledger_data import ledger
from warledger.webapi import Settings, create_app

MAX_EXAMPLES = 20
TOKEN = "schemathesis-token"

# Built at import: schemathesis parametrizes at collection time, before fixtures exist.
_tmp = tempfile.TemporaryDirectory(prefix="warledger-st-")
_store = ledger(Path(_tmp.name) / "ledger.db")
weakref.finalize(_store, _store.close)
app = create_app(_store, Settings(token=TOKEN))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)

CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_and_never_fails(case):
    # with the token, so that writes reach extraction and the store, not just the 401
    response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
    case.validate_response(response, checks=CHECKS)


@schema.parametrize()
@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_without_a_token_never_fails(case):
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])
