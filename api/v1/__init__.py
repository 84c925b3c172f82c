"""The JSON API under ``/v1/``: its routes, schemas, problem details, releases and OpenAPI document.

- :mod:`.routes`: the URLs (each answered from the site, :mod:`api.site`).
- :mod:`.schemas`, :mod:`.resources`: the JSON of the index, the locales and the health check.
- :mod:`.releases`: released versions as resources (``/v1/releases/...``).
- :mod:`.chunks`: the factsheet as chunks for retrieval (``/v1/{locale}/chunks``).
- :mod:`.problems`: every error as RFC 9457 problem details.
- :mod:`.openapi`, :mod:`.smorest`: the OpenAPI document; ``api/openapi.json`` and
  ``api/types/`` are generated from it (docs/guides/web.md).
- :mod:`.health`: ``/healthz``.
"""
