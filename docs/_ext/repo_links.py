"""Links to repository files that work on GitHub and in the site.

The pages and the files they include (``translations/README.md`` through MyST's ``{include}``)
link to other files by their path in the repository, as GitHub shows them. In the site:

- a link to a repository file that a page includes goes to that page (``translations/REVIEWING.md``
  is ``guides/reviewer``), anchor and all;
- a relative link inside an included file is made relative to the page that includes it, so
  MyST finds what it names (a page, or another file, which it offers as a download).

The pages that include a file are found by their ``{include}`` line; nothing is listed twice.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

#: ``[text](target)`` and ``[text](target "title")``, not an image.
_LINK = re.compile(r"(?<!!)(\[[^\]]*\]\()([^)\s]+)((?:\s+\"[^\"]*\")?\))")
_INCLUDE = re.compile(r"^```\{include\}\s+(\S+)\s*$", re.MULTILINE)
_FENCE = re.compile(r"^\s*(```|~~~)")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def _included_pages(srcdir: Path) -> dict[Path, str]:
    """Each repository file a page includes, and that page's name (``guides/reviewer``)."""
    pages: dict[Path, str] = {}
    for source in sorted(srcdir.rglob("*.md")):
        if "_build" in source.relative_to(srcdir).parts:
            continue
        for target in _INCLUDE.findall(source.read_text(encoding="utf-8")):
            included = (source.parent / target).resolve()
            pages.setdefault(included, source.relative_to(srcdir).with_suffix("").as_posix())
    return pages


def _rewrite(text: str, located_in: Path, page_dir: Path, srcdir: Path, pages: dict[Path, str]) -> str:
    """``text`` (of a file in ``located_in``) with relative links made right for a page in ``page_dir``."""

    def link(match: re.Match[str]) -> str:
        target = match.group(2)
        if target.startswith("#") or _SCHEME.match(target):
            return match.group(0)
        path, _, anchor = target.partition("#")
        resolved = (located_in / path).resolve()
        if resolved in pages:
            resolved = srcdir / f"{pages[resolved]}.md"
        elif located_in == page_dir:
            return match.group(0)
        new = posixpath.relpath(resolved.as_posix(), page_dir.as_posix())
        return f"{match.group(1)}{new}{'#' + anchor if anchor else ''}{match.group(3)}"

    lines, in_code = [], False
    for line in text.splitlines(keepends=True):
        if _FENCE.match(line):
            in_code = not in_code
        lines.append(line if in_code else _LINK.sub(link, line))
    return "".join(lines)


#: Per source folder: the included files and their pages, found again at each build's start.
_PAGES: dict[Path, dict[Path, str]] = {}


def _pages(app: Sphinx) -> dict[Path, str]:
    return _PAGES[Path(app.srcdir).resolve()]


def _on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    srcdir = Path(app.srcdir).resolve()
    page_dir = (srcdir / docname).parent
    source[0] = _rewrite(source[0], page_dir, page_dir, srcdir, _pages(app))


def _on_include_read(app: Sphinx, relative_path: Path, parent_docname: str, content: list[str]) -> None:
    srcdir = Path(app.srcdir).resolve()
    page_dir = (srcdir / app.env.docname).parent  # the page being read includes it
    located_in = (srcdir / relative_path).resolve().parent
    content[0] = _rewrite(content[0], located_in, page_dir, srcdir, _pages(app))


def _on_init(app: Sphinx) -> None:
    srcdir = Path(app.srcdir).resolve()
    _PAGES[srcdir] = _included_pages(srcdir)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _on_init)
    app.connect("source-read", _on_source_read)
    app.connect("include-read", _on_include_read)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
