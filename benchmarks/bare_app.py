"""Baseline: bare Flask returning the bytes of ``/v1/nl/factsheet``. ``python bare_app.py BODY_FILE``
serves it with the production server and settings (``api/server/run.py``); gunicorn serves
``bare_app:create_app()`` with ``FACTSHEET_BENCH_BODY=BODY_FILE``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from flask import Flask, Response

PATH = "/v1/nl/factsheet"


def create_app() -> Flask:
    return make_app(Path(os.environ["FACTSHEET_BENCH_BODY"]).read_bytes())


def make_app(body: bytes, headers: list[tuple[str, str]] | None = None) -> Flask:
    """No extensions or hooks; only the ``headers`` given (else just ``Content-Type``)."""
    app = Flask(__name__)

    @app.get(PATH)
    def factsheet() -> Response:
        if headers is None:
            return Response(body, mimetype="application/json")
        return Response(body, headers=headers)

    @app.get("/healthz")
    def healthz() -> Response:
        return Response(b'{"status":"ok"}', mimetype="application/json")

    return app


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the checkout, for api.server.run
    from api.server.run import run_production, server_settings

    body = Path(sys.argv[1]).read_bytes()
    run_production(make_app(body), server_settings(os.environ), name="bare_app")
