"""PDF figures: the app's start time, and the time to make each locale's PDF, plain and tagged.

Run: python benchmarks/pdf.py [--rounds N]. Each round starts fresh interpreters (so every
rendering is a first one, as on a server's first request): one that only creates the app (the
start time; it must not grow with the PDFs, which are made on first request), and one per
locale that creates the app and renders that locale's PDF twice, as PDF/UA-1 (what the API
serves) and untagged, in alternating order. It prints medians of the rounds; a shared machine
is noisy, so compare figures of one run only.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

START = """
import json, time
start = time.perf_counter()
import api
api.create_app()
print(json.dumps({"start": time.perf_counter() - start}))
"""

#: What the app would add to its start if it loaded WeasyPrint (it does not: first request only).
WEASYPRINT = """
import json, time
start = time.perf_counter()
import weasyprint
print(json.dumps({"import": time.perf_counter() - start}))
"""

RENDER = """
import json, sys, time
from api import create_app
from api.pages.pdf import render_pdf
code, order = sys.argv[1], sys.argv[2].split(",")
site = create_app().extensions["factsheet"]
files = {
    file.path.removeprefix("/static/"): file.representation.ready().body
    for file in site.files()
    if file.path.startswith("/static/")
}
html = site.get(f"/{code}/").ready().body.decode()
render_pdf(html, locale=code, files=files, variant=None)  # WeasyPrint's import and font setup, once
seconds = {}
for variant in order:
    start = time.perf_counter()
    pdf = render_pdf(html, locale=code, files=files, variant=None if variant == "plain" else variant)
    seconds[variant] = time.perf_counter() - start
    seconds[variant + " bytes"] = len(pdf)
print(json.dumps(seconds))
"""


def _run(script: str, *args: str) -> dict[str, float]:
    command = [sys.executable, "-c", script, *args]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    result: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--locales", default=None, help="comma-separated, default: every locale")
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    import factsheet  # noqa: PLC0415 - after the path is set
    from api.pages.pdf import unavailable  # noqa: PLC0415

    missing = unavailable()
    if missing:
        sys.exit(f"no PDFs on this machine: {missing}")
    codes = options.locales.split(",") if options.locales else list(factsheet.locales())
    starts: list[float] = []
    imports: list[float] = []
    figures: dict[str, dict[str, list[float]]] = {code: {} for code in codes}
    for round_ in range(options.rounds):
        starts.append(_run(START)["start"])
        imports.append(_run(WEASYPRINT)["import"])
        order = "pdf/ua-1,plain" if round_ % 2 == 0 else "plain,pdf/ua-1"
        for code in codes:
            for key, value in _run(RENDER, code, order).items():
                figures[code].setdefault(key, []).append(value)
    print(
        f"app start (create_app, no PDF made): median {statistics.median(starts):.2f} s of {options.rounds}"
    )
    print(f"{'locale':8} {'PDF/UA-1 s':>11} {'plain s':>8} {'PDF/UA-1 KB':>12} {'plain KB':>9}")
    for code in codes:
        row = {key: statistics.median(values) for key, values in figures[code].items()}
        print(
            f"{code:8} {row['pdf/ua-1']:11.2f} {row['plain']:8.2f} "
            f"{row['pdf/ua-1 bytes'] / 1024:12.1f} {row['plain bytes'] / 1024:9.1f}"
        )
    tagged = sum(statistics.median(figures[c]["pdf/ua-1"]) for c in codes)
    plain = sum(statistics.median(figures[c]["plain"]) for c in codes)
    extra = tagged / plain - 1
    print(f"all {len(codes)}: PDF/UA-1 {tagged:.1f} s, plain {plain:.1f} s ({extra:+.0%} for the tags)")


if __name__ == "__main__":
    main()
