"""Keep the previous Dutch of a fuzzy entry (``#| msgid``) across ``pybabel update`` runs.

``pybabel update --previous`` writes the Dutch a fuzzy translation was made for, but Babel does
not read ``#|`` lines back: it takes them for translator comments, and a second update, before
the translator got to the entry, writes them as ``# | msgid`` instead. :func:`restore` drops
those and puts the ``#|`` line back for every entry that is still fuzzy with the same ``msgid``.
The catalogs keep one line per string (:data:`~factsheet.i18n.pybabel.WIDTH`), so an entry's
``#|``, ``msgctxt`` and ``msgid`` lines are single lines.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["catalogs", "kept", "previous_lines", "restore", "restore_all"]

_Key = tuple[str, str]
#: A ``#|`` line as Babel writes it back after reading it as a translator comment.
_MANGLED = ("# | msgid ", "# | msgctxt ")


def previous_lines(text: str) -> dict[_Key, str]:
    """``{(msgctxt line, msgid line): "#| msgid ..." line}`` of a catalog's fuzzy entries."""
    found: dict[_Key, str] = {}
    for block in text.split("\n\n"):
        lines = block.splitlines()
        previous = next((line for line in lines if line.startswith("#| msgid ")), None)
        key = _key(lines)
        if previous and key:
            found[key] = previous
    return found


def catalogs(root: Path, locale: str | None = None) -> list[Path]:
    """The catalogs below ``root`` that an update of ``locale`` (or of all) writes."""
    return sorted(root.glob(f"{locale or '*'}/LC_MESSAGES/*.po"))


def kept(root: Path, locale: str | None = None) -> dict[Path, dict[_Key, str]]:
    """Before an update: the ``#| msgid`` lines of each catalog it will write."""
    return {path: previous_lines(path.read_text(encoding="utf-8")) for path in catalogs(root, locale)}


def restore_all(saved: dict[Path, dict[_Key, str]]) -> None:
    """After an update: :func:`restore` each catalog's lines as :func:`kept` found them."""
    for path, previous in saved.items():
        if path.is_file() and previous:
            restore(path, previous)


def restore(path: Path, previous: dict[_Key, str]) -> None:
    """Give each fuzzy entry of ``path`` that lost its ``#| msgid`` line the one it had."""
    text = path.read_text(encoding="utf-8")
    blocks = text.split("\n\n")
    for number, block in enumerate(blocks):
        lines = block.splitlines()
        key = _key(lines)
        lines = [line for line in lines if not line.startswith(_MANGLED)]
        blocks[number] = "\n".join(lines)
        flags = next((at for at, line in enumerate(lines) if _is_fuzzy_flag(line)), None)
        if key in previous and flags is not None and not any(line.startswith("#|") for line in lines):
            blocks[number] = "\n".join([*lines[: flags + 1], previous[key], *lines[flags + 1 :]])
    restored = "\n\n".join(blocks)
    if restored != text:
        path.write_text(restored, encoding="utf-8")


def _is_fuzzy_flag(line: str) -> bool:
    return line.startswith("#,") and "fuzzy" in (flag.strip() for flag in line[2:].split(","))


def _key(lines: list[str]) -> _Key | None:
    context = next((line for line in lines if line.startswith("msgctxt ")), "")
    message = next((line for line in lines if line.startswith("msgid ")), None)
    return (context, message) if message else None
