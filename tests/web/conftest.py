"""Fixtures for the web tests: one app (knowledge base loaded once) shared by the session."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.fixture(scope="session")
def web_app(tmp_path_factory: pytest.TempPathFactory):
    from krampe.config import get_settings
    from krampe.web.app import create_app

    home = tmp_path_factory.mktemp("web_home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KRAMPE_HOME", str(home))
        # One test client asks many questions: the per-client limit is raised here.
        mp.setenv("KRAMPE_API_RATE_LIMIT", "100000/minute")
        get_settings.cache_clear()
        app = create_app(["bundled"])
        with TestClient(app, raise_server_exceptions=False) as client:
            app.state.test_client = client
            yield app
    get_settings.cache_clear()


@pytest.fixture
def client(web_app) -> TestClient:
    return web_app.state.test_client
