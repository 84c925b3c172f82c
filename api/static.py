"""``python -m api.static DIR``: serve an export for trying it (see :mod:`api.publish.preview`)."""

from __future__ import annotations

from .publish.preview import main

if __name__ == "__main__":
    main()
