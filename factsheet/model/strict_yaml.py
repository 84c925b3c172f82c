"""Strict YAML in, validated data out, or one ContentError naming the file, the path and the line.

Used for every YAML file the package reads: the content, the interface text and
``translations/locales.yaml``. Safe loading only, a key given twice is an error, and every
problem is said in words with the line it is on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

import yaml
from marshmallow import ValidationError

from factsheet.errors import ContentError

from .fields import ID_PATTERN as _ID

__all__ = ["LineFinder", "Path_", "id_path", "parse_document"]

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Path_ = tuple[str | int, ...]
T = TypeVar("T")


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


def parse_document(
    data: bytes | str, name: str, load: Callable[[Any], T], what: str = "factsheet content"
) -> T:
    """Safe-load YAML and pass it to ``load`` (a schema's ``load``); every failure is one ContentError.

    ``load`` raises marshmallow's ``ValidationError`` with messages nested as the document is;
    ``what`` names the kind of file in the message.
    """
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError as error:
        raise ContentError(
            name, [("", None, f"not UTF-8 text ({error.reason} at byte {error.start})")], what
        ) from error
    try:
        document = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a subclass of the safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error)
        raise ContentError(name, [("", line, f"not valid YAML: {problem}")], what) from error
    try:
        return load(document)
    except ValidationError as error:
        lines = LineFinder(text)
        problems = [
            (id_path(document, path), lines.line(path), msg) for path, msg in _flatten(error.messages)
        ]
        raise ContentError(name, problems, what) from error


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


def id_path(document: Any, path: Path_) -> str:
    """A place in a document said by ids, as message contexts are: ``risks/echo/text``.

    A list entry with a valid ``id`` is named by it, and ``sections`` and ``items`` are left out
    (``sections[3].items[0].text`` is ``risks/echo/text``); other list entries keep their index
    (``sections[5]``), and points count from 1 as in their message context.
    """
    out: list[str] = []
    node = document
    for step, part in enumerate(path):
        child = _child(node, part)
        # Keys come from the file: any YAML scalar (``~: x`` gives None, ``true: x`` a bool).
        if type(part) is int:
            entry_id = child.get("id") if isinstance(child, dict) else None
            container = path[step - 1] if step else None
            if container in ("sections", "items") and isinstance(entry_id, str) and _ID.fullmatch(entry_id):
                if out and out[-1] == container:
                    out.pop()
                out.append(entry_id)
            elif container == "points":
                out.append(str(part + 1))
            else:
                out[-1:] = [f"{out[-1]}[{part}]" if out else f"[{part}]"]
        else:
            out.append(str(part))
        node = child
    return "/".join(out)


def _child(node: Any, part: str | int) -> Any:
    try:
        if isinstance(node, dict):
            return node.get(part)
        return node[part] if isinstance(node, list) and isinstance(part, int) else None
    except (IndexError, KeyError, TypeError):
        return None


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
