"""Translation: ``messages`` (every translatable string), ``catalogs`` (reading them at run time),
``translate`` (source plus catalog gives a locale's text), ``extract`` and ``notes`` (the Babel
extractors and the interface text's translator notes), ``checks`` and ``outline`` (what a
catalog or an edited content file must hold), with ``glossary``, ``term_match`` and
``glossary_check`` (the terms a catalog must use), ``pofilter`` and ``typography`` (QA tests
and a language's own rules) and ``exceptions`` (where a string may depart from them), and
``pybabel`` and ``commands`` (``python -m factsheet.i18n``).

Importing this package is cheap: the translator tooling loads only when it runs.
"""
