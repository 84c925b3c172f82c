"""Golden files: the public outputs as they are, byte for byte, so a change of the code that
serves them cannot change them unnoticed.

``tests/api/golden/`` holds the Dutch factsheet as JSON, Markdown and plain text, its page, and
the status and headers of some answers (``ETag`` left out: its value is a digest). When a
change of the output is intended (new content, a new field), regenerate them and review the diff::

    FACTSHEET_UPDATE_GOLDEN=1 .venv/bin/pytest tests/api/test_golden.py
    git diff tests/api/golden/
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from flask.testing import FlaskClient

GOLDEN = Path(__file__).with_name("golden")
UPDATE = os.environ.get("FACTSHEET_UPDATE_GOLDEN") == "1"

#: URL and the file its body is kept in.
OUTPUTS = {
    "/v1/nl/factsheet": "nl.factsheet.json",
    "/v1/nl/factsheet.md": "nl.factsheet.md",
    "/v1/nl/factsheet.txt": "nl.factsheet.txt",
    "/nl/": "nl.page.html",
}
HEADERS = GOLDEN / "headers.json"
#: Headers whose value is a digest or a time, or whose presence depends on the test client.
UNPINNED = frozenset({"ETag", "Content-Length", "Date"})


def _check(path: Path, actual: bytes) -> None:
    if UPDATE:
        path.write_bytes(actual)
        return
    assert path.is_file(), f"{path.name} is missing: run with FACTSHEET_UPDATE_GOLDEN=1"
    assert actual == path.read_bytes(), (
        f"{path.name} differs from the live answer; if intended, run with FACTSHEET_UPDATE_GOLDEN=1"
    )


@pytest.mark.parametrize(("url", "name"), OUTPUTS.items())
def test_the_body_is_the_golden_file(client: FlaskClient, url: str, name: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    _check(GOLDEN / name, response.data)


def test_status_and_headers_are_the_golden_ones(client: FlaskClient) -> None:
    answers: dict[str, dict[str, object]] = {}
    for url in (*OUTPUTS, "/v1/factsheet", "/nl", "/v1/nope/factsheet"):
        response = client.get(url, headers={"Accept-Language": "nl"})
        # Order carries no meaning in HTTP: the headers by name.
        headers = {name: response.headers.get(name) for name in sorted(set(response.headers.keys()))}
        answers[url] = {
            "status": response.status_code,
            **{k: v for k, v in headers.items() if k not in UNPINNED},
        }
    text = json.dumps(answers, indent=1, ensure_ascii=False) + "\n"
    _check(HEADERS, text.encode())
