"""``python -m api.static DIR [--port N]``: try a static export locally, with the live API's headers.

Python's own ``http.server`` sends ``.md`` and ``.txt`` without a charset (browsers then garble
non-ASCII text) and none of the API's headers. This server is that one, plus the export's
:data:`~api.publish.headers_file.HEADERS_FILE` rules, as Netlify or Cloudflare Pages would apply them: the
right ``Content-Type`` with its charset, ``Content-Language``, CORS, caching and the pages'
policy. For trying only (one process, loopback by default); for production use nginx
(``flask --app api nginx-config``) or a static host.

Even so it serves nothing but the export: a path whose real path (links resolved) leaves the
folder is a 404, no folder is listed (a 404 where one has no ``index.html``), and the rules file
is a 404 however its URL is spelled (the path is compared after translation). A request it
cannot read (a bad request line, an HTTP/2 preface, a NUL in the path) gets a plain error status,
and the log escapes control characters.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Sequence
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from .headers_file import HEADERS_FILE, Rule, parse_headers_file

__all__ = ["Handler", "main", "preview_server"]

#: Control characters as the log writes them (``\x1b``): a request cannot color or rewrite a terminal.
_ESCAPED = {code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0))}


class Handler(SimpleHTTPRequestHandler):
    """Serves files from a folder, adding the headers its rules give each URL."""

    rules: Sequence[Rule] = ()
    #: A request line without a version (HTTP/0.9, or one refused before its version was read)
    #: is answered as HTTP/1.0: with a status line, not a bare body.
    default_request_version = "HTTP/1.0"

    def _extra(self) -> list[tuple[str, str]]:
        if not 200 <= getattr(self, "_status", 0) < 400:  # the rules describe files, not errors
            return []
        url = urlsplit(getattr(self, "path", "")).path  # no path yet: the request line was bad
        return [header for rule in self.rules if rule.matches(url) for header in rule.headers]

    def send_head(self):  # type: ignore[no-untyped-def]  # typeshed: io.BytesIO | BinaryIO | None
        path = self.translate_path(self.path)
        if path.endswith("/") and os.path.isdir(path):  # what the base class serves for a folder
            indexes = (os.path.join(path, name) for name in ("index.html", "index.htm"))
            path = next((index for index in indexes if os.path.isfile(index)), path)
        if not self._servable(path):
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        return super().send_head()

    def _servable(self, path: str) -> bool:
        """Whether ``path`` (translated) is, after resolving links, in the folder and not the rules."""
        root = os.path.realpath(self.directory)
        try:
            real = os.path.realpath(path)
        except ValueError:  # a NUL, or a name the file system cannot encode
            return False
        return real.startswith(root + os.sep) and real != os.path.join(root, HEADERS_FILE)

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """No listings: a folder without an ``index.html`` is not found."""
        self.send_error(HTTPStatus.NOT_FOUND, "File not found")

    def send_header(self, keyword: str, value: str) -> None:
        if keyword.lower() == "content-type":  # the rules' type (with charset) wins over the guess
            value = next((v for k, v in self._extra() if k.lower() == "content-type"), value)
        super().send_header(keyword, value)

    def end_headers(self) -> None:
        for name, value in self._extra():
            if name.lower() != "content-type":
                super().send_header(name, value)
        super().end_headers()

    def send_response_only(self, code: int, message: str | None = None) -> None:
        self._status = code  # also for a 100 Continue, which gets no rules either
        super().send_response_only(code, message)

    def log_message(self, format: str, *args: object) -> None:
        """The base class's line without the client's address (as the live service logs)."""
        sys.stderr.write(f"{(format % args).translate(_ESCAPED)}\n")


def preview_server(folder: Path, host: str = "127.0.0.1", port: int = 8080) -> ThreadingHTTPServer:
    """A server for ``folder`` (not started: call ``serve_forever``)."""
    rules_file = folder / HEADERS_FILE
    rules = parse_headers_file(rules_file.read_text(encoding="utf-8")) if rules_file.is_file() else []
    handler = type("ExportHandler", (Handler,), {"rules": tuple(rules)})
    return ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(folder)))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m api.static", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder written by `flask --app api export`")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    options = parser.parse_args(argv)
    if not (options.folder / HEADERS_FILE).is_file():
        parser.error(f"{options.folder} holds no export (no {HEADERS_FILE} file)")
    server = preview_server(options.folder, options.host, options.port)
    print(f"Serving {options.folder} on http://{options.host}:{server.server_address[1]}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
