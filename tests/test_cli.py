"""The `factsheet` command, run as users run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from factsheet.cli import main

from .conftest import CONTENT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "factsheet", *args], capture_output=True, text=True, check=False
    )


def test_help_reads_well() -> None:
    done = run("--help")
    assert done.returncode == 0
    for word in ("show", "locales", "validate", "examples:", "exit status"):
        assert word in done.stdout


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"factsheet {version('ai-chatbot-factsheet')}"


def test_show_whole_factsheet_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("AI-chatbots en mentaal welzijn van jongeren\n=====")
    assert "7 tips die je kunnen helpen" in out and "1. Generieke AI-chatbots" in out


def test_show_section_in_a_locale_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "risks", "-l", "en", "-f", "json"]) == 0
    section = json.loads(capsys.readouterr().out)
    assert section["id"] == "risks" and len(section["items"]) == 7
    assert section["items"][0]["id"] == "echo"


def test_show_all_as_json_round_trips(capsys: pytest.CaptureFixture[str]) -> None:
    import factsheet

    assert main(["show", "-l", "ar", "-f", "json"]) == 0
    assert factsheet.FactsheetSchema().load(json.loads(capsys.readouterr().out)) == factsheet.load("ar")


def test_show_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "-f", "markdown", "-l", "de"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# ")
    assert "\n## " in out and "\n1. **" in out and "   > " in out


def test_unknown_locale_and_section_exit_2_with_the_choices() -> None:
    done = run("show", "-l", "pt-BR")
    assert done.returncode == 2 and "available: nl, en, de" in done.stderr and done.stdout == ""
    done = run("show", "nope")
    assert done.returncode == 2 and "available: intro, chatbot-types" in done.stderr


def test_locales_table_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["locales"]) == 0
    table = capsys.readouterr().out
    assert "ar    Arabic" in table and "rtl" in table and "machine-translated" in table
    assert main(["locales", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [row["code"] for row in data["locales"]][:2] == ["nl", "en"]


def test_validate_good_and_bad(tmp_path: Path) -> None:
    done = run("validate", str(CONTENT))
    assert done.returncode == 0 and "valid" in done.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text(CONTENT.read_text(encoding="utf-8").replace("number: 2", "number: 9", 1), encoding="utf-8")
    done = run("validate", str(bad))
    assert done.returncode == 1
    assert str(bad) in done.stderr and "sections[1].items[1].number" in done.stderr and "line" in done.stderr
    assert "Traceback" not in done.stderr


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).with_name("factsheet")
    done = subprocess.run(
        [str(script), "show", "intro", "-l", "uk"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "ChatGPT" in done.stdout
