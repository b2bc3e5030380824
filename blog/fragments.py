"""Rendered parts of a post's page (body, related cards), cached per content generation.

Rendering the body's blocks (rich text through the sanitiser, pictures, citations) and the
related cards (a ranking query, then the cards' authors and renditions) is most of an
uncached post page's time, and both are the same for every reader of a Site until the post
or what it shows changes. Each is stored as HTML keyed by what makes it change:

- the content generation: publishing, unpublishing, moving or deleting a page and saving a
  page, author, image, rendition, tag, Site, site settings or view restriction start a new one
  (blog.signal_handlers), and it ends by itself when a live page expires;
- the page and its live and latest revisions, so a new revision changes the key at once;
- the reader's Site (links and cards are the site's own) and the language.

Never cached, always rendered afresh: previews (a draft's content under the live page's id),
pages that are not live, pages under a view restriction or an alias (Wagtail checks those
on every request, see blog.visibility.ViewRestrictionsMixin), and everything when
SKINCARE_BLOG_FRAGMENT_CACHE is off.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language
from wagtail.models import Page

from .conf import blog_setting
from .representation.generation import current_generation, generation_cache
from .visibility import is_restricted, request_site

PREFIX = "skincare-site:fragment"
KEY_ATTR = "_skincare_fragment_key"


def fragment_key(page: Page, request: HttpRequest | None) -> str | None:
    """What the page's fragments are keyed on for this request, or None: render afresh."""
    # Once per request and page: each fragment, the related ids and the surrogate keys ask.
    memo = page.__dict__.get(KEY_ATTR)
    if memo is None or memo[0] is not request:
        memo = page.__dict__[KEY_ATTR] = (request, _key(page, request))
    return memo[1]


def _key(page: Page, request: HttpRequest | None) -> str | None:
    if request is None or not blog_setting("SKINCARE_BLOG_FRAGMENT_CACHE"):
        return None
    if getattr(request, "is_preview", False) or page.pk is None or not page.live:
        return None
    generation = current_generation()
    private = (*generation.restricted, *generation.aliases)
    if page.alias_of_id is not None or is_restricted(page.path, private):
        return None
    site = request_site(request)
    if site is None:
        return None
    parts = (
        generation.token,
        site.pk,
        get_language(),
        page.pk,
        page.live_revision_id,
        page.latest_revision_id,
    )
    return ":".join(map(str, parts))


def cached(name: str, key: str | None, build: Callable[[], Any]) -> Any:
    """build(), or what it returned for the same `name` and fragment `key` (None: no cache)."""
    if key is None:
        return build()
    cache_key = f"{PREFIX}:{name}:{key}"
    cache = generation_cache()
    held = cache.get(cache_key)
    if held is None:
        held = [build()]  # wrapped, so that an empty answer is cached too
        cache.set(cache_key, held, blog_setting("SKINCARE_BLOG_CACHE_TIMEOUT"))
    return held[0]
