"""What a phone gets, as Lighthouse 12.2.3 (mobile, simulated throttling) reports it against
``python -m api``: the audits that do not vary with the machine, and the bytes on the wire.

The scores and timings vary with the machine's load; ``benchmarks/lighthouse.py`` prints them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, free_port, require

from .test_server import Server, start

pytestmark = [pytest.mark.node, pytest.mark.browser, pytest.mark.server]

LIGHTHOUSE = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
#: Audits whose outcome does not depend on the machine: each must pass on every page.
AUDITS = (
    "uses-text-compression",
    "robots-txt",
    "hreflang",
    "meta-description",
    "canonical",
    "document-title",
    "html-has-lang",
    "color-contrast",
    "font-display",
    "is-crawlable",
)
#: Bytes on the wire (HTML, CSS, fonts, icon), at most.
BUDGETS = {"/nl/": 60_000, "/de/": 60_000, "/ar/": 90_000, "/embed/ar/risks/": 60_000, "/embed/": 70_000}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    require(None if LIGHTHOUSE.is_file() else "lighthouse is not installed in .ci/node", what="Lighthouse")
    require(None if shutil.which(CHROMIUM) else f"no Chromium at {CHROMIUM}", what="Lighthouse")
    port = free_port()
    running = start(
        tmp_path_factory.mktemp("lighthouse"), port, FACTSHEET_PUBLIC_URL=f"http://127.0.0.1:{port}"
    )
    try:
        yield running
    finally:
        running.stop()


def _report(server: Server, path: str, folder: Path) -> dict[str, Any]:
    server.get(path)  # each page's fonts are cut on first use: not what is measured
    output = folder / "report.json"
    subprocess.run(
        [
            str(LIGHTHOUSE), f"http://127.0.0.1:{server.port}{path}", "--quiet", "--output=json",
            f"--output-path={output}", "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=240,
    )  # fmt: skip
    report: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    return report


@pytest.mark.parametrize("path", sorted(BUDGETS))
def test_a_phone_gets_a_page_that_passes_the_audits_within_its_budget(
    server: Server, path: str, tmp_path: Path
) -> None:
    report = _report(server, path, tmp_path)
    audits = report["audits"]
    failed = [name for name in AUDITS if audits[name]["score"] not in (1, None)]
    assert not failed, {name: audits[name].get("explanation") or audits[name]["title"] for name in failed}
    assert report["categories"]["accessibility"]["score"] == 1
    assert report["categories"]["seo"]["score"] == 1
    assert audits["cumulative-layout-shift"]["numericValue"] < 0.01
    assert audits["total-byte-weight"]["numericValue"] < BUDGETS[path]
