"""`make run`: the embedded site on this machine, showing people what production shows.

Everything as in development (SQLite, demo content, emails on the console), but without DEBUG:
a missing page is the site's own 404, an error its own 500, never Django's technical pages.
Static files are served by WhiteNoise straight from `static/` and `node_modules/`, so no
collectstatic is needed. `make dev` keeps DEBUG for developers.
"""

from .dev import *  # noqa: F403

DEBUG = False
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
