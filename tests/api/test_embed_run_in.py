"""The embed reads like the page: where the page runs an item's title into its text ("Titel: tekst",
as the printed original does), so does ``<ai-chatbot-factsheet>``, with the locale's own colon."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

import factsheet
from api.pages.embed import run_in_sections
from factsheet.i18n.typography import colon

from . import test_browser as shared
from . import test_embed_browser as embed
from .html_tree import parse_html
from .test_browser import Tab, artifact

browser = shared.browser
live = shared.live
open_tab = shared.open_tab
host = embed.host


def test_the_embed_runs_in_the_sections_the_page_runs_in(client: FlaskClient) -> None:
    page = parse_html(client.get("/nl/").get_data(as_text=True))
    on_page = [
        s.attrs["id"] for s in page.iter("section") if "layout-run-in" in s.attrs.get("class", "").split()
    ]
    assert on_page, "the page runs no section in: the embed has nothing to follow"
    assert run_in_sections() == on_page


def test_a_french_heading_runs_in_with_a_no_break_space_before_its_colon() -> None:
    assert colon("fr") == "\u00a0: "
    assert colon("de") == colon("ar") == ": "


@pytest.mark.browser
@pytest.mark.parametrize("code", ["fr", "de", "ar"])
def test_reasons_run_their_title_into_their_text(
    open_tab: Callable[..., Tab], host: Callable[..., str], live: str, code: str
) -> None:
    (section,) = run_in_sections()
    other = next(s.id for s in factsheet.load(code).sections if s.id != section and s.title)
    tab = open_tab()
    page = tab.page
    body = (
        f'<ai-chatbot-factsheet id="runs" locale="{code}" section="{section}"></ai-chatbot-factsheet>'
        f'<ai-chatbot-factsheet id="compact" locale="{code}" section="{section}" compact>'
        "</ai-chatbot-factsheet>"
        f'<ai-chatbot-factsheet id="other" locale="{code}" section="{other}"></ai-chatbot-factsheet>'
    )
    page.goto(host(live, body))
    for element in ("#runs", "#compact", "#other"):
        page.locator(f"{element} .attribution").wait_for()
    items = factsheet.load(code).section(section).items
    for element in ("#runs", "#compact"):  # one sentence each, never collapsed
        shown = page.eval_on_selector_all(f"{element} .item", "items => items.map(i => i.textContent)")
        assert shown == [f"{item.title}{colon(code)}{item.text}" for item in items]
        displays = page.eval_on_selector_all(
            f"{element} .item > .heading, {element} .item > .text",
            "n => n.map(e => getComputedStyle(e).display)",
        )
        assert set(displays) == {"inline"}
        tops = page.eval_on_selector_all(
            f"{element} .item",
            "items => items.map(i => [i.querySelector('.heading'), i.querySelector('.text')]"
            ".map(e => Math.round(e.getClientRects()[0].top)))",
        )
        assert all(heading == text for heading, text in tops), tops  # on one line
    other_displays = page.eval_on_selector_all(
        "#other .item > .heading", "n => n.map(e => getComputedStyle(e).display)"
    )
    assert set(other_displays) == {"block"}  # other sections keep their headings
    assert page.locator("#other .run-in").count() == 0
    page.screenshot(path=artifact(f"embed-run-in-{code}.png"), full_page=True)
    assert tab.problems == []
