"""The documentation (``docs/``, and the files its pages include) builds, and tells the truth.

- The site builds with Sphinx, every warning and broken cross-reference an error (marker ``docs``).
- Every ``pycon`` example runs as a doctest.
- Every ``sh`` block runs programs from ``.venv/bin/`` or system tools, names subcommands that
  exist, and its cheap read-only commands run and succeed.
- The figures the pages give (defaults, limits, budgets) are the ones the code and tests use.
"""

from __future__ import annotations

import doctest
import importlib.util
import re
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

import factsheet

from .conftest import ROOT

DOCS = ROOT / "docs"
README = ROOT / "README.md"
#: The programs of the environment the tests run in: the docs' ``.venv/bin/`` in a checkout.
BIN = Path(sys.executable).parent

#: Every warning an error (``-W --keep-going``: all of them at once), every broken reference a
#: warning (``-n``).
SPHINX_BUILD = (sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-b", "html")

_INCLUDE = re.compile(r"^```\{include\}\s+(\S+)\s*$", re.MULTILINE)
#: A fenced block, also one indented in a list item: its fence, language and text.
_FENCE = re.compile(r"^[ \t]*(`{3,})(\S*)[^\n]*\n(.*?)^[ \t]*\1[ \t]*$", re.MULTILINE | re.DOTALL)


def _pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if "_build" not in p.relative_to(DOCS).parts)


def _sources() -> list[Path]:
    """Every page, every file a page includes, and the README (whose commands the site includes)."""
    found = dict.fromkeys([*_pages(), README])
    for page in _pages():
        for target in _INCLUDE.findall(page.read_text(encoding="utf-8")):
            found[(page.parent / target).resolve()] = None
    return list(found)


def _blocks(path: Path, language: str) -> list[tuple[int, str]]:
    """The fenced blocks of ``language`` in ``path``: (line of the fence, text)."""
    text = path.read_text(encoding="utf-8")
    return [
        (text.count("\n", 0, match.start()) + 1, textwrap.dedent(match.group(3)))
        for match in _FENCE.finditer(text)
        if match.group(2) == language
    ]


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _load_extension(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"docs_ext_{name}", DOCS / "_ext" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The build.


@pytest.mark.docs
def test_the_site_builds_without_a_warning(tmp_path: Path) -> None:
    html = tmp_path / "html"
    result = subprocess.run(
        [*SPHINX_BUILD, "-d", str(tmp_path / "doctrees"), str(DOCS), str(html)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for page in _pages():
        assert (html / page.relative_to(DOCS).with_suffix(".html")).is_file(), page
    # The references are generated from the code: each exported name, operation and command is there.
    python = (html / "reference" / "python.html").read_text(encoding="utf-8")
    documented = set(re.findall(r'id="(?:module-)?factsheet\.(\w+)"', python))
    assert set(factsheet.__all__) <= documented
    http = (html / "reference" / "http.html").read_text(encoding="utf-8")
    operations = re.findall(r'"operationId": "(\w+)"', (ROOT / "api" / "openapi.json").read_text("utf-8"))
    assert operations and all(f'id="openapi-{op.lower()}"' in http for op in operations)
    cli = (html / "reference" / "cli.html").read_text(encoding="utf-8")
    assert 'id="cli-flask-nginx-config"' in cli and 'id="cli-factsheet-changes"' in cli


# The examples.


def test_python_examples_run_as_written() -> None:
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for path in _sources():
        for line, block in _blocks(path, "pycon"):
            runner.run(parser.get_doctest(block, {}, f"{_name(path)}:{line}", str(path), line))
    results = runner.summarize(verbose=False)
    assert results.attempted >= 10, "the docs have hardly any Python examples"
    assert results.failed == 0


# The commands.

#: Programs a page may run besides those of ``.venv/bin/``: the system's, and those that
#: ``bash .ci/run`` installs from npm.
SYSTEM_TOOLS = {"curl", "git", "grep", "nginx", "apt-get", "systemctl", "cd", "rm", "bash"}
NODE_TOOLS = ".ci/node/node_modules/.bin/"
#: Subcommands that only read and cost well under a second: the docs' uses of them are run.
READ_ONLY = {".venv/bin/factsheet": {"show", "locales", "changes"}}
#: The guides that the lead engineer rewrites (they still activate the venv and use bare names).
_ENV = re.compile(r"[A-Z_][A-Z0-9_]*=")
_OPERATORS = {"&&", "||", ";", "|", "&"}


def _lines(block: str) -> list[str]:
    """The command lines of an ``sh`` block, continuation lines joined, comments dropped."""
    joined = block.replace("\\\n", " ")
    return [line for line in joined.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _commands(line: str) -> list[list[str]]:
    """The simple commands of a line: words up to the next operator; redirections dropped."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.commenters = "#"
    lexer.whitespace_split = True
    commands: list[list[str]] = [[]]
    redirect = False
    for token in lexer:
        if token in _OPERATORS:
            commands.append([])
            redirect = False
        elif token in {">", ">>", "<"}:
            redirect = True
        elif not redirect:
            commands[-1].append(token)
    return [words for words in commands if words]


def _program(words: list[str]) -> tuple[str, list[str]]:
    """The program as the docs name it (``.venv/bin/flask --app api``) and its arguments."""
    while words and _ENV.match(words[0]):
        words = words[1:]
    if words[:1] == ["sudo"]:
        words = words[1:]
    if words[:3] == [".venv/bin/flask", "--app", "api"]:
        return ".venv/bin/flask --app api", words[3:]
    if words[:3] in ([".venv/bin/python", "-m", "factsheet.i18n"], [".venv/bin/python", "-m", "api.static"]):
        return " ".join(words[:3]), words[3:]
    if words[:3] == [".venv/bin/python", "-m", "factsheet"]:
        return ".venv/bin/factsheet", words[3:]
    return words[0], words[1:]


def _problem(program: str, arguments: list[str], subcommands: dict[str, set[tuple[str, ...]]]) -> str | None:
    """What is wrong with running ``program`` with ``arguments`` as the docs write it, if anything."""
    if program.startswith(".venv/bin/"):
        return _venv_problem(program, arguments, subcommands)
    if program == "python3" and arguments[:2] == ["-m", "venv"]:
        return None
    if program not in SYSTEM_TOOLS and not program.startswith(NODE_TOOLS):
        return f"{program} is neither in .venv/bin/ nor a system tool"
    return None


def _venv_problem(
    program: str, arguments: list[str], subcommands: dict[str, set[tuple[str, ...]]]
) -> str | None:
    executable = program.split(maxsplit=1)[0].removeprefix(".venv/bin/")
    if not (BIN / executable).exists():
        return f"{program}: no {executable} in {BIN}"
    if program == ".venv/bin/flask":
        return "flask without --app api"
    known = subcommands.get(program, {()})
    path: tuple[str, ...] = ()
    for word in arguments:
        if word.startswith("-") or (*path, word) not in known:
            break
        path = (*path, word)
    asked = next((word for word in arguments if not word.startswith("-")), None)
    if known != {()} and not path and asked is not None:
        return f"{program} has no subcommand {asked!r}"
    return None


@pytest.fixture(scope="module")
def subcommands() -> dict[str, set[tuple[str, ...]]]:
    help_extension = _load_extension("command_help")
    return {program: help_extension.subcommands(program) for program in help_extension.PROGRAMS}


def _sh_sources() -> list[object]:
    return [pytest.param(path, id=_name(path)) for path in _sources() if _blocks(path, "sh")]


@pytest.mark.parametrize("path", _sh_sources())
def test_commands_use_the_venv_and_name_real_subcommands(
    path: Path, subcommands: dict[str, set[tuple[str, ...]]]
) -> None:
    problems = []
    for line_number, block in _blocks(path, "sh"):
        for line in _lines(block):
            for words in _commands(line):
                problem = _problem(*_program(words), subcommands)
                if problem is not None:
                    problems.append(f"{_name(path)}:{line_number}: {line.strip()}\n    {problem}")
    assert not problems, "\n".join(problems)


def _read_only_commands() -> list[str]:
    found = []
    for path in _sources():
        for _, block in _blocks(path, "sh"):
            for line in _lines(block):
                commands = _commands(line)
                if len(commands) != 1 or any(token in line for token in (">", "|", "&&")):
                    continue
                program, arguments = _program(commands[0])
                cheap = arguments[:1] and arguments[0] in READ_ONLY.get(program, set())
                if cheap or (program.startswith(".venv/bin/") and arguments[-1:] == ["--help"]):
                    found.append(shlex.join(commands[0]))
    return sorted(set(found))


def test_the_docs_show_read_only_commands() -> None:
    assert {".venv/bin/factsheet changes", ".venv/bin/factsheet locales"} <= set(_read_only_commands())


@pytest.mark.subprocess
@pytest.mark.parametrize("command", _read_only_commands())
def test_read_only_commands_run(command: str) -> None:
    words = shlex.split(command)
    words[0] = str(BIN / words[0].removeprefix(".venv/bin/"))
    result = subprocess.run(words, cwd=ROOT, capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, f"{command}: exit status {result.returncode}\n{result.stderr}"
    assert result.stdout.strip()


# The figures.

#: Each figure a page gives, and where it comes from: (page, its text, source file, the text there).
FIGURES = [
    ("docs/guides/python.md", "at most 4 MiB", "factsheet/files.py", "MAX_INPUT_BYTES = 4 * 1024 * 1024"),
    ("docs/guides/operator.md", "within 10 s", "api/server/run.py", "HEAD_TIMEOUT_MS = 10_000"),
    ("docs/guides/operator.md", "is 256 KiB", "api/server/worker_guard.py", "SEND_BUFFER = 256 * 1024"),
    ("docs/guides/operator.md", "over 16 KiB", "api/server/run.py", "MAX_HEAD_BYTES = 16 * 1024"),
    ("docs/guides/operator.md", "checked every 10 s", "api/server/run.py", "MEMORY_SAMPLE_S = 10"),
    ("docs/guides/operator.md", "`Retry-After: 5`", "api/pages/pdf_cache.py", "RETRY_AFTER_S = 5"),
    ("docs/guides/operator.md", "`Retry-After: 60`", "api/pages/pdf_cache.py", "FAILED_FOR_S = 60"),
    (
        "docs/guides/operator.md",
        "2,000 idle connections",
        "tests/api/test_server_traffic.py",
        "idle_count = 2000",
    ),
    (
        "docs/guides/operator.md",
        "p99 under half a second, `tests/api/test_server",
        "tests/api/test_server.py",
        "STALL_S = 0.5",
    ),
    (
        "docs/guides/operator.md",
        "With 512 connections trickling",
        "tests/api/test_server.py",
        "SLOW_CLIENTS = 512",
    ),
    (
        "docs/guides/operator.md",
        "p99 target of 50 ms",
        "benchmarks/traffic.py",
        "TRAFFIC_P99_MS, TRAFFIC_MEMORY_GROWTH = 50",
    ),
    ("docs/guides/web.md", "under 8 KB gzipped", "tests/api/test_embed.py", "GZIP_BUDGET = 8 * 1024"),
    ("docs/guides/assistants.md", "at most 200 characters", "factsheet/mcp/search.py", "MAX_QUERY = 200"),
    ("docs/guides/web.md", "max-age=3600", "api/config.py", '"FACTSHEET_MAX_AGE": 3600'),
    ("docs/guides/web.md", "max-age=31536000", "api/pages/assets.py", "public_cache(365 * 24 * 3600)"),
    ("docs/guides/web.md", "fits a 360 px", "tests/api/test_browser.py", 'PHONE = {"width": 360'),
    ("docs/guides/static.md", "max-age=31536000", "api/pages/assets.py", "public_cache(365 * 24 * 3600)"),
    (
        "docs/guides/static.md",
        "fewer than 100 rules",
        "tests/api/test_hosting.py",
        "CLOUDFLARE_MAX_RULES = 100",
    ),
]


@pytest.mark.parametrize(("page", "figure", "source", "origin"), FIGURES, ids=lambda value: str(value)[:30])
def test_a_figure_is_the_one_its_source_uses(page: str, figure: str, source: str, origin: str) -> None:
    assert figure in _words(ROOT / page), f"{page} no longer says {figure!r}"
    assert origin in (ROOT / source).read_text(encoding="utf-8"), f"{source} changed: check {page}"


def _settings_rows() -> dict[str, str]:
    """The settings tables of the operator's guide: variable and default."""
    text = (DOCS / "guides" / "operator.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\| `(FACTSHEET_[A-Z_]+)` \|.*\| ([^|]+) \|$", text, re.MULTILINE))


def test_the_settings_tables_name_every_setting_with_its_default() -> None:
    from api.config import DEFAULTS
    from api.server import run

    rows = _settings_rows()
    server = set(
        re.findall(r'"(FACTSHEET_[A-Z_]+)"', (ROOT / "api" / "server" / "run.py").read_text("utf-8"))
    )
    assert set(rows) == set(DEFAULTS) | server
    expected = {
        "FACTSHEET_BIND": "127.0.0.1:8000",
        "FACTSHEET_CONNECTIONS": run.CONNECTIONS,
        "FACTSHEET_SEND_TIMEOUT": run.SEND_TIMEOUT_S,
        "FACTSHEET_WORKER_MEMORY_MB": run.WORKER_MEMORY_MB,
        "FACTSHEET_STOP_TIMEOUT": run.STOP_TIMEOUT_S,
        **{key: value for key, value in DEFAULTS.items() if value != ""},
    }
    for key, value in expected.items():
        assert rows[key] == f"`{value}`", key


def _words(path: Path) -> str:
    """The text of ``path`` with every run of white space one space, as a reader sees it."""
    return " ".join(path.read_text(encoding="utf-8").split())


def test_the_counts_of_the_introduction_are_the_contents() -> None:
    fs = factsheet.load("nl")
    say = {3: "three", 4: "four", 7: "seven"}
    counts = [len(fs.chatbot_types), len(fs.reasons), len(fs.risks), len(fs.tips)]
    assert all(count in say for count in counts), f"the counts changed ({counts}): rewrite the introduction"
    types, reasons, risks, tips = (say[count] for count in counts)
    sentence = (
        f"{types} kinds of chatbots, {reasons} reasons young people use them, {risks} risks and {tips} tips"
    )
    for path in (README, DOCS / "index.md"):
        assert sentence in _words(path), path


def test_the_locales_named_are_the_shipped_ones() -> None:
    source, *translations = factsheet.locales()
    listed = ", ".join(f"`{code}`" for code in translations)
    assert f"`{source}` (source) and {listed};" in _words(DOCS / "index.md")
