from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import factsheet

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "factsheet" / "content" / "factsheet.nl.yaml"
#: The published factsheet as extracted from its PDF, kept beside the tests so they never depend
#: on files outside the repository.
SOURCE_TEXT = ROOT / "tests" / "data" / "factsheet-2026.nl.txt"


@pytest.fixture
def fresh_cache() -> Iterator[None]:
    """Tests that point the package at other files start and end with empty caches."""
    factsheet.clear_cache()
    yield
    factsheet.clear_cache()


@pytest.fixture
def content_text() -> str:
    return CONTENT.read_text(encoding="utf-8")
