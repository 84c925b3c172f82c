"""``factsheet mcp`` as assistants run it, driven by the SDK's own client: a real subprocess over
stdio, configured as docs/guides/assistants.md says, and streamable HTTP on loopback with its
protection against DNS rebinding. Also the command's answers when it cannot serve."""

from __future__ import annotations

import http.client
import json
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import anyio
import pytest

import factsheet
from factsheet.output import cli

from .attributed import assert_data_attributed, assert_markdown_attributed
from .conftest import ROOT, free_port, require

try:
    from mcp import Client, StdioServerParameters
    from mcp.types import TextContent, TextResourceContents
except ModuleNotFoundError as error:  # pragma: no cover - without the extra
    require(
        f"{error.name} is not installed (.venv/bin/pip install -e '.[test]')",
        what="the MCP tests",
        module=True,
    )

BIN = Path(sys.executable).parent
GUIDE = ROOT / "docs" / "guides" / "assistants.md"


def desktop_configuration() -> dict[str, object]:
    """The server's entry of the desktop assistant's configuration, as the guide gives it."""
    (block,) = re.findall(r"```json\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)
    (entry,) = json.loads(block)["mcpServers"].values()
    assert isinstance(entry, dict)
    return entry


async def the_done_when_session(client: Client) -> None:
    """The issue's "done when": list the resources, search "crisis" in English and get the risk
    with its citation and notice, read a factsheet://ar/... item in Arabic."""
    listed = (await client.list_resources()).resources
    assert "factsheet://ar/risks/echo.md" in {str(resource.uri) for resource in listed}
    found = await client.call_tool("search", {"query": "crisis", "locale": "en"})
    assert not found.is_error and found.structured_content is not None
    assert "risks/crisis-recognition" in [chunk["id"] for chunk in found.structured_content["chunks"]]
    (block,) = found.content
    assert isinstance(block, TextContent)
    assert_markdown_attributed(
        block.text, "en", "search", found.structured_content["translation"]["fallbacks"]
    )
    assert_data_attributed(found.structured_content, "en", "search")
    (content,) = (await client.read_resource("factsheet://ar/risks/echo.md")).contents
    assert isinstance(content, TextResourceContents)
    echo = factsheet.load("ar").risks.item("echo")
    assert echo.text is not None and echo.text in content.text
    assert_markdown_attributed(content.text, "ar", "factsheet://ar/risks/echo.md")


@pytest.mark.subprocess
def test_a_desktop_assistant_configured_as_the_guide_says() -> None:
    entry = desktop_configuration()
    command, args = entry["command"], entry["args"]
    assert isinstance(command, str) and isinstance(args, list)
    assert command.endswith("/.venv/bin/factsheet"), command  # the guide's path, in this checkout:
    parameters = StdioServerParameters(
        command=str(BIN / "factsheet"), args=[str(arg) for arg in args], cwd="/"
    )

    async def main() -> None:
        async with Client(parameters) as client:
            await the_done_when_session(client)

    anyio.run(main)


def _wait_for(port: int, process: subprocess.Popen[bytes], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else "exited"
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail(f"factsheet mcp --http did not listen on {port} within {seconds} s")


@pytest.fixture(scope="module")
def http_server() -> Iterator[int]:
    """``factsheet mcp --http PORT``: the default host, loopback."""
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "factsheet"), "mcp", "--http", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for(port, process)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - a server that ignores SIGTERM
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()


@pytest.mark.server
def test_streamable_http_on_loopback(http_server: int) -> None:
    async def main() -> None:
        async with Client(f"http://127.0.0.1:{http_server}/mcp") as client:
            await the_done_when_session(client)

    anyio.run(main)


def _post(port: int, headers: dict[str, str]) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        ping = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "ping"})
        connection.request(
            "POST",
            "/mcp",
            body=ping,
            headers={
                "Content-Type": "application/json",
                "Accept": "application/json, text/event-stream",
                **headers,
            },
        )
        return connection.getresponse().status
    finally:
        connection.close()


@pytest.mark.server
def test_dns_rebinding_is_refused(http_server: int) -> None:
    """A name that resolves to this machine, or a page of another origin, cannot reach the server."""
    assert _post(http_server, {"Host": f"attacker.example:{http_server}"}) == 421
    assert _post(http_server, {"Origin": "http://attacker.example"}) == 403
    assert _post(http_server, {"Host": f"localhost:{http_server}"}) not in {421, 403}


def test_a_bad_address_is_wrong_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["mcp", "--http", "localhost"]) == 2
    assert "is not HOST:PORT or PORT" in capsys.readouterr().err


def test_without_the_extra_the_command_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *args: None)
    assert cli.main(["mcp"]) == 2
    error = capsys.readouterr().err
    assert cli.MCP_MISSING in error and "'.[mcp]'" in error
