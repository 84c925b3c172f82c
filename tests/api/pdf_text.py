"""The text of a PDF as poppler's ``pdftotext`` gives it back (Debian ``poppler-utils``), for the
PDF tests and the browser's printed page."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import factsheet


def run(*command: str | Path) -> str:
    return subprocess.run([str(part) for part in command], capture_output=True, text=True, check=True).stdout


def normalized(text: str | None) -> str:
    """``text`` with every run of white space one space."""
    return " ".join((text or "").split())


#: Direction marks pdftotext puts around right-to-left runs.
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: Arabic letters pdftotext does not give back as they were: the lam-alef ligatures (it swaps the
#: two letters of the glyph, "الأصلي" comes out as "األصلي") and vowel marks (moved to other letters).
UNEXTRACTABLE = re.compile("ل[اأإآى]|[\u064b-\u065f\u0670]")


def pdf_text(path: Path, code: str, *pages: str) -> str:
    """The PDF's text: in content order for left-to-right scripts (two columns stay apart), and
    in poppler's logical reading order for right-to-left ones."""
    raw = ("-raw",) if factsheet.locale_info(code).direction == "ltr" else ()
    return normalized(BIDI_MARKS.sub("", run("pdftotext", *raw, *pages, "-enc", "UTF-8", path, "-")))


def findable(text: str | None) -> list[str]:
    """The words of ``text`` pdftotext gives back letter for letter."""
    return [word for word in normalized(text).split() if not UNEXTRACTABLE.search(word)]


def split_items(path: Path, code: str) -> list[str]:
    """The chatbot types, reasons, risks and tips whose first and last words are on different pages.

    Words are compared without spaces and hyphens: a word broken at the end of a line extracts as
    ``kos- tenlos``."""

    def letters(text: str) -> str:
        return re.sub(r"[\s\-\u00ad\u2010]", "", text)

    pages = [letters(pdf_text(path, code, "-f", number, "-l", number)) for number in ("1", "2")]
    split = []
    sheet = factsheet.load(code)
    for section in sheet.sections[1:]:
        for item in section.items:
            words = findable(" ".join(filter(None, (item.title, item.text, *item.points, item.example))))
            head, tail = letters("".join(words[:2])), letters("".join(words[-2:]))
            if not any(head in page and tail in page for page in pages):
                split.append(f"{section.id}/{item.id}")
    return split
