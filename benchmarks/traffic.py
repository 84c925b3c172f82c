"""The production command under real traffic: two situations, each beside a steady JSON stream.

- **Cold start under load**: ``python -m api`` with an empty PDF cache; as soon as it answers,
  a stream of 200 JSON requests a second starts, and 36 PDF requests (each locale four times)
  arrive at once. Measured: the stream's answer times and errors, each PDF request's time to
  the first byte, how long until every PDF is there, the workers' memory before and after.
- **Connections**: 5,000 connections that send nothing (reopened when the server closes them)
  and 512 that each ask for the 1.5 MB Swagger UI bundle twenty times and never read, beside
  the same stream. Measured: the same, and the workers' memory at its highest and after.

The stream is open-loop: a request is timed from when it was due, so a stalled server shows as
waiting, not as fewer requests. Run: ``python benchmarks/traffic.py`` (about two minutes); it
prints JSON. ``benchmarks/run.py`` runs it as part of its report.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import resource
import selectors
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import servers

LOCALES = ("nl", "en", "de", "fr", "es", "pl", "tr", "ar", "uk")
RATE = 200  # JSON requests a second
TIMEOUT_S = 10
IDLE, NEVER_READING = 5000, 512
BUNDLE_PATH = "/static/swagger-ui.0ba100812d88/swagger-ui-bundle.js"


class Stream:
    """``RATE`` GETs a second of ``/v1/nl/factsheet``, each on a new connection, until stopped."""

    def __init__(self, port: int) -> None:
        self.port, self.times, self.errors = port, list[float](), list[str]()
        self.stopped = threading.Event()
        self.pool = ThreadPoolExecutor(max_workers=64)
        self.thread = threading.Thread(target=self._schedule)
        self.thread.start()

    def _schedule(self) -> None:
        due = time.perf_counter()
        while not self.stopped.is_set():
            self.pool.submit(self._one, due)
            due += 1 / RATE
            time.sleep(max(0.0, due - time.perf_counter()))

    def _one(self, due: float) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT_S)
        try:
            connection.request("GET", "/v1/nl/factsheet")
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                self.errors.append(f"status {response.status}")
            else:
                self.times.append(time.perf_counter() - due)
        except OSError as error:
            self.errors.append(type(error).__name__)
        finally:
            connection.close()

    def stop(self) -> dict[str, Any]:
        self.stopped.set()
        self.thread.join()
        self.pool.shutdown(wait=True)
        times = sorted(self.times)
        return {
            "requests": len(times) + len(self.errors),
            "errors": len(self.errors),
            "p50_ms": round(statistics.median(times) * 1000, 2),
            "p99_ms": round(times[int(len(times) * 0.99)] * 1000, 2),
            "max_ms": round(times[-1] * 1000, 1),
        }


def workers_rss(server: servers.Server) -> list[int]:
    return [servers.memory_of(pid)["Rss"] for pid in servers.children(server.process.pid)]


def first_byte(port: int, path: str) -> tuple[float, int]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()  # the status line and headers have come
        seconds = time.perf_counter() - started
        response.read()
        return seconds, response.status
    finally:
        connection.close()


def cold_start(workdir: Path) -> dict[str, Any]:
    server = servers.production(workdir, settings={"FACTSHEET_PDF_CACHE": str(workdir / "cold-pdfs")})
    try:
        server.wait_ready("/healthz")
        stream = Stream(server.port)
        time.sleep(3)
        idle = workers_rss(server)  # having served the stream for a while, holding nothing else
        burst = time.monotonic()
        with ThreadPoolExecutor(max_workers=36) as pool:
            answers = list(
                pool.map(lambda code: first_byte(server.port, f"/v1/{code}/factsheet.pdf"), LOCALES * 4)
            )
        made = None
        while made is None and time.monotonic() - burst < 300:
            if all(first_byte(server.port, f"/v1/{code}/factsheet.pdf")[1] == 200 for code in LOCALES):
                made = time.monotonic() - burst
            else:
                time.sleep(1)
        time.sleep(2)
        json_stream = stream.stop()
        after = workers_rss(server)
    finally:
        server.stop()
    milliseconds = sorted(round(answer[0] * 1000, 1) for answer in answers)
    statuses = [str(status) for _, status in answers]
    return {
        "json": json_stream,
        "pdf_first_byte_ms": [milliseconds[0], statistics.median(milliseconds), milliseconds[-1]],
        "pdf_statuses": {status: statuses.count(status) for status in sorted(set(statuses))},
        "all_pdfs_made_s": None if made is None else round(made, 1),
        "worker_rss_idle": idle,
        "worker_rss_after": after,
    }


@contextlib.contextmanager
def held_connections(port: int, idle: int, never_reading: int) -> Iterator[dict[str, int]]:
    """``idle`` silent connections, kept at that number, and ``never_reading`` that never read."""
    counts = {"reopened": 0, "cut_off": 0}
    selector, stop = selectors.DefaultSelector(), threading.Event()

    def open_idle() -> None:
        connection = socket.create_connection(("127.0.0.1", port), timeout=10)
        connection.setblocking(False)
        selector.register(connection, selectors.EVENT_READ, "idle")

    for _ in range(idle):
        open_idle()
    request = f"GET {BUNDLE_PATH} HTTP/1.1\r\nHost: x\r\n\r\n".encode() * 20
    readers = []
    for _ in range(never_reading):
        connection = socket.create_connection(("127.0.0.1", port), timeout=10)
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        connection.sendall(request)
        readers.append(connection)

    def watch() -> None:  # an idle connection the server closed is opened again
        while not stop.is_set():
            for key, _ in selector.select(timeout=0.2):
                selector.unregister(key.fileobj)
                key.fileobj.close()  # type: ignore[union-attr]
                counts["reopened"] += 1
                with contextlib.suppress(OSError):
                    open_idle()

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        yield counts
    finally:
        stop.set()
        watcher.join()
        for reader in readers:
            reader.setblocking(False)
            try:
                reader.recv(1)
            except BlockingIOError:
                pass
            except OSError:
                counts["cut_off"] += 1  # the server closed it: it read nothing for too long
            reader.close()
        for key in list(selector.get_map().values()):
            key.fileobj.close()  # type: ignore[union-attr]
        selector.close()


def connections(workdir: Path, seconds: float) -> dict[str, Any]:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, IDLE + NEVER_READING + 2048), hard))
    server = servers.production(workdir)
    peak: list[int] = []
    try:
        server.wait_ready("/healthz")
        stream = Stream(server.port)
        time.sleep(3)
        idle = workers_rss(server)  # having served the stream for a while, holding nothing else
        with held_connections(server.port, IDLE, NEVER_READING) as counts:
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                peak = [max(pair) for pair in zip(peak or [0] * len(idle), workers_rss(server), strict=False)]
                time.sleep(1)
        json_stream = stream.stop()
        time.sleep(12)  # the workers give back what the clients held
        after = workers_rss(server)
    finally:
        server.stop()
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    held = {"idle": IDLE, "never_reading": NEVER_READING, "seconds": seconds, **counts}
    memory = {"worker_rss_idle": idle, "worker_rss_peak": peak, "worker_rss_after": after}
    return {"json": json_stream, **held, **memory}


def run(workdir: Path, seconds: float = 35) -> dict[str, Any]:
    return {"cold_start": cold_start(workdir), "connections": connections(workdir, seconds)}


#: Under real traffic (benchmarks/traffic.py): the stream's p99 in ms, and a worker's memory after.
TRAFFIC_P99_MS, TRAFFIC_MEMORY_GROWTH = 50, 0.20
SITUATIONS = {"cold_start": "cold start: 36 PDF requests", "connections": "5,000 idle + 512 never reading"}


def target_rows(traffic_: dict[str, Any]) -> list[list[object]]:
    """Target rows: each situation's p99 beside the stream, and the workers' memory after it."""
    rows: list[list[object]] = []
    for key, name in SITUATIONS.items():
        found = traffic_[key]
        stream, idle, after = found["json"], found["worker_rss_idle"], found["worker_rss_after"]
        growth = max(a / b for a, b in zip(after, idle, strict=True)) - 1
        errors = stream["errors"]
        rows.append([f"{name}: JSON p99", f"{stream['p99_ms']} ms", "", f"< {TRAFFIC_P99_MS} ms", errors,
                     stream["p99_ms"] < TRAFFIC_P99_MS and not errors])  # fmt: skip
        rows.append([f"{name}: worker RSS after vs idle", f"{growth:+.1%}", "",
                     f"< +{TRAFFIC_MEMORY_GROWTH:.0%}", errors, growth < TRAFFIC_MEMORY_GROWTH])  # fmt: skip
    return rows


HEADER = "| situation | JSON requests | errors | p50 ms | p99 ms | max ms | worker RSS MB |"


def table_rows(traffic_: dict[str, Any]) -> list[list[object]]:
    """The report's rows: each situation's stream, and the workers' memory (idle → highest → after)."""
    mb = 2**20
    rows = []
    for key, name in SITUATIONS.items():
        found, stream = traffic_[key], traffic_[key]["json"]
        memory = [found["worker_rss_idle"], found.get("worker_rss_peak"), found["worker_rss_after"]]
        shown = " → ".join("/".join(f"{value / mb:.0f}" for value in values) for values in memory if values)
        rows.append([name, f"{stream['requests']:,}", stream["errors"], stream["p50_ms"], stream["p99_ms"],
                     stream["max_ms"], shown])  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=35, help="how long the connections are held")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="factsheet-traffic-") as folder:
        print(json.dumps(run(Path(folder), options.seconds), indent=2))


if __name__ == "__main__":
    main()
