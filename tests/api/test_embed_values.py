"""The embed in a real browser, given attribute values that only look valid: a locale named like a
property every JavaScript object has (``constructor``, ``__proto__``), in ``locale`` or in the
page's ``lang``, and a ``heading-level`` that is no whole number (``2.5``).

Same tools, skips and host page as ``test_embed_browser.py`` (another origin, a strict policy).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import factsheet

from . import test_embed_browser as embed
from .test_browser import Tab

browser = embed.browser
live = embed.live
open_tab = embed.open_tab
host = embed.host

pytestmark = pytest.mark.browser

#: Names every object has (``in`` finds them on a plain object), and one only ``Object`` has.
INHERITED = ("constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "__defineGetter__")


def _watch(page: Any) -> tuple[list[str], list[str]]:
    """The console warnings and the URLs the page asks for, as they come."""
    warnings: list[str] = []
    asked: list[str] = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    page.on("request", lambda r: asked.append(r.url))
    return warnings, asked


def test_an_inherited_name_is_an_unknown_locale(
    open_tab: Callable[..., Tab], host: Callable[..., str], live: str
) -> None:
    """``locale="constructor"`` is refused like ``xx``: the message in the page's language, the
    link, one warning each, and nothing fetched for it."""
    tab = open_tab()
    page = tab.page
    warnings, asked = _watch(page)
    body = "".join(
        f'<ai-chatbot-factsheet id="e{n}" locale="{name}" section="risks"></ai-chatbot-factsheet>'
        for n, name in enumerate(INHERITED)
    )
    page.goto(host(live, body, lang="de"))
    for n, name in enumerate(INHERITED):
        page.locator(f"#e{n} .notice").wait_for()
        notice = page.locator(f"#e{n} .notice").inner_text()
        assert notice.startswith(factsheet.interface_text("de")["embed-error"]), name
        assert page.eval_on_selector(f"#e{n} .notice a", "e => e.href") == f"{live}/de/"
        assert page.eval_on_selector(f"#e{n} article", "e => [e.lang, e.dir]") == ["de", "ltr"]
    assert len(warnings) == len(INHERITED)
    for name in INHERITED:
        assert sum(f'unknown locale "{name}"; there are nl, en' in w for w in warnings) == 1, warnings
    assert not [url for url in asked if "/v1/" in url]  # refused before any fetch
    assert tab.problems == []


def test_an_inherited_name_as_the_pages_lang_is_passed_over(
    open_tab: Callable[..., Tab], host: Callable[..., str], live: str
) -> None:
    """Neither the element nor the page says a shipped locale: the browser's language it is."""
    tab = open_tab(locale="fr-FR")
    page = tab.page
    _, asked = _watch(page)
    langs = ("constructor-x", *INHERITED)
    body = '<ai-chatbot-factsheet id="page" section="reasons"></ai-chatbot-factsheet>' + "".join(
        f'<div lang="{name}"><ai-chatbot-factsheet id="e{n}" section="reasons"></ai-chatbot-factsheet></div>'
        for n, name in enumerate(langs)
    )
    page.goto(host(live, body, lang="constructor"))
    for element in ("#page", *(f"#e{n}" for n in range(len(langs)))):
        embed._rendered(page, element)
        assert page.eval_on_selector(f"{element} article", "e => e.lang") == "fr", element
    reasons = factsheet.load("fr").section("reasons")
    titles = [" ".join((i.title or "").split()) for i in reasons.items]
    assert embed._texts(page, "#page .item > .heading") == titles
    assert not [url for url in asked if "/v1/" in url and "/v1/fr/" not in url]
    assert tab.problems == []


def test_the_failure_message_is_never_an_empty_box(
    open_tab: Callable[..., Tab], host: Callable[..., str], live: str
) -> None:
    """Whatever locale the failure is asked to speak, it shows the message and the link: in that
    locale if it is shipped, else in the reader's (the page's ``lang``). It never throws, which
    left the shadow root with only its slot: an empty box."""
    tab = open_tab()
    page = tab.page
    page.goto(host(live, '<ai-chatbot-factsheet locale="de" section="risks"></ai-chatbot-factsheet>'))
    embed._rendered(page, "ai-chatbot-factsheet")
    for name in (*INHERITED, "xx", "", "ar"):
        shown = page.eval_on_selector(
            "ai-chatbot-factsheet",
            "(e, name) => { const a = e.failure(name), notice = a.querySelector('.notice');"
            " return [a.lang, a.dir, notice.textContent, notice.querySelector('a').href]; }",
            name,
        )
        lang, direction, text, href = shown
        assert [lang, direction] == (["ar", "rtl"] if name == "ar" else ["en", "ltr"]), (name, shown)
        assert text.startswith(factsheet.interface_text(lang)["embed-error"]), (name, shown)
        assert href == f"{live}/{lang}/", (name, shown)
    assert tab.problems == []


#: ``heading-level`` as given, and the tags of the section heading and item headings it gives.
LEVELS = {
    "2.5": ("H2", "H3"),  # no whole number: the default, with a warning
    "3.0": ("H2", "H3"),
    "abc": ("H2", "H3"),
    "1e1": ("H2", "H3"),
    "Infinity": ("H2", "H3"),
    "4": ("H4", "H5"),
    " 3 ": ("H3", "H4"),
    "0": ("H1", "H2"),  # a whole number out of range: the nearest level, silently
    "-2": ("H1", "H2"),
    "6": ("H6", "H6"),
    "99999999999999999999999": ("H6", "H6"),
    "": ("H2", "H3"),  # empty is absent
}
WARNED = ("2.5", "3.0", "abc", "1e1", "Infinity")


def test_heading_level_is_a_whole_number(
    open_tab: Callable[..., Tab], host: Callable[..., str], live: str
) -> None:
    tab = open_tab()
    page = tab.page
    warnings, _ = _watch(page)
    body = "".join(
        f'<ai-chatbot-factsheet id="h{n}" locale="en" section="risks" heading-level="{value}">'
        "</ai-chatbot-factsheet>"
        for n, value in enumerate(LEVELS)
    )
    page.goto(host(live, body))
    for n, (value, (section, item)) in enumerate(LEVELS.items()):
        element = f"#h{n}"
        embed._rendered(page, element)
        assert page.eval_on_selector(f"{element} .section > .heading", "e => e.tagName") == section, value
        assert set(embed._texts(page, f"{element} .item > .heading")), value
        tags = page.eval_on_selector(
            element, "e => [...e.shadowRoot.querySelectorAll('.item > .heading')].map((h) => h.tagName)"
        )
        assert set(tags) == {item}, value
        # Every element is one the browser knows: no <h2.5>.
        unknown = page.eval_on_selector(
            element,
            "e => [...e.shadowRoot.querySelectorAll('*')].filter((x) => x instanceof HTMLUnknownElement)"
            ".map((x) => x.tagName)",
        )
        assert unknown == [], value
    assert len(warnings) == len(WARNED), warnings
    for value in WARNED:
        said = f'heading-level="{value}" is no whole number from 1 to 6; using 2'
        assert sum(said in w for w in warnings) == 1, (value, warnings)
    assert tab.problems == []
