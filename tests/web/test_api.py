"""The REST API against the contract, with the real engines behind it."""

from __future__ import annotations

import json

import pytest

EMERGENCY = "jeg har pludselig svært ved at trække vejret og min læg er hævet og øm"
ORDINARY_Q = "hvorfor får jeg krampe i læggen om natten?"


def _is_error(resp, status: int, code: str | None = None) -> dict:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert set(body) == {"error", "message"}
    assert body["message"] and "\n" not in body["message"]
    if code:
        assert body["error"] == code
    return body


def test_ask_post_returns_sourced_answers(client, web_app):
    resp = client.post("/api/ask", json={"q": ORDINARY_Q, "top": 3})
    assert resp.status_code == 200
    body = resp.json()
    assert body["question"] == ORDINARY_Q
    assert body["answered"] is True
    assert 1 <= len(body["answers"]) <= 3
    ids = {a.id for a in web_app.state.services.articles}
    for answer in body["answers"]:
        assert answer["source"] in ids
        assert answer["title"] and answer["text"]
        assert len(answer["text"]) <= 700


def test_ask_answer_is_the_engines_object_and_the_notice(client, web_app):
    """The JSON text made in the engine pool is the contract object (emergency text
    included: nested triage, Danish letters), and the notice is spliced in whole."""
    services = web_app.state.services
    for q in (ORDINARY_Q, EMERGENCY, "hjælper æblecider mod krampe?"):
        assert json.loads(services.ask_bytes(q, 2)) == services.ask_json(q, 2)
        body = client.post("/api/ask", json={"q": q, "top": 2}).json()
        assert body.pop("notice") == services.notice()
        assert set(body) == set(services.ask_json(q, 2)) and body["question"] == q


def test_ask_get_matches_post(client):
    got = client.get("/api/ask", params={"q": ORDINARY_Q, "top": 2}).json()
    posted = client.post("/api/ask", json={"q": ORDINARY_Q, "top": 2}).json()
    assert got == posted


def test_ask_off_topic_is_not_answered(client):
    body = client.post("/api/ask", json={"q": "hvordan laver man lasagne?"}).json()
    assert body["answered"] is False
    assert body["answers"] == []


def test_ask_with_symptoms_carries_triage(client):
    body = client.post("/api/ask", json={"q": EMERGENCY}).json()
    assert body["triage"] is not None
    assert body["triage"]["level"] == "emergency"


def test_triage_emergency_and_answers(client):
    body = client.post("/api/triage", json={"text": EMERGENCY, "region": "hovedstaden"}).json()
    assert body["level"] == "emergency"
    assert "112" in body["action"]
    assert any(f["status"] == "present" for f in body["findings"])


def test_triage_follow_up_answer_changes_level(client):
    text = "jeg har ondt i læggen"
    first = client.post("/api/triage", json={"text": text}).json()
    assert first["level"] != "emergency"
    assert first["questions"], "a vague description should get follow-up questions"
    # Answering yes to every question must not lower the level; for the first, the most
    # important (a red flag), it must raise it.
    top = first["questions"][0]["id"]
    second = client.post("/api/triage", json={"text": text, "answers": {top: True}}).json()
    order = ["self_care", "routine", "urgent", "emergency"]
    assert order.index(second["level"]) > order.index(first["level"])
    assert top not in [q["id"] for q in second["questions"]]


def test_plan_json_and_ics(client):
    body = client.get("/api/plan", params={"start": "2026-03-02", "weeks": 2}).json()
    assert body["start"] == "2026-03-02" and body["weeks"] == 2 and body["sessions"]
    preg = client.get("/api/plan", params={"start": "2026-03-02", "pregnant": "true"}).json()
    assert preg["profile"]["pregnant"] is True
    for url in ("/api/plan.ics?start=2026-03-02&weeks=2", "/api/plan?format=ics&weeks=2"):
        resp = client.get(url)
        assert resp.status_code == 200
        assert resp.headers["content-type"].startswith("text/calendar")
        assert "attachment" in resp.headers["content-disposition"]
        assert ".ics" in resp.headers["content-disposition"]
        assert resp.text.startswith("BEGIN:VCALENDAR")


def test_healthz(client):
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["articles"] > 0


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({}, "invalid_input"),
        ({"q": ""}, "empty"),
        ({"q": "   "}, "empty"),
        ({"q": 5}, "invalid_input"),
        ({"q": ["a"]}, "invalid_input"),
        ({"q": None}, "invalid_input"),
        ({"q": "krampe", "top": "mange"}, "invalid_input"),
        ({"q": "krampe", "top": 0}, "invalid_input"),
        ({"q": "x" * 5001}, "too_long"),
    ],
)
def test_ask_invalid_fields_422(client, payload, code):
    _is_error(client.post("/api/ask", json=payload), 422, code)


@pytest.mark.parametrize(
    "payload",
    [{"text": ""}, {"text": 3}, {"text": "ondt", "region": "fyn"}, {"text": "ondt", "answers": 1}],
)
def test_triage_invalid_fields_422(client, payload):
    _is_error(client.post("/api/triage", json=payload), 422)


def test_get_ask_without_q_is_422(client):
    _is_error(client.get("/api/ask"), 422, "invalid_input")


@pytest.mark.parametrize("body", [b"{bad", b'{"q": "krampe"', b"\xff\xfe"])
def test_malformed_json_is_400(client, body):
    resp = client.post("/api/ask", content=body, headers={"content-type": "application/json"})
    _is_error(resp, 400, "invalid_json")


def test_non_object_body_is_422(client):
    resp = client.post(
        "/api/triage", content=b"[1, 2]", headers={"content-type": "application/json"}
    )
    _is_error(resp, 422)


def test_one_megabyte_body_is_413(client):
    big = b'{"q": "' + b"a" * 1_000_000 + b'"}'
    resp = client.post("/api/ask", content=big, headers={"content-type": "application/json"})
    _is_error(resp, 413, "too_large")


def test_413_without_content_length(client):
    """A chunked body is counted while read, not trusted from a header."""

    def chunks():
        for _ in range(20):
            yield b"a" * 10_000

    resp = client.post(
        "/api/triage", content=chunks(), headers={"content-type": "application/json"}
    )
    _is_error(resp, 413, "too_large")


def test_plan_invalid_params_422(client):
    _is_error(client.get("/api/plan", params={"weeks": 0}), 422)
    _is_error(client.get("/api/plan", params={"weeks": "seks"}), 422)
    _is_error(client.get("/api/plan", params={"start": "i morgen"}), 422)
    _is_error(client.get("/api/plan", params={"format": "pdf"}), 422)


def test_unknown_api_path_404_and_wrong_method_405(client):
    _is_error(client.get("/api/findes-ikke"), 404, "not_found")
    _is_error(client.delete("/api/ask"), 405, "method_not_allowed")
    _is_error(client.put("/api/triage", json={}), 405)


@pytest.mark.parametrize(
    "text",
    ["¹", "²³ dage", "½ time", "🦵💥", "؟؟", "e\u0301", "?!.,", "læg" * 1000, "٣ dage", "Ⅻ"],
)
def test_odd_unicode_never_500(client, text):
    for resp in (
        client.post("/api/ask", json={"q": text}),
        client.post("/api/triage", json={"text": text}),
    ):
        assert resp.status_code in (200, 422), (text, resp.status_code, resp.text[:200])


@pytest.mark.parametrize("path,field", [("/api/ask", "q"), ("/api/triage", "text")])
def test_lone_surrogate_is_a_danish_422_not_a_500(client, path, field):
    """Regression: JSON may carry a lone surrogate ("\\ud800"); writing the text back out as
    UTF-8 failed, a 500."""
    body = '{"' + field + '": "krampe i l\\u00e6ggen \\ud800 om natten"}'
    resp = client.post(path, content=body, headers={"content-type": "application/json"})
    _is_error(resp, 422)
    assert "ugyldige tegn" in resp.json()["message"]


def test_questions_and_triage_are_limited_per_client(monkeypatch):
    """A 5,000-character question costs up to 300 ms: one client may not keep a worker
    busy. Past the limit a Danish 429 with Retry-After; another client is not affected."""
    from fastapi.testclient import TestClient

    from krampe.config import get_settings
    from krampe.web.app import create_app

    monkeypatch.setenv("KRAMPE_API_RATE_LIMIT", "4/minute")
    get_settings.cache_clear()
    app = create_app(["bundled"])
    with TestClient(app, raise_server_exceptions=False, client=("10.7.0.1", 1)) as busy:
        assert busy.post("/api/ask", json={"q": "hjælper magnesium?"}).status_code == 200
        assert busy.get("/api/ask", params={"q": "udstrækning"}).status_code == 200
        assert busy.post("/api/triage", json={"text": "krampe i nat"}).status_code == 200
        assert busy.post("/triage", data={"text": "krampe i nat"}).status_code == 200
        for r in (busy.post("/api/triage", json={"text": "krampe"}),
                  busy.post("/api/ask", json={"q": "krampe"})):
            body = _is_error(r, 429, "too_many_requests")
            assert "Vent" in body["message"] and "112" in body["message"]
            assert int(r.headers["retry-after"]) > 0
        page = busy.post("/", data={"q": "krampe"})
        assert page.status_code == 429 and "text/html" in page.headers["content-type"]
        assert busy.get("/healthz").status_code == 200  # not limited
    with TestClient(app, raise_server_exceptions=False, client=("10.7.0.2", 1)) as other:
        assert other.post("/api/ask", json={"q": "krampe"}).status_code == 200
