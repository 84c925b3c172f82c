"""The OpenAPI document: valid, complete, and the same as the committed api/openapi.json."""

from __future__ import annotations

import json
import re
from typing import Any

import schemathesis
from flask import Flask
from flask.testing import FlaskClient

import factsheet
from api.site import Site
from api.v1.problems import PROBLEM_TYPES

from .conftest import ROOT, body

COMMITTED = ROOT / "api" / "openapi.json"
REGENERATE = "flask --app api openapi write --format=json api/openapi.json"


def test_the_committed_document_is_the_one_the_app_serves(client: FlaskClient) -> None:
    served = body(client.get("/v1/openapi.json"))
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    # Compared with key order: generated clients and diffs follow it.
    assert json.dumps(committed, indent=1) == json.dumps(served, indent=1), (
        f"api/openapi.json is out of date: run `{REGENERATE}`"
    )


def test_the_served_bytes_are_what_flask_openapi_write_writes(app: Flask, client: FlaskClient) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(args=["openapi", "print", "--format=json"])
    assert result.exit_code == 0, result.output
    assert client.get("/v1/openapi.json").get_data(as_text=True) == result.output


def test_the_document_is_valid_openapi_3(client: FlaskClient) -> None:
    document = body(client.get("/v1/openapi.json"))
    assert document["openapi"] == "3.0.3"
    schemathesis.openapi.from_dict(document).validate()


def test_every_resource_is_documented(app: Flask, client: FlaskClient) -> None:
    document = body(client.get("/v1/openapi.json"))
    documented = {
        re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.split(".")[0] in {"v1", "health"}
    }
    assert set(document["paths"]) == documented
    for path, item in document["paths"].items():
        responses = item["get"]["responses"]
        assert "200" in responses, path
        assert responses["default"] == {"$ref": "#/components/responses/Problem"}
    problem = document["components"]["responses"]["Problem"]
    assert list(problem["content"]) == ["application/problem+json"]
    for name, response in document["components"]["responses"].items():
        assert "application/json" not in response.get("content", {}), f"{name}: errors are problem+json"


def test_every_reference_resolves(client: FlaskClient) -> None:
    document = body(client.get("/v1/openapi.json"))

    def refs(node: object) -> list[str]:
        if isinstance(node, dict):
            found = [node["$ref"]] if "$ref" in node else []
            return found + [ref for value in node.values() for ref in refs(value)]
        if isinstance(node, list):
            return [ref for value in node for ref in refs(value)]
        return []

    for ref in refs(document):
        _, section, kind, name = ref.split("/")
        assert name in document[section][kind], ref


def test_the_schemas_are_the_data_packages(client: FlaskClient) -> None:
    schemas = body(client.get("/v1/openapi.json"))["components"]["schemas"]
    for name in ("Factsheet", "Metadata", "Translation", "Section", "Item", "Problem", "Locale", "Index"):
        assert name in schemas
    assert "PaginationMetadata" not in schemas
    assert list(schemas["Translation"]["properties"]) == [
        "status",
        "translated",
        "total",
        "fallbacks",
        "reviewed_by",
        "reviewed_on",
        "changed_since_review",
    ]


def test_the_text_formats_are_documented_with_their_media_types(client: FlaskClient) -> None:
    paths = body(client.get("/v1/openapi.json"))["paths"]
    for path, media_type in (
        ("/v1/{locale}/factsheet.md", "text/markdown"),
        ("/v1/{locale}/factsheet.txt", "text/plain"),
    ):
        ok = paths[path]["get"]["responses"]["200"]
        assert list(ok["content"]) == [media_type]
        assert ok["content"][media_type]["schema"] == {"type": "string"}
        assert set(ok["headers"]) == {"ETag", "Cache-Control", "Content-Language"}


def test_the_description_documents_every_leaf_name_of_the_static_copy(
    app: Flask, client: FlaskClient
) -> None:
    description = " ".join(body(client.get("/v1/openapi.json"))["info"]["description"].split())
    site: Site = app.extensions["factsheet"]
    assert "its URL plus `.json`" in description
    for file in site.files():
        if file.name == file.path.lstrip("/") or not file.name.startswith("v1/"):  # same, or no API's
            continue
        if file.name != file.path.lstrip("/") + ".json":  # the exceptions are named
            assert f"`/{file.name}` for `{file.path}`" in description, file.name


def test_every_operation_has_its_own_id(client: FlaskClient) -> None:
    paths = body(client.get("/v1/openapi.json"))["paths"]
    ids = [item["get"]["operationId"] for item in paths.values()]
    assert len(set(ids)) == len(ids) == len(paths)
    assert paths["/v1/{locale}/factsheet"]["get"]["operationId"] == "getLocalizedFactsheet"


def test_each_enum_is_one_named_schema(client: FlaskClient) -> None:
    document = body(client.get("/v1/openapi.json"))
    schemas = document["components"]["schemas"]
    assert schemas["LocaleCode"]["enum"] == list(factsheet.locales())
    assert schemas["SectionId"]["enum"] == list(factsheet.SECTION_IDS)
    assert schemas["ProblemType"]["enum"] == list(PROBLEM_TYPES)
    text = json.dumps(document)
    for name in ("LocaleCode", "SectionId", "TranslationStatus", "ProblemType"):
        # the values are listed once; every place that holds one refers to the schema
        assert text.count('"enum": ' + json.dumps(schemas[name]["enum"])) == 1, name
    for path, item in document["paths"].items():
        if path.startswith("/v1/releases/"):
            continue  # a pinned edition's locales are those of its release, not today's enum
        for parameter in item.get("parameters", []):
            if parameter.get("name") in {"locale", "section_id"}:
                assert "$ref" in parameter["schema"], (path, parameter["name"])
    assert schemas["Locale"]["properties"]["code"] == {"$ref": "#/components/schemas/LocaleCode"}
    assert schemas["Section"]["properties"]["id"] == {"$ref": "#/components/schemas/SectionId"}
    assert schemas["Problem"]["properties"]["type"] == {"$ref": "#/components/schemas/ProblemType"}


def test_what_is_always_sent_is_required(app: Flask, client: FlaskClient) -> None:
    schemas = body(client.get("/v1/openapi.json"))["components"]["schemas"]
    for name, schema in schemas.items():
        if "properties" not in schema:
            continue
        for member, declared in schema["properties"].items():
            assert "default" not in declared, f"{name}.{member}: a response has no default"
        if name != "Problem":  # its members depend on the problem
            assert schema.get("required") == list(schema["properties"]), name
    assert sorted(schemas["Problem"]["required"]) == ["status", "title", "type"]
    # ...and is sent indeed: each member of every JSON body the site holds
    validate_all(app, schemas)


def validate_all(app: Flask, schemas: dict[str, Any]) -> None:
    site: Site = app.extensions["factsheet"]
    kinds = {
        "factsheet.json": "Factsheet",
        "locales.json": "Locale",
        "index.json": "Index",
        "releases.json": "Releases",
        "chunks.json": "Chunks",
    }
    checked = 0
    for file in site.files():
        leaf = file.name.rsplit("/", 1)[-1]
        if not file.name.startswith("v1/") or not leaf.endswith(".json") or leaf == "openapi.json":
            continue
        if file.name.startswith("v1/releases/"):
            continue  # a pinned edition: the bytes its release sent, under that release's schema
        name = kinds.get(leaf) or ("Item" if "/items/" in file.name else "Section")
        schema: dict[str, Any] = {"$ref": f"#/components/schemas/{name}"}
        if leaf in {"sections.json", "locales.json"}:
            schema = {"type": "array", "items": schema}
        _members_sent(json.loads(file.representation.ready().body), schema, schemas, file.name)
        checked += 1
    assert checked > 100


def _members_sent(data: Any, schema: dict[str, Any], schemas: dict[str, Any], where: str) -> None:
    """Every object in ``data`` has exactly the members its schema lists as required."""
    if "$ref" in schema:
        schema = schemas[schema["$ref"].rsplit("/", 1)[-1]]
    if data is None:  # nullable itself, or one of its alternatives is (apispec's nullable Nested)
        assert schema.get("nullable") or any(part.get("nullable") for part in schema.get("anyOf", [])), where
    elif "anyOf" in schema:
        (shape,) = [part for part in schema["anyOf"] if "$ref" in part]
        _members_sent(data, shape, schemas, where)
    elif schema.get("type") == "object" and "properties" in schema:
        assert list(data) == schema["required"], where
        for member, value in data.items():
            _members_sent(value, schema["properties"][member], schemas, f"{where}: {member}")
    elif schema.get("type") == "array":
        for value in data:
            _members_sent(value, schema["items"], schemas, where)
    elif "enum" in schema:
        assert data in schema["enum"], where


def test_problem_responses_have_a_documented_type_and_an_example(client: FlaskClient) -> None:
    document = body(client.get("/v1/openapi.json"))
    for path in ("/v1/xx/factsheet", "/v1/en/sections/nope", "/v1/en/sections/risks/items/nope", "/nope"):
        assert body(client.get(path))["type"] in PROBLEM_TYPES, path
    assert body(client.get("/v1/factsheet?lang="))["type"] in PROBLEM_TYPES
    missing = document["paths"]["/v1/{locale}/factsheet"]["get"]["responses"]["404"]
    example = missing["content"]["application/problem+json"]["example"]
    assert example == body(client.get("/v1/EN/factsheet"))
    item = document["paths"]["/v1/{locale}/sections/{section_id}/items/{item_id}"]["get"]["responses"]["200"]
    echo = body(client.get("/v1/en/sections/risks/items/echo"))
    assert item["content"]["application/json"]["example"] == echo
