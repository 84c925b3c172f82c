"""What every answer to an AI assistant must carry, checked one way for the MCP server's Markdown
and JSON (tests/test_mcp.py, tests/test_mcp_transports.py): the citation (title, edition,
version, content checksum), the rights statement, and the notices of the locale's translation
status, each as the package words it in that locale (never assumed: derived from the data)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import factsheet
from factsheet import TranslationStatus
from factsheet.output.notices import notices

_ESCAPED = re.compile(r"\\([\\`*_\[\]<>|&#>+=~-])")


def _unescaped(markdown: str) -> str:
    return _ESCAPED.sub(r"\1", markdown)


def status_notices(code: str) -> set[str]:
    """The notice a part in ``code`` shows about its translation, in its language: that of the
    locale's status, or for a locale changed since its review, that of the review where a part's
    strings did not change. Empty for the source."""
    info = factsheet.locale_info(code)
    statuses: set[TranslationStatus] = {info.status}
    if info.status == "changed-since-review":
        statuses.add("reviewed")
    ui = factsheet.interface_text(code)
    return {
        ui.format(notice.key, **notice.values)
        for status in statuses
        for notice in notices(
            factsheet.Translation(status=status, reviewed_by=info.reviewed_by, reviewed_on=info.reviewed_on)
        )
    }


def assert_markdown_attributed(markdown: str, code: str, where: str, fallbacks: Sequence[str] = ()) -> None:
    """``markdown`` cites the factsheet in ``code``, states the rights, gives the translation
    notice and names each string shown in Dutch (``fallbacks``, from the same answer's JSON)."""
    meta = factsheet.load(code).metadata
    ui = factsheet.interface_text(code)
    text = _unescaped(markdown)
    source = ui.format("embed-source", title=meta.title, edition=meta.edition, version=meta.version)
    assert source in text, f"{where}: no citation"
    assert factsheet.content_checksum() in text, f"{where}: no content checksum"
    assert meta.rights.statement in text, f"{where}: no rights statement"
    expected = status_notices(code)
    assert not expected or any(notice in text for notice in expected), f"{where}: no translation notice"
    for context in fallbacks:
        assert context in text, f"{where}: {context} is shown in Dutch and not named"


def assert_data_attributed(data: dict[str, Any], code: str, where: str) -> None:
    """``data`` (an answer's JSON, or a chunk) carries the citation, the rights and the notices."""
    meta = factsheet.load(code).metadata
    citation = data["citation"]
    assert citation["rights"] == meta.rights.statement, f"{where}: no rights statement"
    assert citation["rights_holder"] == meta.rights.holder, where
    assert (citation["title"], citation["edition"], citation["version"]) == (
        meta.title,
        meta.edition,
        meta.version,
    ), where
    assert citation["checksum"] == factsheet.content_checksum(), where
    expected = status_notices(code)
    assert not expected or expected & set(data["notices"]), f"{where}: no translation notice"
    if data["translation"]["fallbacks"]:
        assert factsheet.interface_text(code)["fallback-summary"] in data["notices"], where
