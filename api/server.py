"""The production server: granian (Rust, WSGI mode) in front of the app, set up from the environment.

=======================  ====================================================  ==========================
variable                 meaning                                               default
=======================  ====================================================  ==========================
``FACTSHEET_BIND``       ``HOST:PORT`` to listen on (``[::1]:8000`` for IPv6)  ``127.0.0.1:8000``
``FACTSHEET_WORKERS``    worker processes                                      the cores this process may use
=======================  ====================================================  ==========================

The app is built once in the main process, before the workers are forked: a broken content
file or setting stops the start with one message, and the workers share the built bodies.
Slow clients are handled by granian's Rust event loop: a connection reaches Python only once
its request head is complete, so connections that trickle their headers hold no worker.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from granian.constants import HTTPModes, Interfaces
from granian.http import HTTP1Settings
from granian.log import LogLevels
from granian.server import Server

__all__ = ["ServerSettings", "serve", "server_settings"]

#: A request head (request line and headers) larger than this is refused with a bodyless 431 (or
#: 414 for the request line): ample for a browser, far below what would cost memory.
MAX_HEAD_BYTES = 16 * 1024
#: A client must finish sending its request head within this time, or the connection is closed.
HEAD_TIMEOUT_MS = 10_000
#: Python threads per worker. Answers come from memory in well under a millisecond, so a few
#: threads keep a core busy: 2, 8 and 32 gave the same throughput within the noise, granian's
#: default here (256) no more, at about 30 MB more per worker (2026-12, 2 cores). Up to twice the
#: cores plus one, granian does not warn at start.
THREADS = 4
#: On SIGTERM, requests in flight get this long to finish before a worker is stopped.
STOP_TIMEOUT_S = 20

#: No client address and no user agent: the service keeps no personal data, not even in its logs.
ACCESS_LOG_FORMAT = '"%(method)s %(path)s %(protocol)s" %(status)d %(dt_ms).1fms'
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "generic": {"format": "[%(levelname)s] %(message)s"},
        "access": {"format": "%(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "generic", "stream": "ext://sys.stderr"},
        "access": {"class": "logging.StreamHandler", "formatter": "access", "stream": "ext://sys.stdout"},
    },
    "loggers": {
        # granian's own messages (start, workers, stop) go to stderr; they name no client.
        "_granian": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "granian.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
    },
}

_BIND = re.compile(r"(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(?P<port>[0-9]{1,5})", re.ASCII)


@dataclass(frozen=True, slots=True)
class ServerSettings:
    """Where to listen and how many worker processes to run."""

    host: str
    port: int
    workers: int


def server_settings(environ: Mapping[str, str]) -> ServerSettings:
    """Read ``FACTSHEET_BIND`` and ``FACTSHEET_WORKERS``; raises ``SystemExit`` naming a bad value."""
    bind = environ.get("FACTSHEET_BIND", "").strip() or "127.0.0.1:8000"
    match = _BIND.fullmatch(bind)
    if match is None or not 0 < int(match["port"]) < 65536:
        raise SystemExit(f"FACTSHEET_BIND must be HOST:PORT, as 127.0.0.1:8000 or [::1]:80 (got {bind!r})")
    workers = environ.get("FACTSHEET_WORKERS", "").strip()
    if workers and (not workers.isascii() or not workers.isdigit() or int(workers) < 1):
        raise SystemExit(f"FACTSHEET_WORKERS must be a whole number, 1 or more (got {workers!r})")
    return ServerSettings(
        host=match["host"].strip("[]"),
        port=int(match["port"]),
        workers=int(workers) if workers else _cores(),
    )


def _cores() -> int:
    # The cores this process may run on (containers and taskset limit them), not all the machine's.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def serve(build: Callable[[], Callable[..., Any]], settings: ServerSettings, name: str) -> None:
    """Build the WSGI app with ``build()``, then serve it until SIGINT or SIGTERM.

    SIGTERM (and SIGINT) stop gracefully: the socket stops accepting, requests in flight finish.
    SIGHUP replaces the workers one by one with fresh forks of the same app: nothing is re-read.
    """
    app = build()  # before the fork: fails fast, and the workers share its memory
    server = Server(
        name,  # only shown in the process title; the loader below gives the app
        address=settings.host,
        port=settings.port,
        interface=Interfaces.WSGI,
        workers=settings.workers,
        blocking_threads=THREADS,
        http=HTTPModes.http1,
        http1_settings=HTTP1Settings(header_read_timeout=HEAD_TIMEOUT_MS, max_buffer_size=MAX_HEAD_BYTES),
        log_level=LogLevels.info,
        log_dictconfig=LOGGING,
        log_access=True,
        log_access_format=ACCESS_LOG_FORMAT,
        workers_kill_timeout=STOP_TIMEOUT_S,
    )
    server.serve(target_loader=lambda: app, wrap_loader=False)
