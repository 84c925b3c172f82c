"""The Jinja environment of the pages and the docs page (``api/templates/``).

One per process, whatever the number of apps: each template is compiled once. The pages are
rendered once, when an app is created, outside any request, so this is a plain environment
rather than the app's own.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

__all__ = ["environment"]


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a misspelt name fails at startup, not as an empty string
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
