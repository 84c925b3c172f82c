"""Does an edited content file still fit the translations? Its ids and strings against the template.

Every catalog keys on message contexts (``risks/echo/text``), and the committed template
(``translations/factsheet.pot``) lists them all. So the template is the outline: an id renamed
or unknown, or a title or text dropped where the outline has one, shows as a difference here,
while a changed Dutch wording does not (that is the translators' normal update).
"""

from __future__ import annotations

from functools import cache
from io import BytesIO

from factsheet.errors import ContentError
from factsheet.files import read_input, template_file
from factsheet.model.objects import Factsheet
from factsheet.model.strict_yaml import LineFinder

from .messages import Location, messages

__all__ = ["check_outline", "outline_contexts"]

Problem = tuple[str, int | None, str]
_HOW = "ids are stable, and every translation keys on them"


@cache
def outline_contexts() -> frozenset[str]:
    """The message contexts of the content in the committed template (interface text left out)."""
    from babel.messages.pofile import read_po  # noqa: PLC0415 - translator tooling, loaded on use

    data = read_input(template_file(), "translations/factsheet.pot")
    catalog = read_po(BytesIO(data), abort_invalid=True)
    return frozenset(
        m.context for m in catalog if m.id and m.context and not m.context.startswith("interface/")
    )


def check_outline(factsheet: Factsheet, text: str, name: str) -> None:
    """Raise ContentError if ``factsheet`` (read from ``text``) does not fit the template."""
    problems = outline_problems(factsheet, text)
    if problems:
        raise ContentError(name, problems)


def outline_problems(
    factsheet: Factsheet, text: str, expected: frozenset[str] | None = None
) -> list[Problem]:
    """Each id that is new or gone and each string that is missing, with its line in ``text``."""
    expected = outline_contexts() if expected is None else expected
    found: dict[str, Location] = {m.context: m.location for m in messages(factsheet)}
    lines = LineFinder(text)
    known_ids = {_owner(c) for c in expected}
    present = {_owner(c) for c in found}
    problems: list[Problem] = []
    for owner in sorted(present - known_ids):
        where = next(loc for c, loc in found.items() if _owner(c) == owner)
        problems.append(
            (owner, lines.line(_parent_of(where)), f"unknown id: {_HOW}; {_hint(owner, known_ids)}")
        )
    for owner in sorted(known_ids - present):
        problems.append((owner, _line_of_section(owner, factsheet, lines), f"missing: {_HOW}"))
    for context in sorted(set(found) - expected):
        if _owner(context) in known_ids:
            problems.append(
                (context, lines.line(found[context]), "not in the outline: no translation has it")
            )
    for context in sorted(expected - set(found)):
        owner = _owner(context)
        if owner in present:
            where = next(loc for c, loc in found.items() if _owner(c) == owner)
            field = "points" if "/points/" in context else context.rsplit("/", 1)[-1]
            problems.append(
                (context, lines.line(_parent_of(where)), f"missing: the outline has a {field} here")
            )
    return problems


def _owner(context: str) -> str:
    """The section or item a string belongs to: ``risks/echo`` for ``risks/echo/points/2``."""
    parts = context.split("/")
    if parts[0] == "metadata":
        return "metadata"
    if len(parts) == 2:  # a section's own title, lead or sub-heading
        return parts[0]
    return "/".join(parts[:2])


def _parent_of(location: Location) -> Location:
    """The location of the item or section that holds the string at ``location``."""
    if "points" in location:
        return location[: location.index("points")]
    return location[:-1]


def _line_of_section(owner: str, factsheet: Factsheet, lines: LineFinder) -> int | None:
    section_id = owner.split("/", maxsplit=1)[0]
    for index, section in enumerate(factsheet.sections):
        if section.id == section_id:
            return lines.line(("sections", index))
    return None


def _hint(owner: str, known: set[str]) -> str:
    section = owner.split("/", maxsplit=1)[0]
    siblings = sorted(k.split("/", 1)[1] for k in known if k.startswith(f"{section}/"))
    if siblings:
        return f"the ids here are {', '.join(siblings)} (a new item needs a MINOR version and a new extract)"
    return "a new item needs a MINOR version and a new extract"
