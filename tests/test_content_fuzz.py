"""Random damage to a valid content file always ends in ContentError, never in another exception."""

from __future__ import annotations

import copy
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factsheet import ContentError, Factsheet, parse_content, to_dict
from factsheet.loading.factsheets import source_factsheet

from .conftest import CONTENT

VALID_TEXT = CONTENT.read_text(encoding="utf-8")
VALID = to_dict(source_factsheet())
# The number of examples comes from the hypothesis profile in force (tests/conftest.py).
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
_values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=5),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)  # fmt: skip


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


PATHS = [p for p in _paths(VALID) if p]


def _parent(document: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        document = document[part]
    return document


def _outcome(text: str) -> Factsheet | ContentError:
    try:
        return parse_content(text, "fuzzed.yaml")
    except ContentError as error:
        caught = error
    assert caught.problems, "a ContentError always names at least one problem"
    assert str(caught).startswith("fuzzed.yaml: invalid factsheet content")
    return caught


@FUZZ
@given(st.sampled_from(PATHS), _values)
def test_a_value_of_another_type(path: tuple[Any, ...], value: Any) -> None:
    document = copy.deepcopy(VALID)
    original = _parent(document, path)[path[-1]]
    _parent(document, path)[path[-1]] = value
    result = _outcome(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))
    if type(value) is not type(original) and not (original is None or value is None):
        assert isinstance(result, ContentError)


@FUZZ
@given(st.sampled_from([p for p in PATHS if isinstance(p[-1], str)]))
def test_a_dropped_key(path: tuple[Any, ...]) -> None:
    document = copy.deepcopy(VALID)
    del _parent(document, path)[path[-1]]
    _outcome(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))


@FUZZ
@given(st.sampled_from([p for p in PATHS if p[-1] == "id"]), st.data())
def test_a_duplicated_id(path: tuple[Any, ...], data: st.DataObject) -> None:
    document = copy.deepcopy(VALID)
    siblings = _parent(document, path[:-1])
    if len(siblings) < 2:
        return
    other = data.draw(st.sampled_from([i for i in range(len(siblings)) if i != path[-2]]))
    siblings[other]["id"] = siblings[path[-2]]["id"]
    assert isinstance(_outcome(yaml.safe_dump(document, allow_unicode=True, sort_keys=False)), ContentError)


@FUZZ
@given(st.data())
def test_broken_lines_and_indentation(data: st.DataObject) -> None:
    lines = VALID_TEXT.splitlines()
    index = data.draw(st.integers(0, len(lines) - 1))
    action = data.draw(st.sampled_from(["indent", "dedent", "delete", "duplicate", "garbage", "tab"]))
    line = lines[index]
    if action == "indent":
        lines[index] = " " * data.draw(st.integers(1, 3)) + line
    elif action == "dedent":
        lines[index] = line.lstrip()
    elif action == "delete":
        del lines[index]
    elif action == "duplicate":
        lines.insert(index, line)
    elif action == "tab":
        lines[index] = "\t" + line
    else:
        lines[index] = line + data.draw(
            st.sampled_from([": x", " [", " {", ' "', " &a", " *b", " !!python/object:os.system"])
        )
    _outcome("\n".join(lines) + "\n")


@FUZZ
@given(st.binary(max_size=200))
def test_arbitrary_bytes(data: bytes) -> None:
    result: Factsheet | ContentError
    try:
        result = parse_content(data, "fuzzed.yaml")
    except ContentError as error:
        result = error
    assert isinstance(result, ContentError)
