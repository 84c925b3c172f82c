"""Writing a review into ``translations/locales.yaml``: ``python -m factsheet.i18n review``.

The record is the locale's entry: reviewer, date, and a digest of every string as reviewed
(:mod:`.reviews`), so that any later change shows as ``changed-since-review``. The rest of the
file (comments, other locales) is kept as it is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path

from factsheet.files import DOMAIN, LOCALE_LIST, read_input
from factsheet.loading.factsheets import source_factsheet
from factsheet.loading.interface import source_interface
from factsheet.locale.registry import DEFAULT_LOCALE, parse_locale_list

from .catalogs import parse_catalog
from .checks import check_catalog
from .reviews import digests, reviewed_strings

__all__ = ["record_review", "replace_entry", "review_block"]


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
    if code == DEFAULT_LOCALE:
        raise ValueError(f"{code} is the Dutch source: there is nothing to review")
    path = root / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    data = read_input(path)
    problems = check_catalog(code, data)
    if problems:
        raise ValueError(f"{path} has {len(problems)} problem(s); fix them first: " + "; ".join(problems[:3]))
    strings = digests(
        reviewed_strings(source_factsheet(), source_interface(), parse_catalog(data, str(path)))
    )
    locale_list = root / LOCALE_LIST
    text = replace_entry(read_input(locale_list).decode("utf-8"), code, review_block(code, by, on, strings))
    parse_locale_list(text, str(locale_list))  # never write a file the runtime would refuse
    locale_list.write_text(text, encoding="utf-8")
    return text
