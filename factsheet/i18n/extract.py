"""The Babel extractor for the content file (entry point ``babel.extractors: factsheet``).

Each translatable string becomes one message: ``msgctxt`` is its stable id path
(``risks/echo/text``), ``msgid`` the Dutch text, with the YAML line and a translator comment
saying where the string appears. Ids, numbers, the code licence and the editorial record are
not extracted.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from typing import IO, Any

from factsheet.errors import ContentError
from factsheet.files import MAX_INPUT_BYTES, too_large
from factsheet.model.content import parse_content
from factsheet.model.interface_text import parse_interface
from factsheet.model.strict_yaml import LineFinder

from .messages import Location, Message, interface_messages, messages

__all__ = ["describe", "extract_factsheet", "extract_interface"]

_METADATA = {
    "metadata/title": "Title of the factsheet (main heading of the page).",
    "metadata/audience": "Who the factsheet is written for (page metadata).",
    "metadata/footer": "Footer line: kind of document and year.",
    "metadata/guide/lead": "Further reading: the words before the title of the guide.",
    "metadata/guide/title": "Further reading: title of the guide the factsheet refers to.",
    "metadata/rights/holder": "Who holds the rights to the text (page metadata and JSON).",
    "metadata/rights/statement": "The rights statement shown under the heading Rights on every page.",
}
_FIELDS = {
    "title": "heading",
    "text": "body text",
    "example": "example questions a professional can ask; keep them as quoted questions",
}


def describe(message: Message) -> str:
    """Where the string appears, in words, for the translator."""
    if message.context in _METADATA:
        return _METADATA[message.context]
    if message.context.startswith("interface/"):
        return (
            "Interface text of the pages and text formats (not part of the factsheet); keep {placeholders}."
        )
    section, *rest = message.context.split("/")
    if len(rest) == 1:
        return {
            "title": f"Heading of the section '{section}'.",
            "lead": f"Lead paragraph of the section '{section}'.",
            "subheading": f"Heading above the numbered items of the section '{section}'.",
        }[rest[0]]
    item, field, *number = rest
    what = f"bullet point {number[0]}" if field == "points" else _FIELDS[field]
    return f"Section '{section}', item '{item}': {what}."


Extracted = Iterator[tuple[int, str, tuple[str, str], list[str]]]


def _extract(
    fileobj: IO[bytes], to_messages: Callable[[str, str], Iterable[Message]], root: Location
) -> Extracted:
    name = getattr(fileobj, "name", "<content>")
    data = fileobj.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise ContentError(name, [("", None, too_large())])
    text = data.decode("utf-8")
    lines = LineFinder(text)
    for message in to_messages(text, name):
        line = lines.line((*root, *message.location)) or 0
        yield line, "pgettext", (message.context, message.text), [describe(message)]


def extract_factsheet(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any] | Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Extracted:
    """Babel extraction method: yields ``(lineno, "pgettext", (msgctxt, msgid), comments)``."""
    return _extract(fileobj, lambda text, name: messages(parse_content(text, name)), ())


def extract_interface(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any] | Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Extracted:
    """Babel extraction method for the interface text (entry point ``factsheet_interface``)."""
    return _extract(fileobj, lambda text, name: interface_messages(parse_interface(text, name)), ("strings",))
