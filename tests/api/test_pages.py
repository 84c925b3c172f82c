"""The pages people read: structure, languages, notices, links, policy, caching; without a browser.

tests/api/test_browser.py looks at the same pages in Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import replace
from urllib.parse import urljoin, urlsplit

import pytest
from flask.testing import FlaskClient

import factsheet
from api.pages import assets
from api.pages.page import CHOOSER_SCRIPT, render_page
from tests.outline import LOCALES
from tests.translation_status import status_notice

from .conftest import PUBLIC_CACHE, REFERRER_POLICY, ROOT
from .html_tree import Element, parse_html

STRONG_HTML_ETAG = re.compile(r'^"[a-z]{2,3}-html-[0-9a-f]{20}"$')
PAGE_POLICY = (
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; "
    "style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'"
)


def page(client: FlaskClient, code: str) -> Element:
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    return parse_html(response.get_data(as_text=True))


def json_ld(document: Element) -> dict[str, object]:
    script = document.find("script", type="application/ld+json")
    data: dict[str, object] = json.loads(script.text)
    return data


@pytest.mark.parametrize("code", LOCALES)
def test_a_page_is_the_whole_factsheet_in_its_language(client: FlaskClient, code: str) -> None:
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    assert response.content_type == "text/html; charset=utf-8"
    assert response.headers["Content-Language"] == code
    assert response.headers["Cache-Control"] == PUBLIC_CACHE
    assert STRONG_HTML_ETAG.match(response.headers["ETag"])
    document = parse_html(response.get_data(as_text=True))
    sheet = factsheet.load(code)

    html = document.find("html")
    assert html.attrs == {"lang": code, "dir": factsheet.locale_info(code).direction}
    assert [h1.text for h1 in document.iter("h1")] == [sheet.metadata.title]
    assert document.find("title").text == sheet.metadata.title
    main = document.find("main")
    assert [h2.text for h2 in main.iter("h2")] == [s.title for s in sheet.sections if s.title]
    intro = main.find("div", class_="intro")
    assert [p.text for p in intro.iter("p")] == [item.text for item in sheet.intro]

    for section in sheet.sections[1:]:
        element = main.find("section", id=section.id)
        listing = next(e for e in element.elements() if e.attrs.get("class") == "items")
        assert listing.tag == ("ol" if section.numbered else "ul"), section.id
        items = listing.elements()
        assert [li.attrs["id"] for li in items] == [f"{section.id}-{item.id}" for item in section.items]
        for li, item in zip(items, section.items, strict=True):
            heading = li.elements()[0]
            assert heading.tag == ("h4" if section.subheading else "h3")
            assert heading.text == item.title
            if section.numbered:
                assert li.attrs["value"] == str(item.number)
            if item.example:
                assert li.find("blockquote").text == item.example
            if item.points:
                assert [p.text for p in li.find("ul", class_="points").iter("li")] == list(item.points)
    conversation = sheet.conversation
    assert main.find("p", class_="lead").text == conversation.lead
    assert main.find("h3", class_="subheading").text == conversation.subheading


@pytest.mark.parametrize("code", LOCALES)
def test_the_language_switcher_names_every_locale_in_its_own_language(client: FlaskClient, code: str) -> None:
    nav = page(client, code).find("nav")
    ui = factsheet.interface_text(code)
    assert nav.find("span", id="languages-label").text == ui["language"]
    links = list(nav.iter("a"))
    assert [a.attrs["href"] for a in links] == [f"../{other}/" for other in LOCALES]
    for a, other in zip(links, LOCALES, strict=True):
        info = factsheet.locale_info(other)
        assert a.text == info.native_name
        assert (a.attrs["lang"], a.attrs["hreflang"], a.attrs["dir"]) == (other, other, info.direction)
        assert ("aria-current" in a.attrs) == (other == code)


@pytest.mark.parametrize("code", LOCALES)
def test_alternates_name_every_locale_and_the_other_formats(client: FlaskClient, code: str) -> None:
    document = page(client, code)
    links = [link.attrs for link in document.iter("link") if link.attrs.get("rel") == "alternate"]
    languages = {link["hreflang"]: link["href"] for link in links if "hreflang" in link}
    assert languages == {**{other: f"../{other}/" for other in LOCALES}, "x-default": "../"}
    formats = {link["type"]: link["href"] for link in links if "type" in link}
    assert formats == {
        "application/json": f"../v1/{code}/factsheet.json",
        "text/markdown": f"../v1/{code}/factsheet.md",
        "text/plain": f"../v1/{code}/factsheet.txt",
        "application/pdf": f"../v1/{code}/factsheet.pdf",
    }
    canonical = {"application/json": f"/v1/{code}/factsheet", "text/markdown": None, "text/plain": None}
    del formats["application/pdf"]  # made on first request: tests/api/test_pdf.py fetches them
    for media_type, href in formats.items():
        response = client.get(urlsplit(urljoin(f"http://h/{code}/", href)).path)
        assert response.status_code == 200, href
        assert response.mimetype == media_type
        assert response.headers["Content-Language"] == code
        if canonical[media_type]:
            assert response.data == client.get(canonical[media_type]).data


def _links(document: Element) -> list[str]:
    found = [e.attrs[name] for e in document.iter() for name in ("href", "src") if name in e.attrs]
    return [link for link in found if not link.startswith("#")]


@pytest.mark.parametrize("url", [*(f"/{code}/" for code in LOCALES), "/index.html", "/v1/docs"])
def test_every_link_and_file_of_a_page_is_there(client: FlaskClient, url: str) -> None:
    document = parse_html(client.get(url).get_data(as_text=True))
    links = _links(document)
    assert links
    for link in links:
        assert not urlsplit(link).scheme, f"{url} links outside the site: {link}"  # no CDN, no fonts
        target = urlsplit(urljoin(f"http://h{url}", link)).path
        if target.endswith(".pdf"):
            assert target == f"/v1/{url.strip('/')}/factsheet.pdf"  # tests/api/test_pdf.py fetches them
            continue
        response = client.get(target, follow_redirects=True)
        assert response.status_code == 200, f"{url}: {link} -> {target}"


@pytest.mark.parametrize("code", LOCALES[1:])
def test_a_translation_states_its_status_politely_in_its_language(client: FlaskClient, code: str) -> None:
    ui = factsheet.interface_text(code)
    notice = page(client, code).find("div", class_="notice")
    assert notice.attrs["role"] == "note"
    assert status_notice(code) in notice.text
    original = notice.find("a")
    assert (original.attrs["href"], original.attrs["hreflang"], original.text) == (
        "../nl/",
        "nl",
        ui["original"],
    )


def test_the_dutch_original_has_no_notice(client: FlaskClient) -> None:
    with pytest.raises(LookupError):
        page(client, "nl").find("div", class_="notice")


def test_a_reviewed_translation_names_its_reviewer() -> None:
    sheet = factsheet.load("de")
    translation = replace(
        sheet.metadata.translation, status="reviewed", reviewed_by="A. Prüfer", reviewed_on="2026-12-01"
    )
    reviewed = replace(sheet, metadata=replace(sheet.metadata, translation=translation))
    document = parse_html(render_page(reviewed, assets=assets.load(), referrer_policy=REFERRER_POLICY))
    expected = factsheet.interface_text("de").format("reviewed", reviewer="A. Prüfer", date="2026-12-01")
    assert expected in document.find("div", class_="notice").text


def test_a_review_that_went_stale_says_so_on_the_page() -> None:
    sheet = factsheet.load("de")
    translation = replace(
        sheet.metadata.translation,
        status="changed-since-review",
        reviewed_by="A. Prüfer",
        reviewed_on="2026-12-01",
        changed_since_review=("risks/echo/title",),
    )
    stale = replace(sheet, metadata=replace(sheet.metadata, translation=translation))
    document = parse_html(render_page(stale, assets=assets.load(), referrer_policy=REFERRER_POLICY))
    ui = factsheet.interface_text("de")
    expected = ui.format("changed-since-review", reviewer="A. Prüfer", date="2026-12-01")
    notice = document.find("div", class_="notice").text
    assert expected in notice
    assert ui.format("reviewed", reviewer="A. Prüfer", date="2026-12-01") != expected


@pytest.mark.parametrize("code", LOCALES)
def test_the_colophon_gives_edition_version_and_rights(client: FlaskClient, code: str) -> None:
    footer = page(client, code).find("footer", class_="colophon")
    meta = factsheet.load(code).metadata
    ui = factsheet.interface_text(code)
    assert (
        footer.find("p", class_="edition").text
        == f"{meta.footer} · {ui.format('version', version=meta.version)}"
    )
    rights = footer.find("section", class_="rights")
    assert rights.find("h2").text == ui["rights-heading"]
    assert rights.find("p").text == meta.rights.statement  # in the page's language, also in Dutch
    assert "MIT" in meta.rights.statement
    assert ui["also-available"] in footer.find("p", class_="formats").text


def test_strings_shown_in_dutch_are_marked_and_spoken_in_dutch() -> None:
    dutch = factsheet.load("nl")
    english = factsheet.load("en")
    echo_nl = dutch.section("risks").item("echo")
    risks = english.section("risks")
    echo = replace(risks.item("echo"), text=echo_nl.text)
    sections = tuple(
        replace(s, items=tuple(echo if i.id == "echo" else i for i in s.items)) if s.id == "risks" else s
        for s in english.sections
    )
    translation = replace(english.metadata.translation, fallbacks=("risks/echo/text",))
    sheet = replace(english, sections=sections, metadata=replace(english.metadata, translation=translation))

    document = parse_html(render_page(sheet, assets=assets.load(), referrer_policy=REFERRER_POLICY))
    ui = factsheet.interface_text("en")
    item = document.find("li", id="risks-echo")
    marked = item.find("span", class_="fallback")
    assert (marked.attrs["lang"], marked.attrs["dir"]) == ("nl", "ltr")
    assert marked.text == echo_nl.text
    mark = item.find("span", class_="fallback-mark")
    assert mark.find("span", class_="visually-hidden").text == f"({ui['fallback']})"
    assert mark.find("span", title=ui["fallback"]).attrs["aria-hidden"] == "true"
    assert item.find("h3").text == risks.item("echo").title  # translated strings stay unmarked
    assert len([e for e in document.iter("span") if e.attrs.get("class") == "fallback"]) == 1
    assert ui["fallback-summary"] in document.find("div", class_="notice").text


@pytest.mark.parametrize("code", LOCALES)
def test_json_ld_describes_the_work_and_its_translations(client: FlaskClient, code: str) -> None:
    data = json_ld(page(client, code))
    meta = factsheet.load(code).metadata
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Article"
    assert data["@id"] == f"../{code}/#factsheet"
    assert data["inLanguage"] == code
    assert data["version"] == meta.version
    assert data["headline"] == meta.title
    assert data["audience"] == {"@type": "Audience", "audienceType": meta.audience}
    assert data["copyrightNotice"] == meta.rights.statement
    original = {"@id": "../nl/#factsheet", "inLanguage": "nl", "url": "../nl/"}
    if code == "nl":
        translations = data["workTranslation"]
        assert isinstance(translations, list)
        assert [t["@id"] for t in translations] == [f"../{c}/#factsheet" for c in LOCALES if c != "nl"]
        assert "translationOfWork" not in data
    else:
        assert data["translationOfWork"] == original
        assert data["isBasedOn"] == original
        assert "workTranslation" not in data


def test_json_ld_cannot_end_its_script_element() -> None:
    sheet = factsheet.load("en")
    hostile = replace(sheet, metadata=replace(sheet.metadata, title="</script><script>alert(1)</script>"))
    text = render_page(hostile, assets=assets.load(), referrer_policy=REFERRER_POLICY)
    assert text.count("</script>") == 1
    assert json_ld(parse_html(text))["headline"] == hostile.metadata.title


@pytest.mark.parametrize("code", LOCALES)
def test_the_policy_allows_what_the_page_uses_and_nothing_else(client: FlaskClient, code: str) -> None:
    response = client.get(f"/{code}/")
    assert response.headers["Content-Security-Policy"] == PAGE_POLICY
    document = parse_html(response.get_data(as_text=True))
    meta = document.find("meta", http_equiv="Content-Security-Policy")
    assert meta.attrs["content"] == PAGE_POLICY.replace(" frame-ancestors 'none';", "")
    assert [s.attrs for s in document.iter("script")] == [{"type": "application/ld+json"}]
    for element in document.iter():
        assert "style" not in element.attrs
        assert not any(name.startswith("on") for name in element.attrs), element.tag


def test_the_chooser_script_is_allowed_by_its_hash_only(client: FlaskClient) -> None:
    response = client.get("/index.html")
    digest = base64.b64encode(hashlib.sha256(CHOOSER_SCRIPT.encode()).digest()).decode()
    assert response.headers["Content-Security-Policy"] == f"{PAGE_POLICY}; script-src 'sha256-{digest}'"
    # The hash covers the exact text between the tags.
    assert f"<script>{CHOOSER_SCRIPT}</script>" in response.get_data(as_text=True)


def test_the_chooser_lists_every_locale_by_its_native_name(client: FlaskClient) -> None:
    response = client.get("/index.html")
    assert response.status_code == 200
    assert "Content-Language" not in response.headers  # every language
    links = list(parse_html(response.get_data(as_text=True)).find("ul", class_="locales").iter("a"))
    assert [a.attrs["href"] for a in links] == [f"{code}/" for code in LOCALES]
    for a, code in zip(links, LOCALES, strict=True):
        assert a.attrs["lang"] == code
        assert a.find("span", class_="native").text == factsheet.locale_info(code).native_name
        assert a.find("span", class_="localized-title").text == factsheet.load(code).metadata.title


@pytest.mark.parametrize(
    ("accept_language", "code"),
    [(None, "nl"), ("de-AT,de;q=0.9", "de"), ("xx-YY, ar;q=0.5", "ar"), ("xx", "nl"), ("en;q=0, uk", "uk")],
)
def test_the_root_redirects_to_the_readers_language(
    client: FlaskClient, accept_language: str | None, code: str
) -> None:
    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/{code}/"
    assert response.headers["Vary"] == "Accept-Language"
    assert response.headers["Cache-Control"] == "private, no-cache"  # never one language for all
    assert response.data == b""
    assert "Content-Type" not in response.headers
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_page_without_its_slash_redirects_without_a_body(client: FlaskClient) -> None:
    response = client.get("/de", headers={"Host": "evil.example"})
    assert response.status_code == 308
    assert response.headers["Location"] == "/de/"  # relative: never the client's Host
    assert response.headers["Cache-Control"].startswith("public, max-age=")
    assert response.data == b""
    assert "Content-Type" not in response.headers


@pytest.mark.parametrize("url", ["/nope", "/EN", "/xx"])
def test_a_segment_that_names_no_locale_is_a_404_not_a_redirect(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"
    assert "Location" not in response.headers
    assert json.loads(response.data)["locales"] == list(LOCALES)


@pytest.mark.parametrize(
    ("segment", "hint"), [("xx", None), ("EN", "en"), ("zh-TW", None), ("healthz", None)]
)
def test_an_unknown_locale_page_is_a_problem_listing_the_locales(
    client: FlaskClient, segment: str, hint: str | None
) -> None:
    response = client.get(f"/{segment}/")
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"
    problem = json.loads(response.data)
    assert problem["type"] == "/v1/problems/unknown-locale"
    assert problem["locales"] == list(LOCALES)
    if hint:
        assert f"use the shipped code: {hint!r}" in problem["detail"]


def test_pages_answer_if_none_match_and_head(client: FlaskClient) -> None:
    first = client.get("/ar/")
    again = client.get("/ar/", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.data == b""
    head = client.head("/ar/")
    assert head.headers == first.headers
    assert head.data == b""


def test_pages_are_html_only(client: FlaskClient) -> None:
    assert (
        client.get("/en/", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}).status_code == 200
    )
    assert client.get("/en/", headers={"Accept": "application/json"}).status_code == 406


def test_the_stylesheet_is_named_by_its_bytes_and_kept_for_a_year(client: FlaskClient) -> None:
    href = page(client, "nl").find("link", rel="stylesheet").attrs["href"]
    name = href.removeprefix("../static/")
    response = client.get(f"/static/{name}")
    assert response.status_code == 200
    assert response.content_type == "text/css; charset=utf-8"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert name == f"page.{hashlib.sha256(response.data).hexdigest()[:12]}.css"
    assert response.data == (ROOT / "api" / "assets" / "page.css").read_bytes()


def test_print_has_the_whole_fonts_each_named_by_its_bytes(client: FlaskClient) -> None:
    links = page(client, "nl").iter("link")
    href = next(
        link.attrs["href"]
        for link in links
        if "/fonts." in link.attrs.get("href", "") and link.attrs.get("media") == "print"
    )
    response = client.get(f"/static/{href.removeprefix('../static/')}")
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    source = (ROOT / "api" / "assets" / "fonts.css").read_text(encoding="utf-8")
    fonts = re.findall(r'url\("([^"]+)"\)', response.get_data(as_text=True))
    assert len(fonts) == len(re.findall(r"@font-face", source)) == 4
    for font in fonts:  # each font under the name of its bytes, kept for a year too
        served = client.get(f"/static/{font}")
        assert served.status_code == 200, font
        assert served.content_type == "font/woff2"
        assert served.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        stem = font.rsplit(".", 2)[0]
        assert font == f"{stem}.{hashlib.sha256(served.data).hexdigest()[:12]}.woff2"
        assert served.data == (ROOT / "api" / "assets" / f"{stem}.woff2").read_bytes()
    assert (
        re.sub(r'url\("([^".]+)\.[0-9a-f]{12}\.woff2"\)', r'url("\1.woff2")', response.get_data(as_text=True))
        == source
    )
    assert client.get("/static/page.css").status_code == 404  # only the name that cannot go stale


def test_the_stylesheet_mirrors_for_right_to_left_and_prints_on_a4() -> None:
    css = (ROOT / "api" / "assets" / "page.css").read_text(encoding="utf-8")
    # Physical sides would stay put in Arabic; logical ones (inline-start/end) follow the text.
    physical = re.findall(
        r"(?:margin|padding|border)-(?:left|right)|(?<![-\w])(?:left|right)\s*:|float\s*:", css
    )
    assert physical == []
    assert not re.search(r"text-align\s*:\s*(left|right)", css)
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", css)
    print_rules = css[css.index("@media print") :]
    assert re.search(r"\.site-header,?[^{]*\{\s*display:\s*none", print_rules)
    assert "break-inside: avoid" in print_rules
    assert "break-after: avoid" in print_rules


@pytest.mark.parametrize("code", LOCALES)
def test_the_layout_shows_the_structure_of_the_factsheet(client: FlaskClient, code: str) -> None:
    main = page(client, code).find("main")
    sheet = factsheet.load(code)
    layouts = {s.attrs["id"]: s.attrs["class"] for s in main.iter("section")}
    assert layouts == {
        "chatbot-types": "layout-cards",
        "reasons": "layout-run-in",
        "risks": "layout-tiles",
        "conversation": "layout-steps",
    }
    # Reasons: title and text in one item, so the text (lower case in Dutch) runs on after its title.
    for reason in sheet.reasons:
        parts = main.find("li", id=f"reasons-{reason.id}").elements()
        assert [(e.tag, e.text) for e in parts] == [("h3", reason.title), ("p", reason.text)]
    # Risks: a drawn icon each, hidden from screen readers; the heading's text is the title alone.
    for risk in sheet.risks:
        heading = main.find("li", id=f"risks-{risk.id}").find("h3")
        icon = heading.find("svg")
        assert (icon.attrs["aria-hidden"], icon.attrs["focusable"]) == ("true", "false")
        assert icon.find("path").attrs["d"]
        assert heading.text == risk.title
    # The groups to watch closely: a call-out, still the seventh tip of the numbered list.
    callout = main.find("li", class_="callout")
    assert callout.attrs["id"] == "conversation-vulnerable-groups"
    assert callout.attrs["value"] == "7"


@pytest.mark.parametrize("code", LOCALES)
def test_the_page_links_its_pdf(client: FlaskClient, code: str) -> None:
    document = page(client, code)
    download = document.find("p", class_="download").find("a")
    assert (download.attrs["href"], download.attrs["type"]) == (
        f"../v1/{code}/factsheet.pdf",
        "application/pdf",
    )
    assert "download" in download.attrs
    label = factsheet.interface_text(code)["download-pdf"]  # "PDF downloaden", translated
    assert "PDF" in label
    assert " ".join(download.text.split()).startswith(label)


@pytest.mark.parametrize("code", LOCALES)
def test_the_print_footer_gives_edition_version_address_and_rights(client: FlaskClient, code: str) -> None:
    print_link = next(
        link
        for link in page(client, code).iter("link")
        if link.attrs.get("media") == "print" and "/print." in link.attrs["href"]
    )
    response = client.get(urljoin("/static/", print_link.attrs["href"].removeprefix("../static/")))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    css = response.get_data(as_text=True)
    meta = factsheet.load(code).metadata
    ui = factsheet.interface_text(code)
    assert meta.footer in css
    assert ui.format("version", version=meta.version) in css
    assert ui["rights"] in css
    assert f"direction: {factsheet.locale_info(code).direction}" in css


def test_the_print_footer_names_the_public_address_when_given() -> None:
    from api.pages.printed import footer_lines

    sheet = factsheet.load("ar")
    first, rights = footer_lines(sheet, "https://example.org/factsheet/ar/")  # where its QR code leads
    assert "\u2066example.org/factsheet/ar/\u2069" in first  # as written, isolated: left to right
    assert rights == factsheet.interface_text("ar")["rights"]
    assert "example.org" not in footer_lines(sheet)[0]
