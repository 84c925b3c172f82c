"""``locale_info()``: what a client needs to offer a locale."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from factsheet.locale.names import english_name, native_name, text_direction
from factsheet.model.status import TranslationStatus

from .factsheets import load

__all__ = ["LocaleInfo", "locale_info"]


@dataclass(frozen=True, slots=True)
class LocaleInfo:
    """What a client needs to offer a locale: names, direction, how complete, how reliable."""

    code: str
    english_name: str
    native_name: str
    direction: Literal["ltr", "rtl"]
    status: TranslationStatus
    translated: int
    total: int
    reviewed_by: str | None = None
    reviewed_on: str | None = None
    changed_since_review: tuple[str, ...] = ()
    """For ``changed-since-review``: the message contexts changed after the review."""

    @property
    def completeness(self) -> float:
        """Translated strings as a fraction of all, 0.0 to 1.0."""
        return self.translated / self.total if self.total else 0.0


def locale_info(locale: str) -> LocaleInfo:
    """Names, text direction, completeness and translation status of a shipped locale."""
    factsheet = load(locale)
    translation = factsheet.metadata.translation
    code = factsheet.language
    return LocaleInfo(
        code=code,
        english_name=english_name(code),
        native_name=native_name(code),
        direction=text_direction(code),
        status=translation.status,
        translated=translation.translated,
        total=translation.total,
        reviewed_by=translation.reviewed_by,
        reviewed_on=translation.reviewed_on,
        changed_since_review=translation.changed_since_review,
    )
