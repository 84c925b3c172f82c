"""The `factsheet` command, run as users run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from factsheet.output.cli import main

from .conftest import CONTENT
from .outline import ITEMS


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
    assert section["id"] == "risks"
    assert tuple(item["id"] for item in section["items"]) == ITEMS["risks"]


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
    done = run("show", "-l", "xx-YY")
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
    assert (
        str(bad) in done.stderr and "chatbot-types/companion/number" in done.stderr and "line" in done.stderr
    )
    assert "Traceback" not in done.stderr


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).with_name("factsheet")
    done = subprocess.run(
        [str(script), "show", "intro", "-l", "uk"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "ChatGPT" in done.stdout


def _edited(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    text = CONTENT.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "edited.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _line(path: Path, fragment: str) -> int:
    return next(
        n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if fragment in line
    )


def test_validate_catches_a_renamed_id_by_id_and_line(tmp_path: Path) -> None:
    edited = _edited(tmp_path, ("      - id: echo\n", "      - id: echoo\n"))
    done = run("validate", str(edited))
    assert done.returncode == 1 and done.stdout == ""
    assert f"line {_line(edited, 'id: echoo')}: risks/echoo: unknown id" in done.stderr
    assert "risks/echo: missing" in done.stderr and "every translation keys on them" in done.stderr


def test_validate_catches_a_title_missing_where_the_outline_has_one(tmp_path: Path) -> None:
    edited = _edited(tmp_path, ('        title: "Gebrekkige crisisherkenning"\n', ""))
    done = run("validate", str(edited))
    assert done.returncode == 1
    line = _line(edited, "id: crisis-recognition")
    assert (
        f"line {line}: risks/crisis-recognition/title: missing: the outline has a title here" in done.stderr
    )


def test_validate_accepts_a_changed_wording(tmp_path: Path) -> None:
    edited = _edited(tmp_path, ("Echo", "Echokamer"))  # a new Dutch text: translators update, ids stay
    assert run("validate", str(edited)).returncode == 0


def test_validate_a_missing_file_is_no_such_file(tmp_path: Path) -> None:
    done = run("validate", str(tmp_path / "my-edit.yaml"))
    assert done.returncode == 2
    assert done.stderr == f"factsheet: {tmp_path / 'my-edit.yaml'}: no such file\n"


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/urandom", "fifo", "folder"])
def test_validate_refuses_devices_fifos_and_folders_at_once(tmp_path: Path, path: str) -> None:
    import os

    if path == "fifo":
        os.mkfifo(tmp_path / "fifo")  # no writer: reading would wait for ever
    elif path == "folder":
        (tmp_path / "folder").mkdir()
    target = path if path.startswith("/") else str(tmp_path / path)
    done = subprocess.run(
        [sys.executable, "-m", "factsheet", "validate", target],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    assert done.returncode == 2
    assert done.stderr.startswith(f"factsheet: {target}: not a regular file (")


def test_validate_refuses_a_file_over_the_limit(tmp_path: Path) -> None:
    import factsheet

    big = tmp_path / "big.yaml"
    big.write_bytes(CONTENT.read_bytes() + b"#" * factsheet.MAX_INPUT_BYTES)
    done = run("validate", str(big))
    assert done.returncode == 1
    assert f"{big}: invalid" in done.stderr and "too large: more than 4 MiB" in done.stderr


def test_a_reader_that_stops_early_ends_the_command_quietly() -> None:
    # "true" reads nothing and exits at once: every write of the factsheet meets a closed pipe.
    for reader in ("true", "head -c 10"):
        done = subprocess.run(
            [
                "bash",
                "-c",
                f"{sys.executable} -m factsheet show -l ar -f markdown | {reader}; exit ${{PIPESTATUS[0]}}",
            ],
            capture_output=True,
            check=False,
        )
        assert (done.returncode, done.stderr) == (0, b""), done.stderr.decode()
        assert len(done.stdout) == (0 if reader == "true" else 10)


def test_catalog_warnings_are_sentences_once(tmp_path: Path) -> None:
    import shutil

    from .conftest import ROOT

    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT / "factsheet", checkout / "factsheet", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "translations", checkout / "translations")
    (checkout / "translations" / "fr" / "LC_MESSAGES" / "factsheet.po").write_text('msgid "x\n')
    done = subprocess.run(
        [sys.executable, "-m", "factsheet", "show", "-l", "fr"],
        cwd=checkout,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    warnings = done.stderr.splitlines()
    assert len(warnings) == 2, done.stderr  # one for the content, one for the interface text
    assert all(w.startswith("factsheet: warning: Locale 'fr' shows all ") for w in warnings)
    assert all(w.endswith(").") for w in warnings) and "Traceback" not in done.stderr
