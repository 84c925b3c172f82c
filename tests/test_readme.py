"""The README's examples and commands tell the truth."""

from __future__ import annotations

import doctest
import re
import subprocess

from .conftest import ROOT

README = ROOT / "README.md"


def test_python_examples_run_as_written() -> None:
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```pycon\n(.*?)```", text, flags=re.DOTALL)
    assert blocks, "the README has no Python examples"
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for number, block in enumerate(blocks):
        runner.run(parser.get_doctest(block, {}, f"README block {number}", str(README), 0))
    results = runner.summarize(verbose=False)
    assert results.attempted >= 10
    assert results.failed == 0


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
