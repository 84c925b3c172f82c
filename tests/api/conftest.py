"""Fixtures for the API tests: apps and one export for the session (read-only), a client per test.

A test that changes an app (adds a hook, patches what it is built from) or an export builds its
own with ``create_app`` or ``export`` into its ``tmp_path``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from api import create_app
from api.config import DEFAULTS
from api.pages import pdf
from api.publish.export import Exported, export

ROOT = Path(__file__).resolve().parents[2]
#: The defaults of public answers, from the settings (the golden files and test_config pin the values).
PUBLIC_CACHE = f"public, max-age={DEFAULTS['FACTSHEET_MAX_AGE']}"
REFERRER_POLICY: str = DEFAULTS["FACTSHEET_REFERRER_POLICY"]


#: Builds an app with a configuration (as ``create_app``), once per configuration in a test run.
MakeApp = Callable[..., Flask]


@pytest.fixture(scope="session")
def make_app() -> MakeApp:
    """``make_app()`` or ``make_app({"TESTING": True, ...})``: the app of that configuration,
    built on its first use and shared for the rest of the run, so only for tests that read it."""
    built: dict[frozenset[tuple[str, Any]], Flask] = {}

    def make(config: Mapping[str, Any] | None = None) -> Flask:
        key = frozenset((config or {}).items())
        if key not in built:
            built[key] = create_app(config)
        return built[key]

    return make


@pytest.fixture(scope="session")
def app(make_app: MakeApp) -> Flask:
    return make_app({"TESTING": True})


@pytest.fixture(scope="session")
def pdfs_ready(app: Flask) -> None:
    """The session app's PDFs made (where they can be), so that asking for one answers 200 rather
    than 503 "being made" (api/pages/pdf_cache.py); tests/conftest.py marks its users ``pdf``."""
    if pdf.unavailable() is None:
        app.extensions["factsheet.pdfs"].prepare(wait=True)


@pytest.fixture(scope="session")
def exported_site(app: Flask, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """The session app's export, with the PDFs where they can be made here; read-only (the export,
    hosting, nginx and browser tests share it)."""
    return export(app, tmp_path_factory.mktemp("export") / "site", pdf=pdf.unavailable() is None)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def body(response: TestResponse) -> Any:
    """The JSON of a response, read strictly: as UTF-8 text, whatever the Content-Type says."""
    return json.loads(response.get_data().decode("utf-8"))
