"""The embed in a real browser: ``<ai-chatbot-factsheet>`` on a page of another origin with a strict
Content-Security-Policy, live and from the static export; the iframe mode; the generator page.

Same tools and skips as ``test_browser.py`` (Debian's Chromium via Playwright, axe-core from
``.ci/node``). Screenshots go to ``test-artifacts/embed-*.png``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from werkzeug.wrappers import Request, Response

import factsheet
from api.pages.embed import FRAME_MESSAGE
from api.publish.export import Exported
from tests.translation_status import status_notice

from . import test_browser as shared
from .test_browser import PHONE, Served, Tab, artifact

# The browser, the live app and axe-core, shared with the page tests (pytest finds fixtures by name).
browser = shared.browser
live = shared.live
open_tab = shared.open_tab
axe_source = shared.axe_source

pytestmark = pytest.mark.browser

#: The two lines of the README that resize an iframe (the second is the script).
RESIZE_SNIPPET = (
    'addEventListener("message", function (e) { if (e.origin === "%s" && e.data && e.data.type === '
    f'"{FRAME_MESSAGE}") for (var f of document.querySelectorAll("iframe")) '
    "if (f.contentWindow === e.source) f.height = e.data.height; });"
)
#: Records every CSP violation the page reports (an init script, which the page's policy does not govern).
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
"""


class _CorsStaticHandler(SimpleHTTPRequestHandler):
    """A plain static file server that says what a public static host (GitHub Pages) says: ``*``."""

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def static_copy(exported_site: Exported) -> Iterator[str]:
    """The export on a plain static server (no app): only files, plus the CORS header."""
    site = exported_site.destination
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_CorsStaticHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def host_policy(factsheet_origin: str, *scripts: str) -> str:
    """A strict host policy: only the factsheet's origin may give scripts, data and frames; no styles
    at all (the element's constructable stylesheet needs no ``style-src``)."""
    hashes = "".join(f" {_sha256(s)}" for s in scripts)
    return (
        f"default-src 'none'; script-src {factsheet_origin}{hashes}; connect-src {factsheet_origin}; "
        f"frame-src {factsheet_origin}; base-uri 'none'; form-action 'none'"
    )


def host_page(base: str, body: str, *, lang: str = "en", scripts: tuple[str, ...] = ()) -> str:
    inline = "".join(f"<script>{s}</script>" for s in scripts)
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>Another site</title>'
        f'<script type="module" src="{base}/embed.js"></script></head>'
        f"<body><main><h1>Another site</h1>{body}</main>{inline}</body></html>"
    )


@pytest.fixture
def host() -> Iterator[Callable[..., str]]:
    """``host(base, body, ...)``: the URL of a page on a second loopback origin, under a strict CSP."""
    servers: list[Served] = []

    def make(
        base: str, body: str, *, lang: str = "en", scripts: tuple[str, ...] = (), policy: str = ""
    ) -> str:
        html = host_page(base, body, lang=lang, scripts=scripts)
        policy = policy or host_policy(base, *scripts)

        @Request.application
        def site(request: Request) -> Response:
            return Response(
                html, content_type="text/html; charset=utf-8", headers={"Content-Security-Policy": policy}
            )

        served = Served(site)
        servers.append(served)
        assert served.url != base
        return served.url

    yield make
    for served in servers:
        served.stop()


def _json(base: str, path: str) -> Any:
    with urllib.request.urlopen(f"{base}/{path}", timeout=10) as response:  # noqa: S310 - loopback
        return json.load(response)


def _texts(page: Any, selector: str) -> list[str]:
    return [" ".join(t.split()) for t in page.locator(selector).all_inner_texts()]


def _until(page: Any, expression: str, timeout: float = 15) -> None:
    """Wait until ``expression`` is true (``wait_for_function`` evals a string; strict policies forbid it)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            pytest.fail(f"still false after {timeout} s: {expression}")
        time.sleep(0.05)


def _rendered(page: Any, element: str) -> None:
    page.locator(f"{element} .attribution").wait_for()


THREE = """
<ai-chatbot-factsheet id="whole" locale="ar"><a href="#">Factsheet</a></ai-chatbot-factsheet>
<ai-chatbot-factsheet id="risks" locale="de" section="risks" heading-level="2"></ai-chatbot-factsheet>
<ai-chatbot-factsheet id="tip" locale="pl" section="conversation" item="vulnerable-groups">
</ai-chatbot-factsheet>
"""


@pytest.mark.parametrize("origin", ["live", "static"])
def test_three_embeds_under_a_strict_policy_show_the_json(
    open_tab: Callable[..., Tab],
    host: Callable[..., str],
    live: str,
    request: pytest.FixtureRequest,
    origin: str,
) -> None:
    base = live if origin == "live" else request.getfixturevalue("static_copy")
    tab = open_tab()
    page = tab.page
    page.add_init_script(WATCH_VIOLATIONS)
    page.goto(host(base, THREE))
    for element in ("#whole", "#risks", "#tip"):
        _rendered(page, element)

    ar = _json(base, "v1/ar/factsheet.json")
    assert page.eval_on_selector("#whole article", "e => [e.lang, e.dir, getComputedStyle(e).direction]") == [
        "ar",
        "rtl",
        "rtl",
    ]
    assert _texts(page, "#whole .title") == [ar["metadata"]["title"]]
    assert _texts(page, "#whole .section > .heading") == [s["title"] for s in ar["sections"] if s["title"]]
    risks_ar = next(s for s in ar["sections"] if s["id"] == "risks")
    assert _texts(page, "#whole .section:nth-of-type(4) .item .text") == [
        i["text"] for i in risks_ar["items"]
    ]

    de = _json(base, "v1/de/sections/risks.json")
    assert _texts(page, "#risks .item > .heading") == [i["title"] for i in de["items"]]
    assert _texts(page, "#risks .item > .text") == [i["text"] for i in de["items"]]
    assert page.eval_on_selector("#risks .section > .heading", "e => e.tagName") == "H2"
    assert page.eval_on_selector("#risks .item > .heading", "e => e.tagName") == "H3"

    tip = _json(base, "v1/pl/sections/conversation/items/vulnerable-groups.json")
    assert _texts(page, "#tip .heading") == [f"{tip['number']}. {tip['title']}"]
    assert _texts(page, "#tip .point") == tip["points"]

    for element, code in (("#whole", "ar"), ("#risks", "de"), ("#tip", "pl")):
        meta = _json(base, f"v1/{code}/factsheet.json")["metadata"]
        attribution = page.locator(f"{element} .attribution").inner_text()
        assert meta["title"] in attribution and str(meta["edition"]) in attribution
        assert meta["version"] in attribution
        link = page.eval_on_selector(f"{element} .attribution a", "e => e.href")
        assert link == f"{base}/{code}/"
        notice = page.locator(f"{element} .notice").first.inner_text()
        assert status_notice(code) in notice

    # Its own stylesheet applies, though the host's policy allows no styles: the accent line.
    assert page.eval_on_selector("#risks .item", "e => getComputedStyle(e).borderInlineStartWidth") == "4px"
    assert page.eval_on_selector("#whole .item", "e => getComputedStyle(e).borderRightWidth") == "4px"  # rtl
    page.screenshot(path=artifact(f"embed-three-{origin}.png"), full_page=True)
    assert page.evaluate("window.__violations") == []
    assert tab.problems == []


def test_the_locale_comes_from_the_host_pages_lang(
    open_tab: Callable[..., Tab], host: Callable[..., str], live: str
) -> None:
    tab = open_tab(locale="fr-FR")
    page = tab.page
    body = (
        '<div lang="uk"><ai-chatbot-factsheet id="uk" section="reasons"></ai-chatbot-factsheet></div>'
        '<div lang="xx-XX"><ai-chatbot-factsheet id="browser" section="reasons"></ai-chatbot-factsheet></div>'
    )
    page.goto(host(live, body, lang="en"))
    _rendered(page, "#uk")
    _rendered(page, "#browser")
    assert page.eval_on_selector("#uk article", "e => e.lang") == "uk"
    assert page.eval_on_selector("#browser article", "e => e.lang") == "fr"  # no xx: the browser's language
    reasons = factsheet.load("uk").section("reasons")
    assert _texts(page, "#uk .item > .heading") == [i.title for i in reasons.items]
    page.screenshot(path=artifact("embed-host-lang.png"), full_page=True)
    assert tab.problems == []


def test_an_unknown_section_or_locale_shows_a_polite_message(
    open_tab: Callable[..., Tab], host: Callable[..., str], live: str
) -> None:
    tab = open_tab()
    page = tab.page
    warnings: list[str] = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    body = (
        '<ai-chatbot-factsheet id="section" locale="en" section="nope"></ai-chatbot-factsheet>'
        '<ai-chatbot-factsheet id="locale" locale="xx" section="risks"></ai-chatbot-factsheet>'
    )
    page.goto(host(live, body))
    page.locator("#section .notice").wait_for()
    page.locator("#locale .notice").wait_for()
    assert (
        page.locator("#section .notice")
        .inner_text()
        .startswith(factsheet.interface_text("en")["embed-error"])
    )
    assert page.eval_on_selector("#section .notice a", "e => e.href") == f"{live}/en/"
    assert page.eval_on_selector("#locale .notice a", "e => e.href") == f"{live}/en/"  # the host's language
    assert len(warnings) == 2  # one each
    section, locale = sorted(warnings, key=lambda w: "locale" in w)
    assert 'unknown section "nope"' in section and "risks" in section
    assert 'unknown locale "xx"' in locale and "ar, uk" in locale
    page.screenshot(path=artifact("embed-unknown.png"), full_page=True)
    assert tab.problems == []


@pytest.mark.parametrize("origin", ["live", "static"])
def test_a_version_pins_an_edition(
    open_tab: Callable[..., Tab], host: Callable[..., str], live: str, origin: str, request: Any
) -> None:
    """``version="1.0.0"`` shows that release's text and version, live and from a static copy; taking
    the attribute away renders the current edition again."""
    base = live if origin == "live" else request.getfixturevalue("static_copy")
    current = factsheet.load("es")
    assert "¿Usas" in (current.tips[0].example or "")  # the text 1.0.0 had differs (below)
    tab = open_tab()
    page = tab.page
    page.goto(
        host(
            base,
            '<ai-chatbot-factsheet locale="es" section="conversation" version="1.0.0">'
            "</ai-chatbot-factsheet>",
        )
    )
    _rendered(page, "ai-chatbot-factsheet")
    first = page.locator("ai-chatbot-factsheet .example").first
    assert "¿Utiliza" in first.inner_text() and "¿Usas" not in first.inner_text()
    assert "1.0.0" in page.locator("ai-chatbot-factsheet .attribution bdi").all_inner_texts()
    page.screenshot(path=artifact(f"embed-version-{origin}.png"), full_page=True)
    page.eval_on_selector("ai-chatbot-factsheet", "e => e.removeAttribute('version')")
    _until(
        page,
        "document.querySelector('ai-chatbot-factsheet').shadowRoot.querySelector('.example')"
        ".textContent.includes('¿Usas')",
    )
    attribution = page.locator("ai-chatbot-factsheet .attribution bdi").all_inner_texts()
    assert current.metadata.version in attribution and "1.0.0" not in attribution
    assert tab.problems == []


@pytest.mark.parametrize("origin", ["live", "static"])
def test_an_unknown_or_malformed_version_shows_a_polite_message(
    open_tab: Callable[..., Tab], host: Callable[..., str], live: str, origin: str, request: Any
) -> None:
    """An unknown version: the message, the link and one warning naming the releases there are. A
    value that is no version (``../x``) is refused before any URL is built."""
    base = live if origin == "live" else request.getfixturevalue("static_copy")
    tab = open_tab()
    page = tab.page
    warnings: list[str] = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    body = (
        '<ai-chatbot-factsheet id="unknown" locale="fr" version="9.9.9"></ai-chatbot-factsheet>'
        '<ai-chatbot-factsheet id="malformed" locale="fr" version="../../x"></ai-chatbot-factsheet>'
    )
    page.goto(host(base, body))
    for name in ("unknown", "malformed"):
        page.locator(f"#{name} .notice").wait_for()
        notice = page.locator(f"#{name} .notice").inner_text()
        assert notice.startswith(factsheet.interface_text("fr")["embed-error"])
        assert page.eval_on_selector(f"#{name} .notice a", "e => e.href") == f"{base}/fr/"
    assert len(warnings) == 2  # one each
    unknown, malformed = sorted(warnings, key=lambda w: "../../x" in w)
    released = ", ".join(release.version for release in factsheet.releases())
    assert f'no edition "9.9.9" in locale "fr"; there are {released}' in unknown
    assert 'version="../../x" is no version like "1.0.0"' in malformed
    assert not [url for url in asked if "/x/" in url]  # nothing fetched for the malformed value
    assert f"{base}/v1/releases.json" in asked
    # the 404 of the unknown edition is the only failed load
    assert [p for p in tab.problems if "404" not in p] == []
    assert len(tab.problems) <= 1


@pytest.mark.parametrize("blocked_by", ["network", "policy"])
def test_a_failed_or_blocked_fetch_shows_the_link(
    open_tab: Callable[..., Tab], host: Callable[..., str], live: str, blocked_by: str
) -> None:
    """The data cannot be had (a network error, or the host's policy allows the script but not
    the data): the polite message with the link, and one warning."""
    tab = open_tab()
    page = tab.page
    warnings: list[str] = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    policy = ""
    if blocked_by == "network":
        page.route("**/v1/de/factsheet.json", lambda route: route.abort())
    else:
        policy = f"default-src 'none'; script-src {live}; connect-src 'none'"
    body = '<ai-chatbot-factsheet locale="de"><a href="/x">Fallback</a></ai-chatbot-factsheet>'
    page.goto(host(live, body, policy=policy))
    page.locator("ai-chatbot-factsheet .notice").wait_for()
    assert (
        page.locator("ai-chatbot-factsheet .notice")
        .inner_text()
        .startswith(factsheet.interface_text("de")["embed-error"])
    )
    assert page.eval_on_selector("ai-chatbot-factsheet .notice a", "e => e.href") == f"{live}/de/"
    assert len(warnings) == 1 and "Showing a link" in warnings[0]
    page.screenshot(path=artifact(f"embed-blocked-{blocked_by}.png"))


def test_the_light_dom_shows_before_the_element_upgrades(
    open_tab: Callable[..., Tab], host: Callable[..., str], live: str
) -> None:
    tab = open_tab()
    page = tab.page
    page.route(f"{live}/embed.js", lambda route: route.abort())  # as if JavaScript were off
    body = '<ai-chatbot-factsheet locale="de"><a href="https://example.org/de/">Faktenblatt</a></ai-chatbot-factsheet>'
    page.goto(host(live, body))
    assert page.get_by_role("link", name="Faktenblatt").is_visible()


def test_changing_an_attribute_renders_again(
    open_tab: Callable[..., Tab], host: Callable[..., str], live: str
) -> None:
    tab = open_tab(viewport={"width": 320, "height": 700})
    page = tab.page
    page.goto(host(live, '<ai-chatbot-factsheet locale="en" section="risks"></ai-chatbot-factsheet>'))
    _rendered(page, "ai-chatbot-factsheet")
    assert _texts(page, "ai-chatbot-factsheet .item > .heading") == [
        r.title for r in factsheet.load("en").risks
    ]
    page.eval_on_selector(
        "ai-chatbot-factsheet",
        "e => { e.setAttribute('locale', 'ar'); e.setAttribute('section', 'conversation'); }",
    )
    _until(
        page,
        "document.querySelector('ai-chatbot-factsheet').shadowRoot.querySelector('article').lang === 'ar'",
    )
    assert _texts(page, "ai-chatbot-factsheet .item > .heading") == [
        f"{t.number}. {t.title}" for t in factsheet.load("ar").tips
    ]
    assert page.evaluate("document.documentElement.scrollWidth") <= 320  # fits a narrow column
    page.eval_on_selector("ai-chatbot-factsheet", "e => e.setAttribute('compact', '')")
    page.locator("ai-chatbot-factsheet summary").first.wait_for()
    assert page.locator("ai-chatbot-factsheet details").count() == len(factsheet.load("ar").tips)
    page.screenshot(path=artifact("embed-320-compact-ar.png"), full_page=True)
    assert tab.problems == []


def test_the_iframe_tells_its_parent_its_height(
    open_tab: Callable[..., Tab], host: Callable[..., str], live: str
) -> None:
    tab = open_tab(viewport=PHONE)
    page = tab.page
    page.add_init_script(WATCH_VIOLATIONS)
    snippet = RESIZE_SNIPPET % live
    frame_html = (
        f'<iframe src="{live}/embed/ar/conversation/" title="Factsheet" width="100%" height="150"></iframe>'
    )
    page.goto(host(live, frame_html, scripts=(snippet,)))
    _until(page, "Number(document.querySelector('iframe').height) > 600")
    frame = page.frame_locator("iframe")
    frame.locator("ai-chatbot-factsheet .attribution").wait_for()
    inner = page.frames[1].evaluate("document.documentElement.getBoundingClientRect().height")
    _until(page, f"Math.abs(Number(document.querySelector('iframe').height) - {inner}) <= 2")
    assert page.frames[1].evaluate("document.documentElement.dir") == "rtl"
    page.screenshot(path=artifact("embed-iframe-ar.png"), full_page=True)
    assert page.evaluate("window.__violations") == []
    assert tab.problems == []


def test_the_generator_builds_a_snippet_and_a_preview(open_tab: Callable[..., Tab], live: str) -> None:
    tab = open_tab(locale="de-DE")
    page = tab.page
    page.goto(f"{live}/embed/")
    assert page.evaluate("document.documentElement.lang") == "de"
    page.locator("#section option[value=conversation]").wait_for(state="attached")
    page.select_option("#locale", "ar")
    # The Arabic sections, not the German ones that were there before the switch.
    _until(page, "document.querySelector('#section option[value=conversation]')?.lang === 'ar'")
    page.select_option("#section", "conversation")
    page.select_option("#item", "vulnerable-groups")
    # Arabic choices read right to left, so a long title is cut at its end, not its start;
    # the snippet stays left to right whatever the page's language.
    chosen = "[s.dir, s.selectedOptions[0].lang, s.selectedOptions[0].dir]"
    assert page.evaluate(f"(s => {chosen})(document.querySelector('#item'))") == ["rtl", "ar", "rtl"]
    assert page.evaluate("document.querySelector('#snippet').closest('pre').dir") == "ltr"
    snippet = page.inner_text("#snippet")
    assert f'<script type="module" src="{live}/embed.js"></script>' in snippet
    assert 'locale="ar" section="conversation" item="vulnerable-groups"' in snippet
    page.locator("#preview .attribution").wait_for()
    assert _texts(page, "#preview .heading") == [
        f"7. {factsheet.load('ar').conversation.item('vulnerable-groups').title}"
    ]
    page.screenshot(path=artifact("embed-generator-script.png"), full_page=True)
    page.select_option("#mode", "iframe")
    assert f'<iframe src="{live}/embed/ar/conversation/"' in page.inner_text("#snippet")
    _until(page, "Number(document.querySelector('#preview iframe').height) > 600")
    page.screenshot(path=artifact("embed-generator-iframe.png"), full_page=True)
    assert tab.problems == []


@pytest.mark.parametrize("where", ["host", "generator"])
def test_no_serious_accessibility_violations_in_the_embed(
    open_tab: Callable[..., Tab], host: Callable[..., str], live: str, axe_source: str, where: str
) -> None:
    tab = open_tab()
    page = tab.page
    if where == "host":
        page.goto(host(live, THREE))
        for element in ("#whole", "#risks", "#tip"):
            _rendered(page, element)
    else:
        page.goto(f"{live}/embed/")
        page.locator("#preview .attribution").wait_for()
    page.evaluate(axe_source)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert shared._serious(result["violations"]) == []
    page.emulate_media(color_scheme="dark")
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert shared._serious(result["violations"]) == [], "dark colour scheme"


def test_strings_that_fell_back_to_dutch_are_marked(
    open_tab: Callable[..., Tab], host: Callable[..., str], live: str
) -> None:
    """A catalog without the title of one risk (the JSON says so): that title is Dutch, marked."""
    sheet = _json(live, "v1/de/factsheet.json")
    dutch = factsheet.load("nl").section("risks").item("echo").title
    risks = next(s for s in sheet["sections"] if s["id"] == "risks")
    risks["items"][0]["title"] = dutch
    sheet["metadata"]["translation"]["fallbacks"] = ["risks/echo/title"]
    tab = open_tab()
    page = tab.page
    page.route(
        "**/v1/de/factsheet.json",
        lambda route: route.fulfill(
            json=sheet, headers={"Access-Control-Allow-Origin": "*", "Content-Type": "application/json"}
        ),
    )
    page.goto(host(live, '<ai-chatbot-factsheet locale="de" section="risks"></ai-chatbot-factsheet>'))
    _rendered(page, "ai-chatbot-factsheet")
    marked = page.locator("ai-chatbot-factsheet .fallback")
    assert marked.count() == 1
    assert marked.inner_text() == dutch
    assert marked.evaluate("e => [e.lang, e.dir, e.closest('article').lang]") == ["nl", "ltr", "de"]
    assert page.locator("ai-chatbot-factsheet .mark").inner_text() == "NL"
    notices = _texts(page, "ai-chatbot-factsheet .notice")
    assert factsheet.interface_text("de")["fallback-summary"] in notices
    page.screenshot(path=artifact("embed-fallback-de.png"))
    assert tab.problems == []
