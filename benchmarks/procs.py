"""Servers for the benchmarks: nginx and gunicorn on free loopback ports, always stopped again.

Every server runs in its own process group (``start_new_session``): stopping it signals the
master, waits, and then kills whatever is left of the group, workers included. A
:class:`Servers` stack stops all it started when its ``with`` block ends, also on an error or
Ctrl-C.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from cpu import process_stats

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
GUNICORN_CONF = ROOT / "api" / "gunicorn.conf.py"
STARTUP_SECONDS = 30.0
STOP_SECONDS = 30.0

__all__ = [
    "ROOT",
    "Server",
    "Servers",
    "children",
    "free_port",
    "get",
    "memory_of",
    "socket_inodes",
]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def get(
    url: str, headers: Mapping[str, str] | None = None, timeout: float = 10
) -> tuple[int, dict[str, str], bytes]:
    """One GET on loopback: status, headers, body (errors and 304 included, not raised)."""
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError(f"benchmarks only talk to loopback, not {url!r}")
    request = urllib.request.Request(url, headers=dict(headers or {}))  # noqa: S310 - loopback http, checked above
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - as above
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:  # 304 and errors come as exceptions
        with error:
            return error.code, dict(error.headers), error.read()


@dataclass
class Server:
    """A started server: its master process, where it listens, and its log file."""

    name: str
    process: subprocess.Popen[bytes]
    port: int
    log_path: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        return self.process.pid

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def wait_ready(self, path: str) -> None:
        """Wait until ``path`` answers 200, or fail with the server's log."""
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited with {self.process.returncode} while starting:\n{self.log_tail()}"
                )
            with contextlib.suppress(OSError):
                if get(self.base + path, timeout=2)[0] == 200:
                    return
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name}: no 200 from {path} within {STARTUP_SECONDS:.0f} s")
            time.sleep(0.1)

    def workers(self) -> list[int]:
        """The worker processes (children of the master), oldest first."""
        return children(self.pid)

    def settled_workers(self, seconds: float = 10.0) -> list[int]:
        """The workers once every one has started: the same list three looks in a row."""
        deadline = time.monotonic() + seconds
        seen = [self.workers()]
        while time.monotonic() < deadline and not (len(seen) >= 3 and seen[-1] == seen[-2] == seen[-3]):
            time.sleep(0.2)
            seen.append(self.workers())
        return seen[-1]

    def connection_counter(self) -> Callable[[], list[int]]:
        """A function that counts each worker's open client connections, from ``/proc``.

        Call this while the server is idle: the sockets each worker has then (listening sockets,
        its own pipes to the master) are left out of every later count.
        """
        idle = {pid: socket_inodes(pid) for pid in self.settled_workers()}

        def count() -> list[int]:
            return [len(socket_inodes(pid) - known) for pid, known in idle.items()]

        return count

    def stop(self, stop_signal: int = signal.SIGTERM) -> int | None:
        """Stop the master gracefully, then kill anything left in its process group."""
        process = self.process
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(stop_signal)
            try:
                process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        # The group id is the master's pid (start_new_session): workers that outlived it go too.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        return process.returncode


@dataclass
class Servers:
    """Starts servers and stops every one of them when the ``with`` block ends."""

    workdir: Path
    started: list[tuple[Server, int]] = field(default_factory=list)

    def __enter__(self) -> Servers:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop_all()

    def stop_all(self) -> None:
        while self.started:
            server, stop_signal = self.started.pop()
            server.stop(stop_signal)

    def stop(self, server: Server) -> int | None:
        for entry in list(self.started):
            if entry[0] is server:
                self.started.remove(entry)
                return server.stop(entry[1])
        return server.process.returncode

    def _spawn(
        self, name: str, command: Sequence[str], port: int, env: Mapping[str, str], stop_signal: int
    ) -> Server:
        log_path = self.workdir / f"{name}.log"
        with log_path.open("wb") as log:  # a file, not a pipe: a full pipe would block the server
            process = subprocess.Popen(  # noqa: S603 - fixed argument lists built in this module
                list(command),
                cwd=ROOT,
                env=dict(env),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        server = Server(name, process, port, log_path)
        self.started.append((server, stop_signal))
        return server

    def gunicorn(
        self,
        name: str,
        app: str = "api:create_app()",
        *,
        workers: int | None = None,
        threads: int | None = None,
        worker_class: str | None = None,
        ready_path: str = "/healthz",
        extra_env: Mapping[str, str] | None = None,
    ) -> Server:
        """The production command (``gunicorn -c api/gunicorn.conf.py APP``) on a free port.

        ``workers`` and ``threads`` go through ``FACTSHEET_WORKERS``/``FACTSHEET_THREADS``, as an
        operator would set them; ``None`` leaves the environment (and so the config's default).
        """
        port = free_port()
        env = {**os.environ, **(extra_env or {}), "FACTSHEET_BIND": f"127.0.0.1:{port}"}
        if workers is not None:
            env["FACTSHEET_WORKERS"] = str(workers)
        if threads is not None:
            env["FACTSHEET_THREADS"] = str(threads)
        command = [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF), "--pythonpath", str(BENCH_DIR)]
        if worker_class is not None:
            command += ["--worker-class", worker_class]
        server = self._spawn(name, [*command, app], port, env, signal.SIGTERM)
        server.wait_ready(ready_path)
        return server

    def nginx(self, name: str, files: Mapping[str, bytes], content_type: str, ready_path: str) -> Server:
        """nginx serving ``files`` (URL path to bytes) as static files, with a config of its own.

        Its config, pid file, logs and temp folders live in a folder of :attr:`workdir`; no file of
        the machine's own nginx is read or written (``-p``, ``-c`` and ``-e`` point here).
        """
        binary = find_nginx()
        if binary is None:
            raise RuntimeError("nginx is not installed")
        prefix = self.workdir / name
        root = prefix / "www"
        for url_path, body in files.items():
            target = root / url_path.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)
        # Started as root, nginx runs its workers as "nobody": they must be able to read the files.
        for folder in (self.workdir, prefix, *root.rglob("*"), root):
            folder.chmod(0o755 if folder.is_dir() else 0o644)
        port = free_port()
        temp = "\n".join(
            f"    {kind}_temp_path {prefix / (kind + '_temp')};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        config = f"""# Written by benchmarks/procs.py for one benchmark run; deleted with its folder.
worker_processes auto;
pid {prefix / "nginx.pid"};
error_log {prefix / "error.log"} warn;
events {{ worker_connections 1024; }}
http {{
    # Like Debian's default nginx.conf: sendfile, keep-alive, an access log line per request.
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    access_log {prefix / "access.log"};
{temp}
    types {{ }}
    default_type {content_type};
    server {{
        listen 127.0.0.1:{port};
        root {root};
    }}
}}
"""
        config_path = prefix / "nginx.conf"
        config_path.write_text(config)
        command = [
            binary,
            "-p",
            f"{prefix}/",
            "-c",
            str(config_path),
            "-e",
            str(prefix / "error.log"),
            "-g",
            "daemon off;",
        ]
        server = self._spawn(name, command, port, dict(os.environ), signal.SIGQUIT)
        server.wait_ready(ready_path)
        return server


def find_nginx() -> str | None:
    import shutil  # noqa: PLC0415

    found = shutil.which("nginx")
    if found:
        return found
    for candidate in ("/usr/sbin/nginx", "/sbin/nginx"):  # not on a non-root user's PATH
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def children(pid: int) -> list[int]:
    """The direct children of ``pid``, from ``/proc`` (Linux)."""
    found = [(int(fields[19]), child) for child, fields in process_stats() if int(fields[1]) == pid]
    return [child for _, child in sorted(found)]  # by start time


def socket_inodes(pid: int) -> set[str]:
    """The sockets a process has open (``socket:[inode]``); empty once it is gone."""
    found: set[str] = set()
    try:
        names = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return found
    for name in names:
        with contextlib.suppress(OSError):
            target = os.readlink(f"/proc/{pid}/fd/{name}")
            if target.startswith("socket:"):
                found.add(target)
    return found


def memory_of(pid: int) -> dict[str, int]:
    """VmRSS, VmHWM (peak RSS) and, where the kernel has it, Pss of a process, in bytes."""
    values: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) * 1024
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("Pss", "Private_Clean", "Private_Dirty"):
                values[key] = int(rest.split()[0]) * 1024
    return values
