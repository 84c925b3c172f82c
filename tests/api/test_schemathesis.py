"""The app against its own OpenAPI document: every operation, every default check, in-process."""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import settings

from api import create_app

schema = schemathesis.openapi.from_wsgi("/v1/openapi.json", create_app())


@schema.parametrize()
@settings(max_examples=60, deadline=None)
def test_api_keeps_its_contract(case: schemathesis.Case[Any]) -> None:
    case.call_and_validate()
