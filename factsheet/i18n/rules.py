"""What a translation must be before it is shown at all (not a matter of style: of safety).

The runtime drops a translation that breaks a rule, shows the Dutch for that string and warns
with the file and line; ``python -m factsheet.i18n check`` reports the same problem.
"""

from __future__ import annotations

from factsheet.model.placeholders import placeholder_problem

__all__ = ["LINE_BREAKS", "shown_problem"]

#: Everything that ``str.splitlines`` (and so a Markdown or text reader) may treat as a line end.
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def shown_problem(source: str, translation: str) -> str | None:
    """Why ``translation`` of the Dutch ``source`` may not be shown, or ``None``.

    Its placeholders are exactly the Dutch ones, each a plain ``{name}``; it breaks a line only
    where the Dutch does (a line break could start a heading or a list in Markdown).
    """
    problem = placeholder_problem(translation, source)
    if problem:
        return problem
    if LINE_BREAKS.intersection(translation) and not LINE_BREAKS.intersection(source):
        return "a line break, which the Dutch does not have: write the translation on one line"
    return None
