"""``import factsheet`` stays cheap: each public name's module is imported on its first use."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

import factsheet

from .conftest import ROOT


def _fresh(code: str) -> str:
    """What ``code`` prints in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_the_import_loads_no_parser() -> None:
    loaded = _fresh("import sys, factsheet; print(' '.join(sorted(sys.modules)))").split()
    ours = {name for name in loaded if name.startswith("factsheet")}
    assert ours == {"factsheet", "factsheet.errors"}
    assert not {"marshmallow", "yaml", "babel", "flask"} & set(loaded)


def test_a_name_loads_its_module_on_first_use() -> None:
    code = "import sys, factsheet; factsheet.FactsheetSchema; print('marshmallow' in sys.modules)"
    assert _fresh(code) == "True"
    assert _fresh("import factsheet; print(factsheet.load('en').risks[0].id)") == "echo"


def test_the_lazy_table_is_the_typed_imports() -> None:
    """The ``if TYPE_CHECKING:`` imports (what mypy and readers see) and ``_LAZY`` (what runs)."""
    tree = ast.parse((ROOT / "factsheet" / "__init__.py").read_text(encoding="utf-8"))
    (block,) = [node for node in tree.body if isinstance(node, ast.If)]
    typed = {
        alias.asname or alias.name: "." * node.level + (node.module or "")
        for node in block.body
        if isinstance(node, ast.ImportFrom) and node.level
        for alias in node.names
    }
    assert typed == factsheet._LAZY


@pytest.mark.parametrize("name", factsheet.__all__)
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(factsheet, name) is not None
    assert name in dir(factsheet)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'lod'"):
        factsheet.lod  # noqa: B018
