"""Reviews that cannot go stale: a native speaker's review pinned to exactly the strings reviewed.

``python -m factsheet.i18n review de --by NAME`` writes (see :mod:`.review_record`), into the
locale's entry in ``translations/locales.yaml``, the reviewer, the date and a digest of each
string as reviewed (its message context, Dutch and translation). When any of them changes later (a new Dutch
text, an edited or dropped translation), :func:`changed_contexts` names it and the locale's
status becomes ``changed-since-review`` until someone reviews it again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from factsheet.model.objects import Factsheet

from .catalogs import LocaleTranslations
from .messages import interface_messages, messages

__all__ = ["changed_contexts", "digests", "reviewed_strings", "string_digest"]

#: ``(message context, Dutch, translation shown or "")`` of one string of a locale.
Shown = tuple[str, str, str]


def string_digest(context: str, msgid: str, msgstr: str) -> str:
    """16 hexadecimal digits of SHA-256 over the context, the Dutch and the translation."""
    return hashlib.sha256("\0".join((context, msgid, msgstr)).encode("utf-8")).hexdigest()[:16]


def reviewed_strings(
    source: Factsheet, interface: Mapping[str, str], catalog: LocaleTranslations
) -> list[Shown]:
    """Every string a reviewer reads, content then interface text, with its finished translation."""
    found = [*messages(source), *interface_messages(interface)]
    return [(m.context, m.text, catalog.translations.get((m.context, m.text), "")) for m in found]


def digests(strings: Iterable[Shown]) -> dict[str, str]:
    return {context: string_digest(context, msgid, msgstr) for context, msgid, msgstr in strings}


def changed_contexts(recorded: Mapping[str, str], current: Mapping[str, str]) -> tuple[str, ...]:
    """The contexts whose string is not as reviewed: changed or new (in reading order), then dropped."""
    changed = [context for context, digest in current.items() if recorded.get(context) != digest]
    return (*changed, *(context for context in recorded if context not in current))
