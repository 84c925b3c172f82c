"""The app's own cost per request, in process: a WSGI call, no server, no socket.

Times the requests the code controls (a JSON resource, a 304 revalidation, the negotiated
``/v1/factsheet``, a page) against a bare Flask app that returns the same bytes, measured in
the same run, so the machine's noise shows in both::

    .venv/bin/python benchmarks/inprocess.py            # prints a table
    .venv/bin/python benchmarks/inprocess.py --json     # the figures as JSON
    # against another checkout (its venv's editable install), rounds interleaved:
    .venv/bin/python benchmarks/inprocess.py --against ../old/.venv/bin/python

Each figure is the best of several interleaved rounds of a timed loop (microseconds of this
process's CPU time per request).
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import time
import timeit
from collections.abc import Callable, Iterable
from typing import Any

from bare_app import make_app
from werkzeug.test import EnvironBuilder

from api import create_app

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def call(app: WSGIApp, environ: dict[str, Any]) -> tuple[str, bytes]:
    """One request as a WSGI server makes it: a fresh environ, the body read, ``close()`` called."""
    status: list[str] = []

    def start_response(line: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        status.append(line)

    environ = dict(environ, **{"wsgi.input": io.BytesIO()})
    result = app(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    return status[0], body


def environ(path: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    return EnvironBuilder(path=path, headers=list((headers or {}).items())).get_environ()


def timer(app: WSGIApp, env: dict[str, Any], expected: str) -> timeit.Timer:
    """A timer of one request, checked first to get the status ``expected``."""
    status, _ = call(app, env)
    if not status.startswith(expected):
        raise SystemExit(f"{env['PATH_INFO']}: expected {expected}, got {status}")
    # CPU time of this process: other programs on a shared machine count less than in wall time.
    return timeit.Timer(lambda: call(app, env), timer=time.process_time)


def measure(*, number: int, rounds: int) -> dict[str, float]:
    app = create_app()
    client = app.test_client()
    response = client.get("/v1/nl/factsheet")
    body, etag = response.data, response.headers["ETag"]
    headers = [(k, v) for k, v in response.headers if k not in {"Content-Length", "Date"}]
    cases: dict[str, tuple[WSGIApp, dict[str, Any], str]] = {
        "bare Flask, same bytes": (make_app(body), environ("/v1/nl/factsheet"), "200"),
        "bare Flask, same bytes and headers": (make_app(body, headers), environ("/v1/nl/factsheet"), "200"),
        "GET /v1/nl/factsheet": (app, environ("/v1/nl/factsheet"), "200"),
        "GET /v1/nl/factsheet, If-None-Match (304)": (
            app,
            environ("/v1/nl/factsheet", {"If-None-Match": etag}),
            "304",
        ),
        "GET /v1/factsheet, Accept-Language (negotiated)": (
            app,
            environ("/v1/factsheet", {"Accept-Language": "de-AT,de;q=0.9,en;q=0.5"}),
            "200",
        ),
        "GET /nl/ (page)": (app, environ("/nl/"), "200"),
        "GET /v1/factsheet?lang=de (Flask's routing)": (app, environ("/v1/factsheet?lang=de"), "200"),
    }
    timers = {name: timer(*case) for name, case in cases.items()}
    best = dict.fromkeys(timers, float("inf"))
    for _ in range(rounds):  # interleaved: each round times every case once, so noise hits all alike
        for name, timed in timers.items():
            best[name] = min(best[name], timed.timeit(number) / number * 1e6)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--number", type=int, default=2000, help="requests per round (default 2000)")
    parser.add_argument("--rounds", type=int, default=7, help="rounds; the best counts (default 7)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--against", metavar="PYTHON", help="also time the app that PYTHON imports")
    options = parser.parse_args(argv)
    if options.against:
        return compare(options.against, number=options.number, rounds=options.rounds)
    figures = measure(number=options.number, rounds=options.rounds)
    if options.json:
        print(json.dumps({name: round(value, 2) for name, value in figures.items()}, indent=1))
        return 0
    bare = figures["bare Flask, same bytes"]
    print(f"{'request':<50} {'µs':>8} {'x bare':>7}")
    for name, value in figures.items():
        print(f"{name:<50} {value:8.1f} {value / bare:7.2f}")
    return 0


def compare(python: str, *, number: int, rounds: int) -> int:
    """This app against the one ``python`` imports, in alternating runs; the best of each counts."""
    command = [python, __file__, "--json", f"--number={number}", "--rounds=1"]
    ours: list[dict[str, float]] = []
    theirs: list[dict[str, float]] = []
    for _ in range(rounds):
        theirs.append(json.loads(subprocess.run(command, check=True, capture_output=True).stdout))
        ours.append(measure(number=number, rounds=1))
    print(f"{'request':<50} {'them µs':>8} {'us µs':>8} {'us/them':>8}")
    for name in ours[0]:
        them, us = min(run[name] for run in theirs), min(run[name] for run in ours)
        print(f"{name:<50} {them:8.1f} {us:8.1f} {us / them:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
