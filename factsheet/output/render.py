"""The factsheet as Markdown and as plain text, without Flask: the CLI and the API both call these."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable

from factsheet.loading.interface import interface_text
from factsheet.model.objects import Factsheet, Item, Section
from factsheet.output.notices import notices

__all__ = ["inline_markdown", "section_markdown", "section_text", "to_markdown", "to_text"]

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|&])")
#: What starts a block when it opens a line: a heading, quote, list item, fence or setext line.
_BLOCK_START = re.compile(r"^([#>+=~-]|\d{1,9}(?=[.)]))")
_LINE_BREAKS = re.compile(r"\s*[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]\s*")
_WIDTH = 78


def _md(text: str) -> str:
    """``text`` as inline Markdown that can only ever be text.

    Catalogs are checked (a translation may not break a line where the Dutch does not), but the
    renderer does not rely on it: line breaks become spaces, leading spaces go (no code block),
    and a character that would start a block at the beginning of a line is escaped.
    """
    flat = _LINE_BREAKS.sub(" ", text).strip()
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", flat)
    return _BLOCK_START.sub(lambda match: _escape_start(match.group(1)), escaped)


def inline_markdown(text: str) -> str:
    """``text`` as one line of Markdown that can only ever be text (how every string is written)."""
    return _md(text)


def _escape_start(start: str) -> str:
    return start + "\\" if start.isdigit() else "\\" + start


def _notice(factsheet: Factsheet) -> list[str]:
    """The closing lines: edition and version, how the translation was made, the rights."""
    meta = factsheet.metadata
    ui = interface_text(meta.language)
    lines = [f"{meta.footer} · {ui.format('version', version=meta.version)}"]
    lines += [ui.format(notice.key, **notice.values) for notice in notices(meta.translation)]
    lines.append(f"{ui['rights-heading']}: {meta.rights.statement}")
    return lines


def _markdown_item(item: Item, numbered: bool) -> list[str]:
    marker = f"{item.number}. " if numbered and item.number is not None else "- "
    indent = " " * len(marker)
    head = f"**{_md(item.title)}**" if item.title else _md(item.text or "")
    lines = [marker + head]
    if item.title and item.text:
        lines += ["", indent + _md(item.text)]
    if item.example:
        lines += ["", indent + "> " + _md(item.example)]
    if item.points:
        lines += ["", *(indent + "- " + _md(point) for point in item.points)]
    return lines


def section_markdown(section: Section, level: int = 2) -> str:
    """One section as Markdown, its heading at ``level``."""
    out: list[str] = []
    if section.title:
        out += ["#" * level + " " + _md(section.title), ""]
    if section.lead:
        out += [_md(section.lead), ""]
    if section.subheading:
        out += ["#" * (level + 1) + " " + _md(section.subheading), ""]
    if section.title is None:  # the introduction: plain paragraphs
        for item in section.items:
            out += [_md(item.text or ""), ""]
        return "\n".join(out)
    for item in section.items:
        out += [*_markdown_item(item, section.numbered), ""]
    return "\n".join(out)


def to_markdown(factsheet: Factsheet) -> str:
    """The whole factsheet as CommonMark, in reading order."""
    meta = factsheet.metadata
    parts = ["# " + _md(meta.title), ""]
    parts += [section_markdown(section) for section in factsheet.sections]
    parts += ["---", "", f"{_md(meta.guide.lead)} *{_md(meta.guide.title)}*", ""]
    parts += [_md(line) + "  " for line in _notice(factsheet)]
    return "\n".join(parts).rstrip() + "\n"


def _wrap(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(text, _WIDTH, initial_indent=indent, subsequent_indent=" " * len(indent)) or [indent]


def _underline(text: str, mark: str) -> list[str]:
    return [text, mark * min(len(text), _WIDTH)]


def _text_item(item: Item, numbered: bool) -> Iterable[str]:
    marker = f"{item.number}. " if numbered and item.number is not None else "* "
    pad = " " * len(marker)
    if item.title:
        yield from _wrap(item.title, marker)
        if item.text:
            yield from _wrap(item.text, pad)
    else:
        yield from _wrap(item.text or "", marker)
    if item.example:
        yield from _wrap(item.example, pad + "  ")
    for point in item.points:
        yield from _wrap(point, pad + "- ")


def section_text(section: Section) -> str:
    """One section as plain text."""
    out: list[str] = []
    if section.title:
        out += [*_underline(section.title, "-"), ""]
    if section.lead:
        out += [*_wrap(section.lead), ""]
    if section.subheading:
        out += [section.subheading, ""]
    for item in section.items:
        if section.title is None:
            out += [*_wrap(item.text or ""), ""]
        else:
            out += [*_text_item(item, section.numbered), ""]
    return "\n".join(out)


def to_text(factsheet: Factsheet) -> str:
    """The whole factsheet as plain text wrapped at 78 columns."""
    meta = factsheet.metadata
    parts = [*_underline(meta.title, "="), ""]
    parts += [section_text(section) for section in factsheet.sections]
    parts += [*_wrap(f"{meta.guide.lead} {meta.guide.title}"), ""]
    for line in _notice(factsheet):
        parts += _wrap(line)
    return "\n".join(parts).rstrip() + "\n"
