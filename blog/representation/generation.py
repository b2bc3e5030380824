"""The content generation: a token replaced whenever anything a post's representation shows
changes (publish, unpublish, move, delete, author, image, tag, site or privacy changes).

Caches of representations (the API's responses, the site's JSON-LD, site scopes) key their
entries on it, so invalidating everything is one cache write, whatever the site's size. A
generation also ends by itself when a live page's `expire_at` passes. The cache must be one
that every process shares (files on one machine, Redis across several): a bump made by a
shell, a cron job or a worker has to reach the web processes.
"""

from __future__ import annotations

import threading
import time
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, NamedTuple

from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models import Min
from django.dispatch import receiver
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from ..conf import blog_setting

GENERATION_KEY = "skincare-api:generation"


class Generation(NamedTuple):
    """The cache generation: a token, when content last changed (for Last-Modified), and
    until when it holds: the next expiry of a live page, which changes content without any
    event (Wagtail clears `live` only when publish_scheduled runs).

    It also carries where view restrictions apply (blog.visibility.privacy), as outermost
    page paths: read once by whoever starts the generation (usually the process that
    published), so readers never spend a query on them.
    """

    token: str
    changed_at: int
    valid_until: float | None = None
    restricted: tuple[str, ...] = ()  # pages with a view restriction (password, login, groups)
    aliases: tuple[str, ...] = ()  # alias pages, which take their source page's restrictions


_local = threading.local()


def generation_cache():
    """The shared cache holding the generation (and whatever is keyed on it)."""
    # caches[alias] costs a thread-local lookup per call; the hit path keeps its own handle,
    # dropped when CACHES or the alias setting changes.
    cache = getattr(_local, "cache", None)
    if cache is None:
        cache = _local.cache = caches[blog_setting("SKINCARE_BLOG_CACHE_ALIAS")]
    return cache


@receiver(setting_changed)
def _forget_cache(setting: str, **kwargs: Any) -> None:
    if setting in ("CACHES", "SKINCARE_BLOG_CACHE_ALIAS"):
        _local.__dict__.clear()


def _next_expiry() -> float | None:
    """When the next live page expires (one indexed query, only when a generation starts)."""
    soonest = Page.objects.filter(live=True, expire_at__gt=timezone.now()).aggregate(
        soonest=Min("expire_at")
    )["soonest"]
    return soonest.timestamp() if soonest else None


def covering_paths(paths) -> tuple[str, ...]:
    """Page paths without those inside another one of them (a subtree's root covers it)."""
    kept: list[str] = []
    for path in sorted(set(paths)):
        if not any(path.startswith(prefix) for prefix in kept):
            kept.append(path)
    return tuple(kept)


def _new_generation() -> Generation:
    restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
    aliases = Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)
    return Generation(
        uuid.uuid4().hex,
        int(time.time()),
        _next_expiry(),
        covering_paths(restricted),
        covering_paths(aliases),
    )


def _store(generation: Generation) -> None:
    # As a plain tuple: every cache hit unpickles it, and a tuple unpickles in about half the
    # time of the named tuple, whose class pickle has to look up (timeit, 2026-11-30).
    generation_cache().set(GENERATION_KEY, tuple(generation), timeout=None)


def read_with_generation(key: str) -> tuple[Generation, Any]:
    """The current generation and the value cached under `key` (None when absent), in one
    cache round trip (a single MGET on Redis)."""
    values = generation_cache().get_many([GENERATION_KEY, key])
    return ensure_generation(values.get(GENERATION_KEY)), values.get(key)


def ensure_generation(value: tuple | None) -> Generation:
    """The generation from a cached value (None when missing), renewed if it has ended."""
    if value is None or len(value) != len(Generation._fields):
        # A missing or evicted generation starts a new one, so nothing stale is ever reused
        # (nor one stored by an older release, which lacks fields).
        value = tuple(_new_generation())
        if not generation_cache().add(GENERATION_KEY, value, timeout=None):
            value = generation_cache().get(GENERATION_KEY) or value
    generation = Generation(*value)
    if generation.valid_until is not None and time.time() >= generation.valid_until:
        # A page expired since: every process that notices starts a new generation (a race
        # only costs an extra miss).
        generation = _new_generation()
        _store(generation)
    return generation


# The generation a request already read (the page and API caches read it with their entry),
# held while it is served so the fragments, links, routes and scopes it builds need no cache
# round trip each (a Redis or file read in production), and all describe one generation.
_held: ContextVar[Generation | None] = ContextVar("skincare_held_generation", default=None)


@contextmanager
def holding(generation: Generation):
    """Serve the block's current_generation() from `generation` (until a bump or its end)."""
    token = _held.set(generation)
    try:
        yield
    finally:
        _held.reset(token)


def current_generation() -> Generation:
    held = _held.get()
    if held is not None and (held.valid_until is None or time.time() < held.valid_until):
        return held
    return ensure_generation(generation_cache().get(GENERATION_KEY))


def bump_generation() -> None:
    """Invalidate every cached representation, now and again when the transaction commits."""
    _store(_new_generation())
    _held.set(None)  # what this request builds from now on belongs to the new generation
    # A request that reads the old rows between this write and the commit would otherwise
    # store them under the new generation.
    transaction.on_commit(lambda: _store(_new_generation()))


def remembered(namespace: str, keys, load) -> dict:
    """{key: value} for `keys`, read from the cache for this generation and loaded (one call
    of `load(missing_keys) -> {key: value}`) only for those it lacks.

    For small facts that change only when a new generation starts (page URLs, breadcrumb
    trails, authors' profile links): one cache round trip instead of an ORM query, whose
    compilation costs more than the lookup itself. `load` must return a value for every
    key it is given (a placeholder for "none"), so a miss is not looked up again.
    """
    prefix = f"skincare-memo:{namespace}:{current_generation().token}:"
    wanted = {key: f"{prefix}{key}" for key in dict.fromkeys(keys)}
    if not wanted:
        return {}
    cache = generation_cache()
    found = cache.get_many(wanted.values())
    values = {key: found[cache_key] for key, cache_key in wanted.items() if cache_key in found}
    missing = [key for key in wanted if key not in values]
    if missing:
        fresh = load(missing)
        cache.set_many(
            {wanted[key]: fresh[key] for key in missing},
            blog_setting("SKINCARE_BLOG_CACHE_TIMEOUT"),
        )
        values.update((key, fresh[key]) for key in missing)
    return values
