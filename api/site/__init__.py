"""The site and how it is answered: every URL's representation, built once, and the answers.

- :mod:`.table`: the :class:`~api.site.table.Site` (every URL and its representation) and what a
  representation is; its names are exported here too.
- :mod:`.build`: what the site holds, one entry per resource (the place to add one).
- :mod:`.answers`: the one view behind every route, and the WSGI middleware that answers a
  ready representation before Flask.
- :mod:`.headers`: the headers every response carries (CORS, ``nosniff``, ``Referrer-Policy``).
- :mod:`.hooks`: the Flask request hooks the middleware may pass by, and the check for others.
- :mod:`.host`: a request without its one ``Host`` is answered ``400`` before all that.
- :mod:`.links`: links inside bodies, absolute under the site's public address when it is known.
"""

from .table import *  # noqa: F403 - the table's names, as its __all__ lists them
from .table import __all__ as __all__
