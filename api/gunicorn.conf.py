"""Production server settings: ``gunicorn -c api/gunicorn.conf.py "api:create_app()"``, from the checkout.

Environment: ``FACTSHEET_BIND`` (default ``127.0.0.1:8000``; ``0.0.0.0:8000`` to listen on every
interface), ``FACTSHEET_WORKERS`` and ``FACTSHEET_THREADS`` (default: from the usable cores).
The app's own settings (``FACTSHEET_MAX_AGE``...) are read by ``create_app`` (``api/config.py``).
"""

from __future__ import annotations

import os


def _cores() -> int:
    # The cores this process may run on (containers and taskset limit them), not all the machine's.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _count(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
        raise SystemExit(f"{name} must be a whole number, 1 or more (got {raw!r})")
    return int(raw)


wsgi_app = "api:create_app()"
bind = [os.environ.get("FACTSHEET_BIND", "127.0.0.1:8000")]

# Requests cost a lookup and a write, so one process per core keeps the cores busy; a few
# threads each overlap the network waits of slow clients without the memory of more processes.
workers = _count("FACTSHEET_WORKERS", _cores())
worker_class = "gthread"
threads = _count("FACTSHEET_THREADS", 4)
# Build every body once in the master, before forking: workers share the memory, and a broken
# content file stops the start instead of every worker.
preload_app = True

timeout = 30
graceful_timeout = 20  # on SIGTERM, in-flight requests get this long to finish
keepalive = 5

accesslog = "-"  # stdout
errorlog = "-"  # stderr
# No client address and no user agent: the service keeps no personal data, not even in its logs.
access_log_format = '"%(r)s" %(s)s %(B)s %(M)sms'

# gunicorn 25+ opens a control socket at a fixed path per user: two instances would collide,
# and nothing here uses gunicornc.
control_socket_disable = True
proc_name = "factsheet-api"
