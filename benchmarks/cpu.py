"""Whose CPU time a measurement got: ours (this process, its servers, wrk) or someone else's.

The figures of a 2-core machine shift a lot when anything else runs (another session's test
suite, a build). :class:`CpuWatch` measures, over one wrk run, the machine's busy time
(``/proc/stat``: user, nice, system) less the CPU time of this process tree, as a share of
all cores: the *foreign* load. :func:`wait_quiet` waits, within a budget, until the machine is
idle before a run starts. Interrupt time is left out on both sides (the kernel does not
charge it to processes).
"""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["CpuWatch", "QuietBudget", "wait_quiet"]

TICKS = os.sysconf("SC_CLK_TCK")
QUIET = 0.10  # foreign load under 10% of the machine counts as quiet


def _busy_ticks() -> int:
    fields = Path("/proc/stat").read_text().splitlines()[0].split()
    user, nice, system = (int(value) for value in fields[1:4])
    return user + nice + system


def process_stats() -> Iterator[tuple[int, list[str]]]:
    """``(pid, fields)`` of every live process, the fields of ``/proc/<pid>/stat`` after its name."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
        yield int(entry.name), stat[stat.rfind(")") + 2 :].split()


def _tree_ticks() -> int:
    """CPU ticks of this process and every live descendant, plus reaped children (wrk)."""
    parents: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for pid, fields in process_stats():
        parents[pid] = int(fields[1])
        ticks[pid] = int(fields[11]) + int(fields[12])  # utime, stime
    ours = {os.getpid()}
    grown = True
    while grown:
        found = {pid for pid, parent in parents.items() if parent in ours} - ours
        grown = bool(found)
        ours |= found
    reaped = resource.getrusage(resource.RUSAGE_CHILDREN)
    return sum(ticks.get(pid, 0) for pid in ours) + round((reaped.ru_utime + reaped.ru_stime) * TICKS)


@dataclass
class CpuWatch:
    """Started before a measurement, read after it: the foreign share of the machine meanwhile."""

    cores: int = field(default_factory=lambda: len(os.sched_getaffinity(0)))
    started: float = 0.0
    busy: int = 0
    ours: int = 0

    def start(self) -> CpuWatch:
        self.started, self.busy, self.ours = time.monotonic(), _busy_ticks(), _tree_ticks()
        return self

    def foreign(self) -> float:
        seconds = time.monotonic() - self.started
        busy, ours = _busy_ticks() - self.busy, _tree_ticks() - self.ours
        capacity = seconds * TICKS * (os.cpu_count() or self.cores)
        return max(0.0, (busy - ours) / capacity) if capacity else 0.0


@dataclass
class QuietBudget:
    """How long, in all, a run may wait for a quiet machine; the time spent so far."""

    seconds: float
    spent: float = 0.0
    waits: int = 0


def wait_quiet(budget: QuietBudget, probe: float = 1.0, pause: float = 2.0) -> float:
    """Wait until the machine's foreign load over ``probe`` seconds is under 10%, within budget.

    Returns the foreign load last seen (under 10% unless the budget ran out).
    """
    while True:
        watch = CpuWatch().start()
        time.sleep(probe)
        load = watch.foreign()
        if load < QUIET or budget.spent >= budget.seconds:
            return load
        budget.waits += 1
        time.sleep(pause)
        budget.spent += probe + pause
