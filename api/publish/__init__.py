"""Copies of the site on other hosts, made without a Python server behind them.

- :mod:`.export`: ``flask --app api export``, every file (:mod:`.swap` puts it in place).
- :mod:`.headers_file`: the live headers as a ``_headers`` file for static hosts.
- :mod:`.nginx`: ``flask --app api nginx-config``.
- :mod:`.preview`: ``python -m api.static``, a server for trying an export.
- :mod:`.freeze`: ``flask --app api freeze-release``, a release's archive.
"""
