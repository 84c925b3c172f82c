"""The embed: ``/embed.js`` (the ``<ai-chatbot-factsheet>`` element), the framable pages of the
iframe mode (``/embed/{locale}/``, ``/embed/{locale}/{section}/``) and the embed-code generator
(``/embed/``). What each URL serves is made here, once; :mod:`api.site.build` adds each to the site and
the routes at the end of this module answer from it (so the export writes them too).

- ``/embed.js`` is ``api/assets/embed.js`` with the table of locales and the interface text it
  shows written in (its ``/*DATA*/`` placeholder). It is a module script, which browsers fetch in
  CORS mode: it carries ``Access-Control-Allow-Origin: *``. Its URL is stable (pages of other sites
  name it), so it is cached for ``max_age`` and revalidated by ETag, never ``immutable``.
- The iframe pages are the element itself in a page of its own that tells its parent its height
  (``postMessage``). Only they relax ``frame-ancestors``; every other page keeps ``'none'``.
- Every link is relative (``../../embed.js``), so the same bytes work live and in the export.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint
from markupsafe import Markup

import factsheet
from api.site.answers import answer
from api.site.headers import content_security_policy, source_hash
from factsheet import InterfaceText
from factsheet.i18n.typography import colon
from factsheet.output.notices import FALLBACK_NOTICE, NOTICE_KEYS, STATUS_NOTICES

from .assets import Assets, inline_source
from .fonts import PageFonts
from .jinja import render_document, script_json
from .linked_data import summary
from .page import interface_markup, register_converters

__all__ = [
    "EMBED_TEXT",
    "FRAME_MESSAGE",
    "GENERATOR_TEXT",
    "SCRIPT",
    "Page",
    "bp",
    "frame_page",
    "generator_page",
    "run_in_sections",
    "script",
    "script_data",
]

#: The media type of ``/embed.js``.
SCRIPT = "text/javascript"
_PLACEHOLDER = '/*DATA*/ { source: "nl", runIn: [], notices: { status: {}, fallbacks: "" }, locales: {} }'

#: Interface text the element shows (notices, attribution, the polite failure).
EMBED_TEXT = (
    *NOTICE_KEYS,
    "original",
    "fallback",
    "rights",
    "embed-source",
    "embed-full",
    "embed-error",
)
#: Interface text of the generator page.
GENERATOR_TEXT = (
    "embed-title",
    "embed-intro",
    "language",
    "embed-section",
    "embed-whole",
    "embed-item",
    "embed-all-items",
    "embed-mode",
    "embed-mode-script",
    "embed-mode-iframe",
    "embed-iframe-note",
    "embed-preview",
    "embed-code",
    "embed-copy",
    "embed-copied",
    "embed-full",
)
#: The ``type`` of the message an iframe page posts to its parent, with ``height`` in CSS pixels.
FRAME_MESSAGE = "ai-chatbot-factsheet:height"

_FRAME_SCRIPT = "frame.js"
_FRAME_STYLE = "frame.css"
_GENERATOR_STYLE = "embed-code.css"


@dataclass(frozen=True, slots=True)
class Page:
    """An HTML page and the Content-Security-Policy it is served with."""

    html: str
    policy: str
    language: str | None


def _strings(ui: InterfaceText, keys: tuple[str, ...]) -> dict[str, Any]:
    return {"text": {key: ui[key] for key in keys}, "nl": [key for key in keys if ui.is_fallback(key)]}


def run_in_sections() -> list[str]:
    """The sections whose items run their title into their text ("Titel: tekst"), as the printed
    original and the page show them: those where every item has a title and a text, and no text
    begins with a capital in the Dutch source, because it continues its title."""
    source = factsheet.load(factsheet.DEFAULT_LOCALE)
    return [
        section.id
        for section in source.sections
        if section.items
        and all(item.title and item.text and not item.text[:1].isupper() for item in section.items)
    ]


def script_data() -> dict[str, Any]:
    """What the element knows without fetching: the locales, their direction, its interface text."""
    locales = {}
    for code in factsheet.locales():
        locales[code] = {
            "dir": factsheet.locale_info(code).direction,
            "colon": colon(code),
            **_strings(factsheet.interface_text(code), EMBED_TEXT),
        }
    # The notice rule as data: the element applies it to whatever release it fetches.
    rule = {"status": dict(STATUS_NOTICES), "fallbacks": FALLBACK_NOTICE}
    return {
        "source": factsheet.DEFAULT_LOCALE,
        "runIn": run_in_sections(),
        "notices": rule,
        "locales": locales,
    }


def script() -> bytes:
    """The bytes of ``/embed.js``: the element's source, its comments left out, with its data."""
    source = inline_source("embed.js")
    if source.count(_PLACEHOLDER) != 1:
        raise LookupError(f"api/assets/embed.js must hold {_PLACEHOLDER!r} exactly once")
    return source.replace(_PLACEHOLDER, script_json(script_data())).encode()


def _frame_policy(meta: bool) -> str:
    return content_security_policy(
        meta=meta,
        script_src=f"'self' {source_hash(inline_source(_FRAME_SCRIPT))}",
        connect_src="'self'",
        style_src=source_hash(inline_source(_FRAME_STYLE)),
        frame_ancestors="*",
    )


def frame_page(locale: str, section: str | None, *, referrer_policy: str, public_url: str = "") -> Page:
    """The iframe page of a locale's whole factsheet, or of one of its sections."""
    sheet = factsheet.load(locale)
    root = "../../" if section is None else "../../../"
    title = sheet.metadata.title
    description = summary(sheet)
    if section is not None:
        title = f"{sheet.section(section).title or title} · {title}"
        description = sheet.section(section).lead or description
    html = render_document(
        "embed.html",
        lang=locale,
        meta_policy=_frame_policy(meta=True),
        referrer_policy=referrer_policy,
        title=title,
        description=description,
        public_url=public_url,
        root=root,
        locale=locale,
        section=section,
        style=Markup(inline_source(_FRAME_STYLE)),  # noqa: S704 - our own file, allowed by its hash
        script=Markup(inline_source(_FRAME_SCRIPT)),  # noqa: S704 - our own file, allowed by its hash
        message=FRAME_MESSAGE,
        ui=interface_markup(factsheet.interface_text(locale)),
    )
    return Page(html, _frame_policy(meta=False), locale)


def _generator_script() -> str:
    return inline_source("embed-code.js")


def _generator_policy(meta: bool, *, style: str) -> str:
    return content_security_policy(
        meta=meta,
        script_src=f"'self' {source_hash(_generator_script())}",
        connect_src="'self'",
        style_src=f"'self' {source_hash(style)}",
        img_src="'self'",
        font_src="'self'",  # page.css loads the shipped fonts
        frame_src="'self'",
    )


def generator_page(
    *,
    assets: Assets,
    referrer_policy: str,
    public_url: str = "",
    fonts: PageFonts | None = None,
) -> Page:
    """``/embed/``: pick a locale, a section or item and a mode; see it; copy the snippet.

    Rendered in Dutch with every locale's interface text in a data block: the page's script
    switches to the browser's language, as the chooser page does.
    """
    source = factsheet.DEFAULT_LOCALE
    infos = [factsheet.locale_info(code) for code in factsheet.locales()]
    data = {
        "source": source,
        "message": FRAME_MESSAGE,
        "locales": {
            info.code: {
                "name": info.native_name,
                "dir": info.direction,
                **_strings(factsheet.interface_text(info.code), GENERATOR_TEXT),
            }
            for info in infos
        },
    }
    style = inline_source(_GENERATOR_STYLE)
    ui = factsheet.interface_text(source)
    html = render_document(
        "embed-code.html",
        lang=source,
        meta_policy=_generator_policy(meta=True, style=style),
        referrer_policy=referrer_policy,
        title=ui["embed-title"],
        description=ui["embed-intro"],
        public_url=public_url,
        root="../",
        stylesheet=assets.page_css.path,
        fonts=fonts,
        fonts_css=assets.fonts_css.path,
        icon=assets.icon.path,
        locales=infos,
        ui=interface_markup(ui),
        data=script_json(data),
        style=Markup(style),  # noqa: S704 - our own constant, allowed by its hash
        script=Markup(_generator_script()),  # noqa: S704 - our own file, allowed by its hash
    )
    return Page(html, _generator_policy(meta=False, style=style), None)


bp = Blueprint("embed", __name__)
bp.record_once(register_converters)  # the same URL segments as the pages
bp.add_url_rule("/embed.js", "script", answer)
bp.add_url_rule("/embed/", "generator", answer)
bp.add_url_rule("/embed/<locale:locale>/", "frame", answer)
bp.add_url_rule("/embed/<locale:locale>/<id:section_id>/", "frame_section", answer)
