"""What a reader is told about a translation: the rule, decided once.

The text formats, the page (and so the PDF) and the embed all show these notices, in this order,
worded by the interface text (``factsheet/content/interface.nl.yaml`` and the catalogs):

- one notice for the translation status, if it has one (:data:`STATUS_NOTICES`): made by machine,
  reviewed (by whom, when), or changed since that review; the Dutch original has none;
- then, when some strings fell back to Dutch, :data:`FALLBACK_NOTICE`.

The embed renders a release it fetches at run time, so it gets the rule itself as data (the table
and the key), not a finished list; everything else calls :func:`notices`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from factsheet.model.objects import Translation
from factsheet.model.status import TranslationStatus

__all__ = ["FALLBACK_NOTICE", "NOTICE_KEYS", "STATUS_NOTICES", "Notice", "notice_keys", "notices"]

#: The interface-text key of the notice each translation status shows (``None``: no notice).
#: A status notice may name ``{reviewer}`` and ``{date}``; it is followed by a link to the original.
STATUS_NOTICES: Mapping[TranslationStatus, str | None] = MappingProxyType(
    {
        "source": None,
        "machine-translated": "machine-translated",
        "reviewed": "reviewed",
        "changed-since-review": "changed-since-review",
    }
)
#: The interface-text key of the notice that part of the text is shown in Dutch.
FALLBACK_NOTICE = "fallback-summary"
#: Every key a notice can use, in the order they are shown.
NOTICE_KEYS: tuple[str, ...] = (*(key for key in STATUS_NOTICES.values() if key), FALLBACK_NOTICE)


@dataclass(frozen=True, slots=True)
class Notice:
    """One notice: its interface-text ``key``, the ``values`` of its placeholders, and whether it
    is about the translation status (then a page links the original after it)."""

    key: str
    values: Mapping[str, str] = field(default_factory=dict)
    status: bool = False


def notices(translation: Translation) -> tuple[Notice, ...]:
    """The notices a factsheet in this translation shows, in order (none for the Dutch original)."""
    found: list[Notice] = []
    key = STATUS_NOTICES[translation.status]
    if key is not None:
        review = {"reviewer": translation.reviewed_by or "", "date": translation.reviewed_on or ""}
        found.append(Notice(key, review, status=True))
    if translation.fallbacks:
        found.append(Notice(FALLBACK_NOTICE))
    return tuple(found)


def notice_keys(translation: Translation) -> tuple[str, ...]:
    """The interface-text keys of :func:`notices`, in order."""
    return tuple(notice.key for notice in notices(translation))
