"""The embed's translation notices in Chromium, for every status a fetched factsheet can have.

The element gets the rule as data (factsheet/output/notices.py); here it renders a factsheet
whose ``metadata.translation`` says each status in turn, with and without Dutch fallbacks.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

import factsheet
from factsheet.model.status import TRANSLATION_STATUSES, TranslationStatus
from factsheet.output.notices import FALLBACK_NOTICE, notice_keys
from tests.test_notices import REVIEW, translation

from . import test_embed_browser as embed_tests
from .test_browser import Tab

browser = embed_tests.browser
live = embed_tests.live
open_tab = embed_tests.open_tab
host = embed_tests.host

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("status", TRANSLATION_STATUSES)
def test_the_embed_shows_the_notices_of_each_status(
    open_tab: Callable[..., Tab], host: Callable[..., str], live: str, status: TranslationStatus
) -> None:
    sheet = embed_tests._json(live, "v1/de/factsheet.json")
    made = translation(status, fallbacks=("risks/echo/title",))
    sheet["metadata"]["translation"].update(
        status=status,
        fallbacks=list(made.fallbacks),
        reviewed_by=made.reviewed_by,
        reviewed_on=made.reviewed_on,
    )
    tab = open_tab()
    page = tab.page
    page.route(
        "**/v1/de/factsheet.json",
        lambda route: route.fulfill(
            json=sheet, headers={"Access-Control-Allow-Origin": "*", "Content-Type": "application/json"}
        ),
    )
    page.goto(host(live, '<ai-chatbot-factsheet locale="de" section="risks"></ai-chatbot-factsheet>'))
    embed_tests._rendered(page, "ai-chatbot-factsheet")
    ui = factsheet.interface_text("de")
    expected = [
        ui.format(key, reviewer=REVIEW["reviewed_by"], date=REVIEW["reviewed_on"])
        + ("" if key == FALLBACK_NOTICE else f" {ui['original']}")
        for key in notice_keys(made)
    ]
    assert embed_tests._texts(page, "ai-chatbot-factsheet .notice") == expected
    assert tab.problems == []
