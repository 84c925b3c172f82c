"""What the site holds: one :meth:`~api.site.Site.add` per resource, every body made from the data package.

This is the one place to add a resource: its route (in :mod:`api.v1.routes` or beside it) gives the
URL, an entry here gives the representation. The export and the live leaf names follow.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from flask import Flask, url_for

import factsheet
from api.config import Settings
from api.pages import assets, crawlers, docs, embed, llms
from api.pages.assets import IMMUTABLE, Asset
from api.pages.editions import edition_banner, edition_text
from api.pages.fonts import PageFonts, face_bytes, page_fonts
from api.pages.page import CHOOSER_SCRIPT, page_policy, render_chooser, render_page
from api.pages.pdf_cache import PdfCache
from api.pages.printed import print_stylesheet
from api.v1 import chunks, releases, resources
from api.v1.schemas import HealthSchema, IndexSchema, LocaleSchema
from factsheet import ItemSchema, SectionSchema, render
from factsheet.history import store as stores

from .headers import common_headers
from .table import HTML, JSON, MARKDOWN, PDF, TEXT, Representation, Site, encode_json

__all__ = ["build_site"]

_SECTION = SectionSchema()
_ITEM = ItemSchema()


def build_site(app: Flask, settings: Settings, spec: Mapping[str, Any]) -> Site:
    """Every representation of every URL, once every route exists (the bodies link to them)."""
    site = Site(app, common_headers(settings))
    cached = settings.cache_control

    def as_json(data: Any, language: str | None = None, cache: str = cached) -> Representation:
        return Representation(encode_json(data), JSON, language, cache)

    def as_text(text: str, media_type: str, language: str) -> Representation:
        return Representation(text.encode(), media_type, language, cached)

    def as_html(text: str, policy: str, language: str | None = None) -> Representation:
        return Representation(text.encode(), HTML, language, cached, (("Content-Security-Policy", policy),))

    checksum = factsheet.content_checksum()
    files = assets.load()
    pdfs = app.extensions["factsheet.pdfs"] = PdfCache(settings.pdf_cache)
    referrer, public = settings.referrer_policy, settings.public_url
    page_of = partial(render_page, assets=files, referrer_policy=referrer, public_url=public)
    with app.test_request_context():  # url_for in the bodies' links
        site.add("v1.index", as_json(IndexSchema().dump(resources.index(app, checksum))))
        site.add("v1.locales", as_json(LocaleSchema(many=True).dump(resources.locales())))
        health = {"status": "ok", "version": factsheet.__version__, "checksum": checksum}
        site.add("health.healthz", as_json(HealthSchema().dump(health), cache="no-store"), export=False)
        releases.add_releases(site, cached)
        chunks.add_chunks(site, settings)  # /v1/{locale}/chunks (api/v1/chunks.py)
        llms.add_llms_txt(site, settings)  # /llms.txt (api/pages/llms.py)
        own = {asset.path: asset.body for asset in files.all()}

        def add_page(sheet: factsheet.Factsheet, endpoint: str, **values: str) -> tuple[str, Asset]:
            """The page of ``sheet`` with fonts cut for it, and its printed footer; returns the
            page as it prints (whole fonts: fonts.css) and that footer."""
            banner = edition_banner(values["version"], sheet.language) if "version" in values else None
            printed_page = page_of(sheet, edition=banner, pdf=True)
            screen = fonts_of(site, printed_page, factsheet.locale_info(sheet.language).direction)
            page = page_of(sheet, fonts=screen, edition=banner)
            site.add(endpoint, as_html(page, page_policy(), sheet.language), export=True, **values)
            footer = print_stylesheet(sheet, settings.public_url)
            if site.get(site.path("assets.asset", path=footer.path)) is None:  # an edition's may be today's
                printed = Representation(footer.body, footer.media_type, None, IMMUTABLE)
                site.add("assets.asset", printed, path=footer.path)
            return printed_page, footer

        for code in factsheet.locales():
            _localized(site, code, as_json, as_text)
            printed_page, footer = add_page(factsheet.load(code), "pages.page", locale=code)
            # The PDF made from the page as it prints (api/pages/pdf_cache.py).
            pdf = pdfs.add(printed_page, locale=code, files={**own, footer.path: footer.body})
            disposition = (("Content-Disposition", f'inline; filename="factsheet-{code}.pdf"'),)
            site.add("v1.pdf", Representation(pdf, PDF, code, cached, disposition), locale=code)
        for version in stores.shipped.versions():  # every release's page (api/pages/editions.py)
            for code in stores.shipped.archive(version).codes:
                add_page(edition_text(version, code), "pages.edition", version=version, locale=code)
    chooser_of = partial(render_chooser, assets=files, referrer_policy=referrer, public_url=public)
    chooser = chooser_of(fonts=fonts_of(site, chooser_of(), "ltr"))
    site.add("pages.chooser", as_html(chooser, page_policy(script=CHOOSER_SCRIPT)))
    site.add("docs.openapi_json", Representation(docs.spec_text(spec).encode(), JSON, None, cached))
    site.add("docs.docs", as_html(docs.render_docs(settings, files), docs.page_policy(settings)))
    for asset in files.all():
        site.add(
            "assets.asset", Representation(asset.body, asset.media_type, None, IMMUTABLE), path=asset.path
        )
    _embed(site, settings, files, as_html)
    robots = crawlers.robots(settings.public_url).encode()
    site.add("crawlers.robots", Representation(robots, TEXT, None, cached))
    if settings.public_url:
        sitemap = crawlers.sitemap(settings.public_url).encode()
        site.add("crawlers.sitemap", Representation(sitemap, crawlers.SITEMAP, None, cached))
    return site


def fonts_of(site: Site, html: str, direction: str) -> PageFonts:
    """The fonts cut for the page ``html`` (rendered without them), each served once."""
    screen = page_fonts(html, direction)
    stylesheet = Representation(screen.css, "text/css", None, IMMUTABLE)
    for path, representation in [
        (screen.stylesheet, stylesheet),
        *(
            (face.path, Representation(partial(face_bytes, face), "font/woff2", None, IMMUTABLE))
            for face in screen.faces
        ),
    ]:
        if site.get(site.path("assets.asset", path=path)) is None:  # pages may share a cut
            site.add("assets.asset", representation, path=path)
    return screen


def _embed(
    site: Site, settings: Settings, files: assets.Assets, as_html: Callable[..., Representation]
) -> None:
    """The element's script (a stable URL: revalidated, never immutable), its iframe pages, the generator."""

    def add(endpoint: str, page: embed.Page, **values: str) -> None:
        site.add(endpoint, as_html(page.html, page.policy, page.language), export=True, **values)

    cached = settings.cache_control
    site.add("embed.script", Representation(embed.script(), embed.SCRIPT, None, cached))
    referrer, public = settings.referrer_policy, settings.public_url
    for code in factsheet.locales():
        page = embed.frame_page(code, None, referrer_policy=referrer, public_url=public)
        add("embed.frame", page, locale=code)
        for section in factsheet.load(code).sections:
            page = embed.frame_page(code, section.id, referrer_policy=referrer, public_url=public)
            add("embed.frame_section", page, locale=code, section_id=section.id)
    generator = embed.generator_page(assets=files, referrer_policy=referrer, public_url=public)
    screen = fonts_of(site, generator.html, "ltr")
    generator = embed.generator_page(assets=files, referrer_policy=referrer, public_url=public, fonts=screen)
    add("embed.generator", generator)


def _localized(
    site: Site,
    code: str,
    as_json: Callable[..., Representation],
    as_text: Callable[[str, str, str], Representation],
) -> None:
    sheet = factsheet.load(code)
    whole = as_json(factsheet.to_dict(sheet), code)
    site.add("v1.localized_factsheet", whole, locale=code)
    # The negotiated /v1/factsheet: the same bytes and ETag as the canonical URL it names.
    canonical = url_for("v1.localized_factsheet", locale=code)
    negotiated = (("Vary", "Accept-Language"), ("Content-Location", canonical))
    site.add_variant(
        "v1.negotiated_factsheet",
        code,
        Representation(whole.body, JSON, code, whole.cache_control, negotiated),
    )
    sections = [_SECTION.dump(section) for section in sheet.sections]
    site.add("v1.sections", as_json(sections, code), locale=code)
    for section, dumped in zip(sheet.sections, sections, strict=True):
        site.add("v1.section", as_json(dumped, code), locale=code, section_id=section.id)
        for item in section.items:
            site.add(
                "v1.item",
                as_json(_ITEM.dump(item), code),
                locale=code,
                section_id=section.id,
                item_id=item.id,
            )
    site.add("v1.markdown", as_text(render.to_markdown(sheet), MARKDOWN, code), locale=code)
    site.add("v1.text", as_text(render.to_text(sheet), TEXT, code), locale=code)
