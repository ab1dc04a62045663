"""`krampe serve` wiring: bad input exits 2 in Danish; workers get the --kb specs via env."""

from __future__ import annotations

import json
import subprocess
import sys

from fastapi.testclient import TestClient


def test_serve_rejects_missing_kb_with_exit_2():
    proc = subprocess.run(
        [sys.executable, "-m", "krampe", "serve", "--kb", "/findes/ikke", "--port", "1"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.startswith("fejl: ") and "Traceback" not in proc.stderr


def test_app_factory_reads_kb_specs_from_env(monkeypatch, seeds_dir):
    from krampe.web.app import KB_ENV, app_from_env

    specs = ["bundled", str(seeds_dir)]
    monkeypatch.setenv(KB_ENV, json.dumps(specs))
    with TestClient(app_from_env()) as client:
        health = client.get("/healthz").json()
        assert health["knowledge_base"] == specs
        page = client.get("/kilder").text
        services = client.app.state.services
        seeds = [a for a in services.articles if not a.bundled]
        assert len(seeds) == 2
        for art in seeds:
            assert art.title in page
            assert art.published or art.updated, "the seed articles carry dates"
        assert "tilføjet artikel" in page
