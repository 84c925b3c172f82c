"""What each resource says, built once per (locale, resource) when the app is created.

The bodies are dumps of the data package's schemas (factsheet, section, item) and of
:mod:`api.schemas` (index, locales, health); the Markdown and plain text come from the data
package's renderers (:mod:`factsheet.render`), as the ``factsheet`` command prints them. Links
are root-relative paths made with ``url_for``, so they follow ``APPLICATION_ROOT`` when the
service is mounted under a prefix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from flask import Flask, url_for

import factsheet
from factsheet import ItemSchema, SectionSchema, render

from .config import Settings
from .headers import common_headers
from .representations import JSON, Key, Representation, encode_json, make_etag
from .schemas import HealthSchema, IndexSchema, LocaleSchema

__all__ = ["MARKDOWN", "TEXT", "build", "uri_template"]

MARKDOWN = "text/markdown"
TEXT = "text/plain"

_SECTION = SectionSchema()
_ITEM = ItemSchema()


def uri_template(app: Flask, endpoint: str) -> str:
    """The URL of an endpoint as an RFC 6570 template: ``/v1/{locale}/sections/{section_id}``."""
    rule = next(app.url_map.iter_rules(endpoint))
    root = (app.config["APPLICATION_ROOT"] or "/").rstrip("/")
    return root + re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)


def build(app: Flask, settings: Settings) -> dict[Key, Representation]:
    """Every JSON representation of the v1 resources and ``/healthz``, by key (see :mod:`api.v1`)."""
    checksum = factsheet.content_checksum()
    common = common_headers(settings)
    cached = f"public, max-age={settings.max_age}"

    def as_json(data: Any, scope: str, *, language: str | None = None, cache: str = cached) -> Representation:
        body = encode_json(data)
        return Representation.build(
            body,
            media_type=JSON,
            content_type=JSON,
            etag=make_etag(checksum, scope, "json", body),
            cache_control=cache,
            common=common,
            language=language,
        )

    def as_text(text: str, code: str, kind: str, media_type: str) -> Representation:
        body = text.encode()
        return Representation.build(
            body,
            media_type=media_type,
            content_type=f"{media_type}; charset=utf-8",
            etag=make_etag(checksum, code, kind, body),
            cache_control=cached,
            common=common,
            language=code,
        )

    store: dict[Key, Representation] = {}
    for code in factsheet.locales():
        sheet = factsheet.load(code)
        store[("markdown", code)] = as_text(render.to_markdown(sheet), code, "md", MARKDOWN)
        store[("text", code)] = as_text(render.to_text(sheet), code, "txt", TEXT)
    with app.test_request_context():
        store[("index",)] = as_json(IndexSchema().dump(_index(app, checksum)), "all")
        store[("locales",)] = as_json(LocaleSchema(many=True).dump(_locales()), "all")
        store[("health",)] = as_json(
            HealthSchema().dump({"status": "ok", "version": factsheet.__version__, "checksum": checksum}),
            "all",
            cache="no-store",
        )
        for code in factsheet.locales():
            store.update(_localized(code, as_json))
    return store


def _localized(code: str, as_json: Callable[..., Representation]) -> dict[Key, Representation]:
    sheet = factsheet.load(code)
    sections = [_SECTION.dump(section) for section in sheet.sections]
    store: dict[Key, Representation] = {
        ("factsheet", code): as_json(factsheet.to_dict(sheet), code, language=code),
        ("sections", code): as_json(sections, code, language=code),
    }
    for section, dumped in zip(sheet.sections, sections, strict=True):
        store[("section", code, section.id)] = as_json(dumped, code, language=code)
        for item in section.items:
            store[("item", code, section.id, item.id)] = as_json(_ITEM.dump(item), code, language=code)
    # The negotiated /v1/factsheet: the same bytes and ETag as the canonical URL it names.
    store[("negotiated", code)] = store[("factsheet", code)].with_headers(
        (("Vary", "Accept-Language"), ("Content-Location", url_for("v1.localized_factsheet", locale=code)))
    )
    return store


def _index(app: Flask, checksum: str) -> dict[str, Any]:
    return {
        "name": factsheet.DISTRIBUTION,
        "title": factsheet.load(factsheet.DEFAULT_LOCALE).metadata.title,
        "version": factsheet.__version__,
        "checksum": checksum,
        "default_locale": factsheet.DEFAULT_LOCALE,
        "locales": list(factsheet.locales()),
        "links": {
            "self": url_for("v1.index"),
            "locales": url_for("v1.locales"),
            "factsheet": url_for("v1.negotiated_factsheet"),
            "localized_factsheet": uri_template(app, "v1.localized_factsheet"),
            "sections": uri_template(app, "v1.sections"),
            "section": uri_template(app, "v1.section"),
            "item": uri_template(app, "v1.item"),
            "markdown": uri_template(app, "v1.markdown"),
            "text": uri_template(app, "v1.text"),
            "page": uri_template(app, "pages.page"),
            "openapi": url_for("docs.openapi_json"),
            "docs": url_for("docs.docs"),
            "health": url_for("health.healthz"),
        },
    }


def _locales() -> list[dict[str, Any]]:
    infos = (factsheet.locale_info(code) for code in factsheet.locales())
    return [
        {
            **asdict(info),  # LocaleSchema dumps the fields in its own order
            "completeness": round(info.completeness, 4),
            "links": {
                "factsheet": url_for("v1.localized_factsheet", locale=info.code),
                "sections": url_for("v1.sections", locale=info.code),
                "markdown": url_for("v1.markdown", locale=info.code),
                "text": url_for("v1.text", locale=info.code),
                "page": url_for("pages.page", locale=info.code),
            },
        }
        for info in infos
    ]
