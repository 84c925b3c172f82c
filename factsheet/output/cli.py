"""The ``factsheet`` command (also ``python -m factsheet``)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from factsheet import DISTRIBUTION
from factsheet.errors import FactsheetError, InputFileError
from factsheet.files import read_input
from factsheet.i18n.catalogs import CatalogWarning
from factsheet.i18n.outline import check_outline
from factsheet.loading.checksum import content_checksum
from factsheet.loading.factsheets import load
from factsheet.loading.locale_info import LocaleInfo, locale_info
from factsheet.locale.registry import DEFAULT_LOCALE, locales
from factsheet.model.content import parse_content
from factsheet.model.objects import SECTION_IDS
from factsheet.model.schema import SectionSchema, to_dict

from . import render
from .changes import changes_text

__all__ = ["main"]

EPILOG = """\
examples:
  factsheet show                      the whole factsheet in Dutch, as text
  factsheet show risks -l en          one section in English
  factsheet show -l ar -f json        everything in Arabic, as JSON
  factsheet show -f markdown > fs.md  Markdown for a website or a document
  factsheet locales                   the languages there are, and how complete
  factsheet validate my.yaml          check an edited content file
  factsheet changes -l es             what changed in Spanish since the last release
  factsheet mcp                       the server for AI assistants (MCP), over stdio

exit status: 0 success, 1 invalid content, 2 wrong usage, unknown locale/section,
a file that cannot be read (no such file, not a regular file), or a command whose
extra is not installed (mcp).
"""

#: What ``factsheet mcp`` needs, and how to get it.
MCP_MISSING = (
    "factsheet mcp needs the MCP SDK, the package's extra 'mcp': in a checkout "
    ".venv/bin/pip install -e '.[mcp]', elsewhere pip install 'path/to/checkout[mcp]' (or a wheel's)"
)


def _parser() -> argparse.ArgumentParser:
    from importlib.metadata import version  # noqa: PLC0415

    parser = argparse.ArgumentParser(
        prog="factsheet",
        description="The factsheet 'AI-chatbots en mentaal welzijn van jongeren' (2026) "
        "for professionals who work with young people.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version(DISTRIBUTION)}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    show = commands.add_parser("show", help="print the factsheet or one section")
    show.add_argument("section", nargs="?", help=f"a section id: {', '.join(SECTION_IDS)}")
    show.add_argument("-l", "--locale", default=DEFAULT_LOCALE, help="language code (default: nl)")
    show.add_argument(
        "-f",
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="output format (default: text)",
    )

    listing = commands.add_parser("locales", help="list the shipped languages")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")

    validate = commands.add_parser(
        "validate",
        help="check a content file: its format, and its ids and strings against the translations; "
        "exit status 1 if invalid",
    )
    validate.add_argument("path", help="a YAML content file, e.g. factsheet/content/factsheet.nl.yaml")

    changes = commands.add_parser(
        "changes", help="what changed since a release: strings added, removed and changed, and statuses"
    )
    changes.add_argument("--since", metavar="VERSION", help="a release (default: the one before this)")
    changes.add_argument("--to", metavar="VERSION", help="a later release (default: the working files)")
    changes.add_argument("-l", "--locale", help="one language code (default: every locale)")

    mcp = commands.add_parser(
        "mcp",
        help="serve the factsheet to AI assistants (Model Context Protocol): over stdio, "
        "or over HTTP with --http; read-only, every answer with its citation and rights",
        description="Serve the factsheet to AI assistants over the Model Context Protocol: "
        "resources, search and a prompt, read-only; every answer carries its citation, the rights "
        "and, for a translation, the machine-translation notice. Needs the extra 'mcp'.",
    )
    mcp.add_argument(
        "--http",
        metavar="HOST:PORT",
        help="serve streamable HTTP at http://HOST:PORT/mcp instead of stdio; HOST defaults to "
        "127.0.0.1 (this machine only), e.g. --http 8765",
    )
    return parser


def _show(section_id: str | None, locale: str, fmt: str) -> str:
    factsheet = load(locale)
    if section_id is None:
        if fmt == "json":
            return json.dumps(to_dict(factsheet), ensure_ascii=False, indent=2)
        return render.to_markdown(factsheet) if fmt == "markdown" else render.to_text(factsheet)
    section = factsheet.section(section_id)
    if fmt == "json":
        return json.dumps(SectionSchema().dump(section), ensure_ascii=False, indent=2)
    return render.section_markdown(section) if fmt == "markdown" else render.section_text(section)


def _locales(as_json: bool) -> str:
    infos = [locale_info(code) for code in locales()]
    if as_json:
        rows = [{**asdict(info), "completeness": round(info.completeness, 4)} for info in infos]
        return json.dumps({"checksum": content_checksum(), "locales": rows}, ensure_ascii=False, indent=2)
    lines = [f"{'code':5} {'language':12} {'native name':14} {'dir':4} {'translated':>10}  status"]
    for i in infos:
        lines.append(
            f"{i.code:5} {i.english_name:12} {i.native_name:14} {i.direction:4} "
            f"{f'{i.translated}/{i.total}':>10}  {i.status}{_review_note(i)}"
        )
    return "\n".join(lines)


def _review_note(info: LocaleInfo) -> str:
    """`` (by NAME on DATE)``, and for a review that went stale the strings changed since."""
    if not info.reviewed_by:
        return ""
    note = f" (by {info.reviewed_by} on {info.reviewed_on}"
    changed = info.changed_since_review
    if changed:
        shown = ", ".join(changed[:5]) + (", …" if len(changed) > 5 else "")
        note += f"; changed since: {shown}"
    return note + ")"


def _validate(path: str) -> str:
    data = read_input(path)
    check_outline(parse_content(data, path), data.decode("utf-8"), path)
    return f"{path}: valid"


def _say_warning(message: Warning | str, *args: Any, **kwargs: Any) -> None:
    """Catalog warnings as one plain line each, without Python's source line."""
    print(f"factsheet: warning: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    with warnings.catch_warnings():
        warnings.filterwarnings("once", category=CatalogWarning)
        warnings.showwarning = _say_warning
        if args.command == "mcp":
            return _mcp(args.http)
        try:
            output = _run(args)
        except InputFileError as error:
            print(f"factsheet: {error}", file=sys.stderr)
            return 2
        except LookupError as error:
            print(f"factsheet: {error}", file=sys.stderr)
            return 2
        except FactsheetError as error:
            print(error, file=sys.stderr)
            return 1
    return _print(output)


def _mcp(address: str | None) -> int:
    """Serve until stopped; stdout belongs to the protocol, so every word goes to stderr."""
    from importlib.util import find_spec  # noqa: PLC0415

    if find_spec("mcp") is None:
        print(f"factsheet: {MCP_MISSING}", file=sys.stderr)
        return 2
    from factsheet.mcp.serve import parse_address, serve  # noqa: PLC0415 - the extra, on use

    try:
        if address is not None:
            parse_address(address)
    except ValueError as error:
        print(f"factsheet: mcp --http: {error}", file=sys.stderr)
        return 2
    serve(address)
    return 0


def _run(args: Any) -> str:
    if args.command == "show":
        return _show(args.section, args.locale, args.format)
    if args.command == "locales":
        return _locales(args.json)
    if args.command == "changes":
        return changes_text(args.since, args.locale, args.to)
    return _validate(args.path)


def _print(output: str) -> int:
    """Print; a reader that stops early (``factsheet show | head``) ends the command quietly."""
    try:
        print(output)
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would report the pipe again when it flushes stdout at exit: point it elsewhere.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    return 0
