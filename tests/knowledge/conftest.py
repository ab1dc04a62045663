from __future__ import annotations

import pytest

from krampe.knowledge.kb import forget_loaded


@pytest.fixture(autouse=True)
def _fresh_knowledge_bases():
    """Each test loads from its own KRAMPE_HOME, never from another test's memory."""
    forget_loaded()
    yield
    forget_loaded()
