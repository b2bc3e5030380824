"""Settings shared by every environment; environment modules override what differs."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "search",
    "importer",
    "content_api",
    "linkcheck",
    "blog",
    "pages",
    "wagtail.contrib.redirects",
    # Purges CDN copies on publish when WAGTAILFRONTENDCACHE is set (production, by environment).
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
    # Serves Swagger UI's own assets for /api/v1/docs (without it ninja loads them from a CDN).
    "ninja",
    "corsheaders",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Surrogate keys and short caching of errors, outside both caches so their hits get them.
    "blog.cache_headers.CacheHeadersMiddleware",
    # Before the cache middleware, so responses it answers (hits, 304s) carry CORS headers too.
    "corsheaders.middleware.CorsMiddleware",
    # Content API cache hits are answered here, before sessions, CSRF and auth.
    "content_api.middleware.CachedApiMiddleware",
    # Anonymous readers' pages from the full-page cache, also before sessions, CSRF and auth.
    "blog.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Wagtail's Site and page routing for its serving view, cached per content generation.
    "blog.middleware.RouteCacheMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite is the embedded default so a fresh machine needs nothing but Python;
# DATABASE_URL (e.g. postgres://user@host/db) switches to a real server.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        # With persistent connections, check one before reusing it in a new request, so a
        # restarted database costs one retry instead of a 500 per thread.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the task worker write to the same file. WAL lets readers and one
    # writer overlap; IMMEDIATE transactions take the write lock up front, so a busy writer
    # makes the other wait (up to "timeout" seconds) instead of failing with "database is
    # locked" when a read transaction tries to upgrade.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "skincare",
        }
    }
else:
    # The embedded default: files on local disk, shared by every process of this machine (web
    # server, worker, shell, cron's publish_scheduled), so an API cache invalidation made in one
    # is seen by all. A per-process LocMemCache would keep serving stale and even newly private
    # pages for up to SKINCARE_BLOG_CACHE_TIMEOUT. Several machines need REDIS_URL.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("SKINCARE_CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }

# Background work (link checks, webhook deliveries) is queued in the database, SQLite included,
# and run by `manage.py db_worker` (django-tasks-db), so publishing never waits for the network.
# `make demo` starts a worker beside the web server (scripts/run_demo.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "static_collected"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Skin Notes"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Exceptions to the link checker's SSRF guard, comma-separated (scripts/ci_worker_check.sh sets
# it); unset leaves linkcheck.conf's default (none). The app reads only the setting.
if "SKINCARE_LINKCHECK_ALLOWLIST" in os.environ:
    SKINCARE_LINKCHECK_ALLOWLIST = [
        entry.strip()
        for entry in os.environ["SKINCARE_LINKCHECK_ALLOWLIST"].split(",")
        if entry.strip()
    ]
# Search (README, "Search backends by size"): Wagtail's database backend is SQLite FTS5 on
# SQLite and PostgreSQL full-text search on PostgreSQL, where SEARCH_CONFIG is the text search
# configuration (stemming; `manage.py update_index` after changing it). SKINCARE_SEARCH_URL
# moves search to OpenSearch or Elasticsearch (SKINCARE_SEARCH_BACKEND: Wagtail's module name).
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": os.environ.get("SKINCARE_SEARCH_CONFIG", "english"),
    }
}
if os.environ.get("SKINCARE_SEARCH_URL"):
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": "wagtail.search.backends."
        + os.environ.get("SKINCARE_SEARCH_BACKEND", "opensearch2"),
        "URLS": [os.environ["SKINCARE_SEARCH_URL"]],
        "INDEX": os.environ.get("SKINCARE_SEARCH_INDEX", "skincare"),
        "TIMEOUT": 5,
        "OPTIONS": {},
        "INDEX_SETTINGS": {},
    }
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The same for webhook endpoints (a front end on a private network; tests' loopback receivers).
if "SKINCARE_API_WEBHOOK_ALLOWLIST" in os.environ:
    SKINCARE_API_WEBHOOK_ALLOWLIST = [
        entry.strip()
        for entry in os.environ["SKINCARE_API_WEBHOOK_ALLOWLIST"].split(",")
        if entry.strip()
    ]
# Wagtail API v2 (/api/v2/) returns rich text as front-end HTML (links expanded), not DB HTML.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
# Draftail that sanitises a stored value before loading it, so any stored value opens.
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "pages.widgets.SanitisingDraftailRichTextArea"}
}
TAGGIT_CASE_INSENSITIVE = True

# CORS (django-cors-headers) for the content API only: anonymous and read-only, so no
# credentials. Origins come from SKINCARE_API_CORS_ALLOWED_ORIGINS (content_api.conf, checked
# by content_api.middleware.cors_origin_allowed) so override_settings reaches them.
CORS_URLS_REGEX = r"^/api/v1/.*$"
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = (
    "Accept",
    "Accept-Encoding",
    "Cache-Control",
    "If-Modified-Since",
    "If-None-Match",
)
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Cache-Control", "Content-Encoding")
CORS_PREFLIGHT_MAX_AGE = 86400
