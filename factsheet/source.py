"""Reading a content file: safe YAML in, a validated :class:`Factsheet` out, or a ContentError.

Every failure, from undecodable bytes to a numbering gap, becomes one :class:`ContentError`
naming the file, the path inside it and, where the YAML gives one, the line.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml
from marshmallow import Schema, ValidationError

from .errors import ContentError
from .model import Factsheet
from .schema import FactsheetSchema

__all__ = ["LineFinder", "parse_content", "parse_document", "read_content"]

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCHEMA = FactsheetSchema()
Path_ = tuple[str | int, ...]


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loading that refuses a key given twice (PyYAML would keep the last one silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


def read_content(path: str | Path) -> Factsheet:
    """Read and validate the content file at ``path``."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ContentError(
            str(path), [("", None, f"cannot read the file: {error.strerror or error}")]
        ) from error
    return parse_content(data, str(path))


def parse_content(data: bytes | str, name: str = "<content>") -> Factsheet:
    """Validate YAML text and build the factsheet; ``name`` is used in error messages."""
    factsheet: Factsheet = parse_document(data, name, _SCHEMA)
    return factsheet


def parse_document(data: bytes | str, name: str, schema: Schema) -> Any:
    """Safe-load YAML and ``schema.load`` it; every failure becomes one :class:`ContentError`."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError as error:
        raise ContentError(
            name, [("", None, f"not UTF-8 text ({error.reason} at byte {error.start})")]
        ) from error
    try:
        document = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a subclass of the safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error)
        raise ContentError(name, [("", line, f"not valid YAML: {problem}")]) from error
    try:
        return schema.load(document)
    except ValidationError as error:
        lines = LineFinder(text)
        raise ContentError(
            name, [(_format(path), lines.line(path), msg) for path, msg in _flatten(error.messages)]
        ) from error


def _flatten(messages: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    if isinstance(messages, Mapping):
        for key, value in messages.items():
            yield from _flatten(value, path if key == "_schema" else (*path, key))
    elif isinstance(messages, list):
        for message in messages:
            yield from _flatten(message, path)
    else:
        yield path, _plain(str(messages))


def _plain(message: str) -> str:
    """marshmallow's wording, said in terms of a content file."""
    return {
        "Unknown field.": "unknown key (not part of the factsheet format)",
        "Missing data for required field.": "missing (this key is required)",
        "Field may not be null.": "must not be empty",
        "Not a valid string.": "must be text (put quotes around it)",
        "Not a valid integer.": "must be a whole number",
        "Not a valid list.": "must be a list",
        "Invalid input type.": "must be a mapping of keys to values",
    }.get(message, message)


def _format(path: Path_) -> str:
    out = ""
    for part in path:
        # Keys come from the file: any YAML scalar (``~: x`` gives None, ``true: x`` a bool).
        out += f"[{part}]" if type(part) is int else (f".{part}" if out else str(part))
    return out


class LineFinder:
    """Finds the line of a path in YAML text (composing the nodes costs time: only on demand)."""

    def __init__(self, text: str) -> None:
        self._root = yaml.compose(text, Loader=_BaseLoader)

    def line(self, path: Path_) -> int | None:
        node = self._root
        if node is None:
            return None
        for depth, part in enumerate(path, start=1):
            child = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == part or _scalar(key_node) == part:
                        # The last step points at the key: that is where a block value starts.
                        child = key_node if depth == len(path) else value_node
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                child = node.value[part]
            if child is None:
                break
            node = child
        return int(node.start_mark.line) + 1


def _scalar(node: yaml.Node) -> Any:
    """The value of a key that is not plain text (``~``, ``true``, ``3``), as the loader made it."""
    try:
        return yaml.load(yaml.serialize(node), Loader=_BaseLoader)  # noqa: S506 - the safe loader
    except yaml.YAMLError:
        return None
