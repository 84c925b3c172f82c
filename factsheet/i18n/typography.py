"""Typographic rules of one language that the catalog check enforces, where pofilter has none.

- **French spacing.** One rule, the one translate-toolkit's French data uses: a no-break space
  (U+00A0) before ``: ; ? ! »`` and after ``«``, never an ordinary space (a line could break
  before the mark) and never the narrow U+202F (two kinds of space for one rule drift apart, and
  not every font has U+202F).
- **Numbers as the Dutch has them**, with the spellings a language writes for the same numbers:
  French writes the Dutch "24/7" as "24 h/24, 7 j/7" (no-break spaces after the digits).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["NUMBER_SPELLINGS", "colon", "numbers", "spacing_problems"]

_NBSP = "\u00a0"
_SPACE_BEFORE = ":;?!»"
_SPACE_AFTER = "«"
#: Per locale: (pattern, the Dutch spelling it stands for).
NUMBER_SPELLINGS: Mapping[str, tuple[tuple[re.Pattern[str], str], ...]] = MappingProxyType(
    {"fr": ((re.compile(r"\b24\u00a0h/24, 7\u00a0j/7\b"), "24/7"),)}
)
_NUMBER = re.compile(r"\d+")


def numbers(text: str, locale: str = "") -> list[str]:
    """The numbers of ``text``, sorted, reading a locale's own spelling of a Dutch number as the Dutch."""
    for pattern, dutch in NUMBER_SPELLINGS.get(locale, ()):
        text = pattern.sub(dutch, text)
    return sorted(_NUMBER.findall(text))


def spacing_problems(locale: str, translation: str) -> list[str]:
    """What breaks the spacing rule of ``locale`` (only French has one)."""
    if locale != "fr":
        return []
    problems: list[str] = []
    for at, char in enumerate(translation):
        if char in _SPACE_BEFORE and at and translation[at - 1] != _NBSP and not _in_url(translation, at):
            problems.append(f"French spacing: {_name(translation[at - 1])} before {char!r}")
        elif char in _SPACE_AFTER and translation[at + 1 : at + 2] != _NBSP:
            problems.append(f"French spacing: {_name(translation[at + 1 : at + 2])} after {char!r}")
    return [f"{problem} (write U+00A0 NO-BREAK SPACE there)" for problem in dict.fromkeys(problems)]


def colon(locale: str) -> str:
    """What joins a run-in heading to its text in ``locale``: ": ", or in French " : "."""
    return f"{_NBSP}: " if locale == "fr" else ": "


def _in_url(text: str, at: int) -> bool:
    return text.startswith("://", at)


def _name(char: str) -> str:
    if not char:
        return "nothing"
    return "a space" if char == " " else f"U+{ord(char):04X} {unicodedata.name(char, 'character')}"
