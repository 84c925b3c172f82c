"""The edit-translate-release cycle, played in a copy of the checkout as the guides describe it.

A release of the working files as they are; a correction of the Dutch (recorded as an editorial
change); ``extract`` and ``update``; every catalog brought up to date; a new version; the golden
files and the OpenAPI document regenerated; the release frozen. Then the invariants: the earlier
archives are unchanged, the new release lists the change in every locale, both versions' pinned
editions are served, and ``factsheet changes`` and ``/v1/releases`` agree. In between, edited
working files that still carry a released version are reported as unreleased.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.subprocess

CONTEXT = "conversation/underlying-need/text"
OLD = "Vraag naar de reden dat een jongere een chatbot raadpleegde."
NEW = "Vraag naar de reden waarom een jongere een chatbot raadpleegde."
DAY = "2026-12-31"

#: Run in the copy: what the app serves and what the package says, as JSON.
PROBE = """
import json, sys
import factsheet
from api import create_app
old, new = sys.argv[1], sys.argv[2]
client = create_app().test_client()
pinned = {v: client.get(f"/v1/releases/{v}/nl/factsheet") for v in (old, new)}
listing = client.get("/v1/releases").get_json()
entry = next(e for e in listing["releases"] if e["version"] == new)
print(json.dumps({
    "released": factsheet.is_released(),
    "versions": [r.version for r in factsheet.releases()],
    "pinned": {v: [r.status_code, r.get_data(as_text=True)] for v, r in pinned.items()},
    "unreleased": listing["unreleased"],
    "listed": {code: sorted(c["context"] for c in d["changes"]) for code, d in entry["locales"].items()},
    "diff": {c.locale: sorted(c.contexts) for c in factsheet.diff(old, new).locales},
}))
"""


def _copy(target: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".mypy_cache", "test-artifacts")
    for name in ("factsheet", "translations", "api", "tests"):
        shutil.copytree(ROOT / name, target / name, ignore=ignore)
    for name in ("babel.cfg", "pyproject.toml"):
        shutil.copy(ROOT / name, target / name)
    return target


class Checkout:
    def __init__(self, root: Path, cache: Path) -> None:
        self.root = root
        self.env = {**os.environ, "PYTHONPATH": str(root), "FACTSHEET_PDF_CACHE": str(cache)}
        self.env.pop("FACTSHEET_UPDATE_GOLDEN", None)

    def run(self, *args: str, env: dict[str, str] | None = None) -> str:
        done = subprocess.run(
            [sys.executable, *args],
            cwd=self.root,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert done.returncode == 0, f"{args}: {done.stdout[-2000:]}{done.stderr[-2000:]}"
        return done.stdout

    def version(self) -> str:
        return self.run("-c", "import factsheet; print(factsheet.load().metadata.version)").strip()

    def released(self) -> bool:
        return self.run("-c", "import factsheet; print(factsheet.is_released())").strip() == "True"

    def freeze(self) -> None:
        self.run("-m", "flask", "--app", "api", "freeze-release", "--date", DAY)

    def set_version(self, version: str) -> None:
        content = self.root / "factsheet" / "content" / "factsheet.nl.yaml"
        text = re.sub(r'(?m)^  version: "[^"]+"$', f'  version: "{version}"', content.read_text("utf-8"))
        content.write_text(text, encoding="utf-8")

    def regenerate(self) -> None:
        """The steps after a version or text change: OpenAPI document and golden files."""
        self.run("-m", "flask", "--app", "api", "openapi", "write", "--format=json", "api/openapi.json")
        golden = ["-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/api/test_golden.py"]
        self.run(*golden, env={"FACTSHEET_UPDATE_GOLDEN": "1"})


def _next(version: str) -> str:
    major, minor, patch = (int(part) for part in version.split("."))
    return f"{major}.{minor}.{patch + 1}"


def _correct_the_dutch(checkout: Checkout) -> None:
    content = checkout.root / "factsheet" / "content" / "factsheet.nl.yaml"
    text = content.read_text(encoding="utf-8")
    assert text.count(OLD) == 1
    record = (
        f'  editorial_changes:\n    - path: {CONTEXT}\n      original: "dat"\n'
        '      corrected: "waarom"\n      reason: "A clearer question."\n'
    )
    text = text.replace(OLD, NEW).replace("  editorial_changes:\n", record, 1)
    content.write_text(text, encoding="utf-8")


def _translate(po: Path) -> None:
    """What a translator does for the fuzzy entry: check the translation, drop the flag and #|."""
    entries = po.read_text(encoding="utf-8").split("\n\n")
    fuzzy = [n for n, entry in enumerate(entries) if f'msgctxt "{CONTEXT}"' in entry]
    assert len(fuzzy) == 1
    lines = entries[fuzzy[0]].splitlines()
    assert "#, fuzzy" in lines and f'#| msgid "{OLD}"' in lines, lines
    entries[fuzzy[0]] = "\n".join(line for line in lines if line not in ("#, fuzzy", f'#| msgid "{OLD}"'))
    po.write_text("\n\n".join(entries), encoding="utf-8")


def test_a_correction_goes_from_the_dutch_to_a_release(tmp_path: Path) -> None:
    checkout = Checkout(_copy(tmp_path / "checkout"), tmp_path / "pdf")
    releases = checkout.root / "factsheet" / "releases"
    if not checkout.released():  # start from released working files, whatever the state of main
        checkout.freeze()
    old = checkout.version()
    archived = {path.name: path.read_bytes() for path in releases.glob("*.zip")}

    _correct_the_dutch(checkout)
    # Edited after its release, still carrying its version: unreleased, and said so.
    assert not checkout.released()
    heading = checkout.run("-m", "factsheet", "changes", "-l", "nl").splitlines()[0]
    assert heading == f"Changes from {old} to the working files ({old}, which differ from release {old}: " + (
        "give them a new version)"
    )

    checkout.run("-m", "factsheet.i18n", "extract")
    checkout.run("-m", "factsheet.i18n", "update")
    codes = sorted(
        path.parent.parent.name for path in (checkout.root / "translations").glob("*/LC_MESSAGES/*.po")
    )
    for code in codes:
        _translate(checkout.root / "translations" / code / "LC_MESSAGES" / "factsheet.po")
    checkout.run("-m", "factsheet.i18n", "check")

    new = _next(old)
    checkout.set_version(new)
    checkout.run("-m", "factsheet.i18n", "extract")  # the template's header carries the version
    checkout.run("-m", "factsheet.i18n", "update")
    checkout.regenerate()
    checkout.freeze()

    assert {name: (releases / name).read_bytes() for name in archived} == archived  # unchanged
    seen = json.loads(checkout.run("-c", PROBE, old, new))
    assert seen["released"] is True and seen["unreleased"] is None
    assert seen["versions"][:2] == [new, old]
    assert seen["pinned"][old][0] == seen["pinned"][new][0] == 200
    assert OLD in seen["pinned"][old][1] and NEW not in seen["pinned"][old][1]
    assert NEW in seen["pinned"][new][1]
    assert seen["diff"] == seen["listed"]  # the package and /v1/releases say the same
    assert set(seen["diff"]) == {"nl", *codes}
    assert all(CONTEXT in contexts for contexts in seen["diff"].values())
    listed = checkout.run("-m", "factsheet", "changes", "--since", old, "--to", new)
    assert listed.startswith(f"Changes from {old} to {new}\n")
    assert listed.count(f"Dutch source changed: {CONTEXT}") == len(codes) + 1, listed
