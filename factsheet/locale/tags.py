"""What a locale is written as: the patterns, in one place.

A *code* is how this package names a shipped locale (``nl``, ``en``): in ``locales.yaml``, in
content metadata, in URLs. A *tag* is what a user or a browser may write for one (``en-GB``,
``EN``, ``en_GB``); :func:`factsheet.normalize_locale` maps a tag to a code.
"""

from __future__ import annotations

import re

__all__ = ["LOCALE_CODE", "LOCALE_TAG", "MAX_LOCALE_TAG", "shorten"]

#: A shipped locale's code: two or three lowercase letters.
LOCALE_CODE = re.compile(r"[a-z]{2,3}")
#: A language tag as input may give it, with ``-`` or ``_`` (match it whole: ``fullmatch``).
LOCALE_TAG = re.compile(r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*")
#: Longer input is not a locale tag (BCP 47 advises supporting 35 characters).
MAX_LOCALE_TAG = 35


def shorten(value: object, limit: int = MAX_LOCALE_TAG) -> str:
    """``value`` as text for a message, cut to about ``limit`` characters (input is not echoed whole)."""
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= limit else f"{text[: limit - 3]}…"
