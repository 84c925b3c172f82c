"""The OpenAPI document: valid, complete, and the same as the committed api/openapi.json."""

from __future__ import annotations

import json
import re

import schemathesis
from flask import Flask
from flask.testing import FlaskClient

from api.site import Site

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
