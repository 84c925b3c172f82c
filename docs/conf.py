"""Sphinx configuration of the documentation site (MyST Markdown).

Build: ``.venv/bin/sphinx-build -W docs docs/_build/html`` from the checkout's root;
``tests/test_docs.py`` builds it with ``-W --keep-going -n`` (every warning and every broken
cross-reference fails).
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))
sys.path.insert(0, str(DOCS.parent))  # api/ is not installed: it is imported from the checkout

import factsheet  # noqa: E402

project = "AI-chatbot factsheet"
author = "the ai-chatbot-factsheet project"
copyright = "the code: MIT; the factsheet text: its original publisher, no licence given"
release = factsheet.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "repo_links",
    "public_api",
    "openapi_reference",
    "command_help",
]

root_doc = "index"
exclude_patterns = ["_build"]
source_suffix = {".md": "markdown"}
nitpicky = True

myst_heading_anchors = 3  # links such as guides/web.md#negotiation, as on GitHub

autodoc_member_order = "bysource"
autodoc_typehints = "signature"

# Without intersphinx (no network at build time), names of the standard library and of other
# packages in signatures stay plain text.
nitpick_ignore_regex = [
    ("py:.*", r"(collections\.abc|pathlib|typing|datetime|marshmallow|babel|werkzeug)\..*"),
]

html_theme = "furo"
html_title = f"AI-chatbot factsheet {release}"
html_static_path: list[str] = []
html_show_sourcelink = False
