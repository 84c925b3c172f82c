"""The service's settings: defaults, then ``FACTSHEET_*`` environment variables, then ``create_app(config)``.

=============================  =========================================  ==============================
setting (environment variable)  meaning                                    default
=============================  =========================================  ==============================
``FACTSHEET_MAX_AGE``           ``Cache-Control: max-age`` of content, s   ``3600``
``FACTSHEET_CORS_MAX_AGE``      how long browsers may cache a preflight, s ``86400``
``FACTSHEET_REFERRER_POLICY``   ``Referrer-Policy`` on every response      ``no-referrer``
``FACTSHEET_DOCS_ASSETS_URL``   where ``/v1/docs`` loads Swagger UI from   empty: the copy the app serves
``FACTSHEET_PUBLIC_URL``        the site's public address: a QR code on    empty: no address printed
                                every printed page and PDF; the pages'
                                absolute links and the sitemap
``FACTSHEET_PDF_CACHE``         the folder the PDFs are kept in, shared by ``$XDG_CACHE_HOME/ai-chatbot-
                                the workers and kept across restarts       factsheet/pdf`` (``~/.cache``)
                                (``api/pages/pdf_cache.py``)
=============================  =========================================  ==============================

Swagger UI comes with the app (the ``swagger-ui-bundle-v2`` package), so ``/v1/docs`` works offline
and under a strict Content-Security-Policy. ``FACTSHEET_DOCS_ASSETS_URL`` points it elsewhere (a
``swagger-ui-dist`` folder on a CDN or a path of the same site); the page's policy then allows
that origin.

The production server (``python -m api``) reads ``FACTSHEET_BIND`` and ``FACTSHEET_WORKERS``
(see ``api/server/run.py``). Debug mode stays off unless asked for (``flask run --debug``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .pages.pdf_cache import default_directory

__all__ = ["DEFAULTS", "ConfigError", "Settings", "from_environ", "public_cache", "settings_from"]

DEFAULTS: Mapping[str, Any] = {
    "FACTSHEET_MAX_AGE": 3600,
    "FACTSHEET_CORS_MAX_AGE": 86400,
    "FACTSHEET_REFERRER_POLICY": "no-referrer",
    "FACTSHEET_DOCS_ASSETS_URL": "",
    "FACTSHEET_PUBLIC_URL": "",
    "FACTSHEET_PDF_CACHE": "",
}

#: The policies of https://www.w3.org/TR/referrer-policy/; anything else is a typo.
REFERRER_POLICIES = frozenset(
    {
        "no-referrer",
        "no-referrer-when-downgrade",
        "origin",
        "origin-when-cross-origin",
        "same-origin",
        "strict-origin",
        "strict-origin-when-cross-origin",
        "unsafe-url",
    }
)


#: An http(s) URL or an absolute path: its origin goes into a Content-Security-Policy, so no quotes,
#: spaces or ``;`` can reach the header.
_ASSETS_URL = re.compile(
    r"(https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?)?(/[A-Za-z0-9._~%!$&()*+,;=:@/-]*)?", re.ASCII
)


#: The public address of the site: printed as text, so plain http(s) only.
_PUBLIC_URL = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%!$&()*+,;=:@/-]*)?", re.ASCII)


class ConfigError(ValueError):
    """A setting has a value the service cannot use; the message names the setting."""

    def __init__(self, key: str, value: object, expected: str) -> None:
        self.key = key
        self.value = value
        super().__init__(f"{key} must be {expected} (got {value!r})")


def public_cache(max_age: int) -> str:
    """The ``Cache-Control`` of what any cache may keep for ``max_age`` seconds."""
    return f"public, max-age={max_age}"


@dataclass(frozen=True, slots=True)
class Settings:
    """The checked settings the app is built from."""

    max_age: int
    cors_max_age: int
    referrer_policy: str
    docs_assets_url: str
    """Empty: the Swagger UI files the app serves itself."""
    public_url: str = ""
    """``https://example.org/factsheet/`` (always with a final slash), or empty."""
    pdf_cache: Path = field(default_factory=default_directory)
    """Where the PDFs are kept (an absolute path)."""

    @property
    def cache_control(self) -> str:
        """The ``Cache-Control`` of content at a stable URL: kept ``max_age``, then revalidated."""
        return public_cache(self.max_age)


def from_environ(environ: Mapping[str, str]) -> dict[str, str]:
    """The settings given as environment variables, as raw strings."""
    return {key: environ[key] for key in DEFAULTS if key in environ}


def settings_from(config: Mapping[str, Any]) -> Settings:
    """Check the ``FACTSHEET_*`` values of a Flask config; raises :class:`ConfigError`."""
    policy = str(config["FACTSHEET_REFERRER_POLICY"]).strip()
    if policy not in REFERRER_POLICIES:
        raise ConfigError(
            "FACTSHEET_REFERRER_POLICY", policy, f"one of {', '.join(sorted(REFERRER_POLICIES))}"
        )
    assets = str(config["FACTSHEET_DOCS_ASSETS_URL"]).strip().rstrip("/")
    if assets and not _ASSETS_URL.fullmatch(assets):
        raise ConfigError(
            "FACTSHEET_DOCS_ASSETS_URL", assets, "empty, an http(s) URL or a path starting with /"
        )
    public = str(config["FACTSHEET_PUBLIC_URL"]).strip()
    if public and not _PUBLIC_URL.fullmatch(public):
        raise ConfigError("FACTSHEET_PUBLIC_URL", public, "empty or an http(s) URL")
    cache = str(config["FACTSHEET_PDF_CACHE"]).strip()
    if "\0" in cache:
        raise ConfigError("FACTSHEET_PDF_CACHE", cache, "a folder's path")
    return Settings(
        pdf_cache=Path(cache).absolute() if cache else default_directory(),
        public_url=public.rstrip("/") + "/" if public else "",
        max_age=_seconds(config, "FACTSHEET_MAX_AGE"),
        cors_max_age=_seconds(config, "FACTSHEET_CORS_MAX_AGE"),
        referrer_policy=policy,
        docs_assets_url=assets,
    )


def _seconds(config: Mapping[str, Any], key: str) -> int:
    value = config[key]
    if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value, re.ASCII):
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise ConfigError(key, value, "a whole number of seconds, 0 or more")
