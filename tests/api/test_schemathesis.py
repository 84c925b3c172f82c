"""The app against its own OpenAPI document: every operation, every default check, in-process.

How many examples per operation: the hypothesis profile (``tests/conftest.py``). The schema is
loaded from a fixture, so collecting the module builds nothing (``pytest -m "not slow"``).
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from flask import Flask

pytestmark = pytest.mark.fuzz


@pytest.fixture
def api_schema(app: Flask, pdfs_ready: None) -> Any:
    return schemathesis.openapi.from_wsgi("/v1/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
def test_api_keeps_its_contract(case: schemathesis.Case[Any]) -> None:
    # The plain bytes: the WSGI transport does not decode what it asks for by default (gzip);
    # that every coded body decodes to them is tests/api/test_encodings.py's part.
    case.call_and_validate(headers={"Accept-Encoding": "identity"})
