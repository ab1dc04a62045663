"""Every advice page and API result says: not a diagnosis, how current/reviewed the
content is, and what to do in an emergency (issue 7, HAZ-06)."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from krampe.config import get_settings
    from krampe.web.app import create_app

    home = tmp_path_factory.mktemp("disclaimer_home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KRAMPE_HOME", str(home))
        get_settings.cache_clear()
        with TestClient(create_app(["bundled"]), raise_server_exceptions=False) as c:
            yield c
    get_settings.cache_clear()


def _visible(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


ADVICE_PAGES = [
    ("GET", "/nu", None),
    ("GET", "/program", None),
    ("GET", "/triage", None),
    ("POST", "/", {"q": "hvad kan jeg gøre ved krampe i læggen om natten?"}),
    ("POST", "/triage", {"text": "jeg får krampe i læggen om natten"}),
    ("POST", "/triage", {"text": "min læg er hævet og varm"}),
]


@pytest.mark.parametrize(("method", "path", "form"), ADVICE_PAGES,
                         ids=[f"{m} {p} {bool(f)}" for m, p, f in ADVICE_PAGES])
def test_advice_pages_show_disclaimer(client, method, path, form):
    r = client.request(method, path, data=form)
    assert r.status_code == 200, r.text[:300]
    text = _visible(r.text)
    assert re.search(r"ikke en diagnose", text, re.I), "no 'not a diagnosis'"
    assert re.search(r"\b112\b", text), "no emergency number"
    assert re.search(r"fagligt gennemgået|gennemgået af|opdateret", text, re.I), (
        "no review state / date of the content")


def test_answer_page_dates_each_answer(client):
    r = client.post("/", data={"q": "hjælper magnesium mod krampe i læggen?"})
    assert r.status_code == 200
    assert re.search(r"opdateret \d{1,2}\.", _visible(r.text)), "answers carry no date"


def _api_results(client) -> dict[str, dict]:
    ask = client.post("/api/ask", json={"q": "hvad kan jeg gøre ved krampe i læggen?"})
    tri = client.post("/api/triage", json={"text": "jeg får krampe i læggen om natten"})
    assert ask.status_code == 200 and tri.status_code == 200
    return {"ask": ask.json(), "triage": tri.json()}


def test_api_results_carry_disclaimer(client):
    for name, body in _api_results(client).items():
        blob = json.dumps(body, ensure_ascii=False).lower()
        assert "ikke en diagnose" in blob, name
        assert "112" in blob, name
        assert "gennemgået" in blob, name
