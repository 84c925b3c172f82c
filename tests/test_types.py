"""TypeScript types for apps: generated from ``api/openapi.json`` by openapi-typescript, committed
as ``api/types/openapi.d.ts`` and kept in sync; ``tsc --strict`` checks the embed's own code and a
small consumer against them (``tsconfig.json``), and refuses code that misuses them.

The tools come from npm, pinned, into ``.ci/node`` (``bash .ci/run`` installs them). Without them
these tests skip and say so; in CI (``CI=true``) a missing tool fails the run.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .conftest import require

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".ci" / "node" / "node_modules" / ".bin"
TYPES = ROOT / "api" / "types" / "openapi.d.ts"


pytestmark = pytest.mark.node


def _tool(name: str) -> Path:
    tool = BIN / name
    if not tool.is_file():
        require(
            f"{name} is not installed in .ci/node (bash .ci/run installs it from npm)",
            what="the TypeScript checks",
        )
    return tool


def _run(*command: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in command], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )


def test_the_committed_types_are_what_the_document_gives(tmp_path: Path) -> None:
    generated = tmp_path / "openapi.d.ts"
    result = _run(_tool("openapi-typescript"), "api/openapi.json", "-o", generated)
    assert result.returncode == 0, result.stderr
    assert generated.read_text(encoding="utf-8") == TYPES.read_text(encoding="utf-8"), (
        "api/types/openapi.d.ts is stale: run "
        ".ci/node/node_modules/.bin/openapi-typescript api/openapi.json -o api/types/openapi.d.ts"
    )


def test_the_embed_and_a_consumer_type_check_strictly() -> None:
    result = _run(_tool("tsc"), "-p", "tsconfig.json")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "line",
    [
        # a number is not a string
        'export const edition: string = ({} as components["schemas"]["Metadata"]).edition;',
        # a locale that is not shipped, a section that does not exist
        'export const code: components["schemas"]["LocaleCode"] = "xx";',
        'export const path: operations["getSection"]["parameters"]["path"] = '
        '{ locale: "en", section_id: "tips" };',
        # a locale's code is a LocaleCode, not any string
        'export const code: "en" = ({} as components["schemas"]["Locale"]).code;',
    ],
)
def test_tsc_refuses_code_that_misuses_the_types(tmp_path: Path, line: str) -> None:
    wrong = tmp_path / "wrong.ts"
    wrong.write_text(
        f'import type {{ components, operations }} from "{TYPES.with_suffix("").with_suffix("")}";\n{line}\n',
        encoding="utf-8",
    )
    result = _run(_tool("tsc"), "--strict", "--noEmit", "--lib", "ES2022,DOM", wrong)
    assert result.returncode != 0
    assert "TS2322" in result.stdout, result.stdout  # not assignable
