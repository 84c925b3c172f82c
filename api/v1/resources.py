"""What the API's own resources say: the entry point (``/v1/``) and the locales (``/v1/locales``).

Links are root-relative paths made with ``url_for``, so they follow ``APPLICATION_ROOT`` when
the service is mounted under a prefix (call these inside a request context).
"""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

from flask import Flask, url_for

import factsheet

__all__ = ["index", "locales", "uri_template"]


def uri_template(app: Flask, endpoint: str) -> str:
    """The URL of an endpoint as an RFC 6570 template: ``/v1/{locale}/sections/{section_id}``."""
    rule = next(app.url_map.iter_rules(endpoint))
    root = (app.config["APPLICATION_ROOT"] or "/").rstrip("/")
    return root + re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)


def index(app: Flask, checksum: str) -> dict[str, Any]:
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
            "chunks": uri_template(app, "v1.chunks"),
            "releases": url_for("v1.releases"),
            "releases_feed": url_for("v1.releases_feed"),
            "release_factsheet": uri_template(app, "v1.release_factsheet"),
            "pdf": uri_template(app, "v1.pdf"),
            "page": uri_template(app, "pages.page"),
            "openapi": url_for("docs.openapi_json"),
            "docs": url_for("docs.docs"),
            "health": url_for("health.healthz"),
        },
    }


def locales() -> list[dict[str, Any]]:
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
                "chunks": url_for("v1.chunks", locale=info.code),
                "pdf": url_for("v1.pdf", locale=info.code),
                "page": url_for("pages.page", locale=info.code),
            },
        }
        for info in infos
    ]
