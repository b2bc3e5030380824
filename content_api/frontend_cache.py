"""Front-end cache (CDN) purges on publish, beyond the post's own URL.

wagtail.contrib.frontend_cache purges a published or unpublished page's own URLs. A post
also appears in lists and on other pages: its blog index and the home page, its tags' and
authors' pages, the feeds and sitemap, and the API (detail by id and slug, lists, its
authors). Those URLs are added here and purged through Wagtail's own machinery: a background
task run once by the worker (not by each web node), sent to every backend WAGTAILFRONTENDCACHE
configures (nothing is sent when it is unset). For CDNs that purge by tag, responses also
carry surrogate keys (blog.cache_keys).
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from blog.models import ArticlePage, BlogIndexPage

logger = logging.getLogger(__name__)

DISPATCH_UID = "content_api:frontend_cache"
SITE_WIDE_PATHS = ("/feeds/rss/", "/feeds/atom/", "/sitemap.xml")


def post_urls(post: ArticlePage) -> list[str]:
    """Every URL showing the post, other than its own page (Wagtail purges that one)."""
    page_url = post.get_full_url()
    if page_url is None:
        return []  # not routable: no site serves it
    root = post.get_site().root_url
    tags = list(post.tags.values_list("slug", flat=True))
    authors = list(post.article_authors.values_list("author__slug", flat=True))
    urls = [root + "/", *(root + path for path in SITE_WIDE_PATHS)]
    index = BlogIndexPage.objects.ancestor_of(post).live().first()
    if index is not None and (index_url := index.get_full_url()):
        urls.append(index_url)
        urls += [f"{index_url}?tag={slug}" for slug in tags]
        urls += [f"{index_url}?author={slug}" for slug in authors]
        urls += [index_url + index.reverse_subpage("author_profile", args=[s]) for s in authors]
    kind = "reviews" if hasattr(post, "productreviewpage") else "articles"
    api = root + "/api/v1/"
    for collection in {"articles", kind}:
        urls += [
            f"{api}{collection}",
            f"{api}{collection}/{post.pk}",
            f"{api}{collection}/by-slug/{post.slug}",
            *(f"{api}{collection}?tag={slug}" for slug in tags),
            *(f"{api}{collection}?author={slug}" for slug in authors),
        ]
    urls += [f"{api}authors/{slug}" for slug in authors]
    urls += [f"{api}tags", f"{api}site"]
    return urls


def purge_post(sender: Any, instance: Page, **kwargs: Any) -> None:
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return  # no CDN configured: nothing to purge, and no task to queue
    post = instance.specific_deferred
    if not isinstance(post, ArticlePage):
        return
    batch = PurgeBatch(post_urls(post))
    try:
        batch.purge()  # enqueues wagtail's purge task
    except Exception:
        # A broken queue must not break publishing; the CDN's TTLs still bound staleness.
        logger.exception("Could not queue the front-end cache purge for page %s", post.pk)


def connect() -> None:
    page_published.connect(purge_post, dispatch_uid=f"{DISPATCH_UID}:published")
    page_unpublished.connect(purge_post, dispatch_uid=f"{DISPATCH_UID}:unpublished")
