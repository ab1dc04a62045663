"""Security headers on every response and an access log without health text."""

from __future__ import annotations

import logging
import re

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


def test_docs_page_loads_nothing_from_outside(client):
    docs = client.get("/docs")
    assert docs.status_code == 200
    csp = docs.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "http" not in csp
    # Every URL the page names is a same-origin path, and each one is served.
    urls = re.findall(r'(?:src|href|data-openapi-url)="([^"]*)"', docs.text)
    assert len(urls) == 5, urls
    for url in urls:
        assert url.startswith("/") and not url.startswith("//"), url
        assert client.get(url).status_code == 200, url
    assert "<script>" not in docs.text  # no inline script either
    assert "validatorUrl: null" in client.get("/static/swagger-init.js").text


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


def test_crlf_in_path_cannot_forge_an_access_log_line(client, caplog):
    """Regression: a %0d%0a in the path was decoded into the log line, which let a client
    write a forged second line ("GET /konto 200") into the access log."""
    with caplog.at_level(logging.INFO, logger="krampe.access"):
        client.get("/findes-ikke%0d%0aGET%20/konto%20200%201.0ms%0b%1b[31m")
    lines = [r.getMessage() for r in caplog.records if r.name == "krampe.access"]
    forged = [line for line in lines if "findes-ikke" in line]
    assert forged, lines
    for line in forged:
        assert not any(c in line for c in "\r\n\x0b\x1b"), repr(line)
        assert "\\r\\nGET /konto 200" in line and line.startswith("GET /findes-ikke")
