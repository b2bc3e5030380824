"""Production: secrets and hosts come from the environment and are required.

HTTPS is enforced here (redirect, HSTS, secure cookies); a TLS-terminating proxy that does the
redirect or sends HSTS itself is declared with the switches below, which also silence the
matching `check --deploy` warning, so the check stays clean only through a stated decision.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable for production.")
    return value


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"Set {name} to 1 or 0, not {raw!r}.")


def _seconds(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    try:
        return int(raw) if raw else default
    except ValueError:
        raise ImproperlyConfigured(f"Set {name} to a number of seconds, not {raw!r}.") from None


DEBUG = False
SECRET_KEY = _required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in _required("DJANGO_ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
SILENCED_SYSTEM_CHECKS: list[str] = []

# HTTPS only. DJANGO_SECURE_SSL_REDIRECT=0 when the proxy in front redirects http to https.
SECURE_SSL_REDIRECT = _flag("DJANGO_SECURE_SSL_REDIRECT", True)
if not SECURE_SSL_REDIRECT:
    SILENCED_SYSTEM_CHECKS.append("security.W008")
# HSTS for a year, subdomains included (a blog at blog.example.com covers *.blog.example.com
# only). DJANGO_SECURE_HSTS_SECONDS=0 when the proxy sends the header itself.
SECURE_HSTS_SECONDS = _seconds("DJANGO_SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
if not SECURE_HSTS_SECONDS:
    SILENCED_SYSTEM_CHECKS.append("security.W004")
elif not SECURE_HSTS_INCLUDE_SUBDOMAINS:
    SILENCED_SYSTEM_CHECKS.append("security.W005")
# Browser preload lists are a separate, slow-to-undo commitment made for the whole registered
# domain, so the directive is opt-in (DJANGO_SECURE_HSTS_PRELOAD=1); leaving it off is a choice.
SECURE_HSTS_PRELOAD = _flag("DJANGO_SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS.append("security.W021")
# Trust X-Forwarded-Proto (or another header) only when a proxy is known to set it: otherwise
# any client could claim https. E.g. DJANGO_SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO.
_proxy_header = os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER", "").strip()
if _proxy_header:
    if not _proxy_header.startswith("HTTP_") or not _proxy_header.replace("_", "").isalnum():
        raise ImproperlyConfigured(
            "Set DJANGO_SECURE_PROXY_SSL_HEADER to a request.META name such as "
            f"HTTP_X_FORWARDED_PROTO, not {_proxy_header!r}."
        )
    SECURE_PROXY_SSL_HEADER = (_proxy_header.upper(), "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Static files are served by the web processes themselves through WhiteNoise: hashed names
# (cached for a year by browsers and CDNs), gzip and Brotli copies made by collectstatic. Put it
# right after SecurityMiddleware so static requests skip the rest of the stack.
# SKINCARE_STATIC_COMPRESS=0 keeps the hashed names but skips the gzip and Brotli copies (a
# minute of CPU in collectstatic), for a CDN that compresses by itself.
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
    if _flag("SKINCARE_STATIC_COMPRESS", True)
    else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
)
MIDDLEWARE.insert(  # noqa: F405
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,  # noqa: F405
    "whitenoise.middleware.WhiteNoiseMiddleware",
)

# Media: local disk (MEDIA_ROOT, served by the proxy or CDN in front) unless a bucket is named,
# then any S3-compatible store through django-storages. Credentials are boto3's own variables
# (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or an instance role), never settings.
_bucket = os.environ.get("SKINCARE_MEDIA_S3_BUCKET", "").strip()
if _bucket:
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _bucket,
            # None lets boto3 pick AWS; set it for MinIO, R2, Spaces, etc.
            "endpoint_url": os.environ.get("SKINCARE_MEDIA_S3_ENDPOINT_URL", "").strip() or None,
            "region_name": os.environ.get("SKINCARE_MEDIA_S3_REGION", "").strip() or None,
            # A CDN host in front of the bucket: public URLs without signatures.
            "custom_domain": os.environ.get("SKINCARE_MEDIA_S3_CUSTOM_DOMAIN", "").strip() or None,
            "querystring_auth": _flag("SKINCARE_MEDIA_S3_SIGNED_URLS", False),
            # Uploads never overwrite each other (Wagtail also picks unique names).
            "file_overwrite": False,
        },
    }
# Local media served by the web processes (no proxy in front, as `make serve-prod` runs):
# fine for a handful of images, a proxy or CDN should take over beyond that.
SKINCARE_SERVE_MEDIA = _flag("SKINCARE_SERVE_MEDIA", False) and not _bucket

# Public base URL of uploaded media and image renditions, e.g. a CDN in front of MEDIA_ROOT:
# SKINCARE_MEDIA_URL=https://cdn.example.com/media/. Pages and both APIs (v1 and v2) then link
# there; left unset, media URLs are made absolute against the Wagtail Site's root URL.
_media_url = os.environ.get("SKINCARE_MEDIA_URL", "").strip()
if _media_url:
    MEDIA_URL = _media_url.rstrip("/") + "/"

# Connections are per thread: with gthread workers a persistent SQLite connection stays open
# in every thread (its page cache and WAL snapshot with it) for as long as the process lives.
# SQLite connections are cheap to open, so they are closed after each request.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# Front-end cache (CDN) purging on publish, by environment only; none set = no purging.
# Wagtail's backends: any HTTP cache accepting PURGE (Varnish, nginx), Cloudflare, CloudFront.
_hostnames = [
    h.strip() for h in os.environ.get("SKINCARE_CDN_HOSTNAMES", "").split(",") if h.strip()
]
_frontend_caches = {}
if _purge_url := os.environ.get("SKINCARE_CDN_PURGE_URL", "").strip():
    _frontend_caches["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": _purge_url,
    }
if _zone := os.environ.get("SKINCARE_CDN_CLOUDFLARE_ZONE_ID", "").strip():
    _frontend_caches["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": _zone,
        "BEARER_TOKEN": _required("SKINCARE_CDN_CLOUDFLARE_TOKEN"),
    }
if _distribution := os.environ.get("SKINCARE_CDN_CLOUDFRONT_DISTRIBUTION_ID", "").strip():
    _frontend_caches["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": _distribution,
    }
if _frontend_caches:
    if _hostnames:
        for _backend in _frontend_caches.values():
            _backend["HOSTNAMES"] = _hostnames
    WAGTAILFRONTENDCACHE = _frontend_caches

# Background tasks are queued in the database (base) for `manage.py db_worker` processes, which
# must run beside the web server; run `manage.py publish_scheduled` from cron every minute or so
# for scheduled and expiring content. SKINCARE_TASKS_BACKEND=immediate runs tasks inside the
# request instead (publishing then waits for link checks and webhook deliveries).
if os.environ.get("SKINCARE_TASKS_BACKEND", "").strip() == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


# The embedded defaults hold for one machine only: SQLite is one file, a locmem or file cache
# is private to its process or machine (another would keep serving API responses a publish
# invalidated) and the inline task backend makes publishing wait for the network. Refuse them
# unless SKINCARE_SINGLE_NODE=1 says this site is deployed that way.
SKINCARE_SINGLE_NODE = _flag("SKINCARE_SINGLE_NODE", False)
if not SKINCARE_SINGLE_NODE:
    _single_node_only = [
        what
        for what, found in (
            (
                "a SQLite database (set DATABASE_URL to a PostgreSQL server)",
                DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3",  # noqa: F405
            ),
            (
                "a cache local to this machine (set REDIS_URL)",
                CACHES["default"]["BACKEND"].endswith(("LocMemCache", "FileBasedCache")),  # noqa: F405
            ),
            (
                "the inline task backend (unset SKINCARE_TASKS_BACKEND=immediate)",
                TASKS["default"]["BACKEND"].endswith("ImmediateBackend"),
            ),
        )
        if found
    ]
    if _single_node_only:
        raise ImproperlyConfigured(
            "config.settings.production found "
            + "; ".join(_single_node_only)
            + ". These work on one machine only: set SKINCARE_SINGLE_NODE=1 "
            "if that is this deployment."
        )
