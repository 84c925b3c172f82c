"""The ``{name}`` placeholders of interface strings: what may pass, and filling them in safely.

A translation comes from a file that anyone can edit, so it is never handed to ``str.format``:
``{version:>200000000}`` would build a 200 MB string and ``{version:>{version}}`` raises. Only a
plain ``{name}`` that the Dutch has may pass (:func:`placeholder_problem`); :func:`fill`
substitutes plain fields and nothing else.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

__all__ = ["fill", "placeholder_problem", "placeholders"]

_FORMATTER = string.Formatter()


def _fields(text: str) -> list[tuple[str, str | None, str | None]]:
    """``(name, format spec, conversion)`` of each replacement field; ValueError on stray braces."""
    return [
        (name, spec, conversion) for _, name, spec, conversion in _FORMATTER.parse(text) if name is not None
    ]


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a string fills in (empty for a string whose braces do not parse)."""
    try:
        return {name for name, _, _ in _fields(text) if name}
    except ValueError:
        return set()


def placeholder_problem(translation: str, source: str | None = None) -> str | None:
    """Why ``translation`` may not be shown, in words, or ``None``.

    Every replacement field must be a plain ``{name}``: no format spec (``{version:>9}``), no
    conversion (``{version!r}``), no index or attribute (``{version[0]}``, ``{0}``). With
    ``source`` (the Dutch), the names must be exactly the Dutch ones.
    """
    try:
        fields = _fields(translation)
    except ValueError:
        return "a brace { or } that is not part of a {name} placeholder (write {{ or }} for a brace)"
    for name, spec, conversion in fields:
        shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        if spec or conversion or not name.isidentifier():
            return f"placeholder {shown} is not a plain {{name}}: only plain placeholders may be used"
    if source is not None:
        wanted, found = placeholders(source), {name for name, _, _ in fields}
        if found != wanted:
            keep = ", ".join("{" + name + "}" for name in sorted(wanted)) or "none"
            return f"placeholders differ from the Dutch: keep exactly {keep}"
    return None


def fill(template: str, values: Mapping[str, object]) -> str:
    """``template`` with each plain ``{name}`` replaced by ``str(values[name])``.

    Anything else (a format spec, a conversion, an unknown name) is a ValueError; the strings
    that reach here were checked with :func:`placeholder_problem` when they were read.
    """
    problem = placeholder_problem(template)
    if problem:
        raise ValueError(problem)
    out: list[str] = []
    for literal, name, _, _ in _FORMATTER.parse(template):
        out.append(literal)
        if name is not None:
            if name not in values:
                raise ValueError(f"no value for the placeholder {{{name}}}")
            out.append(str(values[name]))
    return "".join(out)
