"""Every resource of the app, and a bounded soak over them with a mix of 200s, 304s, 404s and more.

The resources come from the app's URL map: every GET rule, its ``<locale>``, ``<section_id>``
and ``<item_id>`` filled with every shipped locale, section and item (a rule with another
argument is listed as skipped). Each probe's expected status is what the app answers in
process (Flask's test client); the soak then checks that the server over HTTP answers the same.

The soak client is plain Python (``http.client``, one keep-alive connection per thread): a
fixed number of requests, so it ends by itself; worker memory is read from ``/proc`` at every
twentieth of the run.
"""

from __future__ import annotations

import http.client
import itertools
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from flask import Flask
from procs import children, memory_of

import factsheet

__all__ = ["Probe", "SoakResult", "every_resource", "probes", "run_soak", "serve_each_once"]

KNOWN_ARGUMENTS = frozenset({"locale", "section_id", "item_id"})
MARKS = 20  # memory and time are read at every twentieth of the requests


@dataclass(frozen=True)
class Probe:
    """One request of the soak and the status the app gives it in process."""

    kind: str
    method: str
    path: str
    headers: tuple[tuple[str, str], ...] = ()
    expect: int = 200


def _fill(rule: str, values: dict[str, str]) -> str:
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", lambda match: values[match[1]], rule)


def _values(arguments: frozenset[str]) -> Iterator[dict[str, str]]:
    """Every combination of shipped locale, section and item that a rule's arguments need."""
    if not arguments:
        yield {}
        return
    for code in factsheet.locales():
        sheet = factsheet.load(code)
        if "section_id" not in arguments and "item_id" not in arguments:
            yield {"locale": code}
            continue
        for section in sheet.sections:
            if "item_id" not in arguments:
                yield {"locale": code, "section_id": section.id}
                continue
            for item in section.items:
                yield {"locale": code, "section_id": section.id, "item_id": item.id}


def every_resource(app: Flask) -> tuple[list[tuple[str, str]], list[str]]:
    """``(path, ETag)`` of every GET resource that answers 200 in process, and the rules skipped."""
    found: list[tuple[str, str]] = []
    skipped: list[str] = []
    client = app.test_client()
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in (rule.methods or ()) or rule.endpoint == "static":
            continue
        arguments = frozenset(rule.arguments)
        if not arguments <= KNOWN_ARGUMENTS or (arguments and "locale" not in arguments):
            skipped.append(f"{rule.rule} (arguments {', '.join(sorted(arguments))})")
            continue
        for values in _values(arguments):
            path = _fill(rule.rule, values)
            response = client.get(path)
            if response.status_code == 200:
                found.append((path, response.headers.get("ETag", "")))
            else:
                skipped.append(f"{path} (answers {response.status_code} in process)")
    return found, skipped


def probes(app: Flask, resources: Sequence[tuple[str, str]]) -> list[Probe]:
    """One deck of soak requests: each resource three times, its 304, and errors and negotiation.

    About 60% plain 200s, 20% revalidations (304), 12% 404s and the rest negotiation, HEAD,
    OPTIONS, 405 and 406. ``resources`` are ``(path, ETag)`` as the server under test gives them;
    the expected status of each request but the 304s is what the app answers in process.
    """
    deck: list[Probe] = []
    for path, etag in resources:
        deck += [Probe("200", "GET", path)] * 3
        if etag:
            deck.append(Probe("304", "GET", path, (("If-None-Match", etag),)))
    missing = [
        "/v1/xx/factsheet",
        "/v1/pt/sections",
        "/v1/EN/factsheet",
        "/v1/nl/sections/nope",
        "/v1/en/sections/risks/items/nope",
        "/v1/ar/sections/risks/items/" + "x" * 80,
        "/v1/nope",
        "/v2/",
        "/v1/nl/factsheet/extra",
        "/v1/%C3%A9/factsheet",
    ]
    for number in range(len(resources) * 3 // 5):
        deck.append(Probe("404", "GET", missing[number % len(missing)]))
    languages = ["de-DE,de;q=0.9", "en-GB", "pt-BR, ar;q=0.8", "*", "uk;q=0.5, tr", "xx", "", "fr-CA;q=0"]
    for number in range(len(resources) // 5):
        headers = (("Accept-Language", languages[number % len(languages)]),)
        deck.append(Probe("negotiated", "GET", "/v1/factsheet", headers))
    for number, (path, _) in enumerate(resources[: len(resources) // 10]):
        deck.append(Probe("other", ("HEAD", "OPTIONS", "POST")[number % 3], path))
    deck.append(Probe("other", "GET", "/v1/nl/factsheet", (("Accept", "text/csv"),)))
    client = app.test_client()
    checked = []
    for probe in deck:
        if probe.kind == "304":  # the server's own current ETag: a 304 whatever this process thinks
            checked.append(Probe(probe.kind, probe.method, probe.path, probe.headers, 304))
            continue
        response = client.open(probe.path, method=probe.method, headers=list(probe.headers))
        checked.append(Probe(probe.kind, probe.method, probe.path, probe.headers, response.status_code))
    return checked


def serve_each_once(port: int, paths: Sequence[str]) -> tuple[Counter[int], dict[str, str]]:
    """GET every path once over one keep-alive connection: the statuses seen, the ETag of each path."""
    statuses: Counter[int] = Counter()
    etags: dict[str, str] = {}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        for path in paths:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            statuses[response.status] += 1
            etags[path] = response.getheader("ETag") or ""
    finally:
        connection.close()
    return statuses, etags


@dataclass
class SoakResult:
    requests: int
    seconds: float
    threads: int
    statuses: Counter[int] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    server_errors: int = 0
    socket_errors: int = 0
    unexpected: Counter[tuple[str, str, int, int]] = field(default_factory=Counter)
    # At each mark: (requests done, seconds since start, {worker pid: memory figures}).
    marks: list[tuple[int, float, dict[int, dict[str, int]]]] = field(default_factory=list)
    workers_before: list[int] = field(default_factory=list)
    workers_after: list[int] = field(default_factory=list)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def rss_by_worker(self, lower: float, upper: float) -> dict[int, int]:
        """The highest VmRSS of each worker among the marks with ``lower <= done/total <= upper``."""
        peak: dict[int, int] = {}
        for done, _, memory in self.marks:
            if lower <= done / self.requests <= upper:
                for pid, figures in memory.items():
                    peak[pid] = max(peak.get(pid, 0), figures.get("VmRSS", 0))
        return peak

    def slice_rates(self) -> list[float]:
        """Requests per second within each twentieth of the run."""
        rates = []
        for (done_a, time_a, _), (done_b, time_b, _) in itertools.pairwise([(0, 0.0, {}), *self.marks]):
            if time_b > time_a:
                rates.append((done_b - done_a) / (time_b - time_a))
        return rates


class _Soak:
    """The shared state of the soak's client threads."""

    def __init__(self, port: int, master_pid: int, order: Sequence[Probe], total: int, threads: int) -> None:
        self.port = port
        self.master_pid = master_pid
        self.order = order
        self.total = total
        self.step = max(1, total // MARKS)
        self.counter = itertools.count()
        self.lock = threading.Lock()
        self.done = 0
        self.failures: list[BaseException] = []
        self.result = SoakResult(requests=total, seconds=0.0, threads=threads)
        self.started = time.perf_counter()

    def take_mark(self, count: int) -> None:
        memory = {}
        for pid in children(self.master_pid):
            try:
                memory[pid] = memory_of(pid)
            except OSError:  # a worker that just exited
                continue
        self.result.marks.append((count, time.perf_counter() - self.started, memory))

    def record(self, probe: Probe, status: int | None) -> None:
        result = self.result
        with self.lock:
            self.done += 1
            count = self.done
            if status is None:
                result.socket_errors += 1
            elif status >= 500:
                result.server_errors += 1
            if status is not None and status != probe.expect:
                result.unexpected[(probe.method, probe.path, probe.expect, status)] += 1
            if count % self.step == 0 or count == self.total:
                self.take_mark(count)

    def client(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        statuses: Counter[int] = Counter()
        kinds: Counter[str] = Counter()
        try:
            while (index := next(self.counter)) < self.total:
                probe = self.order[index % len(self.order)]
                kinds[probe.kind] += 1
                status = _one(connection, probe)
                if status is None:  # start again on a new connection
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                statuses[status or 0] += 1
                self.record(probe, status)
        except Exception as error:  # noqa: BLE001 - re-raised by run_soak once the threads are joined
            self.failures.append(error)
        finally:
            connection.close()
            with self.lock:
                self.result.statuses.update(statuses)
                self.result.kinds.update(kinds)


def run_soak(
    port: int, master_pid: int, deck: Sequence[Probe], *, total: int, threads: int, seed: int = 6
) -> SoakResult:
    """``total`` requests from ``threads`` client threads, cycling through the shuffled ``deck``.

    Worker memory is read at every twentieth of the requests (and after the last one).
    """
    order = list(deck)
    random.Random(seed).shuffle(order)  # noqa: S311 - a reproducible order, not a secret
    state = _Soak(port, master_pid, order, total, threads)
    state.result.workers_before = children(master_pid)
    workers = [threading.Thread(target=state.client, name=f"soak-{number}") for number in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if state.failures:
        raise RuntimeError(f"a soak client thread failed: {state.failures[0]!r}") from state.failures[0]
    result = state.result
    result.seconds = time.perf_counter() - state.started
    result.marks.sort(key=lambda mark: mark[0])
    result.workers_after = children(master_pid)
    return result


def _one(connection: http.client.HTTPConnection, probe: Probe) -> int | None:
    """The status of one request, or ``None`` for a socket error (refused, reset, timeout, bad reply)."""
    try:
        connection.request(probe.method, probe.path, headers=dict(probe.headers))
        response = connection.getresponse()
        response.read()
    except (OSError, http.client.HTTPException):
        return None
    return response.status
