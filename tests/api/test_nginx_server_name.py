"""``flask --app api nginx-config --server-name``: the host name nginx's ``server`` block answers to.

Without the option the configuration is what it always was (no ``server_name``: the server answers
as its port's default server); a name that could break out of the directive is refused, naming it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from api.publish.nginx import nginx_config


def _server_head(config: str) -> list[str]:
    """The first lines of the ``server { }`` block."""
    lines = config.splitlines()
    start = lines.index("server {")
    return lines[start : start + 4]


def _cli(app: Flask, *args: str) -> tuple[int, str]:
    result = app.test_cli_runner().invoke(args=["nginx-config", *args])
    return result.exit_code, result.output


def test_without_the_option_the_configuration_is_unchanged(app: Flask, tmp_path: Path) -> None:
    status, output = _cli(app, str(tmp_path), "--listen", "80")
    assert status == 0
    assert output == nginx_config(tmp_path, "80", app=app)
    assert "server_name" not in output
    assert _server_head(output) == [
        "server {",
        "    listen 80;",
        f'    root "{tmp_path}";',
        "    absolute_redirect off;",
    ]
    assert _cli(app, str(tmp_path), "--listen", "80", "--server-name", "_") == (0, output)


@pytest.mark.parametrize(
    "name", ["factsheet.example.org", "*.example.org", ".example.org", "localhost", "127.0.0.1"]
)
def test_the_name_follows_listen(app: Flask, tmp_path: Path, name: str) -> None:
    status, output = _cli(app, str(tmp_path), "--server-name", name)
    assert status == 0
    assert _server_head(output)[1:3] == ["    listen 127.0.0.1:8080;", f"    server_name {name};"]
    assert output.count("server_name") == 1
    assert output.replace(f"    server_name {name};\n", "") == nginx_config(
        tmp_path, "127.0.0.1:8080", app=app
    )


@pytest.mark.parametrize(
    "name",
    ["a b", "example.org;", "example.org{", "}", "$host", "", "example.org\n", "~^re$", "ex/ample", "a..b"],
)
def test_a_name_that_could_break_the_directive_is_refused(app: Flask, tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="give one host name") as caught:
        nginx_config(tmp_path, "80", app=app, server_name=name)
    assert repr(name) in str(caught.value)
    status, output = _cli(app, str(tmp_path), "--server-name", name)
    assert status == 1
    assert output == f"Error: {caught.value}\n"
