"""Content API settings: defaults here, overridable in Django settings with the same name.

Read through `api_setting(name)` at call time (not import time), through pages.conf's reader:
memoised, because the cached-response path reads several per request, and forgotten whenever a
setting changes, so `override_settings` works.
"""

from __future__ import annotations

from typing import Any

from pages.conf import settings_reader

DEFAULTS: dict[str, Any] = {
    # HTTP caching headers (seconds). max-age bounds how stale a browser copy can be after a
    # publish; s-maxage is for CDNs that are purged on publish (see webhooks).
    "SKINCARE_API_MAX_AGE": 60,
    "SKINCARE_API_S_MAXAGE": 300,
    "SKINCARE_API_STALE_WHILE_REVALIDATE": 30,
    # Server-side response cache, in blog's cache (SKINCARE_BLOG_CACHE_ALIAS, with its
    # timeout), keyed on blog's content generation.
    "SKINCARE_API_CACHE_ENABLED": True,
    # Origins allowed to read the API from a browser; ["*"] allows any origin. The headers
    # are django-cors-headers' (CORS_* in config/settings/base.py, e.g. CORS_PREFLIGHT_MAX_AGE).
    "SKINCARE_API_CORS_ALLOWED_ORIGINS": [],
    # Responses at least this long are gzipped for clients that accept it.
    "SKINCARE_API_GZIP_MIN_LENGTH": 512,
    # Derived lists (related posts, author pages and search sizes are blog settings).
    "SKINCARE_API_AUTOCOMPLETE_LIMIT": 8,
    # Front-end preview of drafts: where the admin's "Preview in front end" link points
    # ({token} and {page_id} are filled in) and how long a preview token stays valid, in
    # seconds: short, since anyone holding the link sees the page's drafts until then.
    "SKINCARE_API_PREVIEW_URL": "http://localhost:3000/api/preview?token={token}",
    "SKINCARE_API_PREVIEW_TOKEN_MAX_AGE": 15 * 60,
    # Webhooks: timeout per attempt, attempts in all, and exponential backoff between them
    # (base * 2 ** (attempt - 1), capped).
    "SKINCARE_API_WEBHOOK_TIMEOUT": 5.0,
    "SKINCARE_API_WEBHOOK_MAX_ATTEMPTS": 5,
    "SKINCARE_API_WEBHOOK_BACKOFF": 2.0,
    "SKINCARE_API_WEBHOOK_MAX_BACKOFF": 600.0,
    # Exceptions to the SSRF guard for webhook endpoints (a front end on a private network):
    # entries as for SKINCARE_LINKCHECK_ALLOWLIST, e.g. ["10.0.3.7:3000", "[fd00::7]:3000"];
    # an entry without a port allows every port.
    "SKINCARE_API_WEBHOOK_ALLOWLIST": [],
}


api_setting = settings_reader(DEFAULTS)
