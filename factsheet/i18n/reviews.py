"""Reviews that cannot go stale: a native speaker's review pinned to exactly the strings reviewed.

``python -m factsheet.i18n review de --by NAME`` writes, into the locale's entry in
``translations/locales.yaml``, the reviewer, the date and a digest of each string as reviewed
(its message context, Dutch and translation). When any of them changes later (a new Dutch
text, an edited or dropped translation), :func:`changed_contexts` names it and the locale's
status becomes ``changed-since-review`` until someone reviews it again.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from factsheet.files import LOCALE_LIST, read_input
from factsheet.model.objects import Factsheet

from .catalogs import Catalog
from .messages import interface_messages, messages

__all__ = ["changed_contexts", "digests", "record_review", "review_block", "reviewed_strings", "string_digest"]

#: ``(message context, Dutch, translation shown or "")`` of one string of a locale.
Shown = tuple[str, str, str]


def string_digest(context: str, msgid: str, msgstr: str) -> str:
    """16 hexadecimal digits of SHA-256 over the context, the Dutch and the translation."""
    return hashlib.sha256("\0".join((context, msgid, msgstr)).encode("utf-8")).hexdigest()[:16]


def reviewed_strings(source: Factsheet, interface: Mapping[str, str], catalog: Catalog) -> list[Shown]:
    """Every string a reviewer reads, content then interface text, with its finished translation."""
    found = [*messages(source), *interface_messages(interface)]
    return [(m.context, m.text, catalog.translations.get((m.context, m.text), "")) for m in found]


def digests(strings: Iterable[Shown]) -> dict[str, str]:
    return {context: string_digest(context, msgid, msgstr) for context, msgid, msgstr in strings}


def changed_contexts(recorded: Mapping[str, str], current: Mapping[str, str]) -> tuple[str, ...]:
    """The contexts whose string is not as reviewed: changed or new (in reading order), then dropped."""
    changed = [context for context, digest in current.items() if recorded.get(context) != digest]
    return (*changed, *(context for context in recorded if context not in current))


def review_block(code: str, by: str, on: str, strings: Mapping[str, str]) -> str:
    """The entry of a reviewed locale in ``locales.yaml`` (every value quoted: a digest of digits
    only would otherwise be read as a number)."""
    lines = [
        f"{code}:",
        "  status: reviewed",
        f"  reviewed_by: {json.dumps(by, ensure_ascii=False)}",
        f"  reviewed_on: {json.dumps(on)}",
        "  # A digest of each string as reviewed (context, Dutch, translation): written by",
        f"  # python -m factsheet.i18n review {code}; a string changed since shows as changed-since-review.",
        "  reviewed_strings:",
        *(f"    {context}: {json.dumps(digest)}" for context, digest in strings.items()),
    ]
    return "\n".join(lines) + "\n"


def replace_entry(text: str, code: str, block: str) -> str:
    """``text`` of ``locales.yaml`` with the entry of ``code`` (a top-level key) replaced by ``block``."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(rf"{re.escape(code)}\s*:", line)), None)
    if start is None:
        raise LookupError(f"{code} is not listed in {LOCALE_LIST}")
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t"):
        end += 1
    return "".join([*lines[:start], block, *lines[end:]])


def record_review(root: Path, code: str, by: str, on: str) -> str:
    """Record in ``root/locales.yaml`` that ``by`` reviewed every string of ``code`` on ``on``.

    Refuses (ValueError) a locale whose catalog the check rejects: a review pins what readers
    see, so the catalog must first be complete and sound. Returns the new text of the file.
    """
    # Imported here: the loading package imports this module (for the status it computes).
    from factsheet.loading.factsheets import source_factsheet  # noqa: PLC0415
    from factsheet.loading.interface import source_interface  # noqa: PLC0415
    from factsheet.locale.registry import DEFAULT_LOCALE, parse_locale_list  # noqa: PLC0415

    from .catalogs import parse_catalog  # noqa: PLC0415
    from .checks import check_catalog  # noqa: PLC0415

    if code == DEFAULT_LOCALE:
        raise ValueError(f"{code} is the Dutch source: there is nothing to review")
    path = root / code / "LC_MESSAGES" / "factsheet.po"
    data = read_input(path)
    problems = check_catalog(code, data)
    if problems:
        raise ValueError(f"{path} has {len(problems)} problem(s); fix them first: " + "; ".join(problems[:3]))
    strings = digests(reviewed_strings(source_factsheet(), source_interface(), parse_catalog(data, str(path))))
    locale_list = root / LOCALE_LIST
    text = replace_entry(read_input(locale_list).decode("utf-8"), code, review_block(code, by, on, strings))
    parse_locale_list(text, str(locale_list))  # never write a file the runtime would refuse
    locale_list.write_text(text, encoding="utf-8")
    return text
