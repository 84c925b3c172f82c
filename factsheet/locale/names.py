"""A locale's names and text direction, from Babel's CLDR data (loaded on first use)."""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

__all__ = ["english_name", "native_name", "text_direction"]


@cache
def _babel_locale(code: str) -> Any:
    from babel import Locale  # noqa: PLC0415 - Babel's locale data loads on first use only

    return Locale.parse(code)


def english_name(code: str) -> str:
    return str(_babel_locale(code).english_name)


def native_name(code: str) -> str:
    """The locale's name in its own language, starting with a capital where the script has one."""
    name = str(_babel_locale(code).display_name)
    return name[:1].upper() + name[1:]


def text_direction(code: str) -> Literal["ltr", "rtl"]:
    return "rtl" if _babel_locale(code).text_direction == "rtl" else "ltr"
