"""The production command: ``python -m api`` serves the API with granian (see ``api/server/run.py``).

Settings: ``FACTSHEET_BIND``, ``FACTSHEET_WORKERS`` and the other server settings
(``api/server/run.py``), and the app's own ``FACTSHEET_*`` (``api/config.py``).

The app is built before anything listens: a broken content file, catalog, release archive or
setting ends the start with one ``Error:`` line naming it, and exit status 1. Then every PDF
not yet in the cache is made by a child process in the background (``api/pages/pdf_cache.py``), while
the service already answers, and every other answer is made (and compressed) before the workers
are forked (:meth:`api.site.Site.prepare`), so that they share it and no request waits for it.
"""

from __future__ import annotations

import os
import sys

import factsheet

from . import create_app
from .config import ConfigError
from .pages.pdf_cache import PdfCache
from .server.run import run_production, server_settings


def main() -> None:
    settings = server_settings(os.environ)
    try:
        app = create_app()
    except (factsheet.FactsheetError, ConfigError) as error:
        sys.exit(f"Error: {error}")
    pdfs: PdfCache = app.extensions["factsheet.pdfs"]
    try:
        pdfs.directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        sys.exit(f"Error: FACTSHEET_PDF_CACHE: cannot use {pdfs.directory} ({error.strerror})")
    pdfs.prepare(wait=False)
    app.extensions["factsheet"].prepare()  # every body and its codings, before the fork
    run_production(app, settings, name="api:create_app")


if __name__ == "__main__":
    main()
