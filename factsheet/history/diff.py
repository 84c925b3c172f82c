"""What changed between two snapshots, per locale: strings added, removed and changed (the Dutch
source, or only the translation), each with its old and new text, and the translation status.

Statuses are compared by value, whatever values the locale list allows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from factsheet.errors import UnknownLocaleError
from factsheet.locale.registry import LocaleStatus, normalize_locale

from .snapshots import Snapshot, Strings

__all__ = [
    "CHANGE_KINDS",
    "ChangeKind",
    "LocaleChanges",
    "ReleaseDiff",
    "StatusChange",
    "StringChange",
    "diff_snapshots",
]

#: What happened to a string: ``added``, ``removed``, ``source`` (the Dutch changed) or
#: ``translation`` (only the text in the locale did). The one definition: the groups of
#: :class:`LocaleChanges`, the API's ``kind`` enum and the wording of ``factsheet changes`` use it.
ChangeKind = Literal["added", "removed", "source", "translation"]
CHANGE_KINDS: tuple[ChangeKind, ...] = get_args(ChangeKind)


@dataclass(frozen=True, slots=True)
class StringChange:
    """One message context that changed. ``old``/``new``: the text shown in the locale (the
    Dutch for ``nl`` or where no translation is finished); ``old_source``/``new_source``: the
    Dutch. ``None`` where the context does not exist in that edition."""

    context: str
    old: str | None
    new: str | None
    old_source: str | None
    new_source: str | None

    @property
    def kind(self) -> ChangeKind:
        """``added``, ``removed``, ``source`` (the Dutch changed) or ``translation`` (only it did)."""
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "source" if self.old_source != self.new_source else "translation"


@dataclass(frozen=True, slots=True)
class StatusChange:
    """The locale's status record before and after (``None``: the locale was not shipped)."""

    old: LocaleStatus | None
    new: LocaleStatus | None


@dataclass(frozen=True, slots=True)
class LocaleChanges:
    """Every change in one locale, in reading order within each group."""

    locale: str
    added: tuple[StringChange, ...] = ()
    removed: tuple[StringChange, ...] = ()
    source_changed: tuple[StringChange, ...] = ()
    """The Dutch source changed (so translators revisit these)."""
    translation_changed: tuple[StringChange, ...] = ()
    """The Dutch is the same; only the text in this locale changed."""
    status: StatusChange | None = None

    @property
    def changes(self) -> tuple[StringChange, ...]:
        return self.added + self.removed + self.source_changed + self.translation_changed

    @property
    def contexts(self) -> tuple[str, ...]:
        """The message contexts that changed in any way, sorted."""
        return tuple(sorted(change.context for change in self.changes))

    def __bool__(self) -> bool:
        return bool(self.changes) or self.status is not None


@dataclass(frozen=True, slots=True)
class ReleaseDiff:
    """From one version to another; ``new_released`` is False for the working files."""

    old: str
    new: str
    new_released: bool
    locales: tuple[LocaleChanges, ...]

    def locale(self, code: str) -> LocaleChanges:
        for changes in self.locales:
            if changes.locale == code:
                return changes
        raise UnknownLocaleError(code, (changes.locale for changes in self.locales))


def diff_snapshots(
    old: Snapshot, new: Snapshot, locale: str | None = None, *, new_released: bool = True
) -> ReleaseDiff:
    """The changes from ``old`` to ``new``, in every locale either has, or in ``locale`` only."""
    shipped = {**old.statuses, **new.statuses}
    codes = [normalize_locale(locale, shipped)] if locale is not None else list(shipped)
    return ReleaseDiff(
        old.version, new.version, new_released, tuple(_locale(old, new, code) for code in codes)
    )


def _strings(snapshot: Snapshot, code: str) -> Strings:
    return snapshot.strings(code) if code in snapshot.statuses else {}


def _locale(old: Snapshot, new: Snapshot, code: str) -> LocaleChanges:
    before, after = _strings(old, code), _strings(new, code)
    groups: dict[ChangeKind, list[StringChange]] = {kind: [] for kind in CHANGE_KINDS}
    order = list(after) + [context for context in before if context not in after]
    for context in order:
        old_source, old_text = before.get(context, (None, None))
        new_source, new_text = after.get(context, (None, None))
        if (old_source, old_text) != (new_source, new_text):
            change = StringChange(context, old_text, new_text, old_source, new_source)
            groups[change.kind].append(change)
    old_status, new_status = old.statuses.get(code), new.statuses.get(code)
    return LocaleChanges(
        code,
        added=tuple(groups["added"]),
        removed=tuple(groups["removed"]),
        source_changed=tuple(groups["source"]),
        translation_changed=tuple(groups["translation"]),
        status=None if old_status == new_status else StatusChange(old_status, new_status),
    )
