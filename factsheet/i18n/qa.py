"""The quality checks of one catalog beyond its completeness: translate-toolkit's pofilter
(:mod:`.pofilter`) and the glossary (:mod:`.glossary_check`), each finding weighed against the
exceptions recorded in ``translations/exceptions.yaml`` (:mod:`.exceptions`)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from babel.messages.pofile import read_po

from factsheet.files import DOMAIN
from factsheet.locale.registry import locale_statuses

from . import glossary_check
from .exceptions import FILE as EXCEPTIONS
from .exceptions import RecordedException
from .pofilter import pofilter

__all__ = ["qa_problems"]


def qa_problems(root: Path, code: str, data: bytes, used: set[RecordedException]) -> list[str]:
    """The pofilter and glossary problems of the catalog ``data`` of ``code`` in the workspace
    ``root`` that no recorded exception excuses; the exceptions that excused one go into ``used``."""
    glossary, exceptions, _ = glossary_check.load(root, tuple(locale_statuses()))

    def excused(context: str, **rule: str) -> bool:
        found = [e for e in exceptions if e.covers(code, context, **rule)]
        used.update(found)
        return bool(found)

    problems: list[str] = []
    try:
        failures = pofilter(root / code / "LC_MESSAGES" / f"{DOMAIN}.po", code)
    except (FileNotFoundError, RuntimeError) as error:
        problems.append(f"not checked with pofilter: {error}")
        failures = []
    problems += [
        f"{f.context}: pofilter {f.test}: {f.message} (or record why in {EXCEPTIONS})"
        for f in failures
        if not excused(f.context, pofilter=f.test)
    ]
    strings = [
        (m.context or "", m.id, m.string)
        for m in read_po(BytesIO(data), locale=code)
        if isinstance(m.id, str) and m.id and isinstance(m.string, str) and m.string
    ]
    problems += [
        f"{f.context}: glossary {f.concept}: {f.problem} (or record why in {EXCEPTIONS})"
        for f in glossary_check.findings(glossary, code, strings)
        if not excused(f.context, glossary=f.concept)
    ]
    return problems
