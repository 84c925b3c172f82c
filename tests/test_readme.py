"""The README is a short entry point that tells the truth; the guides are in docs/ (tests/test_docs.py)."""

from __future__ import annotations

import re
import subprocess

from .conftest import ROOT

README = ROOT / "README.md"
#: Its size: what this is, for whom, the rights, the two commands and where each guide is.
MAX_CHARACTERS = 8000


def test_the_readme_is_short() -> None:
    size = len(README.read_text(encoding="utf-8"))
    assert size < MAX_CHARACTERS, f"README.md has {size} characters; move detail into docs/"


def test_the_readme_links_to_files_that_exist() -> None:
    text = README.read_text(encoding="utf-8")
    targets = [t.split("#")[0] for t in re.findall(r"\]\(([^)\s]+)\)", text) if "://" not in t]
    assert any(t.startswith("docs/guides/") for t in targets)
    missing = [t for t in targets if t and not (ROOT / t).exists()]
    assert not missing


def test_ci_runs_the_readme_test_command() -> None:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"<!-- test-command.*?-->\n```sh\n(.+?)\n```", text)
    assert match is not None
    assert "pytest" in match.group(1) and "mypy" in match.group(1) and "ruff" in match.group(1)
    # .ci/run reads the command from the README rather than a copy: its own awk finds this line.
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    found = re.search(r"^test_command=\$\(awk '([^']+)' README\.md\)$", ci, re.MULTILINE)
    assert found is not None, ".ci/run no longer reads the command with awk from README.md"
    awk = subprocess.run(
        ["awk", found.group(1), "README.md"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert awk.stdout.rstrip("\n") == match.group(1)
