"""The OpenAPI document is valid and accurate; schemathesis finds no server errors."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)


def test_openapi_document_lists_the_contract(client):
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    paths = doc["paths"]
    assert {"post", "get"} <= set(paths["/api/ask"])
    assert "post" in paths["/api/triage"]
    assert "get" in paths["/api/plan"] and "get" in paths["/api/plan.ics"]
    assert "get" in paths["/healthz"]
    ask_ok = paths["/api/ask"]["post"]["responses"]["200"]["content"]["application/json"]
    assert ask_ok["schema"]["$ref"].endswith("/AskResponse")
    for code in ("400", "413", "422"):
        err = paths["/api/ask"]["post"]["responses"][code]["content"]["application/json"]
        assert err["schema"]["$ref"].endswith("/ErrorResponse")
    # Pages are not API operations.
    assert "/" not in paths and "/triage" not in paths


def test_openapi_document_is_valid(web_app):
    # Loading validates the document against the OpenAPI 3.1 meta-schema.
    schema = schemathesis.openapi.from_asgi("/openapi.json", web_app)
    ops = [op for op in schema.get_all_operations()]
    assert len(ops) >= 6
    assert all(op.ok() for op in ops), [op.err() for op in ops if not op.ok()]


@pytest.fixture(scope="session")
def api_schema(web_app):
    return schemathesis.openapi.from_asgi("/openapi.json", web_app)


OPERATIONS = [
    ("/api/ask", "POST"),
    ("/api/ask", "GET"),
    ("/api/triage", "POST"),
    ("/api/plan", "GET"),
    ("/api/plan.ics", "GET"),
    ("/healthz", "GET"),
]


def test_fuzz_covers_every_operation(api_schema):
    documented = {(r.ok().path, r.ok().method.upper()) for r in api_schema.get_all_operations()}
    assert set(OPERATIONS) <= documented
    # Any new operation of the web app's own prefixes must be added to the fuzz list.
    ours = {
        (p, m)
        for p, m in documented
        if p.startswith(("/api/ask", "/api/triage", "/api/plan", "/healthz"))
    }
    assert ours == set(OPERATIONS)


# /healthz has no parameters, so it has no negative (invalid) cases to generate.
FUZZ = [
    (path, method, mode)
    for path, method in OPERATIONS
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if not (path == "/healthz" and mode is GenerationMode.NEGATIVE)
]


@pytest.mark.parametrize(("path", "method", "mode"), FUZZ)
def test_api_fuzz_no_server_errors(api_schema, path, method, mode):
    operation = api_schema[path][method]
    # Negative data must be rejected with a documented 4xx; positive data must conform.
    checks = [not_a_server_error, status_code_conformance, content_type_conformance]
    if mode is GenerationMode.POSITIVE:
        checks.append(response_schema_conformance)

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def run(case):
        case.call_and_validate(checks=checks)

    run()
