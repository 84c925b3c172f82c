from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import factsheet

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "factsheet" / "content" / "factsheet.nl.yaml"
#: The published factsheet as extracted from its PDF, kept beside the tests so they never depend
#: on files outside the repository.
SOURCE_TEXT = ROOT / "tests" / "data" / "factsheet-2026.nl.txt"

# How hard hypothesis tries: few examples in the development loop, many in CI (``CI=true``, as
# CI services set it), or name a profile: ``HYPOTHESIS_PROFILE=ci pytest``. No deadline: the
# machine is shared, and speed is measured by the benchmarks, not by tests.
_COMMON = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", _COMMON, max_examples=20)
settings.register_profile("ci", _COMMON, max_examples=200)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev")
)


def pytest_configure(config: pytest.Config) -> None:
    """The PDFs the tests make go to a folder of the test run, not the user's cache (api/pages/pdf_cache.py);
    every app and server the run starts shares it, so each PDF is made once per run."""
    if not os.environ.get("FACTSHEET_PDF_CACHE"):
        os.environ["FACTSHEET_PDF_CACHE"] = tempfile.mkdtemp(prefix="factsheet-test-pdfs-")


@pytest.fixture
def fresh_cache() -> Iterator[None]:
    """Tests that point the package at other files start and end with empty caches."""
    factsheet.clear_cache()
    yield
    factsheet.clear_cache()


@pytest.fixture
def content_text() -> str:
    return CONTENT.read_text(encoding="utf-8")


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_cache: None) -> Path:
    """A copy of translations/ that the package reads instead of the real one."""
    copy = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", copy)
    from factsheet import files

    monkeypatch.setattr(files, "translations_dir", lambda: copy)
    return copy


def catalog_path(workspace: Path, code: str) -> Path:
    """The ``.po`` file of ``code`` in a workspace."""
    return workspace / code / "LC_MESSAGES" / "factsheet.po"
