"""The shipped locales: which there are, what input names them, and which one a reader wants.

User input never reaches Babel or the file system before :func:`normalize_locale` has matched
it against the codes listed in ``translations/locales.yaml``, which is read with the same
strict loader as the content (a key given twice, a bad status: an error with its line).
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from marshmallow import ValidationError

from factsheet.errors import UnknownLocaleError
from factsheet.files import LOCALE_LIST, locale_list_file, read_input
from factsheet.model.fields import ReviewedSchema
from factsheet.model.status import RecordedStatus
from factsheet.model.strict_yaml import parse_document

from .tags import LOCALE_CODE, LOCALE_TAG, MAX_LOCALE_TAG, shorten

__all__ = [
    "DEFAULT_LOCALE",
    "LocaleStatus",
    "locale_statuses",
    "locales",
    "negotiate_locale",
    "normalize_locale",
    "parse_locale_list",
]

DEFAULT_LOCALE = "nl"
#: Longer Accept-Language values are not parsed: no browser sends one, an attacker might.
MAX_ACCEPT_LANGUAGE = 1024


@dataclass(frozen=True, slots=True)
class LocaleStatus:
    """A shipped locale as recorded in ``translations/locales.yaml``."""

    code: str
    status: RecordedStatus
    reviewed_by: str | None = None
    reviewed_on: str | None = None
    #: ``(message context, digest)`` of every string as it was reviewed (see factsheet.i18n.reviews).
    reviewed_strings: tuple[tuple[str, str], ...] = ()


_ENTRY = ReviewedSchema()


def _load_list(document: Any) -> dict[str, LocaleStatus]:
    if not isinstance(document, dict) or not document:
        raise ValidationError("must map locale codes to their status (nl: {status: source})")
    errors: dict[Any, Any] = {}
    statuses: dict[str, LocaleStatus] = {}
    for code, entry in document.items():
        if not isinstance(code, str) or not LOCALE_CODE.fullmatch(code):
            errors[code] = [f"{shorten(code)!r} is not a locale code: two or three lowercase letters"]
            continue
        try:
            loaded = _ENTRY.load(entry)
            loaded["reviewed_strings"] = tuple((loaded.get("reviewed_strings") or {}).items())
            statuses[code] = LocaleStatus(code=code, **loaded)
        except ValidationError as error:
            errors[code] = error.messages
    if errors:
        raise ValidationError(errors)
    if [c for c, s in statuses.items() if s.status == "source"] != [DEFAULT_LOCALE]:
        raise ValidationError(f"exactly one locale, {DEFAULT_LOCALE!r}, has the status 'source'")
    return dict(sorted(statuses.items(), key=lambda kv: kv[0] != DEFAULT_LOCALE))


def parse_locale_list(
    data: bytes | str, name: str = f"translations/{LOCALE_LIST}"
) -> dict[str, LocaleStatus]:
    """Validate the text of a locale list; raises ContentError naming the line of each problem."""
    return parse_document(data, name, _load_list, "locale list")


@cache
def locale_statuses() -> dict[str, LocaleStatus]:
    """Every shipped locale with its translation status, source locale first."""
    name = f"translations/{LOCALE_LIST}"
    return parse_locale_list(read_input(locale_list_file(), name), name)


def locales() -> tuple[str, ...]:
    """The codes of the shipped locales: ``nl`` (the source) first, then the translations."""
    return tuple(locale_statuses())


def normalize_locale(value: str, shipped: Mapping[str, object] | None = None) -> str:
    """The shipped locale that ``value`` names, or :class:`UnknownLocaleError`.

    Case and ``-``/``_`` do not matter, and a region falls back to its language
    (``en-GB``, ``en_GB`` and ``EN`` give ``en``); a language that is not shipped
    (``xx-YY``) is an error naming the locales there are. ``shipped``: the locales of an
    earlier release instead of the working ones.
    """
    shipped = locale_statuses() if shipped is None else shipped
    if isinstance(value, str) and len(value) <= MAX_LOCALE_TAG and LOCALE_TAG.fullmatch(value):
        found = _lookup(value, shipped)
        if found is not None:
            return found
    raise UnknownLocaleError(shorten(value), shipped)


def _lookup(tag: str, available: Container[str]) -> str | None:
    """The code in ``available`` that ``tag`` names: itself, else its language (``de-AT``: ``de``);
    case and ``-``/``_`` do not matter."""
    tag = tag.replace("_", "-").lower()
    return next((code for code in (tag, tag.split("-", 1)[0]) if code in available), None)


def negotiate_locale(accept_language: str | None, default: str = DEFAULT_LOCALE) -> str:
    """The best shipped locale for an ``Accept-Language`` header value.

    The lookup of RFC 4647 (3.4): the listed languages in order of preference (the highest q
    first and, among equal q-values, as listed), each tried as it is and then by its primary
    subtag (``de-AT``, then ``de``); the first shipped one wins. ``q=0`` excludes a language;
    ``*`` is any shipped locale not excluded, ``default`` first. Werkzeug parses the header;
    anything unparsable, empty or overlong gives ``default``.
    """
    if not accept_language or len(accept_language) > MAX_ACCEPT_LANGUAGE:
        return default
    match = _best_match(accept_language, default)
    return match if match is not None else default


# Browsers send few distinct values, and a server negotiates on every request: remember them.
# At most 1,024 values of at most MAX_ACCEPT_LANGUAGE characters each, so memory stays bounded.
@lru_cache(maxsize=1024)
def _best_match(accept_language: str, default: str) -> str | None:
    from werkzeug.datastructures import LanguageAccept  # noqa: PLC0415 - keep import cheap
    from werkzeug.http import parse_accept_header  # noqa: PLC0415

    shipped = locales()
    ranges = list(parse_accept_header(accept_language, LanguageAccept))
    excluded = {tag.replace("_", "-").lower() for tag, q in ranges if q == 0}
    available = [code for code in shipped if code not in excluded]
    # Werkzeug lists named languages before "*"; sorting by q alone keeps that order among equals.
    for tag, _q in sorted((item for item in ranges if item[1] > 0), key=lambda item: -item[1]):
        if tag == "*":
            return default if default in available else next(iter(available), None)
        found = _lookup(tag, available)
        if found is not None:
            return found
    return None


def clear_cache() -> None:
    """Forget the locale list and remembered negotiations (after locales.yaml changed)."""
    locale_statuses.cache_clear()
    _best_match.cache_clear()
