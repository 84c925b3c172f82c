"""What counts as a worker killed at a stop (api.server.run.StopWatch, read from granian's log)."""

from __future__ import annotations

import logging
import time

import pytest

from api.server import run

KILLING_2 = "Killing worker-2 after it refused to gracefully stop"


def _feed(watch: run.StopWatch, *messages: str) -> None:
    for message in messages:
        watch.filter(logging.LogRecord("_granian", logging.WARNING, __file__, 0, message, None, None))


def test_a_kill_after_the_stop_timeout_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([100.0, 100.5, 121.0])
    monkeypatch.setattr(time, "monotonic", lambda: next(clock))
    watch = run.StopWatch(20)
    _feed(
        watch,
        "Shutting down granian",
        "Stopped worker-1",
        "Killing worker-2 after it refused to gracefully stop",
    )
    assert watch.killed == 1


def test_granian_s_race_at_once_does_not_count(monkeypatch: pytest.MonkeyPatch) -> None:
    # The warning at once, for a worker that stopped in time (its watcher reaped it first).
    clock = iter([100.0, 100.01, 100.02])
    monkeypatch.setattr(time, "monotonic", lambda: next(clock))
    watch = run.StopWatch(20)
    _feed(
        watch,
        "Shutting down granian",
        "Stopped worker-1",
        "Killing worker-2 after it refused to gracefully stop",
    )
    assert watch.killed == 0


def test_old_workers_are_timed_each_from_their_own_stop(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([0.0, 25.0, 100.0, 100.1])
    monkeypatch.setattr(time, "monotonic", lambda: next(clock))
    watch = run.StopWatch(20)
    _feed(
        watch,
        "Stopping old worker-1",
        "Killing old worker-1 after it refused to gracefully stop",  # 25 s later: killed
        "Stopping old worker-2",
        "Killing old worker-2 after it refused to gracefully stop",  # at once: the race
    )
    assert watch.killed == 1
