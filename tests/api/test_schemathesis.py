"""The app against its own OpenAPI document: every operation, every default check, in-process.

How many examples per operation: the hypothesis profile (``tests/conftest.py``).
"""

from __future__ import annotations

from typing import Any

import schemathesis

from api import create_app

schema = schemathesis.openapi.from_wsgi("/v1/openapi.json", create_app())


@schema.parametrize()
def test_api_keeps_its_contract(case: schemathesis.Case[Any]) -> None:
    case.call_and_validate()
