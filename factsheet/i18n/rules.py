"""What a translation must be before it is shown at all (not a matter of style: of safety).

The runtime drops a translation that breaks a rule, shows the Dutch for that string and warns
with the file and line; ``python -m factsheet.i18n check`` reports the same problem.
"""

from __future__ import annotations

import unicodedata

from factsheet.model.placeholders import placeholder_problem

__all__ = ["INVISIBLE", "LINE_BREAKS", "shown_problem"]

#: Everything that ``str.splitlines`` (and so a Markdown or text reader) may treat as a line end.
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
#: Characters that are not seen but change what is. Bidi embeddings and overrides (U+202A-202E)
#: and isolates (U+2066-2069) reorder the text around them: "Echo", an override and "enilpleh"
#: reads "Echo helpline". Zero-width characters and marks (U+200B-200F, U+2060, U+FEFF, U+180E)
#: hide inside words. A page sets the direction of a right-to-left locale itself (``dir``).
INVISIBLE = frozenset(
    chr(point)
    for point in (
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        *range(0x200B, 0x2010),
        0x2060,
        0xFEFF,
        0x180E,
    )
)


def shown_problem(source: str, translation: str) -> str | None:
    """Why ``translation`` of the Dutch ``source`` may not be shown, or ``None``.

    It has no invisible or text-direction character (:data:`INVISIBLE`) that the Dutch has not;
    its placeholders are exactly the Dutch ones, each a plain ``{name}``; it breaks a line only
    where the Dutch does (a line break could start a heading or a list in Markdown).
    """
    hidden = [char for char in dict.fromkeys(translation) if char in INVISIBLE and char not in source]
    if hidden:  # first: the other problems quote the text, which these characters would garble
        names = ", ".join(f"U+{ord(char):04X} {unicodedata.name(char)}" for char in hidden)
        what = "invisible or text-direction character" + ("" if len(hidden) == 1 else "s")
        return f"{names}: {what} that the Dutch does not have: remove {'it' if len(hidden) == 1 else 'them'}"
    problem = placeholder_problem(translation, source)
    if problem:
        return problem
    if LINE_BREAKS.intersection(translation) and not LINE_BREAKS.intersection(source):
        return "a line break, which the Dutch does not have: write the translation on one line"
    return None
