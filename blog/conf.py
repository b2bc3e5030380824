"""Blog settings: one prefix, defaults in one place, read through ``blog_setting(name)``
(pages.conf: memoised, forgotten when a setting changes, so ``override_settings`` works)."""

from __future__ import annotations

from typing import Any

from pages.conf import settings_reader

DEFAULTS: dict[str, Any] = {
    # Items in the RSS and Atom feeds.
    "SKINCARE_BLOG_FEED_ITEMS": 20,
    # Cached representations (site scopes, JSON-LD, API responses) live in this Django cache
    # (files shared by the processes of one machine by default, Redis in production), keyed on
    # the content generation, so every process sees an invalidation at once.
    "SKINCARE_BLOG_CACHE_ALIAS": "default",
    "SKINCARE_BLOG_CACHE_TIMEOUT": 3600,
    # Whole pages for anonymous readers (blog.pagecache), in the same cache and generation.
    "SKINCARE_BLOG_PAGE_CACHE": True,
    # Rendered parts of post pages (body, related cards: blog.fragments) for every reader,
    # whatever the full-page cache does, in the same cache and generation.
    "SKINCARE_BLOG_FRAGMENT_CACHE": True,
    # URLs per sitemap page (the sitemap index lists the pages; search engines accept 50,000).
    "SKINCARE_BLOG_SITEMAP_LIMIT": 1000,
    # Seconds browsers and CDNs may keep a 404 or 410 (0: not at all); other errors never.
    "SKINCARE_BLOG_NOT_FOUND_MAX_AGE": 30,
    # Image renditions in a post's representation.
    "SKINCARE_BLOG_IMAGE_WIDTHS": [320, 640, 960, 1280],
    "SKINCARE_BLOG_AVATAR_SPECS": ["fill-96x96", "fill-192x192"],
    # Make a post's renditions in a task when it is published (blog.tasks), not on its first view.
    "SKINCARE_BLOG_RENDITIONS_ON_PUBLISH": True,
    # Derived lists.
    "SKINCARE_BLOG_RELATED_LIMIT": 3,
    "SKINCARE_BLOG_AUTHOR_LATEST_POSTS": 5,
    "SKINCARE_BLOG_SEARCH_MAX_RESULTS": 500,
}


blog_setting = settings_reader(DEFAULTS)
