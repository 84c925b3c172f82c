"""The layout stays readable, in the data package and in the web app: small modules, and no module
imports one that imports it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGES = (ROOT / "factsheet", ROOT / "api")
MODULES = {
    ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): path
    for package in PACKAGES
    for path in sorted(package.rglob("*.py"))
}


def _imports(name: str, path: Path) -> set[str]:
    """The package's own modules that ``name`` imports, at the top or inside a function."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return {module for module in found if module in MODULES and module != name}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_over_300_lines(name: str) -> None:
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= 300, f"{name} has {lines} lines: split it by what it holds"


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A list of modules that import each other in a ring, or ``None``."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        state[node] = 2
        path.pop()
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_there_is_no_import_cycle() -> None:
    graph = {name: _imports(name, path) for name, path in MODULES.items()}
    assert graph["factsheet.loading.factsheets"] >= {"factsheet.i18n.translate", "factsheet.history.store"}
    assert graph["api.app"] >= {"api.site.build", "api.publish.nginx"}  # the web app is in the graph
    cycle = _find_cycle(graph)
    assert cycle is None, " -> ".join(cycle or [])


def test_the_cycle_check_sees_a_cycle() -> None:
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert _find_cycle({"a": {"b"}, "b": set()}) is None


def test_subpackages_import_nothing_on_their_own() -> None:
    # Importing factsheet.i18n (for its messages) must not load the translator tooling; api.site
    # gives the names of its table (api.site.table), which imports nothing of the app.
    for name, path in MODULES.items():
        if path.name == "__init__.py" and name not in {"factsheet", "api"}:
            assert _imports(name, path) <= {"api.site.table"}, name


def test_the_web_app_is_a_few_rooms() -> None:
    # api/ holds its subpackages, the app factory, the settings and the entry points, nothing else.
    top = {path.name for path in (ROOT / "api").glob("*.py")}
    assert top == {"__init__.py", "__main__.py", "app.py", "config.py", "static.py"}
