"""The page of every release in every locale, ``/releases/{version}/{locale}/``, and the address
a copy of the factsheet leads its reader to.

A printed copy cannot update itself. Its QR code and footer lead to :func:`edition_address`: the
page of the edition whose text it holds, which says whether that edition is still the current
one and, if not, which is and what changed in that language since (:func:`edition_banner`).

An edition page shows the text of that release, parsed from its archive
(:func:`edition_text`), in today's layout; the text never changes, but the
banner does when a newer release ships, so the page is cached like every other page, not as
immutable. Search engines are asked not to index it: the live page is the one to find.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date as Date

from babel.dates import format_date

import factsheet
from factsheet import Factsheet, Translation
from factsheet.history import store as stores
from factsheet.history.diff import LocaleChanges
from factsheet.history.releases import diff
from factsheet.model.schema import TranslationSchema

__all__ = [
    "Banner",
    "Change",
    "edition_address",
    "edition_banner",
    "edition_path",
    "edition_text",
    "is_edition_text",
    "release_date",
]


def edition_path(version: str, code: str) -> str:
    """The page of a release in a locale, relative to the site's root: ``releases/1.0.0/nl/``."""
    return f"releases/{version}/{code}/"


def edition_text(version: str, code: str) -> Factsheet:
    """The text of a release in a language, as its page shows it: ``factsheet.load(code,
    version=...)`` with the translation record the release itself served (its archived JSON).
    Today's code counts strings as translatable that a release did not (1.0.0's rights were
    English prose then), and would call them text shown in Dutch on that edition's page."""
    sheet = factsheet.load(code, version=version)
    served = json.loads(stores.shipped.archive(version).json(code))["metadata"]["translation"]
    translation: Translation = TranslationSchema().load(served)
    return replace(sheet, metadata=replace(sheet.metadata, translation=translation))


def is_edition_text(sheet: Factsheet) -> bool:
    """Whether ``sheet`` is exactly the text its version was released with in its language."""
    store = stores.shipped
    version, code = sheet.metadata.version, sheet.language
    if version not in store.versions() or code not in store.archive(version).codes:
        return False
    return sheet in (factsheet.load(code, version=version), edition_text(version, code))


def edition_address(sheet: Factsheet, public_url: str) -> str:
    """Where a copy of ``sheet`` leads its reader, under the site's ``public_url`` (ends in ``/``):
    the page of its edition when its text is a release's, else (the working text of a version
    not released yet, a preview) the live page of its language."""
    if is_edition_text(sheet):
        return public_url + edition_path(sheet.metadata.version, sheet.language)
    return f"{public_url}{sheet.language}/"


@dataclass(frozen=True, slots=True)
class Change:
    """A part of the factsheet that changed since an edition: its title now, and its anchor on the
    current page (``risks-echo``; empty for the title and footer of the whole)."""

    label: str
    anchor: str


@dataclass(frozen=True, slots=True)
class Banner:
    """What an edition page says above its text: whether it is the ``current`` edition, the
    newest release's ``version`` and ``date`` (in the reader's language), and the parts changed
    in this language since (the page links them on the current page of its language)."""

    current: bool
    version: str
    date: str
    changes: tuple[Change, ...]


def release_date(iso: str, code: str) -> str:
    """A release's date (``2026-12-01``) as a reader of ``code`` writes it: ``1 de diciembre de 2026``."""
    return format_date(Date.fromisoformat(iso), "long", locale=code.replace("-", "_"))


def _changed_parts(changes: LocaleChanges, now: Factsheet) -> tuple[Change, ...]:
    """The items and sections whose text changed, once each, in today's reading order, titled
    as they are today; a change to the whole (its title, the introduction, the rights) is the
    factsheet's title, leading to the top of the page."""
    titled = {section.id for section in now.sections if section.title}
    touched: set[tuple[str, str]] = set()
    for change in changes.changes:
        parts = change.context.split("/")
        if parts[0] == "interface":  # the page's labels, not the factsheet's text
            continue
        if parts[0] not in titled:
            touched.add(("", ""))
        else:  # risks/echo/text is an item's; risks/title and risks/lead are the section's
            touched.add((parts[0], parts[1] if len(parts) > 2 else ""))
    found = [Change(now.metadata.title, "")] if ("", "") in touched else []
    for section in now.sections:
        if (section.id, "") in touched:
            found.append(Change(section.title or "", section.id))
        found += [
            Change(f"{section.title} › {item.title or section.title}", f"{section.id}-{item.id}")
            for item in section.items
            if (section.id, item.id) in touched
        ]
    return tuple(found)


def edition_banner(version: str, code: str) -> Banner:
    """The banner of the edition page of ``version`` in ``code``."""
    store = stores.shipped
    newest = store.releases()[0]
    current = newest.version == version
    changes: tuple[Change, ...] = ()
    if not current:
        changes = _changed_parts(diff(version, newest.version, code).locale(code), factsheet.load(code))
    return Banner(current, newest.version, release_date(newest.date, code), changes)
