"""``factsheet changes``: what changed since a release, per locale, for people to read."""

from __future__ import annotations

import textwrap

from factsheet.errors import UnknownVersionError
from factsheet.history import store as stores
from factsheet.history.diff import ChangeKind
from factsheet.history.releases import (
    LocaleChanges,
    ReleaseDiff,
    StatusChange,
    StringChange,
    current_version,
    diff,
    is_released,
)
from factsheet.locale.names import english_name
from factsheet.locale.registry import DEFAULT_LOCALE, LocaleStatus

__all__ = ["changes_text", "default_since"]

#: The heading of each kind of change (every kind: tests/test_release_diff.py).
_HEADINGS: dict[ChangeKind, str] = {
    "added": "added",
    "removed": "removed",
    "source": "Dutch source changed",
    "translation": "translation changed",
}


def default_since() -> str:
    """The release to compare with: the newest one that is not the working files (their own
    version's, when they were edited after it was released)."""
    current, released = current_version(), is_released()
    earlier = [version for version in stores.shipped.versions() if version != current or not released]
    if not earlier:
        raise UnknownVersionError("(an earlier release)", stores.shipped.versions())
    return earlier[0]


def changes_text(since: str | None, locale: str | None, to: str | None = None) -> str:
    result = diff(since or default_since(), to, locale)
    return "\n\n".join([_title(result), *(_locale(result, changes) for changes in result.locales)])


def _title(result: ReleaseDiff) -> str:
    new = result.new
    if not result.new_released:
        new = (
            f"the working files ({new}, which differ from release {new}: give them a new version)"
            if is_released(new)
            else f"{new} (unreleased: the working files)"
        )
    return f"Changes from {result.old} to {new}"


def _locale(result: ReleaseDiff, changes: LocaleChanges) -> str:
    code = changes.locale
    heading = f"== {code} ({english_name(code)})"
    if not changes:
        return f"{heading}: no changes"
    counts = (
        f"{len(changes.added)} added, {len(changes.removed)} removed, "
        f"{len(changes.source_changed)} with a changed Dutch source, "
        f"{len(changes.translation_changed)} with only the translation changed"
    )
    lines = [f"{heading}: {counts}"]
    if changes.status is not None:
        lines.append(f"status: {_status(changes.status)}")
    for change in changes.changes:
        lines.append("")
        lines.append(f"{_HEADINGS[change.kind]}: {change.context}")
        lines += _texts(change, code)
    return "\n".join(lines)


def _texts(change: StringChange, code: str) -> list[str]:
    rows: list[tuple[str, str | None]] = []
    if code != DEFAULT_LOCALE and change.old_source != change.new_source:
        rows += [("Dutch, old", change.old_source), ("Dutch, new", change.new_source)]
    rows += [("old", change.old), ("new", change.new)]
    return [_wrapped(f"  {label}: ", text) for label, text in rows if text is not None]


def _wrapped(label: str, text: str) -> str:
    return textwrap.fill(text, width=100, initial_indent=label, subsequent_indent=" " * len(label))


def _status(change: StatusChange) -> str:
    return f"{_one(change.old)} -> {_one(change.new)}"


def _one(status: LocaleStatus | None) -> str:
    if status is None:
        return "(not shipped)"
    if status.reviewed_by or status.reviewed_on:
        return f"{status.status} ({status.reviewed_by}, {status.reviewed_on})"
    return status.status
