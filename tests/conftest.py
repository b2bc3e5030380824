"""Fixtures for every test."""

from __future__ import annotations

import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches.

    Django rolls a test's database changes back but not its cache: a content generation
    started by one test (and every page, route and response cached under it) would still be
    current in the next, describing rows that no longer exist. Invalidation itself is tested
    within single tests (warm, change, read again).
    """
    for cache in caches.all():
        cache.clear()
