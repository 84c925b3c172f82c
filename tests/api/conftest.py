"""Fixtures for the API tests: one app for the session (it is read-only), a client per test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from api import create_app

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def app() -> Flask:
    return create_app({"TESTING": True})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def body(response: TestResponse) -> Any:
    """The JSON of a response, read strictly: as UTF-8 text, whatever the Content-Type says."""
    return json.loads(response.get_data().decode("utf-8"))
