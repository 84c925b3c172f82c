"""Loading and caching: ``factsheets`` (``load``, also of a release), ``interface`` (``interface_text``),
``per_locale`` (the cache), ``checksum`` and ``locale_info``."""
