"""Baseline (b): a bare Flask app that returns the same bytes as ``/v1/nl/factsheet``.

Served by ``benchmarks/run.py`` under the production gunicorn configuration::

    FACTSHEET_BENCH_BODY=/path/to/body.json \
        gunicorn -c api/gunicorn.conf.py --pythonpath benchmarks "bare_app:create_app()"

It reads the body once at startup and answers with a plain ``Response`` per request: what a
minimal Flask service that precomputes its payload would do, with no extensions, hooks or headers.
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, Response

PATH = "/v1/nl/factsheet"


def create_app() -> Flask:
    """The app for gunicorn: the body comes from the file named by ``FACTSHEET_BENCH_BODY``."""
    return make_app(Path(os.environ["FACTSHEET_BENCH_BODY"]).read_bytes())


def make_app(body: bytes) -> Flask:
    app = Flask(__name__)

    @app.get(PATH)
    def factsheet() -> Response:
        return Response(body, mimetype="application/json")

    @app.get("/healthz")
    def healthz() -> Response:
        return Response(b'{"status":"ok"}', mimetype="application/json")

    return app
