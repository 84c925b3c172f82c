"""wrk runs and their figures: one run is a fixed number of threads and connections for a fixed time.

wrk loads ``wrk_report.lua``, whose ``done()`` prints one ``BENCH {...}`` JSON line with the
request count, bytes, errors and latency percentiles (microseconds), so nothing is parsed from
wrk's human-readable text.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from werkzeug.test import EnvironBuilder

__all__ = ["Load", "Result", "Target", "median_of", "run_wrk", "wrk_version", "wsgi_microseconds"]

REPORT_SCRIPT = Path(__file__).resolve().parent / "wrk_report.lua"


@dataclass(frozen=True)
class Load:
    """wrk's fixed settings for every run of one benchmark."""

    threads: int = 2
    connections: int = 32
    seconds: float = 5.0

    def describe(self) -> str:
        return f"wrk -t{self.threads} -c{self.connections} -d{self.seconds:g}s --latency"


@dataclass(frozen=True)
class Target:
    """What one row of a table measures: a URL and the request headers wrk sends."""

    key: str
    label: str
    url: str
    headers: Mapping[str, str]
    #: Counts each server worker's client connections (see ``procs.Server.connection_counter``).
    connections: Callable[[], list[int]] | None = None


@dataclass(frozen=True)
class Result:
    """One wrk run."""

    requests: int
    seconds: float
    bytes: int
    socket_errors: int  # connect, read, write and timeouts
    error_statuses: int  # responses with a status of 400 or more
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    foreign: float = 0.0  # the share of the machine's CPU that others used meanwhile (see cpu.py)
    #: The most client connections each server worker held at once early in the run.
    split: tuple[int, ...] = ()

    @property
    def idle_worker(self) -> bool:
        """A worker held no connection at all: wrk's connections all went to the others."""
        return len(self.split) > 1 and min(self.split) == 0

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def bytes_per_response(self) -> float:
        return self.bytes / self.requests if self.requests else 0.0


def wrk_version() -> str:
    binary = shutil.which("wrk")
    if binary is None:
        return "not installed"
    # wrk has no version flag of its own: its usage text starts with the version line.
    completed = subprocess.run(  # noqa: S603 - fixed arguments, the wrk found on PATH
        [binary, "--version"], capture_output=True, text=True, check=False, timeout=10
    )
    first = (completed.stdout or completed.stderr).strip().splitlines()
    return first[0].split(" Copyright")[0].removeprefix("wrk ").strip() if first else "unknown"


def run_wrk(target: Target, load: Load) -> Result:
    """Run wrk once against a loopback URL."""
    if not target.url.startswith("http://127.0.0.1:"):
        raise ValueError(f"wrk only runs against loopback here, not {target.url!r}")
    binary = shutil.which("wrk")
    if binary is None:
        raise RuntimeError("wrk is not installed")
    command = [
        binary,
        f"-t{load.threads}",
        f"-c{load.connections}",
        f"-d{load.seconds:g}s",
        "--timeout",
        "5s",
        "--latency",
        "-s",
        str(REPORT_SCRIPT),
    ]
    for name, value in target.headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(target.url)
    with subprocess.Popen(  # noqa: S603 - fixed arguments; the URL is checked to be loopback
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        try:
            split = _connections(target, load)
            stdout, stderr = process.communicate(timeout=load.seconds + 60)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    line = next((text for text in stdout.splitlines() if text.startswith("BENCH ")), None)
    if process.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed on {target.label} (exit {process.returncode}):\n{stdout}{stderr}")
    data = json.loads(line.removeprefix("BENCH "))
    errors = data["errors"]
    return Result(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        bytes=data["bytes"],
        socket_errors=errors["connect"] + errors["read"] + errors["write"] + errors["timeout"],
        error_statuses=errors["status"],
        p50_ms=data["p50_us"] / 1000,
        p90_ms=data["p90_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        max_ms=data["max_us"] / 1000,
        split=split,
    )


def _connections(target: Target, load: Load) -> tuple[int, ...]:
    """Each worker's most connections in five looks between 0.5 and 1.3 s into the run."""
    if target.connections is None or load.seconds < 2:
        return ()
    time.sleep(0.5)
    most = target.connections()
    for _ in range(4):
        time.sleep(0.2)
        most = [max(pair) for pair in zip(most, target.connections(), strict=True)]
    return tuple(most)


@dataclass(frozen=True)
class Summary:
    """The median of several runs of one target, figure by figure, and the spread of req/s."""

    rps: float
    rps_low: float
    rps_high: float
    p50_ms: float
    p99_ms: float
    bytes_per_response: float
    socket_errors: int
    error_statuses: int
    rounds: int
    foreign: float
    foreign_max: float


def median_of(results: Sequence[Result]) -> Summary:
    return Summary(
        rps=statistics.median(r.rps for r in results),
        rps_low=min(r.rps for r in results),
        rps_high=max(r.rps for r in results),
        p50_ms=statistics.median(r.p50_ms for r in results),
        p99_ms=statistics.median(r.p99_ms for r in results),
        bytes_per_response=statistics.median(r.bytes_per_response for r in results),
        socket_errors=sum(r.socket_errors for r in results),
        error_statuses=sum(r.error_statuses for r in results),
        rounds=len(results),
        foreign=statistics.median(r.foreign for r in results),
        foreign_max=max(r.foreign for r in results),
    )


def wsgi_microseconds(
    app: Flask, path: str, headers: Mapping[str, str], calls: int = 5000, repeat: int = 5
) -> float:
    """The app's own time for one request: a WSGI call in process, no server, best of ``repeat``."""
    environ = EnvironBuilder(path=path, headers=list(headers.items())).get_environ()

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: object = None) -> object:
        return None

    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for _ in range(calls):
            body = app(dict(environ), start_response)  # type: ignore[arg-type]
            for _chunk in body:
                pass
            close = getattr(body, "close", None)
            if close is not None:
                close()
        best = min(best, (time.perf_counter() - started) / calls)
    return best * 1e6
