"""Security headers on every response and an access log without health text."""

from __future__ import annotations

import logging

import pytest

PAGES = ["/", "/triage", "/nu", "/program", "/kilder", "/privatliv", "/findes-ikke", "/healthz"]


@pytest.mark.parametrize("path", [*PAGES, "/api/ask?q=krampe", "/static/style.css"])
def test_security_headers_everywhere(client, path):
    resp = client.get(path)
    csp = resp.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert resp.headers["x-frame-options"] == "DENY"
    assert resp.headers["referrer-policy"] == "no-referrer"
    assert "permissions-policy" in resp.headers
    if not path.startswith("/static/"):
        assert resp.headers["cache-control"] == "no-store"


def test_headers_on_errors_too(client):
    for resp in (
        client.post("/api/ask", content=b"{", headers={"content-type": "application/json"}),
        client.post("/api/ask", content=b"a" * 100_000),
        client.delete("/"),
    ):
        assert resp.status_code in (400, 405, 413)
        assert resp.headers["x-frame-options"] == "DENY"
        assert "content-security-policy" in resp.headers


def test_docs_page_only_relaxes_its_own_csp(client):
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "cdn.jsdelivr.net" in docs.headers["content-security-policy"]
    assert "cdn.jsdelivr.net" not in client.get("/").headers["content-security-policy"]


def test_no_inline_script_or_third_party_assets(client):
    for path in PAGES[:-1]:
        html = client.get(path).text
        assert "<script" not in html
        assert "http://" not in html.split("<body")[0] and "https://" not in html.split("<body")[0]
        assert " style=" not in html


def test_access_log_has_no_query_string_or_body(client, caplog):
    secret_q = "hemmelig-hævet-læg"
    with caplog.at_level(logging.INFO, logger="krampe.access"):
        client.get("/api/ask", params={"q": secret_q})
        client.post("/api/triage", json={"text": secret_q})
        client.post("/triage", data={"text": secret_q})
    lines = [r.getMessage() for r in caplog.records if r.name == "krampe.access"]
    assert any(line.startswith("GET /api/ask 200") for line in lines), lines
    assert any(line.startswith("POST /triage 200") for line in lines), lines
    joined = "\n".join(r.getMessage() for r in caplog.records)
    assert "hemmelig" not in joined and "q=" not in joined


def test_serve_disables_uvicorn_access_log():
    from krampe.cli.serve import LOG_CONFIG

    assert LOG_CONFIG["loggers"]["uvicorn.access"]["handlers"] == []
    assert LOG_CONFIG["loggers"]["uvicorn.access"]["propagate"] is False
