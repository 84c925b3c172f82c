"""The production server: granian (Rust, WSGI mode) in front of the app, set up from the environment.

=============================  =================================================  ==================
variable                       meaning                                            default
=============================  =================================================  ==================
``FACTSHEET_BIND``             ``HOST:PORT`` to listen on (``[::1]:8000`` for     ``127.0.0.1:8000``
                               IPv6)
``FACTSHEET_WORKERS``          worker processes                                   the cores this
                                                                                  process may use
``FACTSHEET_CONNECTIONS``      connections each worker holds open at once; as     ``4096``
                               many more may wait in its accept queue (the
                               kernel caps that at ``net.core.somaxconn``)
``FACTSHEET_SEND_TIMEOUT``     a connection that takes none of its answer for     ``30``
                               this long is closed, s
``FACTSHEET_WORKER_MEMORY_MB`` a worker using more memory than this is replaced   ``512``
                               gracefully (checked every 10 s)
``FACTSHEET_STOP_TIMEOUT``     on SIGTERM, how long requests in flight may take   ``20``
                               before a worker is killed, s
=============================  =================================================  ==================

The app is built once in the main process, before the workers are forked: a broken content
file or setting stops the start with one message, and the workers share the built bodies.
Slow clients are handled by granian's Rust event loop: a connection reaches Python only once
its request head is complete, so connections that trickle their headers hold no worker; a
connection that sends no complete head within 10 s is closed, and so is one that reads none
of its answer for ``FACTSHEET_SEND_TIMEOUT`` (:mod:`api.server.worker_guard`).

A worker that dies (``kill -9``, out of memory) is replaced while the others serve; a worker
whose main process is gone stops. The main process raises its open-file limit to what the
connections need. It exits 0 after a clean stop, and 1 when a worker had to be killed at the
stop (a request it held got no answer) or workers kept dying.
"""

from __future__ import annotations

import ctypes
import logging
import os
import re
import resource
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from .worker_guard import guard_worker

__all__ = ["EscapedPath", "ServerSettings", "StopWatch", "run_production", "server_settings"]

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
#: Memory a worker frees goes back to the system at once, not minutes later or never: after 512
#: clients that never read a 1.5 MB file have left, a worker is back to its idle size
#: (BENCHMARKS.md). granian's allocator (jemalloc) reads this when granian is loaded
#: (:func:`run_production`); the C library's (for Python's large blocks) is set there too.
JEMALLOC_CONF = "narenas:1,dirty_decay_ms:1000,muzzy_decay_ms:0"
#: glibc's ``M_MMAP_THRESHOLD``: blocks from 128 KiB up are mapped, and unmapped when freed.
_M_MMAP_THRESHOLD, _MMAP_FROM = -3, 128 * 1024

#: The defaults of the settings in the table above.
CONNECTIONS = 4096
SEND_TIMEOUT_S = 30
WORKER_MEMORY_MB = 512
STOP_TIMEOUT_S = 20
#: How often granian samples each worker's memory (``FACTSHEET_WORKER_MEMORY_MB``).
MEMORY_SAMPLE_S = 10

#: No client address and no user agent: the service keeps no personal data, not even in its logs.
ACCESS_LOG_FORMAT = '"%(method)s %(path)s %(protocol)s" %(status)d %(dt_ms).1fms'
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"escaped": {"()": "api.server.run.EscapedPath"}},
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
        "granian.access": {
            "handlers": ["access"],
            "filters": ["escaped"],
            "level": "INFO",
            "propagate": False,
        },
    },
}

_BIND = re.compile(r"(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(?P<port>[0-9]{1,5})", re.ASCII)


@dataclass(frozen=True, slots=True)
class ServerSettings:
    """Where to listen and how many worker processes to run."""

    host: str
    port: int
    workers: int
    connections: int = CONNECTIONS
    send_timeout: int = SEND_TIMEOUT_S
    worker_memory_mb: int = WORKER_MEMORY_MB
    stop_timeout: int = STOP_TIMEOUT_S


def server_settings(environ: Mapping[str, str]) -> ServerSettings:
    """Read ``FACTSHEET_BIND`` and ``FACTSHEET_WORKERS``; raises ``SystemExit`` naming a bad value."""
    bind = environ.get("FACTSHEET_BIND", "").strip() or "127.0.0.1:8000"
    match = _BIND.fullmatch(bind)
    if match is None or not 0 < int(match["port"]) < 65536:
        raise SystemExit(f"FACTSHEET_BIND must be HOST:PORT, as 127.0.0.1:8000 or [::1]:80 (got {bind!r})")
    workers = _whole(environ, "FACTSHEET_WORKERS", 0)
    return ServerSettings(
        host=match["host"].strip("[]"),
        port=int(match["port"]),
        workers=workers or _cores(),
        connections=_whole(environ, "FACTSHEET_CONNECTIONS", CONNECTIONS),
        send_timeout=_whole(environ, "FACTSHEET_SEND_TIMEOUT", SEND_TIMEOUT_S),
        worker_memory_mb=_whole(environ, "FACTSHEET_WORKER_MEMORY_MB", WORKER_MEMORY_MB),
        stop_timeout=_whole(environ, "FACTSHEET_STOP_TIMEOUT", STOP_TIMEOUT_S),
    )


def _whole(environ: Mapping[str, str], key: str, default: int) -> int:
    """A whole number, 1 or more, from ``environ[key]``; ``default`` when unset or empty."""
    value = environ.get(key, "").strip()
    if not value:
        return default
    if not value.isascii() or not value.isdigit() or int(value) < 1:
        raise SystemExit(f"{key} must be a whole number, 1 or more (got {value!r})")
    return int(value)


def _cores() -> int:
    # The cores this process may run on (containers and taskset limit them), not all the machine's.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


#: What a path keeps as it is in the access log: RFC 3986's path characters.
_PATH_SAFE = "/:@!$&'()*+,;=-._~"


class EscapedPath(logging.Filter):
    """The access log's path as it was sent, percent-encoded: granian gives it decoded, so
    ``%0a`` would start a forged log line and ``%1b`` write a terminal escape.

    A worker's logger carries this filter twice (granian configures logging in the main process
    and again in each forked worker, and ``dictConfig`` adds filters to those already there), so
    a record says when it has been escaped."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, dict) and isinstance(args.get("path"), str) and not hasattr(record, "escaped"):
            path = quote(args["path"], safe=_PATH_SAFE, errors="backslashreplace")
            record.args = {**args, "path": path}
            record.escaped = True
        return True


class StopWatch(logging.Filter):
    """Counts the workers granian had to kill at a stop (it logs each one as a warning).

    granian also logs that warning, at once, for a worker that stopped in time: its stop loop and
    the thread that watches each worker both wait for the process, and when the watcher reaps it
    first, the stop loop finds it neither running nor ended for a moment (seen about once in six
    stops here). A worker is really killed only once the stop timeout has passed since granian
    began stopping it, so only such a warning counts.
    """

    def __init__(self, stop_timeout: float) -> None:
        super().__init__()
        self.killed = 0
        self._stop_timeout = stop_timeout
        self._since: dict[str, float] = {}  # when granian began stopping: "all", or an old worker

    def filter(self, record: logging.LogRecord) -> bool:
        message, now = record.getMessage(), time.monotonic()
        if message == "Shutting down granian":
            self._since["all"] = now
        elif started := _STOPPING_OLD.match(message):  # SIGHUP: one old worker after another
            self._since[started["worker"]] = now
        elif killed := _KILLING.match(message):
            since = self._since.get(killed["worker"] if killed["old"] else "all", now)
            if now - since >= self._stop_timeout * 0.9:  # the timeout passed: a real kill
                self.killed += 1
        return True


#: granian's messages about stopping workers (main process), by the worker they name.
_STOPPING_OLD = re.compile(r"Stopping old (?P<worker>worker-\d+)$")
_KILLING = re.compile(r"Killing (?P<old>old )?(?P<worker>worker-\d+) after it refused to gracefully stop")


def _return_freed_memory() -> None:
    """Set both allocators to give freed memory back (see :data:`JEMALLOC_CONF`); before the fork."""
    os.environ.setdefault("_RJEM_MALLOC_CONF", JEMALLOC_CONF)  # granian's jemalloc: not loaded yet
    libc = ctypes.CDLL(None)
    if hasattr(libc, "mallopt"):  # glibc
        libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_FROM)


def _raise_file_limit(needed: int) -> None:
    """Raise the soft limit on open files towards ``needed`` (as far as the hard limit allows)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def run_production(app: Callable[..., Any], settings: ServerSettings, name: str) -> None:
    """Serve the WSGI ``app`` (built before, in this process) until SIGINT or SIGTERM.

    SIGTERM (and SIGINT) stop gracefully: the socket stops accepting, requests in flight finish.
    SIGHUP replaces the workers one by one with fresh forks of the same app: nothing is re-read.
    Exits 1 if a worker had to be killed at the stop (see the module's text).
    """
    _return_freed_memory()
    from granian.constants import HTTPModes, Interfaces  # noqa: PLC0415 - after the line above
    from granian.http import HTTP1Settings  # noqa: PLC0415
    from granian.log import LogLevels  # noqa: PLC0415
    from granian.server import Server  # noqa: PLC0415

    # Each worker's connections, and as many waiting, plus the files of the process.
    _raise_file_limit(settings.workers * settings.connections * 2 + 1024)
    parent = os.getpid()

    def load() -> Callable[..., Any]:  # called in each worker, after the fork
        guard_worker(parent, settings.send_timeout * 1000)
        return app

    server = Server(
        name,  # only shown in the process title; the loader below gives the app
        address=settings.host,
        port=settings.port,
        interface=Interfaces.WSGI,
        workers=settings.workers,
        blocking_threads=THREADS,
        http=HTTPModes.http1,
        websockets=False,  # WSGI has none: else granian says so at every start
        http1_settings=HTTP1Settings(header_read_timeout=HEAD_TIMEOUT_MS, max_buffer_size=MAX_HEAD_BYTES),
        backlog=settings.connections,
        backpressure=settings.connections,
        log_level=LogLevels.info,
        log_dictconfig=LOGGING,
        log_access=True,
        log_access_format=ACCESS_LOG_FORMAT,
        respawn_failed_workers=True,
        workers_max_rss=settings.worker_memory_mb,
        rss_sample_interval=MEMORY_SAMPLE_S,
        workers_kill_timeout=settings.stop_timeout,
    )
    stops = StopWatch(settings.stop_timeout)
    logging.getLogger("_granian").addFilter(stops)
    server.serve(target_loader=load, wrap_loader=False)
    if stops.killed:
        print(
            f"[ERROR] {stops.killed} worker(s) had to be killed after {settings.stop_timeout} s: "
            "requests they held got no answer",
            file=sys.stderr,
            flush=True,
        )
        sys.exit(1)
