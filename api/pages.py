"""Pages for people: the factsheet in every locale as HTML, and a page that links to them all.

- ``GET /`` redirects (302) to the page of the reader's language (``Accept-Language``), with
  ``Vary: Accept-Language`` and ``Cache-Control: private, no-cache``: the answer is the reader's.
- ``GET /{locale}/`` is the whole factsheet (templates in ``api/templates/``).
- ``GET /index.html`` lists every locale by its native name; a small script opens the one the
  browser prefers. It is the root of the static export, where no server can negotiate.

Every page is rendered once, when the app starts, and served like any representation (ETag,
304, ``Content-Language``), with a Content-Security-Policy that allows the stylesheet and, on
``/index.html``, that one script by its hash; the same policy is in a ``<meta>`` element, so it
holds on a static host too. Links are relative (``../en/``, ``../static/…``,
``../v1/en/factsheet.json``, the leaf names of the export): the same bytes work at any path
prefix and as files on any web host.

Strings that fell back to Dutch (``metadata.translation.fallbacks``) are wrapped in an element
with ``lang="nl"`` (screen readers switch voice) and followed by a visible mark, ``NL``, whose
tooltip and hidden text say in the page's language that the string is not yet translated; the
notice at the top then says that part of the text is in Dutch.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from flask import Blueprint, Flask, Response, request, url_for
from flask.sansio.blueprints import BlueprintSetupState
from markupsafe import Markup, escape
from werkzeug.routing import BaseConverter

import factsheet
from factsheet import Factsheet, InterfaceText, LocaleInfo
from factsheet.messages import context

from .assets import IMMUTABLE, Assets
from .config import Settings
from .headers import common_headers, content_security_policy
from .printed import print_stylesheet
from .representations import Key, ReadyResponse, Representation, make_etag, serve
from .v1 import find

__all__ = ["CHOOSER_SCRIPT", "build", "create_blueprint", "page_policy", "redirects", "render_page"]

HTML = "text/html"

#: Opens the page of the first browser language there is a page for (``de-AT`` gives ``de``),
#: as the server's negotiation does; without a match, the list stays.
CHOOSER_SCRIPT = """
(function () {
  var links = document.querySelectorAll("a[hreflang]"), pages = {}, i;
  for (i = 0; i < links.length; i++) pages[links[i].hreflang] = links[i].href;
  var wanted = navigator.languages || [navigator.language || ""];
  for (i = 0; i < wanted.length; i++) {
    var tag = String(wanted[i]).toLowerCase(), page = pages[tag] || pages[tag.split("-")[0]];
    if (page) { location.replace(page); return; }
  }
})();
"""


class LocaleConverter(BaseConverter):
    """A path segment that could name a locale (``nl``, ``EN``, ``pt-BR``): the page route takes it
    and answers an unknown one with the problem that lists the locales, while ``/favicon.ico``
    and the like stay plain 404s."""

    regex = r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*"


def page_policy(*, script: str | None = None, meta: bool = False) -> str:
    """The policy of a page: its stylesheet and icon and, if given, one inline script by its hash."""
    allowed = {"style_src": "'self'", "img_src": "'self'", "font_src": "'self'"}
    if script is not None:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        allowed["script_src"] = f"'sha256-{digest}'"
    return content_security_policy(meta=meta, **allowed)


@cache
def _environment() -> jinja2.Environment:
    """One environment per process: each template is compiled once, however many apps are made."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a misspelt name fails at startup, not as an empty string
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )


def _interface(ui: InterfaceText) -> Callable[..., Markup]:
    """``ui(id, **values)``: interface text as markup, ``lang="nl"`` where it fell back to Dutch."""

    def text(key: str, **values: Any) -> Markup:
        shown = ui.format(key, **values) if values else ui[key]
        if ui.is_fallback(key):
            return Markup('<span lang="{}">{}</span>').format(factsheet.DEFAULT_LOCALE, shown)
        return escape(shown)

    return text


def _marker(sheet: Factsheet, ui: InterfaceText) -> Callable[[str, str], Markup]:
    """``t(context, text)``: a content string as markup, marked when it is shown in Dutch."""
    fallbacks = frozenset(sheet.metadata.translation.fallbacks)
    source = sheet.metadata.source_language
    direction = factsheet.locale_info(source).direction
    note = ui["fallback"]

    def text(context: str, value: str) -> Markup:
        if context not in fallbacks:
            return escape(value)
        # dir isolates the Dutch from the page's direction: in Arabic the mark follows it on the left.
        return Markup(
            '<span class="fallback" lang="{source}" dir="{direction}">{value}</span>'
            '<span class="fallback-mark"><span aria-hidden="true" title="{note}">{code}</span>'
            '<span class="visually-hidden"> ({note})</span></span>'
        ).format(source=source, direction=direction, value=value, note=note, code=source.upper())

    return text


def _json_script(data: Any) -> Markup:
    """JSON for a ``<script>`` data block: ``<``, ``>`` and ``&`` escaped, so no ``</script>`` ends it."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    escaped = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(escaped)  # noqa: S704 - JSON with every character that could end the element escaped


def _formats(code: str, root: str) -> dict[str, str]:
    """The other representations of a page, by the leaf names that exist live and in the export."""
    base = f"{root}v1/{code}/factsheet"
    return {"json": f"{base}.json", "markdown": f"{base}.md", "text": f"{base}.txt", "pdf": f"{base}.pdf"}


def _json_ld(sheet: Factsheet, root: str) -> dict[str, Any]:
    """schema.org ``Article``: the Dutch original names its translations; a translation names it."""
    meta = sheet.metadata
    code = sheet.language
    source = meta.source_language

    def work(locale: str) -> dict[str, str]:
        return {"@id": f"{root}{locale}/#factsheet", "inLanguage": locale, "url": f"{root}{locale}/"}

    formats = _formats(code, root)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        **work(code),
        "name": meta.title,
        "headline": meta.title,
        "description": sheet.intro[0].text if sheet.intro else meta.title,
        "genre": meta.kind,
        "version": meta.version,
        "audience": {"@type": "Audience", "audienceType": meta.audience},
        "isAccessibleForFree": True,
        "copyrightNotice": meta.rights.statement,
        "encoding": [
            {"@type": "MediaObject", "encodingFormat": media_type, "contentUrl": formats[kind]}
            for kind, media_type in (
                ("json", "application/json"),
                ("markdown", "text/markdown"),
                ("text", "text/plain"),
                ("pdf", "application/pdf"),
            )
        ],
    }
    if code == source:
        data["workTranslation"] = [work(other) for other in factsheet.locales() if other != source]
    else:
        data["translationOfWork"] = work(source)
        data["isBasedOn"] = work(source)
    return data


def _notices(sheet: Factsheet, ui: Callable[..., Markup], root: str) -> list[Markup]:
    """What a reader should know about this translation, politely, in its own language."""
    translation = sheet.metadata.translation
    source = sheet.metadata.source_language
    original = Markup('<a href="{}{}/" hreflang="{}">{}</a>').format(root, source, source, ui("original"))
    notices: list[Markup] = []
    if translation.status == "machine-translated":
        notices.append(Markup("{} {}").format(ui("machine-translated"), original))
    elif translation.status == "reviewed":
        reviewed = ui("reviewed", reviewer=translation.reviewed_by, date=translation.reviewed_on)
        notices.append(Markup("{} {}").format(reviewed, original))
    if translation.fallbacks:
        notices.append(ui("fallback-summary"))
    return notices


def render_page(sheet: Factsheet, *, assets: Assets, referrer_policy: str, public_url: str = "") -> str:
    """The page of one factsheet (any :class:`~factsheet.Factsheet`, so tests can pass made-up ones).

    It links the stylesheet of its printed footer (:func:`api.printed.print_stylesheet`), which
    :func:`build` serves.
    """
    code = sheet.language
    ui_text = factsheet.interface_text(code)
    ui = _interface(ui_text)
    root = "../"
    return (
        _environment()
        .get_template("page.html")
        .render(
            lang=code,
            direction=factsheet.locale_info(code).direction,
            meta_policy=page_policy(meta=True),
            referrer_policy=referrer_policy,
            title=sheet.metadata.title,
            description=sheet.intro[0].text if sheet.intro else sheet.metadata.title,
            root=root,
            stylesheet=assets.page_css.path,
            print_stylesheet=print_stylesheet(sheet, public_url).path,
            icon=assets.icon.path,
            locales=[factsheet.locale_info(other) for other in factsheet.locales()],
            formats=_formats(code, root),
            json_ld=_json_script(_json_ld(sheet, root)),
            sheet=sheet,
            meta=sheet.metadata,
            notices=_notices(sheet, ui, root),
            t=_marker(sheet, ui_text),
            ctx=context,
            ui=ui,
            ui_plain=ui_text.__getitem__,
        )
    )


def _render_chooser(infos: list[LocaleInfo], *, assets: Assets, referrer_policy: str) -> str:
    source = factsheet.load(factsheet.DEFAULT_LOCALE)
    ui = factsheet.interface_text(factsheet.DEFAULT_LOCALE)
    return (
        _environment()
        .get_template("index.html")
        .render(
            lang=source.language,
            direction=factsheet.locale_info(source.language).direction,
            meta_policy=page_policy(script=CHOOSER_SCRIPT, meta=True),
            referrer_policy=referrer_policy,
            title=source.metadata.title,
            description=source.intro[0].text if source.intro else source.metadata.title,
            root="",
            stylesheet=assets.page_css.path,
            icon=assets.icon.path,
            locales=infos,
            choices=[(info, factsheet.load(info.code).metadata.title) for info in infos],
            footer=source.metadata.footer,
            version=source.metadata.version,
            rights=source.metadata.rights.statement,
            ui=_interface(ui),
            script=Markup(CHOOSER_SCRIPT),  # noqa: S704 - our own constant, allowed by its hash
        )
    )


def build(settings: Settings, assets: Assets) -> dict[Key, Representation]:
    """Every page, rendered once, and the stylesheet of each one's printed footer."""
    checksum = factsheet.content_checksum()
    common = common_headers(settings)
    cached = f"public, max-age={settings.max_age}"
    infos = [factsheet.locale_info(code) for code in factsheet.locales()]

    def as_html(text: str, scope: str, policy: str, language: str | None) -> Representation:
        body = text.encode()
        return Representation.build(
            body,
            media_type=HTML,
            content_type=f"{HTML}; charset=utf-8",
            etag=make_etag(checksum, scope, "html", body),
            cache_control=cached,
            common=common,
            language=language,
            extra=(("Content-Security-Policy", policy),),
        )

    store: dict[Key, Representation] = {}
    for info in infos:
        sheet = factsheet.load(info.code)
        page = render_page(
            sheet, assets=assets, referrer_policy=settings.referrer_policy, public_url=settings.public_url
        )
        store[("page", info.code)] = as_html(page, info.code, page_policy(), info.code)
        footer = print_stylesheet(sheet, settings.public_url)
        store[("asset", footer.path)] = Representation.build(
            footer.body,
            media_type=footer.media_type,
            content_type=footer.content_type,
            etag=make_etag(checksum, info.code, "css", footer.body),
            cache_control=IMMUTABLE,
            common=common,
        )
    chooser = _render_chooser(infos, assets=assets, referrer_policy=settings.referrer_policy)
    store[("chooser",)] = as_html(chooser, "all", page_policy(script=CHOOSER_SCRIPT), None)
    return store


def redirects(app: Flask, settings: Settings) -> dict[str, ReadyResponse]:
    """The answers of ``GET /``, one per locale: where to go, and that it depends on the reader."""
    headers = (
        *common_headers(settings),
        ("Vary", "Accept-Language"),
        ("Cache-Control", "private, no-cache"),
        ("Content-Length", "0"),
    )
    with app.test_request_context():
        return {
            code: ReadyResponse(
                None, status=302, headers=(("Location", url_for("pages.page", locale=code)), *headers)
            )
            for code in factsheet.locales()
        }


def _register_converter(state: BlueprintSetupState) -> None:
    state.app.url_map.converters.setdefault("locale", LocaleConverter)


def create_blueprint(
    store: Mapping[Key, Representation], redirected: Mapping[str, ReadyResponse]
) -> Blueprint:
    """Routes for the pages; ``store`` and ``redirected`` are filled once every route exists."""
    blp = Blueprint("pages", __name__)
    blp.record_once(_register_converter)

    @blp.get("/")
    def root() -> Response:
        return redirected[factsheet.negotiate_locale(request.headers.get("Accept-Language"))]

    @blp.get("/index.html")
    def chooser() -> Response:
        return serve(store[("chooser",)])

    @blp.get("/<locale:locale>/")
    def page(locale: str) -> Response:
        return serve(find(store, ("page", locale)))

    return blp
