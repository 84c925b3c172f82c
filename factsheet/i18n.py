"""Translator workflow in one place: ``python -m factsheet.i18n extract|update|init|check``.

The subcommands only save typing: each prints and runs the plain ``pybabel`` command it
stands for, so a translator can always run that command by hand (see translations/README.md).
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

from ._resources import DOMAIN

__all__ = ["extract_command", "main"]

PROJECT = "ai-chatbot-factsheet"
TRANSLATIONS = "translations"
POT = f"{TRANSLATIONS}/{DOMAIN}.pot"
HEADER = (
    "# Translations of the factsheet\n"
    "# 'AI-chatbots en mentaal welzijn van jongeren' (2026).\n"
    "# The text belongs to the original publisher of the factsheet;\n"
    "# no licence for it was given. Translations are machine translations\n"
    "# until a native speaker reviews them: see translations/locales.yaml."
)


def _version() -> str:
    from importlib.metadata import version  # noqa: PLC0415

    return version(PROJECT)


def extract_command(output: str = POT) -> list[str]:
    """The ``pybabel extract`` arguments that produce the committed template."""
    return [
        "pybabel", "extract", "-F", "babel.cfg", "-o", output,
        "--project", PROJECT, "--version", _version(),
        "--copyright-holder", "the original publisher of the factsheet",
        "--msgid-bugs-address", f"the issue tracker of {PROJECT}",
        "--header-comment", HEADER, ".",
    ]  # fmt: skip


def update_command(locale: str | None = None) -> list[str]:
    command = [
        "pybabel",
        "update",
        "-i",
        POT,
        "-d",
        TRANSLATIONS,
        "-D",
        DOMAIN,
        "--previous",
        "--ignore-obsolete",
    ]
    return [*command, "-l", locale] if locale else command


def init_command(locale: str) -> list[str]:
    return ["pybabel", "init", "-i", POT, "-d", TRANSLATIONS, "-D", DOMAIN, "-l", locale]


def _run(argv: list[str]) -> int:
    print("$", shlex.join(argv), file=sys.stderr)
    try:
        CommandLineInterface().run(argv)  # type: ignore[no-untyped-call]
    except SystemExit as stop:
        return int(stop.code or 0)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m factsheet.i18n",
        description="Run from the root of a checkout. Wraps pybabel with this project's options.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("extract", help=f"write {POT} from the Dutch content")
    update = commands.add_parser("update", help="merge the template into every catalog (or one)")
    update.add_argument("locale", nargs="?")
    init = commands.add_parser("init", help="start a catalog for a new locale")
    init.add_argument("locale")
    commands.add_parser("check", help="run every catalog check; exit status 1 on a problem")
    args = parser.parse_args(argv)
    if not Path("babel.cfg").is_file():
        parser.error("run this from the root of a checkout (where babel.cfg is)")
    if args.command == "extract":
        return _run(extract_command())
    if args.command == "update":
        return _run(update_command(args.locale))
    if args.command == "init":
        return _run(init_command(args.locale))
    from .catalog_checks import report  # noqa: PLC0415

    return report(Path(TRANSLATIONS))


if __name__ == "__main__":
    sys.exit(main())
