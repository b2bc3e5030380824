"""The demo (`make demo`, scripts/run_demo.py): development settings served as readers get them.

DEBUG is off, so a missing page or a server error shows the site's own 404 and 500 templates
instead of Django's debug pages. With DEBUG off, runserver serves neither static nor media
files, so WhiteNoise serves static files straight from the finders (no collectstatic step) and
the app serves the demo's media (config.urls, SKINCARE_SERVE_MEDIA).
"""

from urllib.parse import urlsplit

from .dev import *  # noqa: F403

DEBUG = False
# Loopback, and the host `make demo HOST=...` serves on (its WAGTAILADMIN_BASE_URL).
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
if (_served := urlsplit(WAGTAILADMIN_BASE_URL).hostname) and _served not in ALLOWED_HOSTS:  # noqa: F405
    ALLOWED_HOSTS.append(_served)
# Right after SecurityMiddleware, as in production, so static requests skip the rest. A new
# list: base's stays as it is for whatever else imports it.
_middleware = list(MIDDLEWARE)  # noqa: F405
_middleware.insert(
    _middleware.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
MIDDLEWARE = _middleware
# Files where the finders look (app and project static folders), indexed when the server starts.
WHITENOISE_USE_FINDERS = True
# Nothing is collected for the demo: without this WhiteNoise warns, on every start, that the
# collected-files folder does not exist.
STATIC_ROOT = None
SKINCARE_SERVE_MEDIA = True
