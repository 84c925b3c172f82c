"""Where the package's data lives, found with importlib.resources (never the working directory)."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

CONTENT_NAME = "factsheet.nl.yaml"
DOMAIN = "factsheet"


def content_file(name: str = CONTENT_NAME) -> Traversable:
    """A Dutch source file inside the package: the content, or the interface text."""
    return files("factsheet").joinpath("content", name)


@cache
def translations_dir() -> Traversable:
    """The gettext catalogs and ``locales.yaml``.

    A wheel carries them inside the package (``factsheet/translations``). An editable install
    or a plain checkout imports the package from the source tree, where they sit beside it in
    the translators' workspace ``translations/``: use that one, so both read the same files.
    """
    packaged = files("factsheet").joinpath("translations")
    if packaged.is_dir():
        return packaged
    return files("factsheet").joinpath("..", "translations")


def catalog_file(code: str) -> Traversable:
    """The ``.po`` file of a locale (``code`` must already be a shipped locale code)."""
    return translations_dir().joinpath(code, "LC_MESSAGES", f"{DOMAIN}.po")
