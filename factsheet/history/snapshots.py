"""A snapshot: the inputs of one release (or of the working files), parsed on first use.

The same parsers and the same translation step as the working files (``parse_content``,
``parse_locale_list``, ``parse_catalog``, :func:`~factsheet.i18n.translate.localize`), so
an archived release reads exactly as strictly; a catalog that cannot be read is an error here,
not a fallback to Dutch, since it was readable when the release was made.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from functools import cached_property

from factsheet.errors import ContentError
from factsheet.i18n.catalogs import LocaleTranslations, parse_catalog
from factsheet.i18n.messages import interface_messages, messages
from factsheet.i18n.translate import localize, localize_interface
from factsheet.locale.registry import DEFAULT_LOCALE, LocaleStatus, normalize_locale, parse_locale_list
from factsheet.model.content import parse_content
from factsheet.model.interface_text import InterfaceText, parse_interface
from factsheet.model.objects import Factsheet

from . import layout

__all__ = ["Snapshot", "Strings"]

#: Every translatable string of a locale, ``{context: (Dutch, shown)}``.
Strings = dict[str, tuple[str, str]]


class Snapshot:
    """The inputs of one release (or of the working files), parsed on first use and cached."""

    def __init__(self, version: str, inputs: Mapping[str, bytes], origin: str) -> None:
        self.version = version
        self._inputs = inputs
        self._origin = origin
        self._lock = threading.Lock()
        self._built: dict[str, Factsheet] = {}
        self._catalogs: dict[str, LocaleTranslations] = {}

    def _name(self, member: str) -> str:
        return f"{self._origin}:{member}" if self._origin else member

    @cached_property
    def statuses(self) -> dict[str, LocaleStatus]:
        return parse_locale_list(self._inputs[layout.LOCALES], self._name(layout.LOCALES))

    @cached_property
    def source(self) -> Factsheet:
        return parse_content(self._inputs[layout.CONTENT], self._name(layout.CONTENT))

    @cached_property
    def interface_source(self) -> dict[str, str]:
        return parse_interface(self._inputs[layout.INTERFACE], self._name(layout.INTERFACE))

    def code(self, locale: str) -> str:
        """The locale of this snapshot that ``locale`` names (UnknownLocaleError names them)."""
        return normalize_locale(locale, self.statuses)

    def catalog(self, code: str) -> LocaleTranslations | None:
        """The catalog of ``code`` (``None`` for the Dutch source), parsed once: the inputs of a
        snapshot never change. Two threads may both parse it the first time; one result is kept."""
        if code == DEFAULT_LOCALE:
            return None
        if code not in self._catalogs:
            name = self._name(layout.catalog_name(code))
            catalog = parse_catalog(self._inputs[layout.catalog_name(code)], name)
            if catalog.problem:
                raise ContentError(name, [("", None, catalog.problem)], what="catalog")
            self._catalogs.setdefault(code, catalog)
        return self._catalogs[code]

    def factsheet(self, locale: str) -> Factsheet:
        """The factsheet in ``locale`` as this snapshot has it; cached per locale."""
        code = self.code(locale)
        with self._lock:
            if code not in self._built:
                # A review record pins the interface strings of the same files too: this snapshot's.
                status, catalog = self.statuses[code], self.catalog(code)
                self._built[code] = localize(self.source, status, catalog, lambda: self.interface_source)
            return self._built[code]

    def interface(self, code: str) -> InterfaceText:
        catalog = self.catalog(code)
        if catalog is None:
            return InterfaceText(code, tuple(self.interface_source.items()))
        return localize_interface(self.interface_source, code, catalog)

    def strings(self, code: str) -> Strings:
        """Every translatable string of a locale: the factsheet's, then the interface's."""
        source = messages(self.source)
        shown = messages(self.factsheet(code))
        found = {dutch.context: (dutch.text, text.text) for dutch, text in zip(source, shown, strict=True)}
        dutch_interface = interface_messages(self.interface_source)
        shown_interface = interface_messages(dict(self.interface(code).strings))
        for dutch, text in zip(dutch_interface, shown_interface, strict=True):
            found[dutch.context] = (dutch.text, text.text)
        return found
