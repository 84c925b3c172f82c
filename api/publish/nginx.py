"""An nginx configuration that serves the static export as the live API answers: same URLs, same headers.

``flask --app api nginx-config DIR [--listen ADDR] [--server-name NAME]`` prints, for ``http``, a
few ``map`` blocks and one ``server { }`` block (see :func:`nginx_config`). Everything in it is made
from the app: the files and their headers from the site (:meth:`api.site.Site.files`, through
:func:`api.publish.headers_file.file_headers`), the negotiated ``/v1/factsheet`` from its variants, and the
redirect at ``/`` and the problem details of a 404 from the app's own answers.

- Each live URL (``/v1/nl/factsheet``, ``/nl/``) is mapped to its file, exactly: nginx answers
  the URLs the app answers, no others.
- Headers: one ``add_header`` per header name, its value looked up per file in a ``map``
  (empty, so not sent, where the app sends none). nginx makes its own ``ETag`` and adds
  ``Last-Modified``.
- ``Content-Type`` comes from a ``types`` block of the export's own media types (charset
  included), so nothing depends on the ``mime.types`` of the machine.
- Negotiation: ``Accept-Language`` is read by a ``map`` of a regular expression that picks the
  first language of the list that is shipped, exactly or by its primary tag (``de-AT``), skipping
  ``q=0``: as the app does (:func:`factsheet.negotiate_locale`) for a list by falling q, as
  browsers send it. It does not sort by q. ``?lang=`` on ``/v1/factsheet`` too.
- ``OPTIONS`` (and CORS preflights) at any URL: ``204`` with the app's headers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

import click
from flask import Flask
from werkzeug.test import TestResponse

import factsheet
from api.site.table import File, Representation, Site

from .headers_file import file_headers

__all__ = ["init_app", "nginx_config"]

#: Prefix of every variable and named location the configuration defines.
P = "factsheet"
#: The URL whose 404 gives the problem details nginx sends for any missing URL.
_MISSING = "/v1/no-such-resource"


def _quote(value: str, *, pattern: bool = False) -> str:
    """A value as an nginx string; ``$`` would start a variable (but ends a ``pattern``), and nginx
    has no escape for it."""
    if ("$" in value and not pattern) or "\n" in value:
        raise ValueError(f"cannot write {value!r} into an nginx configuration")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _bucket_size(lengths: Iterable[int]) -> int:
    """A ``map_hash_bucket_size`` (a power of two, at least 64) that holds twice the longest URL (a
    negotiated key is a path and a file name), with nginx's own bytes per entry."""
    return max(64, 1 << (2 * max(lengths) + 31).bit_length())


def _map(source: str, variable: str, entries: Iterable[tuple[str, str]], default: str = '""') -> str:
    lines = [f"map {source} ${variable} {{", f"    default {default};"]
    lines.extend(f"    {key} {value};" for key, value in entries)
    return "\n".join([*lines, "}"])


def _negotiation(codes: tuple[str, ...]) -> Iterator[str]:
    """``$factsheet_locale``: the shipped locale an ``Accept-Language`` asks for, ``nl`` without one."""
    alternatives = "|".join(codes)
    # The earliest element of the list that names a shipped locale (with a region or not), unless its q is 0.
    tail = r"\s*(?:;(?!\s*q\s*=\s*0(?:\.0*)?\s*(?:[,;]|$))[^,]*)?(?:,|$)"
    earliest = rf"~*^(?:[^,]*,)*?\s*(?<{P}_tag>{alternatives})(?:[-_][^,;\s]*)?{tail}"
    too_long = f"~^.{{{factsheet.locale.registry.MAX_ACCEPT_LANGUAGE + 1}}}"
    yield _map(
        "$http_accept_language",
        f"{P}_tag_asked",
        [(_quote(too_long), '""'), (_quote(earliest, pattern=True), f"${P}_tag")],
    )
    default = factsheet.DEFAULT_LOCALE
    spelled = [(_quote(f"~*^{c}$", pattern=True), c) for c in codes]
    yield _map(f"${P}_tag_asked", f"{P}_locale", spelled, default)
    # ?lang= on /v1/factsheet: a code in any case, with or without region; absent: the header's.
    named = [(_quote(f"~*^{c}(?:[-_][a-z0-9]+)*$", pattern=True), c) for c in codes]
    yield _map("$arg_lang", f"{P}_lang", [('""', f"${P}_locale"), *named])


def _types(site: Site) -> str:
    by_suffix: dict[str, str] = {}
    for file in site.files():
        suffix = PurePosixPath(file.name).suffix.lstrip(".")
        known = by_suffix.setdefault(suffix, file.representation.content_type)
        if known != file.representation.content_type:
            raise ValueError(f".{suffix} files are both {known} and {file.representation.content_type}")
    entries = "\n".join(f"        {_quote(media)} {suffix};" for suffix, media in by_suffix.items())
    return f"    types {{\n{entries}\n    }}\n    default_type application/octet-stream;"


def _served(app: Flask, site: Site) -> Iterator[tuple[str, File]]:
    """Every URL the app answers with a file: the URL it is the answer of, and the file's own
    name where a route takes it too (``/v1/nl/factsheet.json``, not ``/nl/index.html``)."""
    routes = app.url_map.bind("localhost")
    for file in site.files():
        yield file.path, file
        name = "/" + file.name
        if name != file.path and routes.test(name, "GET"):
            yield name, file


def _canonical(site: Site, variant: Representation) -> File:
    """The exported file a negotiated answer is (its ``Content-Location``)."""
    path = dict(variant.headers)["Content-Location"]
    return next(file for file in site.files() if file.path == path)


def _headers(site: Site) -> tuple[list[str], list[str]]:
    """Maps from ``$factsheet_variant$uri`` to each header's value, and the ``add_header`` lines
    (a header with one value for every file is added as it is)."""
    keys: list[tuple[str, dict[str, str]]] = [
        ("/" + file.name, dict(file_headers(file))) for file in site.files()
    ]
    for path, variants in site.variants():
        for representation in variants.values():
            canonical = _canonical(site, representation)
            headers = dict(file_headers(canonical)) | dict(representation.headers)
            keys.append((f"{path} /{canonical.name}", headers))
    names = dict.fromkeys(name for _, headers in keys for name in headers if name.lower() != "content-type")
    maps, adds = [], []
    for number, name in enumerate(names):
        common = Counter(headers.get(name, "") for _, headers in keys).most_common(1)[0][0]
        entries = [
            (_quote(key), _quote(headers.get(name, "")))
            for key, headers in keys
            if headers.get(name, "") != common
        ]
        if not entries:  # the same for every file: no lookup per request
            adds.append(f"    add_header {name} {_quote(common)};")
            continue
        variable = f"{P}_h{number}_{re.sub('[^a-z]', '_', name.lower())}"
        maps.append(_map(f'"${P}_variant$uri"', variable, entries, _quote(common)))
        adds.append(f"    add_header {name} ${variable};")
    return maps, adds


def _answer(app: Flask, url: str) -> tuple[list[str], TestResponse]:
    """The app's own answer at ``url``, and its headers as ``add_header ... always`` lines."""
    response = app.test_client().get(url)
    lines = [
        f"        add_header {name} {_quote(value)} always;"
        for name, value in response.headers.items()
        if name.lower() not in {"content-length", "content-type", "location"}
    ]
    return lines, response


def _options(app: Flask, url: str) -> tuple[list[str], list[str]]:
    """Maps and ``server`` lines that answer ``OPTIONS`` at any URL as the app does at ``url``: 204,
    ``Allow``, CORS, and a preflight's own headers (the requested headers echoed) for one only."""
    probe, client = "x-probe", app.test_client()
    asked = {"Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": probe}
    plain = client.options(url).headers
    maps: list[str] = []
    adds: list[str] = []
    for name, value in client.options(url, headers=asked).headers.items():
        if name.lower() in {"content-length", "content-type"}:  # none: a 204
            continue
        given = "$http_access_control_request_headers" if value == probe else _quote(value)
        if plain.get(name) != value:  # a preflight's only
            variable = f"{P}_preflight_{len(maps)}"
            maps.append(_map("$http_access_control_request_method", variable, [('""', '""')], given))
            given = f"${variable}"
        adds.append(f"        add_header {name} {given} always;")
    uri = f"/@{P}-options"  # internal: no exported file has such a name
    lines = ["    if ($request_method = OPTIONS) {", f"        rewrite ^ {uri} last;", "    }"]
    lines += [f"    location = {uri} {{", "        internal;", *adds, "        return 204;", "    }"]
    return maps, lines


def _bodiless(name: str, headers: list[str]) -> list[str]:
    """A named location that answers as a redirect to it: nginx's own would carry an HTML page;
    this keeps the status and ``Location`` of the ``return`` and sends no body, as the app."""
    return [
        f"    location @{P}_{name} {{",
        "        types { }",
        '        default_type "";',
        *headers,
        '        return 200 "";',
        "    }",
    ]


def _redirects(app: Flask, site: Site, codes: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """``/`` to the reader's page (302, negotiated), ``/nl`` to ``/nl/`` (308): maps and locations."""
    chooser, _ = _answer(app, "/")
    pages = [(code, _quote(site.path("pages.page", locale=code))) for code in codes]
    moved: dict[str, str] = {}
    moved_headers: list[str] = []
    for code in codes:
        page = site.path("pages.page", locale=code)
        moved_headers, response = _answer(app, page.rstrip("/"))
        if response.status_code == 308:
            moved[page.rstrip("/")] = response.headers["Location"]
    maps = [_map(f"${P}_locale", f"{P}_page", pages)]
    locations = [
        "    location = / {",
        f"        error_page 302 @{P}_found;",
        f"        return 302 ${P}_page;",
        "    }",
        *_bodiless("found", chooser),
    ]
    for url, to in moved.items():  # exact locations: no regular expression tried per request
        locations += [
            f"    location = {url} {{",
            f"        error_page 308 @{P}_moved;",
            f"        return 308 {_quote(to)};",
            "    }",
        ]
    if moved:
        locations += _bodiless("moved", moved_headers)
    return maps, locations


def nginx_config(export_dir: str | Path, listen: str, *, app: Flask, server_name: str = "_") -> str:
    """For nginx's ``http`` context: ``app``'s export in ``export_dir``, for ``server_name`` (``_``: any)."""
    if server_name != "_" and not re.fullmatch(r"(\*\.|\.)?[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)*", server_name):
        raise ValueError(f"--server-name {server_name!r}: give one host name, no spaces, ';', braces or '$'")
    site: Site = app.extensions["factsheet"]
    root = Path(export_dir).absolute()
    codes = factsheet.locales()
    missing, problem = _answer(app, _MISSING)
    maps, adds = _headers(site)
    redirect_maps, redirects = _redirects(app, site, codes)
    options_maps, options = _options(app, next(site.files()).path)
    served = [(_quote(url), _quote("/" + file.name)) for url, file in _served(app, site)]
    negotiated: list[tuple[str, str]] = []
    for path, variants in site.variants():
        choices = [(code, _quote("/" + _canonical(site, r).name)) for code, r in variants.items()]
        negotiated.append((path, _map(f"${P}_lang", f"{P}_file_{len(negotiated)}", choices)))
    body = _quote(problem.get_data(as_text=True))[1:-1].replace("'", "\\'")
    parts = [
        f"# Serves the factsheet's static export in {root} at the live API's URLs, with its headers.",
        "# For nginx's http context. Written by `flask --app api nginx-config`; regenerate, do not edit.",
        # The maps' keys are URLs, longer than the default buckets take.
        f"map_hash_bucket_size {_bucket_size(len(k) for k, _ in served)};",
        *_negotiation(codes),
        _map("$uri", f"{P}_file", served),
        *redirect_maps,
        *options_maps,
        *(text for _, text in negotiated),
        *maps,
        "server {",
        f"    listen {listen};" + ("" if server_name == "_" else f"\n    server_name {server_name};"),
        f"    root {_quote(str(root))};",
        "    absolute_redirect off;",
        "    server_tokens off;",
        "    charset off;",
        # The export's .gz beside each file that the app sends compressed; Vary as the app says it.
        "    gzip_static on;",
        "    gzip_vary on;",
        _types(site),
        f'    set ${P}_variant "";',
        *adds,
        *options,
        f"    error_page 404 @{P}_missing;",
        "    location / {",
        f"        try_files ${P}_file =404;",
        "    }",
    ]
    for number, (path, _) in enumerate(negotiated):
        parts += [
            f"    location = {path} {{",
            f'        set ${P}_variant "{path} ";',
            f"        try_files ${P}_file_{number} =404;",
            "    }",
        ]
    parts += [
        *redirects,
        f"    location @{P}_missing {{",
        "        types { }",
        f"        default_type {problem.content_type};",
        *missing,
        f"        return 404 '{body}';",
        "    }",
        "}",
    ]
    return "\n".join(parts) + "\n"


def init_app(app: Flask) -> None:
    """Register ``flask nginx-config``."""

    @app.cli.command("nginx-config")
    @click.argument("export_dir", type=click.Path(file_okay=False, path_type=Path))
    @click.option("--listen", default="127.0.0.1:8080", show_default=True, help="nginx's listen address.")
    @click.option("--server-name", default="_", show_default=True, help="nginx's server_name (_: none).")
    def nginx_config_command(export_dir: Path, listen: str, server_name: str) -> None:
        """Print an nginx configuration that serves the export in EXPORT_DIR as the live API."""
        try:
            click.echo(nginx_config(export_dir, listen, app=app, server_name=server_name), nl=False)
        except ValueError as error:
            raise click.ClickException(str(error)) from error
