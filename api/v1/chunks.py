"""``/v1/{locale}/chunks``: the factsheet as chunks for a retrieval index (:func:`factsheet.chunks`),
every chunk citing this site's page of its locale and, once the version is released, its pinned
edition (``/v1/releases/{version}/{locale}/factsheet``); absolute when the site's public address
is known (``FACTSHEET_PUBLIC_URL``), root-relative like every other link otherwise.
"""

from __future__ import annotations

import factsheet
from api.config import Settings
from api.site.links import link
from api.site.table import JSON, Representation, Site, encode_json

__all__ = ["add_chunks"]

_SCHEMA = factsheet.ChunksSchema()


def add_chunks(site: Site, settings: Settings) -> None:
    """Put every locale's chunks into ``site`` (call inside a request context: ``url_for``)."""
    version = factsheet.load().metadata.version
    released = factsheet.is_released()  # else there is no pinned edition of this text yet
    for code in factsheet.locales():
        url = link(site, settings, "pages.page", locale=code)
        edition = (
            link(site, settings, "v1.release_factsheet", version=version, locale=code) if released else None
        )
        body = encode_json(_SCHEMA.dump(factsheet.chunks(code, url=url, edition_url=edition)))
        site.add("v1.chunks", Representation(body, JSON, code, settings.cache_control), locale=code)
