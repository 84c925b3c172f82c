"""Releases as data: every released version's text kept in the package
(``factsheet/releases/<version>.zip``), loadable and comparable.

>>> import factsheet
>>> factsheet.releases()[-1].version
'1.0.0'
>>> factsheet.load("es", version="1.0.0").metadata.version
'1.0.0'

Modules: ``releases`` (``releases()``, ``is_released()``, ``diff()``, as ``factsheet``
exports them), ``layout`` (what a release holds, by name), ``archive`` (the zip format, read
strictly and written deterministically), ``snapshots`` (a release's inputs, parsed), ``store``
(a folder of archives; ``store.shipped`` holds the package's, which ``factsheet.load(...,
version=)`` reads), ``diff`` (what changed), ``freeze`` (the release step).
"""
