"""Facts written once and used where they are needed: problem types, locale tags, JSON in a
``<script>``, cache policies, and the error responses of the OpenAPI document."""

from __future__ import annotations

import json

from flask.testing import FlaskClient
from marshmallow import validate

import api.v1.smorest
import factsheet
from api.config import Settings, public_cache
from api.pages.assets import IMMUTABLE
from api.pages.jinja import script_json
from api.pages.page import LocaleConverter
from api.v1.problems import PROBLEM, PROBLEM_MEMBERS, PROBLEM_TYPES
from api.v1.routes import IMMUTABLE_DOC
from api.v1.schemas import LangQuerySchema, ProblemSchema


def test_the_problem_schema_names_every_problem_type_and_its_member() -> None:
    doc = ProblemSchema.__doc__ or ""
    assert tuple(PROBLEM_MEMBERS) == PROBLEM_TYPES
    for kind, member in PROBLEM_MEMBERS.items():
        assert f"``{kind}``" in doc, kind
        if member:
            assert f"``{kind}`` (``{member}``)" in doc, kind
    assert "``/v1/problems/pdf-unavailable``" in doc


def test_every_failed_lookup_has_a_problem_type_and_member() -> None:
    # api.v1.problems.not_found names the type and member after the error's kind.
    for error in factsheet.NotFoundError.__subclasses__():
        assert PROBLEM_MEMBERS[f"/v1/problems/unknown-{error.kind}"] == f"{error.kind}s", error


def test_the_locale_tag_is_the_packages() -> None:
    validators = LangQuerySchema().fields["lang"].validators
    lengths = [v for v in validators if isinstance(v, validate.Length)]
    patterns = [v for v in validators if isinstance(v, validate.Regexp)]
    assert [v.max for v in lengths] == [factsheet.MAX_LOCALE_TAG]
    assert [v.regex.pattern for v in patterns] == [f"^(?:{factsheet.LOCALE_TAG.pattern})$"]
    assert LocaleConverter.regex == factsheet.LOCALE_TAG.pattern


def test_json_in_a_script_cannot_end_it_and_reads_back_the_same() -> None:
    data = {"text": "</script><!-- a & b > c", "nested": ["<b>"]}
    for indent in (None, 1):
        written = str(script_json(data, indent=indent))
        assert not {"<", ">", "&"} & set(written)
        assert json.loads(written) == data
    assert str(script_json({"a": [1, 2]})) == '{"a":[1,2]}'
    assert str(script_json({"a": 1}, indent=1)) == '{\n "a": 1\n}'


def test_cache_policies_are_written_once(client: FlaskClient) -> None:
    settings = Settings(max_age=120, cors_max_age=0, referrer_policy="no-referrer", docs_assets_url="")
    assert settings.cache_control == public_cache(120) == "public, max-age=120"
    assert IMMUTABLE == "public, max-age=31536000, immutable"
    assert f"`Cache-Control: {IMMUTABLE}`" in IMMUTABLE_DOC
    assert client.get("/embed.js").headers["Cache-Control"] == public_cache(3600)
    assert client.get("/en").headers["Cache-Control"] == public_cache(86400)  # a permanent redirect


def test_errors_are_documented_as_problem_details_without_flask_smorest_internals(
    client: FlaskClient,
) -> None:
    # api/v1/smorest.py re-registers flask-smorest's lazy error responses through apispec's public
    # Components.response; no private method of flask-smorest is overridden.
    assert "_register_responses" not in vars(api.v1.smorest.Api)
    responses = client.get("/v1/openapi.json").get_json()["components"]["responses"]
    unprocessable = responses["UNPROCESSABLE_ENTITY"]  # referred to by every view with a query
    assert list(unprocessable["content"]) == [PROBLEM], (
        "flask-smorest's own 422 response (application/json) won: the lazy re-registration in "
        "api.v1.smorest.Api.init_app no longer replaces it (flask-smorest or apispec changed)"
    )
    assert "IM_A_TEAPOT" not in responses  # still lazy: only what an operation refers to
    assert "DEFAULT_ERROR" not in responses  # the default error response is "Problem"
