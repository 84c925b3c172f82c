"""Where the package's data lives: beside this module, never relative to the working directory.

Found from ``__file__`` rather than with ``importlib.resources``: importing that module (and the
``tempfile`` and ``zipfile`` it pulls in) costs about 7 ms, a sixth of the whole load budget, and
the package is always installed as files (a wheel or a source tree), never run from a zip.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

CONTENT_NAME = "factsheet.nl.yaml"
DOMAIN = "factsheet"
PACKAGE_DIR = Path(__file__).resolve().parent


def content_file(name: str = CONTENT_NAME) -> Path:
    """A Dutch source file inside the package: the content, or the interface text."""
    return PACKAGE_DIR / "content" / name


@cache
def translations_dir() -> Path:
    """The gettext catalogs and ``locales.yaml``.

    A wheel carries them inside the package (``factsheet/translations``). An editable install
    or a plain checkout imports the package from the source tree, where they sit beside it in
    the translators' workspace ``translations/``: use that one, so both read the same files.
    """
    packaged = PACKAGE_DIR / "translations"
    return packaged if packaged.is_dir() else PACKAGE_DIR.parent / "translations"


def catalog_file(code: str) -> Path:
    """The ``.po`` file of a locale (``code`` must already be a shipped locale code)."""
    return translations_dir() / code / "LC_MESSAGES" / f"{DOMAIN}.po"
