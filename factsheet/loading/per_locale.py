"""One value per shipped locale, built on first use under a lock and then served from a dict."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from factsheet.locale.registry import normalize_locale

T = TypeVar("T")


class PerLocale(Generic[T]):
    """``get(locale)`` normalises the locale (raising UnknownLocaleError) and builds once per code.

    A repeated call with a shipped code (``"en"``) is one dict lookup, without the lock; other
    spellings (``"EN"``) are normalised first.
    """

    def __init__(self, build: Callable[[str], T]) -> None:
        self._build = build
        self._values: dict[str, T] = {}
        self._lock = threading.Lock()

    def get(self, locale: str) -> T:
        cached = self._values.get(locale)
        if cached is not None:
            return cached
        code = normalize_locale(locale)
        with self._lock:
            if code not in self._values:
                self._values[code] = self._build(code)
            return self._values[code]

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
