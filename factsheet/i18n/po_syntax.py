"""The syntax of a ``.po`` file as GNU ``msgfmt`` reads it, checked before Babel parses it.

Babel's ``read_po`` is lenient where ``msgfmt`` is not: ``msgstr "Echo`` (no closing quote) is
read as ``Ech``, and an unknown escape passes. This check finds what ``msgfmt`` reports as a
syntax error, with the same 1-based line numbers, so the runtime refuses such a catalog.
"""

from __future__ import annotations

import re

__all__ = ["syntax_problems"]

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s*")
# A C string: escapes \n \t \r \a \b \f \v \\ \" \' \? , octal \ooo and hex \xhh only.
_STRING = re.compile(r'"(?:[^"\\]|\\[ntrabfv\\"\'?]|\\[0-7]{1,3}|\\x[0-9A-Fa-f]+)*"')
_UNCLOSED = re.compile(r'"(?:[^"\\]|\\.)*\\?$')


#: keyword -> the keywords that may come next (a message is [msgctxt] msgid [msgid_plural] msgstr...).
_NEXT = {
    "": {"msgctxt", "msgid"},
    "msgctxt": {"msgid"},
    "msgid": {"msgstr", "msgid_plural"},
    "msgid_plural": {"msgstr[]"},
    "msgstr": {"msgctxt", "msgid"},
    "msgstr[]": {"msgstr[]", "msgctxt", "msgid"},
}


def _order_problem(previous: str, keyword: str) -> str | None:
    if keyword in _NEXT[previous]:
        return None
    wanted = " or ".join(sorted(_NEXT[previous])).replace("msgstr[]", "msgstr[N]")
    return f"{keyword.replace('[]', '[N]')} where {wanted} must come"


def syntax_problems(text: str) -> list[tuple[int, str]]:
    """``(line, problem)`` for each line ``msgfmt`` would reject; ``[]`` for a sound file."""
    problems: list[tuple[int, str]] = []
    previous, previous_line = "", 0
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        keyword = _KEYWORD.match(line)
        if keyword:
            word = re.sub(r"\[\d+\]", "[]", keyword.group(1))
            order = _order_problem(previous, word)
            if order:
                problems.append((number, order))
            previous, previous_line = word, number
        rest = line[keyword.end() :] if keyword else line
        if not rest.startswith('"'):
            problems.append((number, "a line must be a keyword (msgctxt, msgid, msgstr) and a quoted string"))
        elif _STRING.fullmatch(rest):
            continue
        elif _UNCLOSED.fullmatch(rest):
            problems.append((number, 'end-of-line within string (a closing " is missing)'))
        elif _STRING.match(rest) is None and re.fullmatch(r'"(?:[^"\\]|\\.)*"', rest):
            problems.append((number, "invalid control sequence (write \\\\ for a backslash)"))
        else:
            problems.append((number, 'text after the closing quote (write \\" for a quote inside)'))
    if previous in ("msgctxt", "msgid", "msgid_plural"):
        problems.append((previous_line, f"the file ends after {previous}, before the msgstr"))
    return problems
