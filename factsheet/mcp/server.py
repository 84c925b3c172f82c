"""The MCP server on the official SDK (``mcp`` 2.x, ``MCPServer``): read-only, every answer with
its attribution (:mod:`factsheet.mcp.answers`).

- Resources: the whole factsheet, each section and each item in every locale, as Markdown and as
  JSON: ``factsheet://{locale}/factsheet.md``, ``factsheet://{locale}/risks.json``,
  ``factsheet://{locale}/risks/echo.md``. Each is listed; two templates answer any other path
  with an error that names what exists.
- Tools: ``search`` (words in a locale), ``get_item``, ``get_section``, ``list_locales``.
  Their inputs are bounded by their schemas; a wrong locale, section or item is a tool error
  whose message names the ones there are.
- The prompt ``prepare_conversation`` (:mod:`factsheet.mcp.prompt`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Annotated

from mcp import MCPError
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ResourceNotFoundError, ToolError
from mcp.server.mcpserver.resources import FunctionResource
from mcp.types import INVALID_PARAMS, CallToolResult, TextContent, ToolAnnotations
from pydantic import Field

import factsheet
from factsheet.errors import NotFoundError
from factsheet.loading.factsheets import load
from factsheet.locale.registry import locales
from factsheet.locale.tags import MAX_LOCALE_TAG
from factsheet.model.objects import SECTION_IDS

from . import answers
from .answers import Answer
from .prompt import conversation_prompt
from .search import MAX_QUERY, MAX_RESULTS

__all__ = ["INSTRUCTIONS", "create_server"]

INSTRUCTIONS = """\
The Dutch factsheet "{title}" ({edition}) for professionals who work with young people, in Dutch
and in translations: machine translations until a native speaker reviews one (list_locales says
which). Search it with `search`, read parts with `get_item` and `get_section` or the
factsheet:// resources. Quote it word for word and cite it (title, edition, version, chunk id).
Every answer ends with its citation, the rights statement and, for a translation, the notice
about how it was made: pass them on to the reader. The text belongs to its original publisher,
who gave no licence for it.
"""

_READ_ONLY = ToolAnnotations(read_only_hint=True, idempotent_hint=True, open_world_hint=False)
_MEDIA = {"md": "text/markdown", "json": "application/json"}

Locale = Annotated[
    str,
    Field(
        min_length=1,
        max_length=MAX_LOCALE_TAG,
        description="A locale code such as en, nl or ar (list_locales gives them all).",
    ),
]
SectionId = Annotated[
    str, Field(min_length=1, max_length=64, description=f"A section id: {', '.join(SECTION_IDS)}.")
]
ItemId = Annotated[
    str,
    Field(
        min_length=1,
        max_length=64,
        description="An item id of that section, such as echo in risks (get_section lists them), "
        "or lead for the section's lead.",
    ),
]


def _tool_result(make: Callable[[], Answer]) -> CallToolResult:
    """The answer as a tool result: Markdown to read, JSON beside it; a wrong name a tool error."""
    try:
        found = make()
    except (NotFoundError, ValueError) as error:
        raise ToolError(str(error)) from None
    return CallToolResult(
        content=[TextContent(type="text", text=found.markdown)], structured_content=found.data
    )


def _read(locale: str, path: str, suffix: str) -> str:
    try:
        found = answers.answer(locale, path)
    except NotFoundError as error:
        raise ResourceNotFoundError(str(error)) from None
    return found.markdown if suffix == "md" else found.json()


def _add_resources(server: MCPServer) -> None:
    for code in locales():
        for path, title in answers.parts(load(code)):
            for suffix, media_type in _MEDIA.items():
                server.add_resource(
                    FunctionResource(
                        uri=answers.uri(code, path, suffix),
                        name=f"{code}/{path}.{suffix}",
                        title=f"{title} ({code}, {suffix})",
                        description=f"{title}: in {code}, as {media_type}, with its citation and rights.",
                        mime_type=media_type,
                        fn=partial(_read, code, path, suffix),
                    )
                )

    @server.resource(f"{answers.SCHEME}://{{locale}}/{{+path}}.md", mime_type=_MEDIA["md"])
    def part_markdown(locale: str, path: str) -> str:
        """A part of the factsheet as Markdown: factsheet, a section id, or section/item."""
        return _read(locale, path, "md")

    @server.resource(f"{answers.SCHEME}://{{locale}}/{{+path}}.json", mime_type=_MEDIA["json"])
    def part_json(locale: str, path: str) -> str:
        """A part of the factsheet as JSON: factsheet, a section id, or section/item."""
        return _read(locale, path, "json")


def _add_tools(server: MCPServer) -> None:
    @server.tool(annotations=_READ_ONLY)
    def search(
        query: Annotated[str, Field(min_length=1, max_length=MAX_QUERY, description="Words to look for.")],
        locale: Locale,
        limit: Annotated[int, Field(ge=1, le=MAX_RESULTS, description="The most chunks to return.")] = 5,
    ) -> CallToolResult:
        """Find the items of the factsheet that hold these words, in one locale: each hit is a
        chunk with its text, citation, rights and translation notice."""
        return _tool_result(lambda: answers.search(query, locale, limit))

    @server.tool(annotations=_READ_ONLY)
    def get_item(locale: Locale, section: SectionId, item: ItemId) -> CallToolResult:
        """One item of the factsheet (a risk, a tip, ...) with its citation and rights."""
        return _tool_result(lambda: answers.answer(locale, f"{section}/{item}"))

    @server.tool(annotations=_READ_ONLY)
    def get_section(locale: Locale, section: SectionId) -> CallToolResult:
        """One section of the factsheet with all its items, its citation and rights."""
        return _tool_result(lambda: answers.answer(locale, section))

    @server.tool(annotations=_READ_ONLY)
    def list_locales() -> CallToolResult:
        """The locales of the factsheet: Dutch (the source) and the translations, each with its
        status (machine-translated until a native speaker reviewed it)."""
        return _tool_result(answers.locales_answer)


def _add_prompt(server: MCPServer) -> None:
    @server.prompt(title="Prepare a conversation with a young person")
    def prepare_conversation(locale: str = "en", situation: str = "") -> str:
        """The seven tips and the risks of the factsheet in a locale, to prepare a conversation
        with a young person about AI chatbots: quoted, never paraphrased, and cited."""
        try:
            return conversation_prompt(locale, situation)
        except (NotFoundError, ValueError) as error:  # the SDK passes on only its own errors' words
            raise MCPError(code=INVALID_PARAMS, message=str(error)) from None


def create_server() -> MCPServer:
    """The server with every resource, tool and prompt; run it with :mod:`factsheet.mcp.serve`."""
    meta = load().metadata
    server = MCPServer(
        name=factsheet.DISTRIBUTION,
        title=meta.title,
        version=factsheet.__version__,
        instructions=INSTRUCTIONS.format(title=meta.title, edition=meta.edition),
    )
    _add_resources(server)
    _add_tools(server)
    _add_prompt(server)
    return server
