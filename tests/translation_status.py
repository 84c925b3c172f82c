"""What a translated locale says of itself, derived from the locale list, so that tests hold
whether or not a locale has been reviewed (REVIEWING.md records reviews in the list)."""

from __future__ import annotations

import factsheet
from factsheet.output.notices import notices


def status_notice(code: str) -> str:
    """The status notice a factsheet in ``code`` shows, worded in that language."""
    ui = factsheet.interface_text(code)
    (notice,) = (each for each in notices(factsheet.load(code).metadata.translation) if each.status)
    return ui.format(notice.key, **notice.values)
