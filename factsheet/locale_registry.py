"""The shipped locales: which there are, what input names them, and which one a reader wants.

User input never reaches Babel or the file system before :func:`normalize_locale` has matched
it against the codes listed in ``translations/locales.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import yaml
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from ._resources import translations_dir
from .errors import ContentError, UnknownLocaleError
from .model import TranslationStatus

__all__ = [
    "DEFAULT_LOCALE",
    "LocaleStatus",
    "locale_statuses",
    "locales",
    "negotiate_locale",
    "normalize_locale",
]

DEFAULT_LOCALE = "nl"
_TAG = re.compile(r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*")
#: Longer Accept-Language values are not parsed: no browser sends one, an attacker might.
MAX_ACCEPT_LANGUAGE = 1024


@dataclass(frozen=True, slots=True)
class LocaleStatus:
    """A shipped locale as recorded in ``translations/locales.yaml``."""

    code: str
    status: TranslationStatus
    reviewed_by: str | None = None
    reviewed_on: str | None = None


class _StatusSchema(Schema):
    status = fields.String(
        required=True, validate=validate.OneOf(["source", "machine-translated", "reviewed"])
    )
    reviewed_by = fields.String(load_default=None, validate=validate.Length(min=1))
    reviewed_on = fields.String(
        load_default=None, validate=validate.Regexp(r"\d{4}-\d{2}-\d{2}$", error="must be a date YYYY-MM-DD")
    )

    @validates_schema
    def _review_recorded(self, data: dict[str, Any], **kwargs: Any) -> None:
        reviewed = data["status"] == "reviewed"
        if reviewed and not (data["reviewed_by"] and data["reviewed_on"]):
            raise ValidationError("a reviewed locale needs reviewed_by and reviewed_on", "status")
        if not reviewed and (data["reviewed_by"] or data["reviewed_on"]):
            raise ValidationError("only a reviewed locale has a reviewer", "status")


@cache
def locale_statuses() -> dict[str, LocaleStatus]:
    """Every shipped locale with its translation status, source locale first."""
    source = translations_dir().joinpath("locales.yaml")
    name = "translations/locales.yaml"
    try:
        raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ContentError(name, [("", None, f"cannot read the locale list: {error}")]) from error
    if not isinstance(raw, dict) or not raw:
        raise ContentError(name, [("", None, "must map locale codes to their status")])
    problems: list[tuple[str, int | None, str]] = []
    statuses: dict[str, LocaleStatus] = {}
    for code, entry in raw.items():
        if not isinstance(code, str) or not re.fullmatch(r"[a-z]{2,3}", code):
            problems.append((str(code), None, "a locale code is two or three lowercase letters"))
            continue
        try:
            statuses[code] = LocaleStatus(code=code, **_StatusSchema().load(entry))
        except ValidationError as error:
            problems.append((code, None, str(error.messages)))
    if [c for c, s in statuses.items() if s.status == "source"] != [DEFAULT_LOCALE]:
        problems.append(("", None, f"exactly one locale, {DEFAULT_LOCALE!r}, has the status 'source'"))
    if problems:
        raise ContentError(name, problems)
    return dict(sorted(statuses.items(), key=lambda kv: kv[0] != DEFAULT_LOCALE))


def locales() -> tuple[str, ...]:
    """The codes of the shipped locales: ``nl`` (the source) first, then the translations."""
    return tuple(locale_statuses())


def normalize_locale(value: str) -> str:
    """The shipped locale that ``value`` names, or :class:`UnknownLocaleError`.

    Case and ``-``/``_`` do not matter, and a region falls back to its language
    (``en-GB``, ``en_GB`` and ``EN`` give ``en``); a language that is not shipped
    (``pt-BR``) is an error naming the locales there are.
    """
    shipped = locale_statuses()
    if isinstance(value, str) and len(value) <= 35 and _TAG.fullmatch(value):
        tag = value.replace("_", "-").lower()
        for candidate in (tag, tag.split("-", 1)[0]):
            if candidate in shipped:
                return candidate
    shown = value if isinstance(value, str) and len(value) <= 35 else f"{str(value)[:32]}…"
    raise UnknownLocaleError(shown, shipped)


def negotiate_locale(accept_language: str | None, default: str = DEFAULT_LOCALE) -> str:
    """The best shipped locale for an ``Accept-Language`` header value.

    Werkzeug's matcher does the parsing (q-values, ``q=0``, ``*``, region fallback, case);
    anything unparsable, empty or overlong gives ``default``.
    """
    if not accept_language or len(accept_language) > MAX_ACCEPT_LANGUAGE:
        return default
    match = _best_match(accept_language)
    return match if match is not None else default


# Browsers send few distinct values, and a server negotiates on every request: remember them.
# At most 1,024 values of at most MAX_ACCEPT_LANGUAGE characters each, so memory stays bounded.
@lru_cache(maxsize=1024)
def _best_match(accept_language: str) -> str | None:
    from werkzeug.datastructures import LanguageAccept  # noqa: PLC0415 - keep import cheap
    from werkzeug.http import parse_accept_header  # noqa: PLC0415

    match: str | None = parse_accept_header(accept_language, LanguageAccept).best_match(locales())
    return match


@cache
def _babel_locale(code: str) -> Any:
    from babel import Locale  # noqa: PLC0415 - Babel's locale data loads on first use only

    return Locale.parse(code)


def english_name(code: str) -> str:
    return str(_babel_locale(code).english_name)


def native_name(code: str) -> str:
    """The locale's name in its own language, starting with a capital where the script has one."""
    name = str(_babel_locale(code).display_name)
    return name[:1].upper() + name[1:]


def text_direction(code: str) -> str:
    """``ltr`` or ``rtl``."""
    return str(_babel_locale(code).text_direction)


def clear_cache() -> None:
    """Forget the locale list and remembered negotiations (after locales.yaml changed)."""
    locale_statuses.cache_clear()
    _best_match.cache_clear()
