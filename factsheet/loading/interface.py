"""``interface_text()``: the interface strings in a shipped locale, with the same per-string
fallback to Dutch as the content (a translation whose placeholders are not the Dutch ones is
dropped when the catalog is read, see :mod:`factsheet.i18n.rules`)."""

from __future__ import annotations

from functools import cache

from factsheet.files import INTERFACE_NAME, content_file, read_input
from factsheet.i18n.catalogs import read_catalog, warn_fallbacks
from factsheet.i18n.translate import localize_interface
from factsheet.locale.registry import DEFAULT_LOCALE
from factsheet.model.interface_text import InterfaceText, interface_context, parse_interface

from .per_locale import PerLocale

__all__ = ["interface_text", "source_interface"]


@cache
def source_interface() -> dict[str, str]:
    """The Dutch interface text as read from the package."""
    name = f"factsheet/content/{INTERFACE_NAME}"
    return parse_interface(read_input(content_file(INTERFACE_NAME), name), name)


def interface_text(locale: str = DEFAULT_LOCALE) -> InterfaceText:
    """The interface strings in ``locale``; missing or unfinished ones in Dutch."""
    return _built.get(locale)


def _build(code: str) -> InterfaceText:
    source = source_interface()
    if code == DEFAULT_LOCALE:
        return InterfaceText(code, tuple(source.items()))
    catalog = read_catalog(code)
    built = localize_interface(source, code, catalog)
    fallbacks = [interface_context(key) for key in built.fallbacks]
    warn_fallbacks(code, fallbacks, len(source), "interface strings", catalog.problem)
    return built


_built: PerLocale[InterfaceText] = PerLocale(_build)


def clear_cache() -> None:
    _built.clear()
    source_interface.cache_clear()
