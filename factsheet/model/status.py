"""How far a locale's text can be trusted: the translation status values and their rule.

The one definition: the content schema (``metadata.translation``), ``translations/locales.yaml``
and the API schema all use these.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = ["TRANSLATION_STATUSES", "TranslationStatus", "review_problem"]

#: ``source``: the Dutch original (only ``nl``); ``machine-translated``: not yet checked by a
#: native speaker; ``reviewed``: checked by one, who is named with the date of the review.
TranslationStatus = Literal["source", "machine-translated", "reviewed"]
TRANSLATION_STATUSES: tuple[TranslationStatus, ...] = get_args(TranslationStatus)


def review_problem(status: str, reviewed_by: str | None, reviewed_on: str | None) -> str | None:
    """What is wrong with a status and its review record, in words, or ``None``.

    A reviewed locale needs a reviewer and a date; any other status has neither.
    """
    if status == "reviewed" and not (reviewed_by and reviewed_on):
        return "a reviewed translation needs a reviewer (reviewed_by) and a date (reviewed_on)"
    if status != "reviewed" and (reviewed_by or reviewed_on):
        return f"only a reviewed translation has a reviewer and a date (the status is {status!r})"
    return None
