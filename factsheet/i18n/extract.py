"""The Babel extractors for the content file and the interface text (entry points
``babel.extractors: factsheet`` and ``factsheet_interface``).

Each translatable string becomes one message: ``msgctxt`` is its stable id path
(``risks/echo/text``), ``msgid`` the Dutch text, with the YAML line and a translator comment
saying where the string appears: made from the content's structure (:func:`describe`), or, for
the interface text, the comment above the string in its file (:mod:`.notes`). Ids, numbers, the
code licence and the editorial record are not extracted.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from typing import IO, Any

from factsheet.errors import ContentError
from factsheet.files import MAX_INPUT_BYTES, too_large
from factsheet.model.content import parse_content
from factsheet.model.interface_text import parse_interface
from factsheet.model.placeholders import placeholders
from factsheet.model.strict_yaml import LineFinder

from .messages import Location, Message, interface_messages, messages
from .notes import comment_above

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


def describe(message: Message, note: str = "") -> str:
    """Where the string appears, in words, for the translator; ``note`` is an interface string's
    own note (the comment above it), which names its placeholders."""
    if message.context in _METADATA:
        return _METADATA[message.context]
    if message.context.startswith("interface/"):
        names = ", ".join(f"{{{name}}}" for name in sorted(placeholders(message.text)))
        return f"{note} Keep {names} exactly as written." if names and note else note
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
    fileobj: IO[bytes],
    to_messages: Callable[[str, str], Iterable[Message]],
    root: Location,
    *,
    notes: bool = False,
) -> Extracted:
    name = getattr(fileobj, "name", "<content>")
    data = fileobj.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise ContentError(name, [("", None, too_large())])
    text = data.decode("utf-8")
    lines = LineFinder(text)
    raw = text.splitlines()
    for message in to_messages(text, name):
        line = lines.line((*root, *message.location)) or 0
        note = comment_above(raw, line) if notes else ""
        comment = describe(message, note)
        yield line, "pgettext", (message.context, message.text), [comment] if comment else []


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
    return _extract(
        fileobj, lambda text, name: interface_messages(parse_interface(text, name)), ("strings",), notes=True
    )
