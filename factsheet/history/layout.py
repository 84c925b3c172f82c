"""What a release holds, by name: the same names in an archive and among the working files.

The inputs are every file any text in any locale comes from (the Dutch source and interface
text, ``locales.yaml`` and each catalog), which is what :func:`factsheet.content_checksum` digests; an
archive adds the JSON of ``/v1/{locale}/factsheet`` as served at release time, and a manifest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from factsheet.files import (
    CONTENT_NAME,
    DOMAIN,
    INTERFACE_NAME,
    LOCALE_LIST,
    catalog_file,
    content_file,
    locale_list_file,
    read_input,
)
from factsheet.loading.checksum import checksum_of
from factsheet.locale.registry import DEFAULT_LOCALE, parse_locale_list
from factsheet.locale.tags import LOCALE_CODE

__all__ = [
    "CONTENT",
    "INTERFACE",
    "LOCALES",
    "MANIFEST",
    "catalog_name",
    "checksum",
    "could_hold",
    "input_names",
    "json_name",
    "working_inputs",
]

CONTENT = f"content/{CONTENT_NAME}"
INTERFACE = f"content/{INTERFACE_NAME}"
LOCALES = f"translations/{LOCALE_LIST}"
MANIFEST = "manifest.json"


def catalog_name(code: str) -> str:
    return f"translations/{code}/LC_MESSAGES/{DOMAIN}.po"


def json_name(code: str) -> str:
    """Where the JSON of ``/v1/{code}/factsheet`` sits: its name in the static export."""
    return f"v1/{code}/factsheet.json"


def input_names(codes: Iterable[str]) -> list[str]:
    """The inputs in checksum order: source, interface text, locale list, catalogs in list order."""
    return [CONTENT, INTERFACE, LOCALES] + [catalog_name(code) for code in codes if code != DEFAULT_LOCALE]


def could_hold(name: str) -> bool:
    """Whether a release of some locales has a member ``name`` (before its locale list is read)."""
    parts = name.split("/")
    code = parts[1] if len(parts) > 2 else ""
    if LOCALE_CODE.fullmatch(code) and name in (catalog_name(code), json_name(code)):
        return True
    return name in (MANIFEST, *input_names(()))


def checksum(inputs: Mapping[str, bytes], codes: Iterable[str]) -> str:
    """The content checksum of a set of inputs, as :func:`factsheet.content_checksum` makes it."""
    return checksum_of((name.rsplit("/", 1)[-1], inputs[name]) for name in input_names(codes))


def working_inputs() -> dict[str, bytes]:
    """The inputs as they are now in the package, read within the input limits."""
    locale_list = read_input(locale_list_file(), LOCALES)
    codes = parse_locale_list(locale_list, LOCALES)
    paths = {CONTENT: content_file(), INTERFACE: content_file(INTERFACE_NAME), LOCALES: locale_list_file()}
    paths |= {catalog_name(code): catalog_file(code) for code in codes if code != DEFAULT_LOCALE}
    inputs = {name: read_input(path, name) for name, path in paths.items()}
    inputs[LOCALES] = locale_list
    return inputs
