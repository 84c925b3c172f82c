"""The shipped locales: ``registry`` (``locales.yaml``, normalising and negotiating), ``tags``
(the patterns of codes and tags) and ``names`` (names and text direction, from Babel)."""
