"""Every kind of broken content file gives one ContentError naming file, path and line."""

from __future__ import annotations

from pathlib import Path

import pytest

import factsheet
from factsheet import ContentError, parse_content, read_content


def _break(text: str, old: str, new: str) -> str:
    assert old in text, f"the fixture no longer contains {old!r}"
    return text.replace(old, new, 1)


def _error(text: str, name: str = "broken.yaml") -> ContentError:
    with pytest.raises(ContentError) as caught:
        parse_content(text, name)
    assert str(caught.value).startswith(f"{name}: invalid factsheet content")
    return caught.value


def _line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if fragment in line)


def test_the_shipped_content_is_valid(content_text: str) -> None:
    assert parse_content(content_text).risks == factsheet.load().risks


def test_malformed_yaml(content_text: str) -> None:
    text = _break(content_text, '        title: "Echo"', '        title: "Echo\n      bad: [')
    error = _error(text)
    ((_, line, message),) = error.problems
    assert "not valid YAML" in message
    assert line is not None and line > _line_of(content_text, 'title: "Echo"') - 1


def test_wrong_type(content_text: str) -> None:
    text = _break(content_text, '        title: "Echo"', "        title: 5")
    error = _error(text)
    assert error.problems == (
        ("risks/echo/title", _line_of(text, "title: 5"), "must be text (put quotes around it)"),
    )
    assert "risks/echo/title" in str(error) and "line" in str(error)


def test_yaml_boolean_trap_is_refused(content_text: str) -> None:
    text = _break(content_text, '        title: "Echo"', "        title: no")
    assert _error(text).problems[0][0] == "risks/echo/title"


def test_unknown_key(content_text: str) -> None:
    text = _break(content_text, '        title: "Echo"', '        title: "Echo"\n        colour: red')
    error = _error(text)
    assert error.problems == (
        (
            "risks/echo/colour",
            _line_of(text, "colour: red"),
            "unknown key (not part of the factsheet format)",
        ),
    )


def test_unknown_key_in_metadata(content_text: str) -> None:
    text = _break(content_text, "  kind: factsheet", "  kind: factsheet\n  publisher: x")
    assert _error(text).problems[0][:2] == ("metadata/publisher", _line_of(text, "publisher: x"))


def test_missing_field(content_text: str) -> None:
    text = _break(content_text, "  - id: risks\n", "  - ident: risks\n")
    paths = {p for p, _, _ in _error(text).problems}
    assert "sections[3]/id" in paths  # no id: the index names the section
    assert "sections[3]/ident" in paths


def test_missing_required_metadata(content_text: str) -> None:
    text = _break(content_text, '  footer: "Factsheet | 2026"\n', "")
    problem = _error(text).problems[0]
    assert problem[0] == "metadata/footer" and problem[2] == "missing (this key is required)"
    assert problem[1] == _line_of(text, "metadata:") + 1  # where the metadata mapping starts


def test_empty_string(content_text: str) -> None:
    text = _break(content_text, '        title: "Echo"', '        title: "  "')
    assert _error(text).problems == (
        ("risks/echo/title", _line_of(text, 'title: "  "'), "must not be empty"),
    )


def test_duplicate_id(content_text: str) -> None:
    text = _break(content_text, "      - id: unreliable-advice", "      - id: echo")
    ((path, line, message),) = _error(text).problems
    assert path == "risks/echo/id"  # the second item, by its (duplicate) id
    assert message == "duplicate id 'echo': entry 1 of this list has it already"
    assert line == _line_of(text, "- id: echo") + 3  # the second "- id: echo"


def test_malformed_id(content_text: str) -> None:
    text = _break(content_text, "      - id: echo", "      - id: Echo Chamber")
    assert _error(text).problems[0][0] == "risks/items[0]/id"  # an invalid id names nothing


def test_numbering_gap(content_text: str) -> None:
    text = _break(
        content_text,
        '        number: 3\n        title: "Onderzoek',
        '        number: 4\n        title: "Onderzoek',
    )
    ((path, line, message),) = _error(text).problems
    assert path == "conversation/underlying-need/number"
    assert message.startswith("must be 3")
    assert line == _line_of(text, "number: 4")


def test_number_in_unnumbered_section(content_text: str) -> None:
    text = _break(content_text, "      - id: echo\n", "      - id: echo\n        number: 1\n")
    assert _error(text).problems[0][0] == "risks/echo/number"


def test_sections_out_of_order(content_text: str) -> None:
    text = _break(content_text, "  - id: reasons", "  - id: motives")
    assert "must be the sections intro" in _error(text).problems[0][2]


def test_duplicate_key(content_text: str) -> None:
    text = _break(content_text, '        title: "Echo"', '        title: "Echo"\n        title: "Echo 2"')
    ((_, line, message),) = _error(text).problems
    assert "duplicate key 'title'" in message and line == _line_of(text, "Echo 2")


def test_not_a_mapping() -> None:
    assert _error("- just\n- a list\n").problems[0][2] == "must be a mapping of keys to values"


def test_not_utf8() -> None:
    with pytest.raises(ContentError, match="not UTF-8"):
        parse_content(b"metadata: \xff\xfe", "latin.yaml")


def test_missing_file_is_no_such_file_not_invalid(tmp_path: Path) -> None:
    with pytest.raises(factsheet.InputFileError) as caught:
        read_content(tmp_path / "nothing.yaml")
    assert caught.value.file.endswith("nothing.yaml")
    assert str(caught.value).endswith("nothing.yaml: no such file")
    assert isinstance(caught.value, OSError) and "invalid" not in str(caught.value)


def test_read_content_names_the_file(tmp_path: Path, content_text: str) -> None:
    bad = tmp_path / "edited.yaml"
    bad.write_text(_break(content_text, "  edition: 2026", "  edition: '2026'"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        read_content(bad)
    assert caught.value.file == str(bad)
    assert caught.value.problems[0][0] == "metadata/edition"


def test_content_error_is_a_value_error_and_a_factsheet_error() -> None:
    assert issubclass(ContentError, ValueError)
    assert issubclass(ContentError, factsheet.FactsheetError)


@pytest.mark.parametrize("key", ["~", "null", "true", "3", "1.5"])
def test_keys_that_are_not_text(content_text: str, key: str) -> None:
    text = content_text.replace("  kind: factsheet\n", f"  kind: factsheet\n  {key}: x\n", 1)
    problems = _error(text).problems
    assert problems[0][2] == "unknown key (not part of the factsheet format)"
    assert problems[0][1] == _line_of(text, f"  {key}: x")


@pytest.mark.parametrize("bad", ["echo chamber", "echo-", "echo\n", "Echo"])
def test_an_id_must_match_whole(content_text: str, bad: str) -> None:
    text = _break(content_text, "      - id: echo\n", f"      - id: {bad!r}\n".replace("'", '"'))
    assert "lowercase ASCII words joined by hyphens" in _error(text).problems[0][2]
