"""The Jinja environment of the pages and the docs page (``api/templates/``).

One per process, whatever the number of apps: each template is compiled once. The pages are
rendered once, when an app is created, outside any request, so this is a plain environment
rather than the app's own.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

import factsheet

__all__ = ["environment", "render_document", "script_json"]


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parents[1] / "templates"),  # api/templates/
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a misspelt name fails at startup, not as an empty string
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )


def render_document(
    template: str,
    *,
    lang: str,
    meta_policy: str,
    referrer_policy: str,
    title: str,
    description: str,
    public_url: str = "",
    prefix: str = "",
    **values: Any,
) -> str:
    """A page whose head starts with ``head.html``: language and direction, policy, referrer,
    title and description. With the site's ``public_url``, the templates write absolute
    addresses (``base``) where search engines want them: canonical, ``hreflang``, JSON-LD.
    ``prefix`` goes before a locale's folder in the links between languages (``releases/1.0.0/``
    on a release's page)."""
    return (
        environment()
        .get_template(template)
        .render(
            lang=lang,
            direction=factsheet.locale_info(lang).direction,
            meta_policy=meta_policy,
            referrer_policy=referrer_policy,
            title=title,
            description=description,
            base=public_url,
            prefix=prefix,
            **values,
        )
    )


def script_json(data: Any, *, indent: int | None = None) -> Markup:
    """JSON to write inside a ``<script>`` (a data block or a JavaScript literal).

    ``<``, ``>`` and ``&`` are escaped (``\\u003c``...), so no ``</script>`` or ``<!--`` can end
    or change the element, whatever the text. Compact unless ``indent`` is given.
    """
    separators = (",", ":") if indent is None else (",", ": ")
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
    escaped = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(escaped)  # noqa: S704 - JSON with every character that could end the element escaped
