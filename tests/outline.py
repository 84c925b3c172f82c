"""The factsheet's outline, stated once for the tests (as in the published source).

Adding a section or an item changes this file and the content, and nothing else in the tests.
Counts of strings are derived from the content, and the locales from ``factsheet.locales()``.
"""

from __future__ import annotations

import factsheet
from factsheet.i18n.messages import messages
from factsheet.loading.factsheets import source_factsheet

#: Each section's item ids, in reading order.
ITEMS: dict[str, tuple[str, ...]] = {
    "intro": ("situation", "purpose"),
    "chatbot-types": ("generic", "companion", "therapeutic"),
    "reasons": ("low-threshold", "feeling-heard", "multi-purpose", "positive-impact"),
    "risks": (
        "echo", "unreliable-advice", "crisis-recognition", "dependence",
        "illusion-of-empathy", "privacy-bias-autonomy", "distorted-relationships",
    ),
    "conversation": (
        "standard-questions", "open-attitude", "underlying-need", "reflect-together",
        "limits-of-ai", "healthy-interaction", "vulnerable-groups",
    ),
}  # fmt: skip
#: The sections whose items are numbered 1, 2, 3 …
NUMBERED = frozenset({"chatbot-types", "conversation"})
#: Bullet points per item, where an item has them.
POINTS = {"generic": 3, "companion": 3, "therapeutic": 4, "vulnerable-groups": 4}

SECTION_IDS = tuple(ITEMS)
#: Every locale the factsheet is published in, the default first (as ``factsheet.locales()``).
LOCALES = factsheet.locales()
TRANSLATED = tuple(code for code in LOCALES if code != factsheet.DEFAULT_LOCALE)


def string_count() -> int:
    """How many translatable strings the content has (each locale's ``translation.total``)."""
    return sum(1 for _ in messages(source_factsheet()))


def available_locales() -> str:
    """The list an unknown-locale error ends with."""
    return f"available: {', '.join(factsheet.locales())}"
