"""The command-line reference: each command's own ``--help``, asked of its parser at build time.

``{command-help} PROGRAM`` renders the help of ``PROGRAM`` and of every subcommand, as the
terminal shows it (80 columns), one section each. The programs are those of :data:`PROGRAMS`:
the argparse parsers of ``factsheet``, ``python -m factsheet.i18n`` and ``python -m api.static``,
and the click commands of ``flask --app api`` (the app's own and Flask's). Parsers that a
``main()`` builds and uses at once are caught as they parse (:func:`_caught_parser`), so nothing
runs. ``tests/test_docs.py`` uses :func:`subcommands` to check that every command in the docs
names a subcommand that exists.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click
from docutils import nodes
from docutils.statemachine import StringList

WIDTH = 80

#: A subcommand path (``("openapi", "write")``) and its help text.
Help = tuple[tuple[str, ...], str]


class _Caught(Exception):
    def __init__(self, parser: argparse.ArgumentParser) -> None:
        super().__init__()
        self.parser = parser


def _caught_parser(main: Callable[[list[str]], Any]) -> argparse.ArgumentParser:
    """The parser ``main`` builds: caught when ``main`` asks it to parse, before anything runs."""
    original = argparse.ArgumentParser.parse_known_args

    def catch(self: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> Any:
        raise _Caught(self)

    argparse.ArgumentParser.parse_known_args = catch  # type: ignore[method-assign,assignment]
    try:
        main([])
    except _Caught as caught:
        return caught.parser
    finally:
        argparse.ArgumentParser.parse_known_args = original  # type: ignore[method-assign]
    raise RuntimeError(f"{main} parsed no arguments")


@contextmanager
def _columns() -> Iterator[None]:
    """argparse wraps help to ``$COLUMNS``: the same width on every machine."""
    before = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(WIDTH)
    try:
        yield
    finally:
        if before is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = before


def _argparse_help(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[Help]:
    with _columns():
        yield path, parser.format_help()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, subparser in action.choices.items():
                yield from _argparse_help(subparser, (*path, name))


def _click_help(command: click.Command, ctx: click.Context, path: tuple[str, ...] = ()) -> Iterator[Help]:
    yield path, command.get_help(ctx)
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None:
                sub_ctx = click.Context(sub, info_name=name, parent=ctx, terminal_width=WIDTH)
                yield from _click_help(sub, sub_ctx, (*path, name))


def _factsheet() -> Iterator[Help]:
    from factsheet.output.cli import _parser  # noqa: PLC0415

    return _argparse_help(_parser())


def _i18n() -> Iterator[Help]:
    from factsheet.i18n.commands import main  # noqa: PLC0415

    return _argparse_help(_caught_parser(main))


def _static() -> Iterator[Help]:
    from api.publish.preview import main  # noqa: PLC0415

    return _argparse_help(_caught_parser(main))


def _flask() -> Iterator[Help]:
    from flask.cli import FlaskGroup, ScriptInfo  # noqa: PLC0415

    from api import create_app  # noqa: PLC0415

    group = FlaskGroup(create_app=create_app, name="flask")
    info = ScriptInfo(create_app=create_app)
    ctx = click.Context(group, info_name="flask --app api", terminal_width=WIDTH, obj=info)
    return _click_help(group, ctx)


#: Each program as the docs write it: the name of its targets (``cli-flask-openapi-write``), and the
#: help of it and its subcommands.
PROGRAMS: dict[str, tuple[str, Callable[[], Iterator[Help]]]] = {
    ".venv/bin/factsheet": ("factsheet", _factsheet),
    ".venv/bin/python -m factsheet.i18n": ("i18n", _i18n),
    ".venv/bin/python -m api.static": ("static", _static),
    ".venv/bin/flask --app api": ("flask", _flask),
}


def subcommands(program: str) -> set[tuple[str, ...]]:
    """Every subcommand path of ``program`` (``("openapi", "write")``), and ``()`` for itself."""
    return {path for path, _ in PROGRAMS[program][1]()}


def _markdown(program: str) -> Iterator[str]:
    name, helps = PROGRAMS[program]
    for path, text in helps():
        yield f"(cli-{'-'.join((name, *path))})="
        yield f"{'#' * (2 + len(path))} `{' '.join((program, *path))}`"
        yield ""
        yield "````text"
        yield text.rstrip()
        yield "````"
        yield ""


def setup(app: Any) -> dict[str, Any]:
    # Sphinx is imported here: tests/test_docs.py imports this module for subcommands() alone.
    from sphinx.util.docutils import SphinxDirective  # noqa: PLC0415

    class Directive(SphinxDirective):
        required_arguments = 1
        final_argument_whitespace = True

        def run(self) -> list[nodes.Node]:
            program = self.arguments[0].strip("`")
            if program not in PROGRAMS:
                raise self.error(f"unknown program {program!r}; known: {', '.join(PROGRAMS)}")
            container = nodes.section()
            container.document = self.state.document
            text = StringList(list(_markdown(program)), source=program)
            self.state.nested_parse(text, self.content_offset, container, match_titles=True)
            return list(container.children)

    app.add_directive("command-help", Directive)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
