"""Shared fixtures and the CI rule: on CI (CI=true) a skipped test is a failed test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO / "eval"  # the team's evaluation sets (eval/README.md)
SHARED = (REPO.parent / "shared").resolve()
ON_CI = os.environ.get("CI", "").lower() == "true"

# The browser tests' fixtures (chromium, `krampe serve`, pages), for every test directory.
pytest_plugins = ["tests.browser"]

# Property tests draw the same examples on every run (no random seed, no example database
# carried between runs), so a pass or a failure means the same thing each time. The
# safety fuzzers set their own settings (their long run explores at random).
settings.register_profile("krampe", derandomize=True, database=None, deadline=None)
settings.load_profile("krampe")


def _need(ok: bool, why: str) -> None:
    if ok:
        return
    if ON_CI:
        pytest.fail(f"CI must run this test, but: {why}")
    pytest.skip(why)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    _need((SHARED / "seeds").is_dir(), f"{SHARED} is not here")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    return shared_dir / "seeds"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets its own KRAMPE_HOME so caches and databases never leak between tests."""
    home = tmp_path_factory.mktemp("krampe_home")
    monkeypatch.setenv("KRAMPE_HOME", str(home))
    # The semantic stage encodes every passage a test indexes (about 0.1 s each): tests
    # of it switch it on (tests/knowledge/test_semantic.py).
    monkeypatch.setenv("KRAMPE_SEMANTIC", "0")
    from krampe.config import get_settings

    get_settings.cache_clear()
    yield home
    get_settings.cache_clear()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if ON_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped on CI (CI=true), which counts as a failure: {report.longrepr}"


@pytest.fixture(autouse=True)
def _roomy_limits(monkeypatch: pytest.MonkeyPatch):
    """Many tests register several accounts and ask many questions from one test client:
    the registration and API limits are raised for them (a test of a limit sets its own)."""
    monkeypatch.setenv("KRAMPE_REGISTER_MAX_PER_WINDOW", "100000")
    monkeypatch.setenv("KRAMPE_API_RATE_LIMIT", "100000/minute")
    from krampe.accounts.settings import account_settings

    account_settings.cache_clear()
    yield
    account_settings.cache_clear()
