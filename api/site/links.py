"""Links inside bodies: absolute under the site's public address (``FACTSHEET_PUBLIC_URL``)
when it is known, root-relative like ``url_for`` (so under ``APPLICATION_ROOT``) otherwise."""

from __future__ import annotations

from flask import url_for

from api.config import Settings

from .table import Site

__all__ = ["link"]


def link(site: Site, settings: Settings, endpoint: str, **values: str) -> str:
    """The URL of ``endpoint`` with ``values`` (call inside a request context)."""
    if settings.public_url:
        return settings.public_url + site.path(endpoint, **values).lstrip("/")
    return url_for(endpoint, _external=False, **values)
