"""Serving the embed (:mod:`api.embed`): ``/embed.js``, the iframe pages and the generator page,
each built once into a representation like every other URL."""

from __future__ import annotations

from collections.abc import Mapping

from flask import Blueprint, Response

import factsheet

from . import embed
from .assets import Assets
from .config import Settings
from .headers import common_headers
from .representations import Key, Representation, make_etag, serve
from .v1 import find

__all__ = ["build", "create_blueprint"]

HTML = "text/html"
SCRIPT = "text/javascript"


def build(settings: Settings, assets: Assets) -> dict[Key, Representation]:
    checksum = factsheet.content_checksum()
    common = common_headers(settings)  # Access-Control-Allow-Origin: * (module scripts load in CORS mode)
    cached = f"public, max-age={settings.max_age}"

    def as_html(page: embed.Page, scope: str) -> Representation:
        body = page.html.encode()
        return Representation.build(
            body,
            media_type=HTML,
            content_type=f"{HTML}; charset=utf-8",
            etag=make_etag(checksum, scope, "html", body),
            cache_control=cached,
            common=common,
            language=page.language,
            extra=(("Content-Security-Policy", page.policy),),
        )

    script = embed.script()
    store: dict[Key, Representation] = {
        ("embed-script",): Representation.build(
            script,
            media_type=SCRIPT,
            content_type=f"{SCRIPT}; charset=utf-8",
            etag=make_etag(checksum, "all", "js", script),
            cache_control=cached,
            common=common,
        )
    }
    referrer = settings.referrer_policy
    for code in factsheet.locales():
        store[("embed-frame", code)] = as_html(embed.frame_page(code, None, referrer_policy=referrer), code)
        for section in factsheet.load(code).sections:
            page = embed.frame_page(code, section.id, referrer_policy=referrer)
            store[("embed-frame-section", code, section.id)] = as_html(page, code)
    generator = embed.generator_page(
        stylesheet=assets.page_css.path, icon=assets.icon.path, referrer_policy=referrer
    )
    store[("embed-code",)] = as_html(generator, "all")
    return store


def create_blueprint(store: Mapping[Key, Representation]) -> Blueprint:
    blp = Blueprint("embed", __name__)

    @blp.get("/embed.js")
    def script() -> Response:
        return serve(store[("embed-script",)])

    @blp.get("/embed/")
    def generator() -> Response:
        return serve(store[("embed-code",)])

    @blp.get("/embed/<locale:locale>/")
    def frame(locale: str) -> Response:
        return serve(find(store, ("embed-frame", locale)))

    @blp.get("/embed/<locale:locale>/<section_id>/")
    def frame_section(locale: str, section_id: str) -> Response:
        return serve(find(store, ("embed-frame-section", locale, section_id)))

    return blp
