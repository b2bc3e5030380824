"""Blog settings: one prefix, defaults in one place, read at call time.

Read through ``blog_setting(name)`` so ``override_settings`` works in tests.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Items in the RSS and Atom feeds.
    "SKINCARE_BLOG_FEED_ITEMS": 20,
}


def blog_setting(name: str) -> Any:
    """The value of a SKINCARE_BLOG_* setting, falling back to its default."""
    return getattr(settings, name, DEFAULTS[name])
