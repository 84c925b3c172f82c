"""The factsheet on the web: the JSON API, Markdown and text, pages for people, a static export.

Development: ``flask --app api run``. Production: ``python -m api`` (granian; see ``api/server/run.py``).
Static copy: ``flask --app api export OUTPUT_DIR``.
"""

from __future__ import annotations

from .app import create_app as create_app

__all__ = ["create_app"]
