"""The translation notices of the page (and so the PDF) and of the embed: the data package's rule.

tests/test_notices.py tests the rule and the text formats; tests/api/test_notices_browser.py
renders the embed with each status in Chromium.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient

import factsheet
from api.pages import assets, embed
from api.pages.page import render_page
from factsheet.model.status import TRANSLATION_STATUSES, TranslationStatus
from factsheet.output.notices import FALLBACK_NOTICE, NOTICE_KEYS, STATUS_NOTICES, notice_keys
from tests.test_notices import translation, with_translation

from .conftest import REFERRER_POLICY
from .html_tree import parse_html

EMBED_SOURCE = Path(__file__).parents[2] / "api" / "assets" / "embed.js"


@pytest.mark.parametrize("status", TRANSLATION_STATUSES)
@pytest.mark.parametrize("fallbacks", [(), ("risks/echo/title",)])
def test_the_page_shows_the_notices_of_each_status(
    status: TranslationStatus, fallbacks: tuple[str, ...]
) -> None:
    made = translation(status, fallbacks=fallbacks)
    sheet = with_translation(factsheet.load("de"), made)
    document = parse_html(render_page(sheet, assets=assets.load(), referrer_policy=REFERRER_POLICY))
    ui = factsheet.interface_text("de")
    expected = [ui.format(key, reviewer="A. Prüfer", date="2026-12-01") for key in notice_keys(made)]
    if not expected:
        with pytest.raises(LookupError):
            document.find("div", class_="notice")
        return
    shown = [" ".join(p.text.split()) for p in document.find("div", class_="notice").iter("p")]
    assert len(shown) == len(expected)
    for text, wording, key in zip(shown, expected, notice_keys(made), strict=True):
        # a status notice is followed by the link to the original
        assert text == (f"{wording} {ui['original']}" if key != FALLBACK_NOTICE else wording)


def test_the_embed_carries_the_rule_and_the_text_of_every_notice(client: FlaskClient) -> None:
    script = client.get("/embed.js").get_data(as_text=True)
    found = re.search(r"^const DATA = (\{.*\});$", script, re.MULTILINE)
    assert found, "the data table was not written into the script"
    data = json.loads(found.group(1))
    assert data["notices"] == {"status": dict(STATUS_NOTICES), "fallbacks": FALLBACK_NOTICE}
    for code, strings in data["locales"].items():
        assert set(NOTICE_KEYS) <= set(strings["text"]), code


def test_the_embed_script_writes_no_rule_of_its_own() -> None:
    # The element takes the keys from DATA.notices; a status named in its source is a second rule.
    source = EMBED_SOURCE.read_text(encoding="utf-8")
    for key in {*TRANSLATION_STATUSES, *NOTICE_KEYS}:
        assert f'"{key}"' not in source, key
    assert "DATA.notices.status[translation.status]" in source
    assert set(NOTICE_KEYS) <= set(embed.EMBED_TEXT)
