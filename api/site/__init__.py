"""The site and how it is answered: every URL's representation, built once, and the answers.

- :mod:`.table`: the :class:`~api.site.table.Site` (every URL and its representation) and what a
  representation is; its names are exported here too.
- :mod:`.build`: what the site holds, one entry per resource (the place to add one).
- :mod:`.answers`: the one view behind every route, and the WSGI middleware that answers a
  ready representation before Flask.
- :mod:`.headers`: the headers every response carries (CORS, ``nosniff``, ``Referrer-Policy``).
- :mod:`.host`: a request without its one ``Host`` is answered ``400`` before all that.
"""

from .table import (
    HTML,
    JSON,
    MARKDOWN,
    PDF,
    TEXT,
    File,
    HeaderList,
    Ready,
    Representation,
    Site,
    Unavailable,
    encode_json,
    file_name,
)

__all__ = [
    "HTML",
    "JSON",
    "MARKDOWN",
    "PDF",
    "TEXT",
    "File",
    "HeaderList",
    "Ready",
    "Representation",
    "Site",
    "Unavailable",
    "encode_json",
    "file_name",
]
