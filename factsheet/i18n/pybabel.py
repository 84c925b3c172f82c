"""The plain ``pybabel`` commands that ``python -m factsheet.i18n`` stands for, and running them.

A translator can always run these by hand (see translations/README.md).
"""

from __future__ import annotations

import shlex
import sys

from factsheet import DISTRIBUTION
from factsheet.files import DOMAIN

__all__ = ["POT", "TRANSLATIONS", "extract_command", "init_command", "run", "update_command"]

PROJECT = DISTRIBUTION
TRANSLATIONS = "translations"
POT = f"{TRANSLATIONS}/{DOMAIN}.pot"
HEADER = (
    "# Translations of the factsheet\n"
    "# 'AI-chatbots en mentaal welzijn van jongeren' (2026).\n"
    "# The text belongs to the original publisher of the factsheet;\n"
    "# no licence for it was given. Translations are machine translations\n"
    "# until a native speaker reviews them: see translations/locales.yaml."
)


#: Lines as long as any string: each string and comment on one line, so that a change of the
#: Dutch changes one line, and the previous Dutch of a fuzzy entry (``#| msgid``) is one line.
#: Not ``--no-wrap``: Babel (like xgettext) still wraps comments at 76 then, and a wrapped
#: ``#| msgid`` is a syntax error for GNU msgfmt.
WIDTH = "10000"
#: ``#:`` lines name the file only: the line numbers moved with every edit of the YAML, and
#: the ``msgctxt`` already says where a string belongs.
LOCATION = "file"


def _version() -> str:
    from factsheet import __version__  # noqa: PLC0415

    return str(__version__)


def extract_command(output: str = POT) -> list[str]:
    """The ``pybabel extract`` arguments that produce the committed template."""
    return [
        "pybabel", "extract", "-F", "babel.cfg", "-o", output,
        "--project", PROJECT, "--version", _version(),
        "--copyright-holder", "the original publisher of the factsheet",
        "--msgid-bugs-address", f"the issue tracker of {PROJECT}",
        "--header-comment", HEADER, "--add-location", LOCATION, "--width", WIDTH, ".",
    ]  # fmt: skip


def update_command(locale: str | None = None) -> list[str]:
    """``pybabel update``: a changed string keeps its old translation as fuzzy, with the Dutch it
    was made for (``#| msgid``, as Poedit and Weblate show it); a catalog's header keeps its own
    date, so that only the changed entries change."""
    command = [
        "pybabel", "update", "-i", POT, "-d", TRANSLATIONS, "-D", DOMAIN,
        "--ignore-obsolete", "--previous", "--ignore-pot-creation-date", "--width", WIDTH,
    ]  # fmt: skip
    return [*command, "-l", locale] if locale else command


def init_command(locale: str) -> list[str]:
    return ["pybabel", "init", "-i", POT, "-d", TRANSLATIONS, "-D", DOMAIN, "-l", locale, "--width", WIDTH]


def run(argv: list[str]) -> int:
    """Print the command, then run it with Babel's own command line; its exit status."""
    from babel.messages.frontend import CommandLineInterface  # noqa: PLC0415

    print("$", shlex.join(argv), file=sys.stderr)
    try:
        CommandLineInterface().run(argv)  # type: ignore[no-untyped-call]
    except SystemExit as stop:
        return int(stop.code or 0)
    return 0
