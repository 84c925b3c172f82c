"""Translation: ``messages`` (every translatable string), ``catalogs`` (reading them at run time),
``translate`` (source plus catalog gives a locale's text), ``extract`` (the Babel extractors),
``checks`` and ``outline`` (what a catalog or an edited content file must hold), ``pybabel`` and
``commands`` (``python -m factsheet.i18n``).

Importing this package is cheap: the translator tooling loads only when it runs.
"""
