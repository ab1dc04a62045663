"""The diary inside the real web app (krampe.web.app.create_app)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def test_diary_lives_in_the_web_app(_isolated_home):
    from krampe.web.app import create_app

    with TestClient(create_app(), follow_redirects=False) as c:  # runs the lifespan
        assert (_isolated_home / "krampe.db").exists()  # schema created at startup
        home = c.get("/").text
        assert 'href="/konto/log-ind"' in home
        privacy = c.get("/privatliv").text
        assert "Dagbog og konto" in privacy and "Argon2" in privacy
        page = c.get("/konto/opret")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        r = c.post("/konto/opret", data={"username": "webbruger", "password": "hemmelig-kode",
                                         "password2": "hemmelig-kode", "csrf_token": token})
        assert r.status_code == 303
        diary = c.get("/dagbog")
        assert diary.status_code == 200 and "Registrér en krampe" in diary.text
        assert 'href="/konto"' in diary.text
        assert "content-security-policy" in diary.headers
        doc = c.get("/openapi.json").json()
        assert "/api/diary/entries" in doc["paths"] and "/api/ask" in doc["paths"]
        r = c.get("/api/diary/entries/999")
        assert r.status_code == 404 and r.json()["error"] == "not_found"
