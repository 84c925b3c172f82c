"""The Jinja environment of the pages and the docs page (``api/templates/``).

One per process, whatever the number of apps: each template is compiled once. The pages are
rendered once, when an app is created, outside any request, so this is a plain environment
rather than the app's own.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2

import factsheet

__all__ = ["environment", "render_document"]


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
    template: str, *, lang: str, meta_policy: str, referrer_policy: str, title: str, **values: Any
) -> str:
    """A page whose head starts with ``head.html``: language and direction, policy, referrer, title."""
    return (
        environment()
        .get_template(template)
        .render(
            lang=lang,
            direction=factsheet.locale_info(lang).direction,
            meta_policy=meta_policy,
            referrer_policy=referrer_policy,
            title=title,
            **values,
        )
    )
