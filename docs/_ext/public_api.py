"""The Python reference: exactly the names ``factsheet.__all__`` exports, from their docstrings.

``{factsheet-api}`` writes one autodoc entry per exported name, grouped by kind, so a name added
to ``__all__`` is documented without touching the pages. The objects live in private modules
(``factsheet.model.objects.Section``) and are documented where users import them
(``factsheet.Section``): a reference to the long name is resolved to the short one.
"""

from __future__ import annotations

import importlib
import inspect
from types import ModuleType
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

import factsheet

#: The kinds of exported names, in the order the page shows them: (heading, autodoc directive).
KINDS = {
    "functions": ("Functions", "autofunction"),
    "classes": ("Objects", "autoclass"),
    "schemas": ("Schemas", "autoclass"),
    "errors": ("Errors and warnings", "autoexception"),
    "constants": ("Constants", "autodata"),
    "modules": ("Modules", ""),
}


def _kind(value: object) -> str:
    if isinstance(value, ModuleType):
        return "modules"
    if inspect.isclass(value):
        if issubclass(value, BaseException):
            return "errors"
        return "schemas" if value.__name__.endswith(("Schema", "Field")) else "classes"
    return "functions" if callable(value) else "constants"


def exported() -> dict[str, list[str]]:
    """``factsheet.__all__`` by kind, each sorted."""
    groups: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for name in sorted(factsheet.__all__, key=str.lower):
        groups[_kind(getattr(factsheet, name))].append(name)
    return groups


class FactsheetApi(SphinxDirective):
    """``{factsheet-api}``: every name of ``factsheet.__all__``, documented from its docstring."""

    def run(self) -> list[nodes.Node]:
        lines = [".. py:currentmodule:: factsheet", ""]
        for kind, names in exported().items():
            if not names:
                continue
            heading, directive = KINDS[kind]
            lines += [heading, "-" * len(heading), ""]
            for name in names:
                if kind == "modules":
                    lines += _module(name)
                    continue
                lines += [f".. {directive}:: factsheet.{name}", ""]
                if kind in {"classes", "schemas", "errors"}:
                    lines += ["   :members:", ""]
        container = nodes.section()
        container.document = self.state.document
        rst = StringList(lines, source="factsheet.__all__")
        self.state.nested_parse(rst, self.content_offset, container, match_titles=True)
        return list(container.children)


def _module(name: str) -> list[str]:
    """A module exported by name: its summary, and its names that are exported one by one."""
    module = getattr(factsheet, name)
    summary = (module.__doc__ or "").strip().splitlines()[0]
    also = [f":func:`~factsheet.{n}`" for n in getattr(module, "__all__", ()) if n in factsheet.__all__]
    lines = [f".. py:module:: factsheet.{name}", "", f"``factsheet.{name}``: {summary}"]
    if also:
        lines[-1] += f" Its functions, documented above: {', '.join(also)}."
    return [*lines, "", ".. py:currentmodule:: factsheet", ""]


def _public(dotted: str) -> str | None:
    """``factsheet.model.objects.Section.item`` as ``factsheet.Section.item``, when the object at
    the start of ``dotted`` is a name of ``factsheet.__all__``."""
    parts = dotted.split(".")
    for end in range(len(parts), 1, -1):
        module_name, rest = ".".join(parts[:end]), parts[end:]
        try:
            value: Any = importlib.import_module(module_name)
        except ImportError:
            continue
        for depth, attribute in enumerate(rest):
            try:
                value = getattr(value, attribute)
            except AttributeError:
                return None
            if attribute in factsheet.__all__ and getattr(factsheet, attribute) is value:
                return ".".join(["factsheet", attribute, *rest[depth + 1 :]])
        return None
    return None


def _resolve_public(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.reference | None:
    target = node.get("reftarget", "")
    if node.get("refdomain") != "py" or not target.startswith("factsheet."):
        return None
    public = _public(target)
    if public is None or public == target:
        return None
    domain = env.domains["py"]
    return domain.resolve_xref(env, node["refdoc"], app.builder, node["reftype"], public, node, contnode)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("factsheet-api", FactsheetApi)
    app.connect("missing-reference", _resolve_public)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
