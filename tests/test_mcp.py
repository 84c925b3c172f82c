"""The MCP server (factsheet/mcp/), driven by the SDK's own client in memory: every resource listed
and read, every tool with good and bad input, the prompt; and every answer attributed."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import anyio
import pytest

import factsheet

from .attributed import assert_data_attributed, assert_markdown_attributed, status_notices
from .conftest import require
from .outline import ITEMS, LOCALES

try:
    from mcp import Client, MCPError
    from mcp.types import CallToolResult, TextContent, TextResourceContents

    from factsheet.mcp import serve
    from factsheet.mcp.server import create_server
except ModuleNotFoundError as error:  # pragma: no cover - without the extra
    require(
        f"{error.name} is not installed (.venv/bin/pip install -e '.[test]')",
        what="the MCP tests",
        module=True,
    )

T = TypeVar("T")


def run(session: Callable[[Client], Awaitable[T]]) -> T:
    """``session(client)`` with a client connected in memory to a new server."""

    async def main() -> T:
        async with Client(create_server()) as client:
            return await session(client)

    return anyio.run(main)


def text_of(result: CallToolResult) -> str:
    (block,) = result.content
    assert isinstance(block, TextContent)
    return block.text


def paths(code: str) -> list[str]:
    """Every part of the factsheet a resource is offered for, from the content itself."""
    sheet = factsheet.load(code)
    found = ["factsheet"]
    for section in sheet.sections:
        found += [section.id, *(f"{section.id}/{item.id}" for item in section)]
    return found


# Resources.


def test_every_part_in_every_locale_is_listed_as_markdown_and_json() -> None:
    listed = run(lambda client: client.list_resources()).resources
    expected = {
        f"factsheet://{code}/{path}.{suffix}": media_type
        for code in LOCALES
        for path in paths(code)
        for suffix, media_type in (("md", "text/markdown"), ("json", "application/json"))
    }
    assert {str(resource.uri): resource.mime_type for resource in listed} == expected
    assert len(listed) == len(expected)


def test_every_resource_reads_with_its_attribution() -> None:
    async def read_all(client: Client) -> dict[str, str]:
        found = {}
        for resource in (await client.list_resources()).resources:
            (content,) = (await client.read_resource(str(resource.uri))).contents
            assert isinstance(content, TextResourceContents)
            assert content.mime_type == resource.mime_type
            found[str(resource.uri)] = content.text
        return found

    texts = run(read_all)
    for uri, text in texts.items():
        code = uri.split("/")[2]
        if uri.endswith(".json"):
            assert_data_attributed(json.loads(text), code, uri)
        else:
            fallbacks = json.loads(texts[uri.removesuffix(".md") + ".json"])["translation"]["fallbacks"]
            assert_markdown_attributed(text, code, uri, fallbacks)


@pytest.mark.parametrize("code", LOCALES)
def test_an_item_resource_is_the_item_in_its_locale(code: str) -> None:
    item = factsheet.load(code).risks.item("echo")
    uri = f"factsheet://{code}/risks/echo"

    async def read(client: Client) -> tuple[str, dict[str, Any]]:
        (markdown,) = (await client.read_resource(uri + ".md")).contents
        (data,) = (await client.read_resource(uri + ".json")).contents
        assert isinstance(markdown, TextResourceContents) and isinstance(data, TextResourceContents)
        return markdown.text, json.loads(data.text)

    markdown, data = run(read)
    assert data["item"] == factsheet.ItemSchema().dump(item)
    assert item.title is not None and item.text is not None
    assert item.title in markdown and item.text in markdown


@pytest.mark.parametrize(
    ("uri", "message"),
    [
        ("factsheet://xx/risks/echo.md", "unknown locale 'xx'; available: nl, en"),
        ("factsheet://en/nope.json", "unknown section 'nope'; available: intro"),
        ("factsheet://en/risks/nope.md", "unknown item 'nope'; available: echo"),
        ("factsheet://en/risks/echo/extra.md", "unknown item 'echo/extra'"),
        ("factsheet://en/../../etc/passwd.md", "Unknown resource"),
        ("factsheet://en/risks/echo.html", "Unknown resource"),
        (f"factsheet://{'x' * 5000}/risks.md", "unknown locale"),
        (f"factsheet://en/{'x' * 5000}.md", "unknown section 'xxx"),
        (f"factsheet://en/risks/{'x' * 5000}.json", "unknown section 'risks/xxx"),
    ],
)
def test_a_resource_that_does_not_exist_is_an_error_that_names_what_does(uri: str, message: str) -> None:
    async def read(client: Client) -> None:
        with pytest.raises(MCPError, match=message) as caught:
            await client.read_resource(uri)
        assert len(str(caught.value)) < 400  # a long URI is not echoed back whole
        # ...and the server goes on answering
        assert (await client.read_resource("factsheet://nl/risks.md")).contents

    run(read)


def test_the_templates_say_where_any_part_is() -> None:
    templates = run(lambda client: client.list_resource_templates()).resource_templates
    assert {t.uri_template for t in templates} == {
        "factsheet://{locale}/{+path}.md",
        "factsheet://{locale}/{+path}.json",
    }


# Tools.


def call(name: str, arguments: dict[str, Any]) -> CallToolResult:
    return run(lambda client: client.call_tool(name, arguments))


def test_search_finds_the_crisis_risk_in_english_with_citation_and_notice() -> None:
    result = call("search", {"query": "crisis", "locale": "en"})
    assert not result.is_error
    data = result.structured_content
    assert data is not None
    ids = [chunk["id"] for chunk in data["chunks"]]
    assert "risks/crisis-recognition" in ids
    expected = factsheet.ChunkSchema().dump(factsheet.chunks("en").get("risks/crisis-recognition"))
    assert data["chunks"][ids.index("risks/crisis-recognition")] == expected
    for chunk in data["chunks"]:
        assert_data_attributed(chunk, "en", chunk["id"])
    assert_data_attributed(data, "en", "search")
    text = text_of(result)
    assert_markdown_attributed(text, "en", "search", data["translation"]["fallbacks"])
    risk = factsheet.load("en").risks.item("crisis-recognition")
    assert risk.title is not None and risk.title in text
    if factsheet.locale_info("en").status == "machine-translated":
        assert factsheet.interface_text("en")["machine-translated"] in text


@pytest.mark.parametrize("code", LOCALES)
def test_search_finds_words_of_the_locale(code: str) -> None:
    item = factsheet.load(code).risks.item("dependence")
    assert item.title is not None
    word = max(item.title.split(), key=len)  # the longest word of its title, in that language
    data = call("search", {"query": word, "locale": code, "limit": 24}).structured_content
    assert data is not None
    assert "risks/dependence" in [chunk["id"] for chunk in data["chunks"]]
    for chunk in data["chunks"]:
        assert_data_attributed(chunk, code, chunk["id"])


def test_search_without_a_hit_still_says_whose_the_text_is() -> None:
    result = call("search", {"query": "zzzzqqq", "locale": "ar"})
    assert not result.is_error
    assert result.structured_content is not None and result.structured_content["chunks"] == []
    assert_markdown_attributed(text_of(result), "ar", "no hits")


@pytest.mark.parametrize(
    ("name", "arguments", "message"),
    [
        ("search", {"query": "crisis", "locale": "xx"}, "unknown locale 'xx'; available: nl, en"),
        ("search", {"query": "crisis", "locale": "x" * 5000}, "locale"),
        ("search", {"query": "", "locale": "en"}, "query"),
        ("search", {"query": "?! …", "locale": "en"}, "no words"),
        ("search", {"query": "crisis " * 100, "locale": "en"}, "query"),
        ("search", {"query": "crisis", "locale": "en", "limit": 0}, "limit"),
        ("search", {"query": "crisis", "locale": "en", "limit": 10**9}, "limit"),
        ("search", {"query": ["crisis"], "locale": "en"}, "query"),
        ("search", {"locale": "en"}, "query"),
        (
            "get_item",
            {"locale": "en", "section": "risks", "item": "nope"},
            "unknown item 'nope'; available: echo",
        ),
        ("get_item", {"locale": "en", "section": "nope", "item": "echo"}, "unknown section 'nope'"),
        ("get_section", {"locale": "EN-gb", "section": "tips"}, "unknown section 'tips'; available: intro"),
        ("get_section", {"locale": "en", "section": "x" * 100}, "section"),
    ],
)
def test_bad_input_is_a_tool_error_that_says_what_to_fix(
    name: str, arguments: dict[str, Any], message: str
) -> None:
    async def session(client: Client) -> None:
        result = await client.call_tool(name, arguments)
        assert result.is_error
        assert message in text_of(result)
        assert not (await client.call_tool("list_locales", {})).is_error  # still serving

    run(session)


@pytest.mark.parametrize("code", LOCALES)
def test_get_item_and_get_section_answer_in_the_locale(code: str) -> None:
    sheet = factsheet.load(code)
    item = call("get_item", {"locale": code, "section": "conversation", "item": "standard-questions"})
    assert not item.is_error and item.structured_content is not None
    assert item.structured_content["item"] == factsheet.ItemSchema().dump(
        sheet.tips.item("standard-questions")
    )
    assert_data_attributed(item.structured_content, code, "get_item")
    assert_markdown_attributed(
        text_of(item), code, "get_item", item.structured_content["translation"]["fallbacks"]
    )
    section = call("get_section", {"locale": code, "section": "risks"})
    assert section.structured_content is not None
    assert section.structured_content["section"] == factsheet.SectionSchema().dump(sheet.risks)
    assert [i["id"] for i in section.structured_content["section"]["items"]] == list(ITEMS["risks"])
    assert_markdown_attributed(text_of(section), code, "get_section")


def test_list_locales_gives_each_status_from_the_locale_list() -> None:
    result = call("list_locales", {})
    assert result.structured_content is not None
    listed = {entry["code"]: entry for entry in result.structured_content["locales"]}
    assert list(listed) == list(LOCALES)
    for code, entry in listed.items():
        assert entry["status"] == factsheet.locale_info(code).status
        assert f"| {code} |" in text_of(result)
    assert_data_attributed(result.structured_content, factsheet.DEFAULT_LOCALE, "list_locales")
    assert_markdown_attributed(text_of(result), factsheet.DEFAULT_LOCALE, "list_locales")


def test_every_tool_is_read_only() -> None:
    tools = run(lambda client: client.list_tools()).tools
    assert {tool.name for tool in tools} == {"search", "get_item", "get_section", "list_locales"}
    for tool in tools:
        assert tool.annotations is not None and tool.annotations.read_only_hint, tool.name
        assert tool.description, tool.name


# The prompt.


@pytest.mark.parametrize("code", ["en", "ar", factsheet.DEFAULT_LOCALE])
def test_the_prompt_gives_the_tips_and_risks_and_asks_to_quote_and_cite(code: str) -> None:
    prompts = run(lambda client: client.list_prompts()).prompts
    assert [prompt.name for prompt in prompts] == ["prepare_conversation"]
    situation = "A 15-year-old talks to a companion app every night."
    result = run(
        lambda client: client.get_prompt("prepare_conversation", {"locale": code, "situation": situation})
    )
    (message,) = result.messages
    assert isinstance(message.content, TextContent)
    text = message.content.text
    assert "Quote the factsheet word for word" in text and "Cite every quotation" in text
    assert situation in text
    sheet = factsheet.load(code)
    for item in (*sheet.tips, *sheet.risks):
        assert item.title is not None and item.title in text, item.id
    assert_markdown_attributed(text, code, "prompt")
    assert status_notices(code) == set() or any(notice in text for notice in status_notices(code))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [({"locale": "xx"}, "unknown locale 'xx'"), ({"locale": "en", "situation": "x" * 3000}, "at most 2000")],
)
def test_a_bad_prompt_argument_is_an_error(arguments: dict[str, str], message: str) -> None:
    async def session(client: Client) -> None:
        with pytest.raises(MCPError, match=message):
            await client.get_prompt("prepare_conversation", arguments)

    run(session)


# Serving.


@pytest.mark.parametrize(
    ("address", "expected"),
    [("8765", ("127.0.0.1", 8765)), ("192.0.2.7:80", ("192.0.2.7", 80)), ("[::1]:8765", ("::1", 8765))],
)
def test_an_address_defaults_to_loopback(address: str, expected: tuple[str, int]) -> None:
    assert serve.parse_address(address) == expected


@pytest.mark.parametrize("address", ["", "host", "host:", ":80", "127.0.0.1:0", "127.0.0.1:70000", "a b:80"])
def test_a_bad_address_says_what_is_expected(address: str) -> None:
    with pytest.raises(ValueError, match="is not HOST:PORT or PORT"):
        serve.parse_address(address)


def test_dns_rebinding_protection_allows_only_the_address_served() -> None:
    loopback = serve.security("127.0.0.1", 8765)
    assert loopback.enable_dns_rebinding_protection
    assert set(loopback.allowed_hosts) == {"127.0.0.1:8765", "localhost:8765", "[::1]:8765"}
    assert "http://localhost:8765" in loopback.allowed_origins
    public = serve.security("192.0.2.7", 80)
    assert public.enable_dns_rebinding_protection
    assert public.allowed_hosts == ["192.0.2.7:80"]
    assert public.allowed_origins == ["http://192.0.2.7:80"]
