"""Where the text of a printed page lies, as poppler's ``pdftotext -bbox-layout`` gives it back
(Debian ``poppler-utils``): lines with their place on the page, for the print layout and QR
tests. Expectations come from the content (``factsheet.load``), never from its wording here."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import factsheet
from factsheet import Factsheet, Item, Section
from factsheet.output.notices import notices

from .pdf_text import findable, normalized, pdf_text, run

_XHTML = "{http://www.w3.org/1999/xhtml}"
#: A line break inside a word: a hyphen (or WeasyPrint's U+2010) after a letter, at the line's end.
_BROKEN = re.compile(r"(\w+)[-\u2010\u00ad]$")
#: Two lines whose tops are this close (points) are one line: a margin box beside a footer line.
_SAME_LINE = 3.0


@dataclass(frozen=True, slots=True)
class Line:
    """A line of text on a page: its top and bottom, left and right ends (points from the page's
    top left corner) and its words."""

    top: float
    bottom: float
    left: float
    right: float
    words: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True, slots=True)
class Page:
    """A page's size (points) and its lines, in poppler's reading order."""

    width: float
    height: float
    lines: tuple[Line, ...]


def pages(path: Path) -> list[Page]:
    """Every page of the PDF at ``path`` with its lines."""
    root = ET.fromstring(run("pdftotext", "-bbox-layout", "-enc", "UTF-8", path, "-"))  # noqa: S314 - poppler's
    found = []
    for page in root.iter(f"{_XHTML}page"):
        lines = tuple(
            Line(
                float(line.get("yMin", 0)),
                float(line.get("yMax", 0)),
                float(line.get("xMin", 0)),
                float(line.get("xMax", 0)),
                tuple(word.text or "" for word in line.iter(f"{_XHTML}word")),
            )
            for line in page.iter(f"{_XHTML}line")
        )
        found.append(Page(float(page.get("width", 0)), float(page.get("height", 0)), lines))
    return found


def footer(page: Page, sheet: Factsheet) -> list[Line]:
    """The lines of the page's footer: its first names the version, and nothing of the content
    below it does."""
    version = sheet.metadata.version
    top = max(line.top for line in page.lines if version in line.words or version in line.text)
    return [line for line in page.lines if line.top >= top - _SAME_LINE]


def footer_rows(page: Page, sheet: Factsheet) -> int:
    """How many lines the footer takes (the page number beside its first line is on that line)."""
    tops: list[float] = []
    for line in sorted(footer(page, sheet), key=lambda line: line.top):
        if not tops or line.top - tops[-1] > _SAME_LINE:
            tops.append(line.top)
    return len(tops)


def content(page: Page, sheet: Factsheet, *, leave_out: str = "") -> list[Line]:
    """The lines above the footer, without those that are part of ``leave_out`` (the address in
    words under the QR code, which may wrap after a ``/``: each of its lines ends with one, which
    tells them from a card's number, "1", that the address may hold too: ``1.2.0``)."""
    end = min(line.top for line in footer(page, sheet))
    address = "".join(leave_out.split())

    def left_out(line: Line) -> bool:
        piece = "".join(line.words)
        return bool(address) and piece.endswith("/") and piece in address

    return [line for line in page.lines if line.top < end - _SAME_LINE and not left_out(line)]


def text_height(page: Page, sheet: Factsheet, *, leave_out: str = "") -> float:
    """From the top of the page's first line of content to the bottom of its last, in points."""
    lines = content(page, sheet, leave_out=leave_out)
    return max(line.bottom for line in lines) - min(line.top for line in lines)


def printed_words(sheet: Factsheet) -> str:
    """Everything the printed page says, as one string: the text of the factsheet, its notices
    and footer (the words a line break may have cut in two are looked up here)."""
    ui = factsheet.interface_text(sheet.language)
    said = [ui.format(each.key, **each.values) for each in notices(sheet.metadata.translation)]
    return normalized(" ".join([factsheet.to_text(sheet), ui["rights"], *said]))


@dataclass(frozen=True, slots=True)
class Break:
    """A word the line breaking cut in two, with a hyphen that is not part of its spelling."""

    before: str
    after: str
    line: int
    """The index of the line it ends, among the page's lines."""

    @property
    def word(self) -> str:
        return self.before + self.after


def hyphenations(page: Page, sheet: Factsheet, said: str | None = None) -> list[Break]:
    """The words hyphenated at the ends of the page's lines (a compound's own hyphen, as in
    ``AI-chatbots``, is spelling, not a break)."""
    said = printed_words(sheet) if said is None else said
    found = []
    for index, (line, following) in enumerate(zip(page.lines, page.lines[1:], strict=False)):
        end = _BROKEN.search(line.words[-1]) if line.words else None
        start = re.match(r"\w+", following.words[0]) if following.words else None
        if end and start:
            before, after = end.group(1), start.group(0)
            if before + after in said and f"{before}-{after}" not in said:
                found.append(Break(before, after, index))
    return found


def _letters(text: str) -> str:
    return re.sub(r"[\s\-\u00ad\u2010]", "", text)


def section_pages(path: Path, sheet: Factsheet) -> dict[str, set[int]]:
    """For each titled section, the pages that hold its heading and every one of its items: a set
    of one page when the section is whole on a page. An item is found by its first and last
    words (two of each in a left-to-right script; in a right-to-left one, whose words pdftotext
    gives back in visual order within a line, one word each that no other section uses)."""
    code = sheet.language
    count = len(pages(path))
    texts = [_letters(pdf_text(path, code, "-f", str(n), "-l", str(n))) for n in range(1, count + 1)]
    ltr = factsheet.locale_info(code).direction == "ltr"

    def words(section_id: str, text: str) -> list[str]:
        found = findable(text)
        if ltr:
            return ["".join(found[:2]), "".join(found[-2:])] if found else []
        others = {w for s in sheet.sections if s.id != section_id for w in findable(section_text(s))}
        own = [word for word in found if word not in others]
        return [own[0], own[-1]] if own else []

    def on(markers: list[str]) -> set[int]:
        return {n for n, text in enumerate(texts, 1) if all(_letters(m) in text for m in markers)}

    found = {}
    for section in sheet.sections:
        if section.title:
            where = on(words(section.id, section.title))
            for item in section.items:
                where &= on(words(section.id, item_text(item)))
            found[section.id] = where
    return found


def item_text(item: Item) -> str:
    return " ".join(filter(None, (item.title, item.text, *item.points, item.example)))


def section_text(section: Section) -> str:
    return " ".join(
        [section.title or "", section.lead or "", section.subheading or ""]
        + [item_text(i) for i in section.items]
    )
