"""The pages, CORS, accessibility and the static export in a real browser: Debian's Chromium via Playwright.

Playwright never downloads a browser here: it drives ``/usr/bin/chromium`` (Debian packages
``chromium`` and ``chromium-driver``, installed by ``.ci/run``). Without it these tests skip and
say so. The app is served over real HTTP on loopback ports, from a thread. Screenshots and PDFs
go to ``test-artifacts/`` (not committed) for a person to look at.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

import factsheet
from api.publish.export import Exported
from tests.conftest import free_port, missing, require
from tests.outline import LOCALES

from .conftest import ROOT, MakeApp
from .pdf_text import split_items

CHROMIUM = Path(os.environ.get("FACTSHEET_CHROMIUM", "/usr/bin/chromium"))
require(
    None
    if CHROMIUM.is_file()
    else f"there is no Chromium at {CHROMIUM}: install the Debian packages chromium and "
    "chromium-driver (bash .ci/run does), or point FACTSHEET_CHROMIUM at one",
    what="the browser tests",
    module=True,
)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")

pytestmark = pytest.mark.browser

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
AXE_PATHS = (
    os.environ.get("AXE_CORE_JS", ""),
    str(ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"),
)

Page = Any  # playwright.sync_api.Page; Playwright's own types stay out of mypy's way here
Browser = Any


# Servers ---------------------------------------------------------------------------------------


@dataclass
class Served:
    """A WSGI app on a loopback port, in a thread, until ``stop()``."""

    app: Callable[..., Any]
    server: Any = field(init=False)

    def __post_init__(self) -> None:
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def live(make_app: MakeApp) -> Iterator[str]:
    served = Served(make_app())
    yield served.url
    served.stop()


@pytest.fixture(scope="module")
def static_host(exported_site: Exported) -> Iterator[str]:
    """The export, served by Python's plain static file server: no app, no negotiation."""
    site = exported_site.destination
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "http.server",
        str(port),
        "--bind",
        "127.0.0.1",
        "--directory",
        str(site),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"{url}/index.html", timeout=2):  # noqa: S310 - loopback
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("python -m http.server did not start")
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


# Browser ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@dataclass
class Tab:
    """A page in a fresh browser context, with every console error and failed request it saw."""

    page: Page
    problems: list[str]


@pytest.fixture
def open_tab(browser: Browser) -> Iterator[Callable[..., Tab]]:
    contexts: list[Any] = []

    def open_(viewport: dict[str, int] = DESKTOP, locale: str = "nl-NL") -> Tab:
        context = browser.new_context(viewport=viewport, locale=locale)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        problems: list[str] = []
        page.on(
            "console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None
        )
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url} ({r.failure})"))
        return Tab(page, problems)

    yield open_
    for context in contexts:
        context.close()


def artifact(name: str) -> str:
    ARTIFACTS.mkdir(exist_ok=True)
    return str(ARTIFACTS / name)


def texts(page: Page, selector: str) -> list[str]:
    return [" ".join(t.split()) for t in page.locator(selector).all_inner_texts()]


# 1. Pages ----------------------------------------------------------------------------------------


SHOWN = ("nl", "ar", "de")  # screenshots of these go to test-artifacts/


@pytest.mark.parametrize("code", SHOWN)
def test_a_page_reads_as_the_factsheet_in_its_language(
    open_tab: Callable[..., Tab], live: str, code: str
) -> None:
    sheet = factsheet.load(code)
    direction = factsheet.locale_info(code).direction
    tab = open_tab()
    page = tab.page
    page.goto(f"{live}/{code}/")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [code, direction]
    assert page.eval_on_selector("main", "e => getComputedStyle(e).direction") == direction
    assert texts(page, "h1") == [sheet.metadata.title]
    assert texts(page, "main h2") == [s.title for s in sheet.sections if s.title]
    for section in sheet.sections[1:]:
        assert page.locator(f"#{section.id} > .items > li").count() == len(section.items), section.id
    assert texts(page, "#risks h3") == [risk.title for risk in sheet.risks]
    assert texts(page, "#conversation h4") == [tip.title for tip in sheet.tips]
    assert page.locator("blockquote").count() == 1

    # Mirrored: the accent line of a risk is on the side where its lines start, and the icon
    # that points (sound going out of a speech bubble) points the other way.
    risk = "#risks > .items > li"
    start, end = ("right", "left") if direction == "rtl" else ("left", "right")
    assert page.eval_on_selector(risk, f"e => getComputedStyle(e).border{start.title()}Width") == "5px"
    assert page.eval_on_selector(risk, f"e => getComputedStyle(e).border{end.title()}Width") == "0px"
    flipped = page.eval_on_selector(".icon-mirrored", "e => getComputedStyle(e).transform")
    assert flipped == ("matrix(-1, 0, 0, 1, 0, 0)" if direction == "rtl" else "none")
    # The chatbot types side by side, the first at the start side.
    boxes = [
        box for box in (li.bounding_box() for li in page.locator("#chatbot-types > .items > li").all()) if box
    ]
    assert len({round(box["y"]) for box in boxes}) == 1
    xs = [box["x"] for box in boxes]
    assert xs == (sorted(xs, reverse=True) if direction == "rtl" else sorted(xs))
    # The shipped fonts, not the machine's.
    page.evaluate("document.fonts.ready")
    loaded = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert ("Noto Sans Arabic" if code == "ar" else "Noto Sans") in [name.strip('"') for name in loaded]
    # A one-line paragraph starts at the start side: its text hugs the right edge in Arabic.
    gaps = page.eval_on_selector(
        ".audience",
        """e => {
            const range = document.createRange();
            range.selectNodeContents(e);
            const text = range.getBoundingClientRect(), box = e.getBoundingClientRect();
            return [text.left - box.left, box.right - text.right];
        }""",
    )
    assert (gaps[1] < gaps[0]) == (direction == "rtl"), gaps

    page.screenshot(path=artifact(f"page-{code}-desktop.png"), full_page=True)
    assert tab.problems == []


@pytest.mark.parametrize("code", LOCALES)
def test_a_page_fits_a_phone_without_scrolling_sideways(
    open_tab: Callable[..., Tab], live: str, code: str
) -> None:
    tab = open_tab(viewport=PHONE)
    tab.page.goto(f"{live}/{code}/")
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    if code in SHOWN:
        tab.page.screenshot(path=artifact(f"page-{code}-360.png"), full_page=True)
    assert tab.problems == []


@pytest.mark.parametrize("code", LOCALES)
def test_a_page_prints_on_two_a4_pages_without_navigation(
    open_tab: Callable[..., Tab], live: str, code: str
) -> None:
    tab = open_tab()
    page = tab.page
    page.goto(f"{live}/{code}/")
    page.evaluate("document.fonts.ready")
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    assert page.locator(".formats").is_hidden()
    assert page.locator(".download").is_hidden()
    assert page.locator("h1").is_visible()
    if code in SHOWN:
        page.screenshot(path=artifact(f"page-{code}-print.png"), full_page=True)
    pdf = page.pdf(path=artifact(f"page-{code}.pdf"), format="A4", print_background=True)
    pages = re.findall(rb"/Type\s*/Page\b", pdf)
    assert len(pages) == 2, f"{code} prints on {len(pages)} pages"
    for width, height in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf):
        assert abs(float(width) - 595.3) < 2 and abs(float(height) - 841.9) < 2  # A4 in points
    if shutil.which("pdftotext") and factsheet.locale_info(code).direction == "ltr":
        assert split_items(Path(artifact(f"page-{code}.pdf")), code) == []  # no card or tip split
    assert tab.problems == []


def test_the_language_switcher_goes_to_the_other_language(open_tab: Callable[..., Tab], live: str) -> None:
    tab = open_tab()
    page = tab.page
    page.goto(f"{live}/nl/")
    page.get_by_role("link", name="العربية").click()
    page.wait_for_url(f"{live}/ar/")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    assert page.locator("nav a[aria-current=page]").inner_text() == "العربية"
    page.get_by_role("link", name="English").click()
    page.wait_for_url(f"{live}/en/")
    assert texts(page, "h1") == [factsheet.load("en").metadata.title]
    assert tab.problems == []


def test_the_first_tab_reaches_the_skip_link(open_tab: Callable[..., Tab], live: str) -> None:
    tab = open_tab()
    page = tab.page
    page.goto(f"{live}/de/")
    link = page.locator(".skip-link")
    assert (link.bounding_box() or {"width": 0})["width"] <= 1  # out of sight
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert (link.bounding_box() or {"width": 0})["width"] > 20
    assert link.inner_text() == factsheet.interface_text("de")["skip-to-content"]
    page.keyboard.press("Enter")
    # The fragment is set when the browser has followed the link, not when the key press returns.
    page.wait_for_url(f"{live}/de/#content", timeout=5000)
    assert page.url.endswith("/de/#content")


def test_the_root_sends_a_browser_to_its_language(open_tab: Callable[..., Tab], live: str) -> None:
    tab = open_tab(locale="uk-UA")
    tab.page.goto(f"{live}/")
    assert tab.page.url == f"{live}/uk/"
    assert tab.page.evaluate("document.documentElement.lang") == "uk"


def test_the_docs_work_with_the_bundled_swagger_ui(open_tab: Callable[..., Tab], live: str) -> None:
    tab = open_tab()
    page = tab.page
    page.goto(f"{live}/v1/docs")
    page.locator(".opblock-summary-path").first.wait_for()
    paths = texts(page, ".opblock-summary-path")
    assert "/v1/{locale}/factsheet.md" in paths
    page.screenshot(path=artifact("docs.png"))
    assert tab.problems == []  # nothing blocked by the page's policy, nothing fetched from a CDN


# 2. CORS ---------------------------------------------------------------------------------------

CORS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Another site</title></head>
<body><ul id="risks"></ul><p id="etag"></p><p id="credentials"></p>
<script>
const api = %s;
fetch(api + "/v1/en/factsheet")
  .then((response) => {
    document.getElementById("etag").textContent = response.headers.get("ETag");
    return response.json();
  })
  .then((sheet) => {
    for (const item of sheet.sections.find((s) => s.id === "risks").items) {
      const li = document.createElement("li");
      li.textContent = item.title;
      document.getElementById("risks").append(li);
    }
  });
fetch(api + "/v1/en/factsheet", {credentials: "include"})
  .then(() => "sent", () => "refused")
  .then((outcome) => { document.getElementById("credentials").textContent = outcome; });
</script></body></html>
"""


def test_a_page_of_another_origin_reads_the_api(open_tab: Callable[..., Tab], live: str) -> None:
    @Request.application
    def other_site(request: Request) -> Response:
        return Response(CORS_PAGE % json.dumps(live), content_type="text/html; charset=utf-8")

    site = Served(other_site)
    try:
        assert site.url != live  # another port: another origin
        tab = open_tab()
        page = tab.page
        page.goto(site.url)
        page.locator("#risks li").nth(6).wait_for()
        assert texts(page, "#risks li") == [risk.title for risk in factsheet.load("en").risks]
        # An exposed header; the browser asked for Brotli and got it, with that coding's own ETag.
        assert re.fullmatch(r'"en-json-[0-9a-f]{20}-br"', page.inner_text("#etag"))
        page.wait_for_function("document.getElementById('credentials').textContent !== ''")
        assert page.inner_text("#credentials") == "refused"  # "*" never goes with credentials
    finally:
        site.stop()


# 3. Accessibility --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def axe_source() -> str:
    found = next((Path(path) for path in AXE_PATHS if path and Path(path).is_file()), None)
    if found is None:
        missing(
            "axe-core is not installed: `npm install --no-save --prefix .ci/node axe-core` (bash .ci/run "
            "does), or point AXE_CORE_JS at axe.min.js",
            what="the accessibility tests",
        )
    return found.read_text(encoding="utf-8")


def _serious(violations: Iterable[dict[str, Any]]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("path", [*(f"/{code}/" for code in LOCALES), "/index.html"])
def test_no_serious_accessibility_violations(
    open_tab: Callable[..., Tab], live: str, axe_source: str, path: str
) -> None:
    tab = open_tab(locale="xx-XX")  # no page in that language: the list of locales stays
    page = tab.page
    page.goto(f"{live}{path}")
    page.evaluate(
        axe_source
    )  # evaluated by the browser's debugger, not as a page script: the policy allows it
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert _serious(result["violations"]) == []
    # Again on a phone, in the dark colour scheme (contrast is checked per scheme).
    page.set_viewport_size(PHONE)
    page.emulate_media(color_scheme="dark")
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert _serious(result["violations"]) == [], "on a phone, dark colour scheme"


# 4. The static export ------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["nl", "ar"])
def test_the_static_export_shows_the_same_page_and_json(
    open_tab: Callable[..., Tab], live: str, static_host: str, code: str
) -> None:
    tab = open_tab()
    page = tab.page
    seen = {}
    for origin in (live, static_host):
        page.goto(f"{origin}/{code}/")
        json_url = page.eval_on_selector("link[type='application/json']", "e => e.href")
        seen[origin] = {
            "html": page.content(),
            "card rule": page.eval_on_selector(
                "#chatbot-types li", "e => getComputedStyle(e).borderTopStyle"
            ),
            # The browser's own HTTP stack; a page script may not fetch (its policy allows no connections).
            "json": page.context.request.get(json_url).json(),
        }
    assert seen[static_host] == seen[live]
    assert seen[live]["card rule"] == "solid"  # the stylesheet loaded on both
    assert seen[live]["json"] == factsheet.to_dict(factsheet.load(code))
    assert tab.problems == []


def test_the_static_root_opens_the_browsers_language(open_tab: Callable[..., Tab], static_host: str) -> None:
    tab = open_tab(locale="de-AT")
    tab.page.goto(f"{static_host}/")
    tab.page.wait_for_url(f"{static_host}/de/")
    assert texts(tab.page, "h1") == [factsheet.load("de").metadata.title]

    stays = open_tab(locale="xx-XX")  # no such locale: the list of every locale stays
    stays.page.goto(f"{static_host}/")
    assert stays.page.locator(".locales a").count() == len(LOCALES)
    stays.page.screenshot(path=artifact("static-index.png"), full_page=True)
    # The list's fonts may still be loading when its script opens the browser's language: those
    # requests are cancelled by the navigation, which is no fault.
    assert [problem for problem in tab.problems if not problem.endswith("(net::ERR_ABORTED)")] == []
    assert stays.problems == []
