"""How far a locale's text can be trusted: the translation status values and their rule.

The one definition: the content schema (``metadata.translation``), ``translations/locales.yaml``
and the API schema all use these.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "CHANGED_SINCE_REVIEW",
    "RECORDED_STATUSES",
    "TRANSLATION_STATUSES",
    "RecordedStatus",
    "TranslationStatus",
    "review_problem",
]

#: ``source``: the Dutch original (only ``nl``); ``machine-translated``: not yet checked by a
#: native speaker; ``reviewed``: checked by one, who is named with the date of the review, and
#: every string is still as it was reviewed; ``changed-since-review``: reviewed, but some strings
#: (named in ``changed_since_review``) changed after the review and nobody has checked them since.
TranslationStatus = Literal["source", "machine-translated", "reviewed", "changed-since-review"]
TRANSLATION_STATUSES: tuple[TranslationStatus, ...] = get_args(TranslationStatus)
CHANGED_SINCE_REVIEW: TranslationStatus = "changed-since-review"

#: The statuses written in ``locales.yaml``; ``changed-since-review`` is found, never written.
RecordedStatus = Literal["source", "machine-translated", "reviewed"]
RECORDED_STATUSES: tuple[RecordedStatus, ...] = get_args(RecordedStatus)

_REVIEWED = frozenset({"reviewed", CHANGED_SINCE_REVIEW})


def review_problem(status: str, reviewed_by: str | None, reviewed_on: str | None) -> str | None:
    """What is wrong with a status and its review record, in words, or ``None``.

    A reviewed locale (also one changed since) needs a reviewer and a date; any other has neither.
    """
    if status in _REVIEWED and not (reviewed_by and reviewed_on):
        return "a reviewed translation needs a reviewer (reviewed_by) and a date (reviewed_on)"
    if status not in _REVIEWED and (reviewed_by or reviewed_on):
        return f"only a reviewed translation has a reviewer and a date (the status is {status!r})"
    return None
