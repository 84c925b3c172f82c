"""The production command: ``python -m api`` serves the API with granian (see ``api/server.py``).

Settings: ``FACTSHEET_BIND``, ``FACTSHEET_WORKERS`` and the app's own ``FACTSHEET_*`` (``api/config.py``).
"""

from __future__ import annotations

import os

from . import create_app
from .server import serve, server_settings


def main() -> None:
    serve(create_app, server_settings(os.environ), name="api:create_app")


if __name__ == "__main__":
    main()
