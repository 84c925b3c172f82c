"""What each worker process of ``python -m api`` does beside serving, where granian has no option.

- **Clients that stop reading are cut off.** granian has no send timeout for HTTP/1: a client
  that asks for a large file and never reads would hold the response in the worker's memory
  for as long as it stays connected. The kernel has one: ``TCP_USER_TIMEOUT`` on the worker's
  listening socket, which every connection it accepts inherits, aborts a connection whose peer
  has acknowledged nothing (or kept its receive window closed) for that long. A slow reader is
  not cut off: each acknowledgement starts the time again. granian makes the listening socket in
  the worker right after the app is loaded, so a thread finds it by looking at the process's
  open sockets and sets the option within milliseconds of the start; a connection accepted
  before that (the first few milliseconds of a worker) keeps the kernel's default.
- **A worker ends when the main process is gone.** granian's workers do not watch their
  parent: after ``kill -9`` of the main process they would go on serving, with the old content,
  beside a restarted instance on the same port (``SO_REUSEPORT``). The same thread checks the
  parent every second and stops the worker gracefully (``SIGTERM``) when it has changed.
- **A stop signal reaches the main thread.** granian's worker waits for its stop in the main
  thread, on an event that its Python signal handler sets; Python runs that handler only when the
  main thread wakes. The kernel may hand the ``SIGTERM`` of a stop to another thread (granian's
  own, which do not block signals), and then the main thread slept through the stop timeout and
  the worker was killed (one stop in five while PDFs were being made). So the worker's wakeup fd
  (``signal.set_wakeup_fd``) tells the same thread of every signal, whichever thread took it,
  and it sends the first ``SIGINT`` and ``SIGTERM`` on to the main thread once more; a second
  run of granian's handler changes nothing.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import socket
import threading
import time

from .threads import start_background

__all__ = ["guard_worker", "listening_sockets"]

#: The kernel's send buffer of each connection (it doubles the figure for its bookkeeping).
#: Left to itself the kernel grows it to 4 MB; with hundreds of clients that do not read, the
#: kernel's TCP memory passed its pressure mark and every connection of the machine stalled for
#: seconds (2026-12, 2 cores). 256 KiB keeps a 100 ms round trip at about 2.5 MB/s.
SEND_BUFFER = 256 * 1024
#: The signals that stop a worker: granian's handler for them runs in the main thread only.
STOPS = frozenset({signal.SIGINT.value, signal.SIGTERM.value})
#: How often the worker looks for its parent.
PARENT_CHECK_S = 1.0
#: How long the worker looks for its listening socket (it appears within milliseconds).
FIND_LISTENER_S = 10.0


def guard_worker(parent: int, send_timeout_ms: int) -> None:
    """Start the thread described above, in a worker whose main process is ``parent``; called in
    the worker's main thread (granian loads the app there), which alone may set the wakeup fd."""
    wakeups, write_end = os.pipe()
    os.set_blocking(write_end, False)
    signal.set_wakeup_fd(write_end)  # every signal's number, whichever thread the kernel gave it
    start_background(_guard, parent, send_timeout_ms, wakeups, name="worker-guard")


def _guard(parent: int, send_timeout_ms: int, wakeups: int) -> None:
    deadline = time.monotonic() + FIND_LISTENER_S
    while time.monotonic() < deadline and not _set_send_timeout(send_timeout_ms):
        time.sleep(0.005)
    main, forwarded = threading.main_thread().ident or 0, set[int]()  # a started thread has one
    while os.getppid() == parent:
        if select.select([wakeups], [], [], PARENT_CHECK_S)[0]:
            for number in set(os.read(wakeups, 64)) & STOPS - forwarded:
                forwarded.add(number)  # once: the copy wakes the wakeup fd too
                signal.pthread_kill(main, number)
    os.kill(os.getpid(), signal.SIGTERM)  # granian's graceful stop of this worker


def _set_send_timeout(milliseconds: int) -> bool:
    found = False
    for fd in listening_sockets():
        with socket.socket(fileno=os.dup(fd)) as listener:  # closes the copy, not the socket
            listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_USER_TIMEOUT, milliseconds)
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER)
        found = True
    return found


def listening_sockets() -> list[int]:
    """The file descriptors of this process's listening TCP sockets (Linux: ``/proc/self/fd``)."""
    found = []
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        with contextlib.suppress(OSError):  # closed meanwhile
            if not os.readlink(f"/proc/self/fd/{fd}").startswith("socket:"):
                continue
            with socket.socket(fileno=os.dup(fd)) as sock:
                tcp = sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM
                if tcp and sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN):
                    found.append(fd)
    return found
