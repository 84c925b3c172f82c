"""What a static host must send with each exported file to answer as the live app does.

The live app's headers of every exported representation (:meth:`api.site.Site.files`) are the
one source: :func:`file_headers` gives them less what a host makes itself (its own ``ETag``) and
less a ``Content-Type`` that the file's name gives anyway (``.json``). :func:`header_rules`
groups them into a few rules, each a URL pattern (``/v1/nl/*``, one file's URL, or URLs that
differ in one segment: ``/v1/:locale/factsheet.md``) and the headers for it, such that no two
rules that match one URL give the same header: hosts that join the values of overlapping rules
(Cloudflare Pages) then send each header once. Both hosts read ``*`` at the end of a pattern and
``:name`` for a segment; Cloudflare Pages reads at most 100 rules.

:func:`headers_file` writes the rules in the ``_headers`` format that Netlify and Cloudflare
Pages read (the export puts it at its root); :func:`parse_headers_file` reads it back, for
``python -m api.static``. :mod:`api.publish.nginx` sends the same headers through nginx.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

import factsheet
from api.site.table import File, HeaderList

__all__ = ["HEADERS_FILE", "Rule", "file_headers", "header_rules", "headers_file", "parse_headers_file"]

#: The name of the rules file at the root of the export (Netlify's and Cloudflare Pages' name).
HEADERS_FILE = "_headers"
#: Headers a web server or CDN makes itself, from the file: its own validators and the length.
HOST_MADE = frozenset({"etag", "content-length"})


@dataclass(frozen=True, slots=True)
class Rule:
    """Headers for the URLs that ``pattern`` matches: one URL, or a folder and all below (``/nl/*``)."""

    pattern: str
    headers: HeaderList

    def matches(self, url: str) -> bool:
        """``*`` at the end matches the rest of the URL; a ``:name`` segment, one segment."""
        if self.pattern.endswith("*"):
            return url.startswith(self.pattern[:-1])
        if ":" not in self.pattern:
            return url == self.pattern
        parts, segments = self.pattern.split("/"), url.split("/")
        return len(parts) == len(segments) and all(
            part == segment or (part.startswith(":") and segment != "")
            for part, segment in zip(parts, segments, strict=True)
        )


def file_headers(file: File) -> HeaderList:
    """The headers the live app sends with ``file``'s 200 that a static host must add.

    ``Content-Type`` only where the name alone does not give it exactly (text needs its charset).
    """
    guessed, _ = mimetypes.guess_type(file.name)
    return tuple(
        (name, value)
        for name, value in file.representation.described()  # no PDF is made for its headers
        if name.lower() not in HOST_MADE and not (name.lower() == "content-type" and value == guessed)
    )


def urls_of(file: File) -> tuple[str, ...]:
    """The URLs a static host serves ``file`` at: its name, and its folder's for an ``index.html``."""
    url = "/" + file.name
    if PurePosixPath(file.name).name == "index.html":
        return (url.removesuffix("index.html"), url)
    return (url,)


#: Folders whose files are grouped one level down, by locale (``/v1/nl/*``, ``/embed/nl/*``).
_BY_LOCALE_BELOW = frozenset({"v1", "embed"})


def _group(name: str) -> str:
    """The pattern a file shares with its neighbours: its locale's or kind's folder, else its own URL."""
    parts = name.split("/")
    depth = 2 if parts[0] in _BY_LOCALE_BELOW else 1
    if len(parts) <= depth:  # a file at the root or directly in /v1/
        return "/" + name
    return "/" + "/".join(parts[:depth]) + "/*"


def header_rules(files: Iterable[File]) -> list[Rule]:
    """The headers of ``files`` (those exported: :meth:`api.site.Site.files`, less the PDFs with
    ``--no-pdf``) as rules: per folder what all its files share, per file the rest. Rules with the
    same header never match the same URL."""
    files = list(files)
    groups: dict[str, list[File]] = {}
    for file in files:
        groups.setdefault(_group(file.name), []).append(file)
    rules: list[Rule] = []
    for pattern, members in groups.items():
        headers = [file_headers(file) for file in members]
        shared = tuple(header for header in headers[0] if all(header in other for other in headers[1:]))
        names = {name for name, _ in shared}
        if not pattern.endswith("*"):  # one file: a rule for each URL it is served at
            rules.extend(Rule(url, shared) for url in urls_of(members[0]))
            continue
        if shared:
            rules.append(Rule(pattern, shared))
        for file, own in zip(members, headers, strict=True):
            rest = tuple(header for header in own if header[0] not in names)
            if rest:
                rules.extend(Rule(url, rest) for url in urls_of(file))
    return _with_placeholders(rules, [url for file in files for url in urls_of(file)])


def _with_placeholders(rules: list[Rule], urls: list[str]) -> list[Rule]:
    """Rules of single URLs that differ in one segment and give the same headers, as one rule with
    a placeholder there (``/v1/releases/:version/nl/factsheet.json``), if it matches no other URL.
    So the rules grow with the locales, not with the releases times the locales."""
    groups: dict[tuple[int, tuple[str, ...], HeaderList], list[Rule]] = {}
    for rule in rules:
        if rule.pattern.endswith("*"):
            continue
        parts = rule.pattern.split("/")
        for index in range(1, len(parts)):
            rest = (*parts[:index], *parts[index + 1 :])
            groups.setdefault((index, rest, rule.headers), []).append(rule)
    merged_at: dict[Rule, Rule] = {}  # the first rule of a group: the group's rule
    dropped: set[Rule] = set()  # the others
    for (index, _, headers), members in sorted(groups.items(), key=lambda group: -len(group[1])):
        if len(members) < 2 or any(member in merged_at or member in dropped for member in members):
            continue
        parts = members[0].pattern.split("/")
        parts[index] = _placeholder([member.pattern.split("/")[index] for member in members])
        merged = Rule("/".join(parts), headers)
        if {url for url in urls if merged.matches(url)} == {member.pattern for member in members}:
            merged_at[members[0]] = merged
            dropped.update(members[1:])
    return [merged_at.get(rule, rule) for rule in rules if rule not in dropped]


def _placeholder(values: list[str]) -> str:
    if all(re.fullmatch(r"\d+\.\d+\.\d+", value) for value in values):
        return ":version"
    return ":locale" if all(value in factsheet.locales() for value in values) else ":segment"


def headers_file(rules: Iterable[Rule]) -> str:
    """The rules in the ``_headers`` format (Netlify, Cloudflare Pages)."""
    lines = [
        "# The headers the live API sends with each file of this export, for hosts that read",
        "# a _headers file (Netlify, Cloudflare Pages). Written by `flask --app api export`.",
    ]
    for rule in rules:
        lines.append(rule.pattern)
        lines.extend(f"  {name}: {value}" for name, value in rule.headers)
    return "\n".join(lines) + "\n"


def parse_headers_file(text: str) -> list[Rule]:
    """Read back what :func:`headers_file` writes (patterns at the start of a line, headers indented)."""
    rules: list[Rule] = []
    pattern: str | None = None
    headers: list[tuple[str, str]] = []
    for line in [*text.splitlines(), "/"]:
        if not line.strip() or line.startswith("#"):
            continue
        if line[0].isspace():
            name, _, value = line.strip().partition(":")
            headers.append((name.strip(), value.strip()))
            continue
        if pattern is not None:
            rules.append(Rule(pattern, tuple(headers)))
        pattern, headers = line.strip(), []
    return rules
