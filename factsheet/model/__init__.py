"""The content model and its parsing: the objects, the content format, strict YAML, status values.

Import from :mod:`factsheet`; the modules here are ``objects`` (the frozen dataclasses),
``status`` (translation status values and their rule), ``fields`` and ``schema`` (the content
format), ``strict_yaml`` (YAML in, ContentError out), ``content`` (reading a content file) and
``interface_text``.
"""
