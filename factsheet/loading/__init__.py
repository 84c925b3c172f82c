"""Loading and caching: ``factsheets`` (``load``), ``interface`` (``interface_text``),
``per_locale`` (the cache), ``checksum`` and ``locale_info``."""
