"""Release versions: ``MAJOR.MINOR.PATCH`` (the content's own version pattern), compared as numbers."""

from __future__ import annotations

from factsheet.model.fields import VERSION_PATTERN

__all__ = ["is_version", "version_key"]


def is_version(value: object) -> bool:
    """Whether ``value`` is a release version such as ``1.0.0``."""
    return isinstance(value, str) and VERSION_PATTERN.fullmatch(value) is not None


def version_key(version: str) -> tuple[int, ...]:
    """A sort key: ``1.10.0`` comes after ``1.9.0``."""
    return tuple(int(part) for part in version.split("."))
