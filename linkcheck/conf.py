"""Link-checker settings: one prefix, defaults in one place, read at call time.

Values are read through ``getattr(settings, ...)`` on every call so ``override_settings`` works
in tests; the environment reaches them only through ``config/settings`` (which turns
``SKINCARE_LINKCHECK_ALLOWLIST`` into the setting). ``load()`` snapshots them into a frozen
``LinkcheckSettings`` that the pure fetcher takes, so it also runs where Django settings are
not configured (benchmarks, scripts).
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured

from linkcheck.checker.settings import DEFAULTS, PREFIX, LinkcheckSettings


def setting(name: str) -> Any:
    """Return the value of ``SKINCARE_LINKCHECK_<name>``, or its default."""
    if name not in DEFAULTS:
        raise KeyError(f"unknown link-check setting {name!r}")
    try:
        value = getattr(django_settings, PREFIX + name, None)
    except ImproperlyConfigured:
        # Outside a Django project (a benchmark script): defaults only.
        value = None
    if name == "CONTACT_URL" and not value:
        return _site_url()
    return DEFAULTS[name] if value is None else value


def _site_url() -> str:
    try:
        return getattr(django_settings, "WAGTAILADMIN_BASE_URL", "") or ""
    except ImproperlyConfigured:
        return ""


def load() -> LinkcheckSettings:
    """Snapshot the current settings (Django settings, else defaults)."""
    values: dict[str, Any] = {}
    for field in fields(LinkcheckSettings):
        value = setting(field.name.upper())
        if field.name == "allowlist":
            value = _as_tuple(value)
        elif field.name == "recheck_hours":
            value = tuple({**DEFAULTS["RECHECK_HOURS"], **dict(value)}.items())
        elif field.name == "temporary_retry_hours":
            value = tuple(value)
        values[field.name] = value
    return LinkcheckSettings(**values)


def _as_tuple(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        # A comma-separated string is accepted too, as in the environment variable.
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return tuple(str(part) for part in value)


# Settings of the database side (service, claims, results), beside the engine's DEFAULTS.
SERVICE_DEFAULTS: dict[str, Any] = {
    # What publishing does: "all" checks internal and external links, "internal" skips
    # fetching, "off" does nothing (the cron run still catches up).
    "ON_PUBLISH": "all",
    "CLAIM_SECONDS": 1800,  # how long a run holds the URLs it is checking
    "BATCH_SIZE": 500,  # URLs claimed and fetched per round
    "HISTORY_KEPT": 50,  # check rows kept per URL
}


def service_setting(name: str) -> Any:
    """``SKINCARE_LINKCHECK_<name>`` for the database side, or its default."""
    return getattr(django_settings, PREFIX + name, SERVICE_DEFAULTS[name])
