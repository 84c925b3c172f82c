"""Library figures: import + first load of one and of all locales, against a baseline import.

Run: python benchmarks/library.py [--rounds N]. Each round runs the three commands one after
another in fresh interpreters (interleaved, so machine noise hits all alike); the report gives
medians and the overhead over the baseline measured in the same run.

Bytecode is cached, as it is after ``pip install``: the interpreters write and read it in a
temporary folder (``PYTHONPYCACHEPREFIX``), also where ``PYTHONDONTWRITEBYTECODE`` is set, and
one unmeasured round fills that cache first. Without it every fresh interpreter would compile
the package's modules again, a cost that installed copies do not have.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Iterator

BASELINE = "baseline: import yaml, babel, marshmallow"
ALL_LOCALES = "import factsheet; load() all 9 locales"
COMMANDS = {
    BASELINE: "import yaml, babel, marshmallow",
    "import factsheet; load('nl')": "import factsheet; factsheet.load('nl')",
    ALL_LOCALES: ("import factsheet\nfor code in factsheet.locales(): factsheet.load(code)"),
}


@contextlib.contextmanager
def bytecode_cache() -> Iterator[dict[str, str]]:
    """An environment for the measured interpreters: bytecode cached in a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="factsheet-pyc-") as folder:
        env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        yield {**env, "PYTHONPYCACHEPREFIX": folder}


def _run_once(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env)  # noqa: S603 - our own fixed snippets
    return time.perf_counter() - start


def measure(rounds: int, env: dict[str, str]) -> dict[str, float]:
    samples: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for code in COMMANDS.values():  # fills the bytecode cache; not measured
        _run_once(code, env)
    for _ in range(rounds):
        for name, code in COMMANDS.items():
            samples[name].append(_run_once(code, env))
    return {name: statistics.median(values) for name, values in samples.items()}


#: One interpreter that times its own steps: where the all-locale figure's overhead goes.
SPLIT = """
import time
t0 = time.perf_counter()
import yaml, babel, marshmallow
t1 = time.perf_counter()
import factsheet
t2 = time.perf_counter()
factsheet.load("nl")
t3 = time.perf_counter()
for code in factsheet.locales():
    factsheet.load(code)
t4 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3)
"""
SPLIT_STEPS = (
    "import yaml, babel, marshmallow",
    "then import factsheet",
    "then load('nl')",
    "then load() the other locales",
)


def split(rounds: int, env: dict[str, str]) -> dict[str, float]:
    """Median seconds of each step of :data:`SPLIT`, over ``rounds`` fresh interpreters."""
    samples: list[list[float]] = [[] for _ in SPLIT_STEPS]
    for _ in range(rounds):
        completed = subprocess.run(  # noqa: S603 - our own fixed snippet
            [sys.executable, "-c", SPLIT], check=True, capture_output=True, text=True, env=env
        )
        for bucket, value in zip(samples, completed.stdout.split(), strict=True):
            bucket.append(float(value))
    return {step: statistics.median(values) for step, values in zip(SPLIT_STEPS, samples, strict=True)}


def cache_hit_seconds() -> float:
    import factsheet  # noqa: PLC0415

    factsheet.load("ar")
    runs = 200_000
    return min(timeit.repeat(lambda: factsheet.load("ar"), number=runs, repeat=5)) / runs


def report_with_figures(rounds: int) -> tuple[list[str], dict[str, float]]:
    """The report's lines, and its figures in seconds (medians by command, ``cache_hit``)."""
    with bytecode_cache() as env:
        medians = measure(rounds, env)
        steps = split(rounds, env)
    baseline = medians[BASELINE]
    lines = [
        f"Library (median of {rounds} rounds, fresh interpreter each, bytecode cached, wall time)",
        "",
        "| command | median | over baseline |",
        "|---|---:|---:|",
    ]
    for name, value in medians.items():
        lines.append(f"| `{name}` | {value * 1000:.1f} ms | {(value - baseline) * 1000:+.1f} ms |")
    lines += [
        "",
        "Inside one interpreter (the steps timed in process, median; the interpreter's own start "
        "is in every figure above but in none of these):",
        "",
        "| step | median |",
        "|---|---:|",
        *(f"| `{step}` | {value * 1000:.1f} ms |" for step, value in steps.items()),
    ]
    hit = cache_hit_seconds()
    per_call = f"{hit * 1e6:.2f} µs per call"
    lines += ["", f"Repeated `factsheet.load('ar')` (cache hit): {per_call} (target < 5 µs)."]
    return lines, {**medians, **steps, "cache_hit": hit}


def report(rounds: int) -> list[str]:
    return report_with_figures(rounds)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    print("\n".join(report(args.rounds)))


if __name__ == "__main__":
    main()
