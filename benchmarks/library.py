"""Library figures: import + first load of one and of all locales, against a baseline import.

Run: python benchmarks/library.py [--rounds N]. Each round runs the three commands one after
another in fresh interpreters (interleaved, so machine noise hits all alike); the report gives
medians and the overhead over the baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
import timeit

COMMANDS = {
    "baseline: import yaml, babel, marshmallow": "import yaml, babel, marshmallow",
    "import factsheet; load('nl')": "import factsheet; factsheet.load('nl')",
    "import factsheet; load() all 9 locales": (
        "import factsheet\nfor code in factsheet.locales(): factsheet.load(code)"
    ),
}


def _run_once(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603 - our own fixed snippets
    return time.perf_counter() - start


def measure(rounds: int) -> dict[str, float]:
    samples: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(rounds):
        for name, code in COMMANDS.items():
            samples[name].append(_run_once(code))
    return {name: statistics.median(values) for name, values in samples.items()}


def cache_hit_seconds() -> float:
    import factsheet  # noqa: PLC0415

    factsheet.load("ar")
    runs = 200_000
    return min(timeit.repeat(lambda: factsheet.load("ar"), number=runs, repeat=5)) / runs


def report(rounds: int) -> list[str]:
    medians = measure(rounds)
    baseline = medians["baseline: import yaml, babel, marshmallow"]
    lines = [
        f"Library (median of {rounds} rounds, fresh interpreter each, wall time)",
        "",
        "| command | median | over baseline |",
        "|---|---:|---:|",
    ]
    for name, value in medians.items():
        lines.append(f"| `{name}` | {value * 1000:.1f} ms | {(value - baseline) * 1000:+.1f} ms |")
    hit = cache_hit_seconds()
    per_call = f"{hit * 1e6:.2f} µs per call"
    lines += ["", f"Repeated `factsheet.load('ar')` (cache hit): {per_call} (target < 5 µs)."]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    print("\n".join(report(args.rounds)))


if __name__ == "__main__":
    main()
