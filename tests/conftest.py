from __future__ import annotations

import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest
from hypothesis import HealthCheck, settings

import factsheet

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "factsheet" / "content" / "factsheet.nl.yaml"
#: The published factsheet as extracted from its PDF, kept beside the tests so they never depend
#: on files outside the repository.
SOURCE_TEXT = ROOT / "tests" / "data" / "factsheet-2026.nl.txt"

#: CI services set ``CI=true`` (``.ci/run`` does too): there a missing tool fails the run (:func:`require`).
IN_CI = os.environ.get("CI") == "true"

# How hard hypothesis tries: few examples in the development loop, many in CI (``CI=true``, as
# CI services set it), or name a profile: ``HYPOTHESIS_PROFILE=ci pytest``. No deadline: the
# machine is shared, and speed is measured by the benchmarks, not by tests.
_COMMON = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", _COMMON, max_examples=20)
settings.register_profile("ci", _COMMON, max_examples=200)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if IN_CI else "dev"))

#: What a test needs from outside the Python packages, or what makes it cost seconds; each is a
#: marker (registered in pyproject.toml), and ``slow`` is their union, so ``pytest -m "not slow"``
#: is the development loop and ``pytest -m pdf`` runs the PDF tests alone.
COSTLY = ("browser", "nginx", "pdf", "node", "server", "packaging", "fuzz", "gettext", "subprocess", "docs")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        # Every test Hypothesis drives is fuzz; the tests that wait for the session's PDFs, or use
        # its export, which holds them, need the PDFs (tests/api/conftest.py).
        if getattr(getattr(item, "function", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.fuzz)
        if {"pdfs_ready", "exported_site"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.pdf)
        if any(item.get_closest_marker(name) for name in COSTLY):
            item.add_marker(pytest.mark.slow)


def missing(reason: str, *, what: str, module: bool = False) -> NoReturn:
    """Skip here because ``reason`` says what is missing; in CI fail instead, so a missing tool
    cannot hide tests there. ``what`` names the tests ("the PDF tests"); ``module`` skips the
    whole module (called at import time)."""
    if IN_CI:
        pytest.fail(f"CI must run {what}, but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=module)


def require(reason: str | None, *, what: str, module: bool = False) -> None:
    """:func:`missing` if there is a ``reason`` (what is missing), else nothing."""
    if reason is not None:
        missing(reason, what=what, module=module)


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


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
