"""``python -m api.static DIR [--port N]``: try a static export locally, with the live API's headers.

Python's own ``http.server`` sends ``.md`` and ``.txt`` without a charset (browsers then garble
non-ASCII text) and none of the API's headers. This server is that one, plus the export's
:data:`~api.hosting.HEADERS_FILE` rules, as Netlify or Cloudflare Pages would apply them: the
right ``Content-Type`` with its charset, ``Content-Language``, CORS, caching and the pages'
policy. For trying only (one process, loopback by default); for production use nginx
(``flask --app api nginx-config``) or a static host.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Sequence
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from .hosting import HEADERS_FILE, Rule, parse_headers_file

__all__ = ["Handler", "main", "serve"]


class Handler(SimpleHTTPRequestHandler):
    """Serves files from a folder, adding the headers its rules give each URL."""

    rules: Sequence[Rule] = ()

    def _extra(self) -> list[tuple[str, str]]:
        url = urlsplit(self.path).path
        return [header for rule in self.rules if rule.matches(url) for header in rule.headers]

    def send_head(self):  # type: ignore[no-untyped-def]  # typeshed: io.BytesIO | BinaryIO | None
        if urlsplit(self.path).path == "/" + HEADERS_FILE:  # the rules, not a page
            self.send_error(404)
            return None
        return super().send_head()

    def send_header(self, keyword: str, value: str) -> None:
        if keyword.lower() == "content-type":  # the rules' type (with charset) wins over the guess
            value = next((v for k, v in self._extra() if k.lower() == "content-type"), value)
        super().send_header(keyword, value)

    def end_headers(self) -> None:
        if 200 <= getattr(self, "_status", 200) < 400:
            for name, value in self._extra():
                if name.lower() != "content-type":
                    super().send_header(name, value)
        super().end_headers()

    def send_response(self, code: int, message: str | None = None) -> None:
        self._status = code
        super().send_response(code, message)

    def log_message(self, format: str, *args: object) -> None:
        """The base class's line without the client's address (as the live service logs)."""
        sys.stderr.write(f"{format % args}\n")


def serve(folder: Path, host: str = "127.0.0.1", port: int = 8080) -> ThreadingHTTPServer:
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
    server = serve(options.folder, options.host, options.port)
    print(f"Serving {options.folder} on http://{options.host}:{server.server_address[1]}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
