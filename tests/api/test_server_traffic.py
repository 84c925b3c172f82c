"""``python -m api`` under real traffic: cold PDFs, thousands of connections, dead processes, stops.

Each test starts the production command on a free loopback port (``test_server.start``), sends
bounded traffic to it and stops it. The figures for the same situations at full size (5,000
idle connections, 512 that never read) are in BENCHMARKS.md (``benchmarks/traffic.py``).
"""

from __future__ import annotations

import os
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from api.pages import pdf
from tests.conftest import require
from tests.outline import LOCALES

from .conftest import ROOT
from .test_server import STALL_S, WORKERS, Load, Server, _children, p99, start, stream

pytestmark = pytest.mark.server

#: How much an idle worker's memory may grow after the situation (the issue's target).
MEMORY_GROWTH = 1.20


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError(f"no VmRSS for {pid}")


def _workers_rss(server: Server) -> dict[int, int]:
    return {pid: _rss_kb(pid) for pid in _children(server.process.pid)}


def _gone(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"  # a zombie has ended
    except OSError:
        return True


def _wait(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.1)
    return False


def _needs_pdfs() -> None:
    require(pdf.unavailable(), what="the PDF tests")


def test_cold_pdfs_do_not_delay_other_requests(tmp_path: Path) -> None:
    _needs_pdfs()
    running = start(tmp_path, FACTSHEET_PDF_CACHE=str(tmp_path / "pdfs"))  # empty: every PDF is cold
    try:
        time.sleep(1)  # let the workers settle
        idle = _workers_rss(running)
        answers: list[tuple[int, str | None, float]] = []

        def ask(code: str) -> None:
            started = time.perf_counter()
            status, headers, _ = running.get(f"/v1/{code}/factsheet.pdf")
            answers.append((status, headers.get("retry-after"), time.perf_counter() - started))

        askers = [threading.Thread(target=ask, args=(code,)) for code in LOCALES * 4]
        for asker in askers:
            asker.start()
        times, failures = stream(running, seconds=4)
        for asker in askers:
            asker.join()
        assert failures == []
        assert len(times) >= 100
        assert p99(times) < STALL_S, f"p99 {p99(times) * 1000:.1f} ms beside 36 cold PDF requests"
        assert len(answers) == 36
        for status, retry_after, seconds in answers:  # answered at once: ready, or a 503 to retry
            assert status == 200 or (status == 503 and retry_after == "5"), (status, retry_after)
            assert seconds < 1, seconds

        def all_made() -> bool:
            return all(running.get(f"/v1/{code}/factsheet.pdf")[0] == 200 for code in LOCALES)

        assert _wait(all_made, 240), "the PDFs were not made in the background"
        after = _workers_rss(running)
        for pid, kilobytes in after.items():  # the workers made none of them
            assert kilobytes < idle[pid] * MEMORY_GROWTH, (idle, after)
    finally:
        code = running.stop()
    assert code == 0, running.logs()


def test_thousands_of_idle_connections_leave_others_answered(tmp_path: Path) -> None:
    idle_count = 2000
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < idle_count + 256:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(idle_count + 256, hard), hard))
    running = start(tmp_path)
    idle: list[socket.socket] = []
    try:
        for _ in range(idle_count):  # connected, and not a byte sent
            idle.append(socket.create_connection(("127.0.0.1", running.port), timeout=5))
        times, failures = stream(running, seconds=3)
        assert failures == []
        assert len(times) >= 100
        assert p99(times) < STALL_S, f"p99 {p99(times) * 1000:.1f} ms beside {idle_count} idle"
    finally:
        for connection in idle:
            connection.close()
        code = running.stop()
    assert code == 0, running.logs()


def test_a_client_that_never_reads_is_cut_off(tmp_path: Path) -> None:
    running = start(tmp_path, FACTSHEET_SEND_TIMEOUT="2")
    try:
        bundle = next(path for path in _static_paths(running) if path.endswith("swagger-ui-bundle.js"))
        status, _, body = running.get(bundle)
        assert status == 200
        size = len(body)
        client = socket.create_connection(("127.0.0.1", running.port), timeout=5)
        client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        client.sendall(f"GET {bundle} HTTP/1.1\r\nHost: x\r\n\r\n".encode() * 20)
        time.sleep(8)  # takes nothing for longer than the send timeout
        received, ended = 0, False
        client.settimeout(2)
        try:
            while chunk := client.recv(1 << 20):
                received += len(chunk)
            ended = True
        except ConnectionResetError:
            ended = True
        except TimeoutError:
            pass
        client.close()
        assert ended, "the server kept a connection that read nothing for 8 s"
        assert received < 20 * size  # it was closed before the answers were sent
        assert running.get("/healthz")[0] == 200
    finally:
        code = running.stop()
    assert code == 0, running.logs()


def _static_paths(server: Server) -> list[str]:
    page = server.get("/v1/docs")[2].decode()  # links relative to /v1/
    return ["/" + part.split('"')[0].removeprefix("../") for part in page.split('src="')[1:]]


def test_a_killed_worker_is_replaced_while_the_other_answers(tmp_path: Path) -> None:
    running = start(tmp_path)
    try:
        workers = _children(running.process.pid)
        assert len(workers) == WORKERS
        load = Load(running, threads=2)
        time.sleep(0.5)
        os.kill(workers[0], signal.SIGKILL)

        def replaced() -> bool:
            now = _children(running.process.pid)
            return len(now) == WORKERS and workers[0] not in now

        assert _wait(replaced, 20), running.logs()
        time.sleep(1)
        results = load.stop()
        assert running.process.poll() is None, running.logs()
        assert workers[1] in _children(running.process.pid)  # the other one was left alone
        assert results["status 200"] > 0
        # The requests the killed worker held are lost (nothing answers them); no other fails.
        assert set(results) <= {"status 200", "closed unread"}, results
        assert results["closed unread"] <= 4, results
        assert "Respawning worker-1" in running.logs()
    finally:
        code = running.stop()
    assert code == 0, running.logs()


def test_the_workers_end_when_the_main_process_is_killed(tmp_path: Path) -> None:
    running = start(tmp_path)
    workers = _children(running.process.pid)
    assert len(workers) == WORKERS
    running.process.kill()
    running.process.wait()
    try:
        assert _wait(lambda: all(_gone(worker) for worker in workers), 15), "workers left serving"
        with pytest.raises(ConnectionRefusedError):  # nothing listens on the port any more
            running.get("/healthz")
    finally:
        for worker in workers:
            if not _gone(worker):
                os.kill(worker, signal.SIGKILL)


def test_sigterm_while_pdfs_are_made_answers_every_read_request(tmp_path: Path) -> None:
    _needs_pdfs()
    running = start(tmp_path, FACTSHEET_PDF_CACHE=str(tmp_path / "pdfs"))
    outcomes: list[str] = []

    def ask(code: str) -> None:
        try:
            outcomes.append(f"status {running.get(f'/v1/{code}/factsheet.pdf')[0]}")
        except ConnectionRefusedError:
            outcomes.append("refused")  # after the stop: never accepted
        except OSError as error:
            outcomes.append(f"failed: {error!r}")

    askers = [threading.Thread(target=ask, args=(code,)) for code in LOCALES * 4]
    for asker in askers:
        asker.start()
    running.process.send_signal(signal.SIGTERM)
    for asker in askers:
        asker.join()
    code = running.stop()
    assert code == 0, running.logs()
    assert set(outcomes) <= {"status 200", "status 503", "refused"}, outcomes
    assert "refused to gracefully stop" not in running.logs()


def test_the_exit_status_says_when_a_worker_had_to_be_killed(tmp_path: Path) -> None:
    running = start(tmp_path, FACTSHEET_STOP_TIMEOUT="1")
    worker = _children(running.process.pid)[0]
    os.kill(worker, signal.SIGSTOP)  # a worker that cannot finish what it holds
    try:
        code = running.stop()
    finally:
        if not _gone(worker):
            os.kill(worker, signal.SIGKILL)
    assert code == 1, running.logs()
    assert "1 worker(s) had to be killed after 1 s: requests they held got no answer" in running.logs()


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("FACTSHEET_MAX_AGE", "soon", "Error: FACTSHEET_MAX_AGE must be a whole number of seconds"),
        ("FACTSHEET_PDF_CACHE", "/dev/null/pdfs", "Error: FACTSHEET_PDF_CACHE: cannot use /dev/null/pdfs"),
    ],
)
def test_a_start_that_cannot_be_made_says_why_in_one_line(setting: str, value: str, message: str) -> None:
    environ = {**os.environ, setting: value}
    done = subprocess.run(
        [sys.executable, "-m", "api"], cwd=ROOT, env=environ, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert done.stderr.startswith(message), done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr  # no traceback
