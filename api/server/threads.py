"""Background threads that never take a stop signal meant for the process.

granian's worker waits for its stop in the main thread, on a ``threading.Event`` that a Python
signal handler sets. The kernel hands a process-directed signal (the ``SIGTERM`` of a stop) to
any thread that does not block it; when that is one of our threads waiting in a system call (the
PDF runner reading its child's pipe), the handler's flag is set but the main thread is never
woken, and the worker sits out the stop timeout until it is killed (seen in about one stop in
five while PDFs were being made). So every thread this app starts blocks the stop signals, and
the kernel delivers them to a thread that can act on them. A child process started from such a
thread inherits the blocked set: the PDF renderer (``api/pages/pdf.py``) clears it first.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from typing import Any

__all__ = ["STOP_SIGNALS", "start_background"]

#: The signals that stop (or reload) a server process.
STOP_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM, signal.SIGHUP})


def start_background(target: Callable[..., Any], *args: Any, name: str) -> threading.Thread:
    """Start a daemon thread that runs ``target(*args)`` with the stop signals blocked."""

    def run() -> None:
        signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        target(*args)

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    return thread
