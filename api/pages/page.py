"""Pages for people: the factsheet in every locale as HTML, and a page that links to them all.

- ``GET /`` redirects (302) to the page of the reader's language (``Accept-Language``), with
  ``Vary: Accept-Language`` and ``Cache-Control: private, no-cache``: the answer is the reader's.
- ``GET /{locale}/`` is the whole factsheet (templates in ``api/templates/``); ``GET /{locale}``
  redirects (308) there, and a segment that names no locale is a 404 listing the locales.
- ``GET /index.html`` lists every locale by its native name; a small script opens the one the
  browser prefers. It is the root of the static export, where no server can negotiate.

Every page is rendered once, when the app starts, and served like any representation (ETag,
304, ``Content-Language``), with a Content-Security-Policy that allows the stylesheet and, on
``/index.html``, that one script by its hash; the same policy is in a ``<meta>`` element, so it
holds on a static host too. Links are relative (``../en/``, ``../v1/en/factsheet.json``: the
export's leaf names), so the same bytes work at any path prefix and on any web host.

Strings that fell back to Dutch (``metadata.translation.fallbacks``) are wrapped in an element
with ``lang="nl"`` (screen readers switch voice) and followed by a visible mark, ``NL``, whose
tooltip and hidden text say in the page's language that the string is not yet translated; the
notice at the top then says that part of the text is in Dutch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from flask import Blueprint, Response, request, url_for
from flask.sansio.blueprints import BlueprintSetupState
from markupsafe import Markup, escape
from werkzeug.routing import BaseConverter, RequestRedirect

import factsheet
from api.config import public_cache
from api.site.answers import answer, current_site
from api.site.headers import content_security_policy, source_hash
from factsheet import Factsheet, InterfaceText
from factsheet import message_context as context
from factsheet.history import store as stores
from factsheet.output.notices import notices

from .assets import Assets, inline_source
from .editions import Banner
from .fonts import PageFonts
from .jinja import render_document, script_json
from .linked_data import formats, json_ld, summary
from .printed import print_stylesheet
from .qr import printed_code

__all__ = [
    "CHOOSER_SCRIPT",
    "bp",
    "interface_markup",
    "page_policy",
    "render_chooser",
    "render_page",
]

#: The chooser's script (``api/assets/chooser.js``), inlined and allowed by its hash.
CHOOSER_SCRIPT = inline_source("chooser.js")

#: How long a permanent redirect (``/en`` to ``/en/``) may be kept: a day.
_REDIRECT_MAX_AGE = 86400


class LocaleConverter(BaseConverter):
    """A path segment that could name a locale (``nl``, ``EN``, ``pt-BR``): the page route takes it
    and answers an unknown one with the problem that lists the locales, while ``/favicon.ico``
    and the like stay plain 404s."""

    regex = factsheet.LOCALE_TAG.pattern


def page_policy(*, script: str | None = None, meta: bool = False) -> str:
    """The policy of a page: its stylesheet, fonts and icon and, if given, one inline script by its
    hash. ``connect-src 'self'``: the page fetches nothing, but tools that audit it from inside
    (Lighthouse reads ``/robots.txt`` so) must be able to reach its own origin."""
    allowed = {"style_src": "'self'", "img_src": "'self'", "font_src": "'self'", "connect_src": "'self'"}
    if script is not None:
        allowed["script_src"] = source_hash(script)
    return content_security_policy(meta=meta, **allowed)


def interface_markup(ui: InterfaceText) -> Callable[..., Markup]:
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


def _notices(sheet: Factsheet, ui: Callable[..., Markup], root: str) -> list[Markup]:
    """What a reader should know about this translation, politely, in its own language."""
    source = sheet.metadata.source_language
    original = Markup('<a href="{}{}/" hreflang="{}">{}</a>').format(root, source, source, ui("original"))
    shown = [(ui(each.key, **each.values), each.status) for each in notices(sheet.metadata.translation)]
    return [Markup("{} {}").format(text, original) if status else text for text, status in shown]


def render_page(
    sheet: Factsheet,
    *,
    assets: Assets,
    referrer_policy: str,
    public_url: str = "",
    fonts: PageFonts | None = None,
    edition: Banner | None = None,
    pdf: bool = False,
) -> str:
    """The page of one factsheet (any :class:`~factsheet.Factsheet`, so tests can pass made-up ones);
    with ``edition`` (its :func:`~api.pages.editions.edition_banner`), the page of its release:
    the banner that says whether it is current, links to that release in the other languages and
    to its pinned JSON;
    with ``pdf``, the page WeasyPrint makes the PDF from (the icons carry text alternatives).

    It links the stylesheet of its printed footer (:func:`api.pages.printed.print_stylesheet`), which
    :func:`api.site.build.build_site` serves.
    """
    code = sheet.language
    ui_text = factsheet.interface_text(code)
    ui = interface_markup(ui_text)
    if edition:
        version = sheet.metadata.version
        root, prefix = "../../../", f"releases/{version}/"
        codes = stores.shipped.archive(version).codes
        links = {"json": f"{root}v1/releases/{version}/{code}/factsheet.json"}
        banner, linked = edition, None
    else:
        root, prefix, codes, links = "../", "", factsheet.locales(), formats(code, "../")
        banner, linked = None, script_json(json_ld(sheet, public_url or root), indent=1)
    return render_document(
        "page.html",
        lang=code,
        meta_policy=page_policy(meta=True),
        referrer_policy=referrer_policy,
        title=sheet.metadata.title,
        description=summary(sheet),
        public_url=public_url,
        root=root,
        prefix=prefix,
        stylesheet=assets.page_css.path,
        fonts=fonts,
        fonts_css=assets.fonts_css.path,
        print_stylesheet=print_stylesheet(sheet, public_url).path,
        qr=printed_code(sheet, public_url),
        icon=assets.icon.path,
        locales=[factsheet.locale_info(other) for other in codes],
        formats=links,
        json_ld=linked,
        banner=banner,
        pdf=pdf,
        sheet=sheet,
        meta=sheet.metadata,
        notices=_notices(sheet, ui, root),
        t=_marker(sheet, ui_text),
        ctx=context,
        ui=ui,
        ui_plain=ui_text.__getitem__,
    )


def render_chooser(
    *, assets: Assets, referrer_policy: str, public_url: str = "", fonts: PageFonts | None = None
) -> str:
    infos = [factsheet.locale_info(code) for code in factsheet.locales()]
    source = factsheet.load(factsheet.DEFAULT_LOCALE)
    ui = factsheet.interface_text(factsheet.DEFAULT_LOCALE)
    return render_document(
        "index.html",
        lang=source.language,
        meta_policy=page_policy(script=CHOOSER_SCRIPT, meta=True),
        referrer_policy=referrer_policy,
        title=source.metadata.title,
        description=summary(source),
        public_url=public_url,
        root="",
        stylesheet=assets.page_css.path,
        fonts=fonts,
        fonts_css=assets.fonts_css.path,
        icon=assets.icon.path,
        locales=infos,
        choices=[(info, factsheet.load(info.code).metadata.title) for info in infos],
        footer=source.metadata.footer,
        version=source.metadata.version,
        rights=source.metadata.rights.statement,
        ui=interface_markup(ui),
        script=Markup(CHOOSER_SCRIPT),  # noqa: S704 - our own constant, allowed by its hash
    )


class IdConverter(BaseConverter):
    """An id segment (``risks``): no dot, so ``/embed/nl/index.html`` is a 404, not a redirect."""

    regex = r"[A-Za-z0-9_-]+"


def register_converters(state: BlueprintSetupState) -> None:
    """``<locale:...>`` and ``<id:...>``, for every blueprint that routes them."""
    state.app.url_map.converters.setdefault("locale", LocaleConverter)
    state.app.url_map.converters.setdefault("id", IdConverter)


bp = Blueprint("pages", __name__)
bp.record_once(register_converters)
bp.add_url_rule("/index.html", "chooser", answer)
bp.add_url_rule("/<locale:locale>/", "page", answer)
bp.add_url_rule("/releases/<version>/<locale:locale>/", "edition", answer)  # api/pages/editions.py


@bp.get("/")
def root() -> Response:
    """The page of the reader's language: a redirect that depends on ``Accept-Language``."""
    code = factsheet.negotiate_locale(request.headers.get("Accept-Language"))
    return _redirect(url_for("pages.page", locale=code), 302, vary=True)


@bp.get("/<locale:locale>")
def page_without_slash(locale: str) -> Response:
    """``/en`` to ``/en/``; a segment that names no locale is the 404 that lists them."""
    if locale not in factsheet.locales():
        current_site().explain(locale=locale)
    return _redirect(url_for("pages.page", locale=locale), 308)


@bp.after_app_request
def _bodyless_slash_redirect(response: Response) -> Response:
    """Werkzeug's own redirect to the URL with a slash (``/embed/nl`` to ``/embed/nl/``): the same
    bodyless, root-relative answer as :func:`page_without_slash` gives, not an HTML page with a
    ``Location`` built from the client's ``Host``."""
    moved = request.routing_exception
    if isinstance(moved, RequestRedirect):
        target = urlsplit(moved.new_url)
        return _redirect(urlunsplit(("", "", target.path, target.query, "")), moved.code)
    return response


def _redirect(location: str, status: int, *, vary: bool = False) -> Response:
    # A root-relative Location, never one made from the client's Host; no body.
    response = Response(status=status, headers={"Location": location})
    response.autocorrect_location_header = False
    del response.headers["Content-Type"]
    response.headers["Content-Length"] = "0"
    if vary:
        response.headers["Vary"] = "Accept-Language"
        response.headers["Cache-Control"] = "private, no-cache"
    else:
        response.headers["Cache-Control"] = public_cache(_REDIRECT_MAX_AGE)
    return response
