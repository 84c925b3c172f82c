"""The servers the benchmark compares, each a process tree on a free loopback port, and their memory."""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks"
WORKERS = "2"  # the same for every Python server: 2 processes


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def nginx_binary() -> str | None:  # /usr/sbin is not on every user's PATH
    return shutil.which("nginx", path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")


def missing_tools() -> list[str]:
    """What the benchmark needs and this machine lacks, with how to get it."""
    found = {"wrk": shutil.which("wrk"), "nginx": nginx_binary()}
    found["gunicorn"] = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    how = {"wrk": "Debian: wrk", "nginx": "Debian: nginx-light", "gunicorn": "pip install -e '.[bench]'"}
    return [f"{tool} ({how[tool]})" for tool, path in found.items() if path is None]


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self, path: str, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited:\n{self.log.read_text()[-3000:]}")
            with contextlib.suppress(OSError):
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", path)
                if connection.getresponse().status == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} not ready after {seconds} s:\n{self.log.read_text()[-3000:]}")

    def workers(self) -> list[int]:
        """The worker processes: the main process's children, or the process itself."""
        found = children(self.process.pid)
        return found or [self.process.pid]

    def stop(self) -> None:
        if self.process.poll() is None:  # nginx stops gracefully on SIGQUIT, the others on SIGTERM
            self.process.send_signal(signal.SIGQUIT if self.name == "nginx" else signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _spawn(
    name: str, command: list[str], port: int, workdir: Path, env: dict[str, str] | None = None
) -> Server:
    log, environ = workdir / f"{name}.log", {**os.environ, **(env or {})}
    with log.open("wb") as out:  # the access log goes to a file, as a production log would
        process = subprocess.Popen(command, cwd=ROOT, env=environ, stdout=out, stderr=out)
    return Server(name, process, port, log)


def production(
    workdir: Path,
    *,
    bare_body: Path | None = None,
    settings: dict[str, str] | None = None,
    port: int | None = None,
) -> Server:
    """``python -m api`` as the README gives it (with ``settings``), or (``bare_body``) bare Flask
    under the same server; on ``port``, or a free one."""
    port = port or free_port()
    env = {"FACTSHEET_BIND": f"127.0.0.1:{port}", "FACTSHEET_WORKERS": WORKERS, **(settings or {})}
    if bare_body is None:
        return _spawn("production", [sys.executable, "-m", "api"], port, workdir, env)
    command = [sys.executable, str(HERE / "bare_app.py"), str(bare_body)]
    return _spawn("bare-granian", command, port, workdir, env)


def bare_gunicorn(workdir: Path, body: Path) -> Server:
    """Bare Flask under gunicorn gthread, 2 workers x 4 threads: the conventional deployment."""
    port = free_port()
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    command = [gunicorn, "--worker-class", "gthread", "--workers", WORKERS, "--threads", "4",
               "--bind", f"127.0.0.1:{port}", "--access-logfile", "-", "--pythonpath", str(HERE),
               "--no-control-socket", "bare_app:create_app()"]  # fmt: skip
    return _spawn("bare-gunicorn", command, port, workdir, {"FACTSHEET_BENCH_BODY": str(body)})


def export_server_block(site: Path, port: int) -> str:
    """nginx for the export at the live URLs, as ``flask --app api nginx-config`` generates it."""
    from api import create_app  # noqa: PLC0415 - only the benchmark's parent needs the app
    from api.publish.nginx import nginx_config  # noqa: PLC0415

    return nginx_config(site, f"127.0.0.1:{port}", app=create_app())


def one_file_block(folder: Path, port: int) -> str:
    """nginx serving one file (the same bytes) at the same URL: the floor for static serving."""
    return f"""server {{
    listen 127.0.0.1:{port};
    root {folder};
    default_type application/json;
    location = /v1/nl/factsheet {{ try_files /body.json =404; }}
}}"""


def nginx(workdir: Path, blocks: list[str], port: int) -> Server:
    """One nginx (2 worker processes, as the Python servers) with the given server blocks."""
    prefix, blocks_text = workdir / "nginx", "\n".join(blocks)
    prefix.mkdir()
    config = prefix / "nginx.conf"
    config.write_text(f"""daemon off; worker_processes {WORKERS}; pid {prefix}/pid; error_log stderr;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types; access_log {prefix}/access.log; sendfile on; keepalive_requests 100000;
{blocks_text}
}}
""")
    command = [str(nginx_binary()), "-p", str(prefix), "-c", str(config), "-e", str(prefix / "error.log")]
    return _spawn("nginx", command, port, workdir)


def children(pid: int) -> list[int]:
    """The worker processes of ``pid``: its children, less the one making PDFs (api/pages/pdf.py)."""
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in os.listdir(f"/proc/{pid}/task"):
            found += [int(child) for child in Path(f"/proc/{pid}/task/{task}/children").read_text().split()]
    return sorted(child for child in found if not _makes_pdfs(child))


def _makes_pdfs(pid: int) -> bool:
    try:
        return b"pdf.py" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:  # ended meanwhile
        return True


def memory_of(pid: int) -> dict[str, int]:
    """RSS and PSS (the process's share of memory it shares with others) in bytes."""
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("Rss", "Pss"):
            values[key] = int(rest.split()[0]) * 1024
    return values
