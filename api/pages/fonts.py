"""Fonts cut to the glyphs each page shows, so that a phone downloads tens of kilobytes, not 300.

The app ships Noto Sans and Noto Sans Arabic, regular and bold (``api/assets/fonts/``). A page
on screen loads a small stylesheet of its own (``css/fonts.<digest>.css``) whose faces hold only the
characters of that page (its visible text, and printable ASCII), each from the first family of
the page's font stack that has it: the Dutch page takes the seven Arabic letters of «العربية»
from the Arabic font and everything else from Noto Sans. fontTools cuts them (about 0.3 s a
face); each cut is kept in the process and on disk (:data:`CACHE`, named by the digest of the
font and the characters), so a restart or a second worker reads it back.

``font-display: optional`` with a preload of the regular faces: a font that is not there when the
text is first laid out is not swapped in later, so nothing moves (the next page view has it from
the cache). Print and PDF use the whole fonts (``fonts.css``, linked for print after this one,
so its faces win there): a printed page may show any glyph.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from functools import cache, lru_cache
from html.parser import HTMLParser
from pathlib import Path

__all__ = ["Face", "PageFonts", "face_bytes", "page_fonts", "visible_text"]

_FONTS = Path(__file__).parents[1] / "assets" / "fonts"
#: The families of the pages' font stacks, by text direction, as page.css orders them.
_STACKS = {
    "ltr": (("Noto Sans", "NotoSans"), ("Noto Sans Arabic", "NotoSansArabic")),
    "rtl": (("Noto Sans Arabic", "NotoSansArabic"), ("Noto Sans", "NotoSans")),
}
_WEIGHTS = ((400, "Regular"), (700, "Bold"))
#: Always in a page's faces: digits and punctuation that CSS may add (list numbers, ": ").
_ALWAYS = frozenset(range(0x20, 0x7F))
#: Where cut faces are kept across processes; ``FACTSHEET_FONT_CACHE`` names another folder.
CACHE = Path(
    os.environ.get("FACTSHEET_FONT_CACHE")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ai-chatbot-factsheet" / "fonts"
)


@dataclass(frozen=True, slots=True)
class Face:
    """One cut font: the family and weight it stands for, where it is served, what it holds."""

    family: str
    weight: int
    path: str
    """Below ``/static/``: ``fonts/NotoSans-Regular.3f2a1c9e0b4d.woff2``."""
    source: str
    """The whole font it is cut from, in ``api/assets/fonts/``."""
    text: str


@dataclass(frozen=True, slots=True)
class PageFonts:
    """The faces of one page, its stylesheet (path and bytes) and the faces to preload."""

    stylesheet: str
    css: bytes
    faces: tuple[Face, ...]
    preload: tuple[str, ...]


class _Text(HTMLParser):
    """The text a page shows: ``<body>`` without scripts and styles, but with JSON data blocks
    (the code generator shows its strings in the reader's language from one)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip: list[bool] = []
        self._body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._body = self._body or tag == "body"
        if tag in ("script", "style"):
            self._skip.append(dict(attrs).get("type") != "application/json")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip.pop()

    def handle_data(self, data: str) -> None:
        if self._body and not any(self._skip):
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


@cache
def _font(name: str) -> bytes:
    return (_FONTS / name).read_bytes()


@cache
def _characters(name: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # noqa: PLC0415 - 40 ms

    return frozenset(TTFont(io.BytesIO(_font(name))).getBestCmap())


def page_fonts(html: str, direction: str) -> PageFonts:
    """The faces for the page ``html`` (rendered without them) in text ``direction``."""
    wanted = {ord(char) for char in visible_text(html)} | _ALWAYS
    faces: list[Face] = []
    for family, stem in _STACKS[direction]:
        mine = sorted(char for char in wanted if char in _characters(f"{stem}-Regular.woff2"))
        wanted -= set(mine)
        text = "".join(map(chr, mine))
        for weight, style in _WEIGHTS if mine else ():
            source = f"{stem}-{style}.woff2"
            digest = hashlib.sha256(_font(source) + text.encode()).hexdigest()[:12]
            faces.append(Face(family, weight, f"fonts/{stem}-{style}.{digest}.woff2", source, text))
    css = "".join(
        f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight}; '
        f'font-display: optional; src: url("../{face.path}") format("woff2"); '
        f"unicode-range: {_ranges(face.text)}; }}\n"
        for face in faces
    ).encode()
    preload = tuple(face.path for face in faces[:1])  # the main family's regular face
    # In css/ with the other generated stylesheets: one _headers rule types them all.
    return PageFonts(f"css/fonts.{hashlib.sha256(css).hexdigest()[:12]}.css", css, tuple(faces), preload)


def _ranges(text: str) -> str:
    """``unicode-range`` of the characters of ``text`` (sorted): a browser then downloads a face
    only for text that needs it, not every face of the font stack to find out."""
    spans: list[list[int]] = []
    for point in map(ord, text):
        if spans and point == spans[-1][1] + 1:
            spans[-1][1] = point
        else:
            spans.append([point, point])
    return ", ".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in spans)


@lru_cache(maxsize=128)
def face_bytes(face: Face) -> bytes:
    """The cut font as WOFF2: from the disk cache, or cut now and kept there."""
    kept = CACHE / Path(face.path).name
    try:
        return kept.read_bytes()
    except OSError:
        pass
    from fontTools import subset  # type: ignore[import-untyped]  # noqa: PLC0415
    from fontTools.ttLib import TTFont  # noqa: PLC0415

    font = TTFont(io.BytesIO(_font(face.source)))
    options = subset.Options()
    options.flavor = "woff2"
    cutter = subset.Subsetter(options)
    cutter.populate(text=face.text)
    cutter.subset(font)
    out = io.BytesIO()
    font.save(out)
    body = out.getvalue()
    try:  # kept for the next process; a folder that cannot be written only costs time
        CACHE.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=CACHE, prefix=".", suffix=".tmp")
        with os.fdopen(handle, "wb") as file:
            file.write(body)
        os.replace(temporary, kept)
    except OSError:
        pass
    return body
