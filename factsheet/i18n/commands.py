"""Translator workflow in one place: ``python -m factsheet.i18n extract|update|init|check|review``.

The subcommands only save typing: each prints and runs the plain ``pybabel`` command it
stands for, so a translator can always run that command by hand (see translations/README.md).
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from factsheet.errors import FactsheetError

from . import previous
from .checks import DATE_LINE, report
from .pybabel import POT, TRANSLATIONS, extract_command, init_command, run, update_command
from .review_record import record_review

__all__ = ["main"]


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
    review = commands.add_parser(
        "review", help="record in locales.yaml that a native speaker reviewed every string of a locale"
    )
    review.add_argument("locale")
    review.add_argument("--by", required=True, help="the reviewer's name, as it is to be shown")
    review.add_argument(
        "--on",
        type=_date,
        default=datetime.datetime.now(datetime.UTC).date().isoformat(),
        help="YYYY-MM-DD (today)",
    )
    args = parser.parse_args(argv)
    if not Path("babel.cfg").is_file():
        parser.error("run this from the root of a checkout (where babel.cfg is)")
    if args.command == "extract":
        return _extract()
    if args.command == "update":
        saved = previous.kept(Path(TRANSLATIONS), args.locale)
        status = run(update_command(args.locale))
        previous.restore_all(saved)
        return status
    pybabel: dict[str, Callable[[], list[str]]] = {
        "init": lambda: init_command(args.locale),
    }
    if args.command in pybabel:
        return run(pybabel[args.command]())
    try:
        if args.command == "review":
            by = args.by.strip()
            record_review(Path(TRANSLATIONS), args.locale, by, args.on)
            print(f"{TRANSLATIONS}/locales.yaml: {args.locale} reviewed by {by} on {args.on}")
            return 0
        return report(Path(TRANSLATIONS))
    except (ValueError, LookupError, FactsheetError) as error:  # e.g. a broken locales.yaml: in words
        print(error)
        return 1


def _extract() -> int:
    """``pybabel extract``, keeping the template's creation date when nothing else changed: an
    extraction from unchanged Dutch leaves the checkout as it was."""
    template = Path(POT)
    before = template.read_text(encoding="utf-8") if template.is_file() else ""
    try:
        status = run(extract_command())
    except Exception as error:  # noqa: BLE001 - e.g. a content file that is not YAML: say so, keep the template
        if before:
            template.write_text(before, encoding="utf-8")
        print(f"extraction failed, {POT} left as it was: {error}", file=sys.stderr)
        return 1
    after = template.read_text(encoding="utf-8") if template.is_file() else ""
    if before and (status != 0 or DATE_LINE.sub("", after) == DATE_LINE.sub("", before)):
        template.write_text(before, encoding="utf-8")
    return status


def _date(value: str) -> str:
    """A review's date: a date YYYY-MM-DD, not after today (UTC): a review is recorded once done."""
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date YYYY-MM-DD") from None
    if day > datetime.datetime.now(datetime.UTC).date():
        raise argparse.ArgumentTypeError(f"{value} is after today: record a review once it is done")
    return day.isoformat()
