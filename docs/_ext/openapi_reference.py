"""The HTTP reference, written from the committed OpenAPI document (``api/openapi.json``).

``{openapi-operations} PATH`` renders every path and operation: its parameters, and per status
its headers, media types, schema and example. ``{openapi-schemas} PATH`` renders every schema of
``components/schemas`` with its members. Each operation is a target named ``openapi-<operationId>``
and each schema ``openapi-schema-<name>`` (lower case), for ``{ref}`` from any page.

The document is this project's own: OpenAPI 3.0 as flask-smorest writes it (``$ref`` to
``components``, ``nullable``, ``anyOf``, enums). What it does not use is not rendered. Its
descriptions are Markdown (as Swagger UI reads them), so the directives write MyST Markdown and
let MyST parse it; they belong in ``.md`` pages.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

METHODS = ("get", "head", "post", "put", "patch", "delete", "options")


def _name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _resolve(document: dict[str, Any], value: dict[str, Any]) -> dict[str, Any]:
    """``value``, or what its ``$ref`` names inside ``document``."""
    while "$ref" in value:
        node: Any = document
        for part in value["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        value = node
    return value


def _cell(text: str) -> str:
    """Text for one cell of a Markdown table: one line, no column break."""
    return " ".join(text.split()).replace("|", "\\|")


def schema_link(name: str) -> str:
    return f"{{ref}}`{name} <openapi-schema-{name.lower()}>`"


def type_of(schema: dict[str, Any]) -> str:
    """A schema in words: ``string``, ``array of Item``, ``one of: null, Release``."""
    if "$ref" in schema:
        return schema_link(_name(schema["$ref"]))
    if "anyOf" in schema:
        parts = [
            "null"
            if s.get("nullable") and s.get("type") == "object" and "properties" not in s
            else type_of(s)
            for s in schema["anyOf"]
        ]
        return "one of: " + ", ".join(parts)
    kind = schema.get("type", "any")
    if kind == "array":
        text = f"array of {type_of(schema.get('items', {}))}"
    elif kind == "object" and "additionalProperties" in schema and not schema.get("properties"):
        values = schema["additionalProperties"]
        text = f"object of {type_of(values)}" if isinstance(values, dict) else "object"
    else:
        text = f"`{kind}`"
    if "enum" in schema:
        text += ": " + ", ".join(f"`{json.dumps(v)}`" for v in schema["enum"])
    limits = [
        f"{label} `{schema[key]}`"
        for key, label in (
            ("pattern", "pattern"),
            ("minimum", "≥"),
            ("maximum", "≤"),
            ("minItems", "at least"),
            ("maxLength", "at most"),
        )
        if key in schema
    ]
    if schema.get("nullable"):
        limits.append("or `null`")
    return text + (f" ({', '.join(limits)})" if limits else "")


def _example(example: Any) -> list[str]:
    return ["```json", *json.dumps(example, ensure_ascii=False, indent=2).splitlines(), "```", ""]


def _parameters(document: dict[str, Any], path_item: dict[str, Any], operation: dict[str, Any]) -> list[str]:
    given = [
        _resolve(document, p) for p in [*path_item.get("parameters", []), *operation.get("parameters", [])]
    ]
    if not given:
        return []
    lines = ["| parameter | in | type | required | meaning |", "|---|---|---|---|---|"]
    for p in given:
        meaning = p.get("description", "") + (f" Example: `{p['example']}`." if "example" in p else "")
        lines.append(
            f"| `{p['name']}` | {p['in']} | {_cell(type_of(p.get('schema', {})))} "
            f"| {'yes' if p.get('required') else 'no'} | {_cell(meaning)} |"
        )
    return ["**Parameters**", "", *lines, ""]


def _responses(document: dict[str, Any], operation: dict[str, Any]) -> list[str]:
    lines = ["**Responses**", ""]
    for status, given in operation.get("responses", {}).items():
        response = _resolve(document, given)
        label = "any other status" if status == "default" else f"`{status}`"
        lines += [f"- {label}: {' '.join(response.get('description', '').split())}", ""]
        for header, given_header in response.get("headers", {}).items():
            described = _resolve(document, given_header).get("description", "")
            lines += [f"  - header `{header}`: {' '.join(described.split())}"]
        for media, content in response.get("content", {}).items():
            schema = content.get("schema")
            body = f", {type_of(schema)}" if schema else ""
            lines += [f"  - body `{media}`{body}"]
        lines.append("")
        for content in response.get("content", {}).values():
            if "example" in content:
                example = [f"  {line}".rstrip() for line in _example(content["example"])]
                lines += ["  Example:", "", *example, ""]
    return lines


def operations_markdown(document: dict[str, Any]) -> Iterator[str]:
    info = document["info"]
    yield f"## Overview (version {info['version']})"
    yield ""
    yield info.get("description", "")
    yield ""
    for path, path_item in document["paths"].items():
        for method in METHODS:
            if method not in path_item:
                continue
            operation = path_item[method]
            yield f"(openapi-{operation['operationId'].lower()})="
            yield f"## `{method.upper()} {path}`"
            yield ""
            yield f"{operation.get('summary', '')} (operation `{operation['operationId']}`)"
            yield ""
            if operation.get("description"):
                yield operation["description"]
                yield ""
            yield from _parameters(document, path_item, operation)
            yield from _responses(document, operation)


def schemas_markdown(document: dict[str, Any]) -> Iterator[str]:
    for name, schema in document["components"]["schemas"].items():
        yield f"(openapi-schema-{name.lower()})="
        yield f"## {name}"
        yield ""
        if schema.get("description"):
            yield schema["description"]
            yield ""
        properties = schema.get("properties")
        if not properties:
            yield f"Type: {type_of(schema)}."
            yield ""
            continue
        required = set(schema.get("required", []))
        extra = "" if schema.get("additionalProperties") is False else " Other members may appear."
        yield f"An object; members marked *required* are always there.{extra}"
        yield ""
        yield "| member | type | required | meaning |"
        yield "|---|---|---|---|"
        for member, spec in properties.items():
            yield (
                f"| `{member}` | {_cell(type_of(spec))} | {'required' if member in required else ''} "
                f"| {_cell(spec.get('description', ''))} |"
            )
        yield ""


class _OpenApiDirective(SphinxDirective):
    required_arguments = 1

    def render(self, document: dict[str, Any]) -> Iterator[str]:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        _, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(path)
        document = json.loads(Path(path).read_text(encoding="utf-8"))
        container = nodes.section()
        container.document = self.state.document
        text = StringList(list(self.render(document)), source=path)
        self.state.nested_parse(text, self.content_offset, container, match_titles=True)
        return list(container.children)


class OpenApiOperations(_OpenApiDirective):
    def render(self, document: dict[str, Any]) -> Iterator[str]:
        return operations_markdown(document)


class OpenApiSchemas(_OpenApiDirective):
    def render(self, document: dict[str, Any]) -> Iterator[str]:
        return schemas_markdown(document)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("openapi-operations", OpenApiOperations)
    app.add_directive("openapi-schemas", OpenApiSchemas)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
