"""What a phone gets: Lighthouse 12.2.3 (mobile, simulated throttling) against ``python -m api``.

``python benchmarks/lighthouse.py`` prints, for each page, the four category scores, LCP, CLS and
the bytes transferred (``tests/api/test_lighthouse.py`` holds the budgets); ``benchmarks/run.py``
includes it in results.json and BENCHMARKS.md. Needs ``.ci/node/node_modules/.bin/lighthouse``
(``bash .ci/run`` installs it, pinned) and Chromium (``CHROME_PATH``, default
``/usr/bin/chromium``). The service runs with ``FACTSHEET_PUBLIC_URL`` set to its own address, as
a deployment sets it: the pages then carry absolute canonical and ``hreflang`` links, which the
SEO audits ask for.

The performance score moves by up to 10 points with the machine's load (stack notes); the audits,
the layout shift and the bytes do not.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import servers
from servers import ROOT

LIGHTHOUSE = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "lighthouse"
PAGES = ("/nl/", "/ar/", "/de/", "/embed/ar/risks/", "/embed/")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def audit(url: str, output: Path) -> dict[str, Any]:
    """One Lighthouse run of ``url``: its report (JSON)."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(
        [
            str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={output}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        check=True, env=env, timeout=180,
    )  # fmt: skip
    report: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    return report


def summary(report: dict[str, Any]) -> dict[str, Any]:
    audits = report["audits"]
    return {
        **{name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES},
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 4),
        "bytes": round(audits["total-byte-weight"]["numericValue"]),
        "failed": sorted(
            name
            for name, result in audits.items()
            if result.get("scoreDisplayMode") == "binary" and result["score"] < 1
        ),
    }


def run(workdir: Path, pages: tuple[str, ...] = PAGES) -> dict[str, dict[str, Any]]:
    port = servers.free_port()
    public = {"FACTSHEET_PUBLIC_URL": f"http://127.0.0.1:{port}"}
    server = servers.production(workdir, settings=public, port=port)
    try:
        server.wait_ready("/healthz")
        for path in pages:  # the fonts each page loads are cut on first use: not what is measured
            subprocess.run(["curl", "-s", "-o", "/dev/null", f"http://127.0.0.1:{port}{path}"], check=False)  # noqa: S607
        found = {}
        for path in pages:
            report = audit(f"http://127.0.0.1:{port}{path}", workdir / "lighthouse.json")
            found[path] = summary(report)
        return found
    finally:
        server.stop()


def rows(found: dict[str, dict[str, Any]]) -> list[list[object]]:
    return [
        [
            path,
            *(data[name] for name in CATEGORIES),
            f"{data['lcp_ms'] / 1000:.1f} s",
            data["cls"],
            f"{data['bytes'] / 1000:.1f} KB",
        ]
        for path, data in found.items()
    ]


HEADER = ["page", *CATEGORIES, "LCP", "CLS", "transferred"]


def main() -> None:
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        found = run(Path(tmp))
    print(" | ".join(HEADER))
    for row in rows(found):
        print(" | ".join(map(str, row)))
    for path, data in found.items():
        if data["failed"]:
            print(f"{path}: failed audits: {', '.join(data['failed'])}")


if __name__ == "__main__":
    main()
