"""The factsheet's JSON API.

Development: ``flask --app api run``. Production: ``gunicorn -c api/gunicorn.conf.py "api:create_app()"``.
"""

from __future__ import annotations

from .app import create_app as create_app

__all__ = ["create_app"]
