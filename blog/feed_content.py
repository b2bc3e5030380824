"""What a feed entry carries besides its summary: the post's whole rendered body, sanitised for
feed readers, and its byline one author at a time."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.html import format_html
from wagtail.images.models import SourceImageIOError

from pages.richtext import sanitise_feed_html

from .conf import blog_setting
from .models import ArticlePage
from .representation.generation import current_generation
from .representation.scope import SiteScope

HERO_SPEC = "width-1200"


@dataclass(frozen=True)
class FeedAuthor:
    name: str
    url: str | None


def feed_authors(post: ArticlePage, scope: SiteScope | None) -> list[FeedAuthor]:
    """The post's published authors in byline order, each with their profile URL."""
    return [
        FeedAuthor(author.name, scope.author_url(author.slug) if scope else None)
        for author in post.live_authors()
    ]


def _hero(post: ArticlePage) -> str:
    if not post.hero_image_id:
        return ""
    try:
        rendition = post.hero_image.get_rendition(HERO_SPEC)
    except (SourceImageIOError, OSError):
        return ""
    return format_html(
        '<figure><img src="{}" alt="{}" width="{}" height="{}"></figure>',
        rendition.url,
        post.hero_alt,
        rendition.width,
        rendition.height,
    )


def render_entry(post: ArticlePage, request) -> str:
    """The hero image and body as the site renders them, reduced to what a feed may carry."""
    anchors = {entry.block_id: entry.anchor for entry in post.table_of_contents}
    body = render_to_string(
        "includes/body.html",
        {"body": post.body, "anchors": anchors, "page": post, "request": request},
    )
    return sanitise_feed_html(_hero(post) + body, post.get_full_url(request))


def entry_contents(posts: list[ArticlePage], scope: SiteScope | None, request) -> dict[int, str]:
    """Rendered content per post id. Cached per content generation and site: a feed of twenty
    posts would otherwise load every body's images and render every block on each request."""
    cache = caches[blog_setting("SKINCARE_BLOG_CACHE_ALIAS")]
    site_id = scope.site_id if scope else 0
    generation = current_generation().token
    keys = {post.pk: f"skincare-feed:entry:{generation}:{site_id}:{post.pk}" for post in posts}
    found = cache.get_many(list(keys.values()))
    contents, fresh = {}, {}
    for post in posts:
        key = keys[post.pk]
        if key in found:
            contents[post.pk] = found[key]
        else:
            contents[post.pk] = fresh[key] = render_entry(post, request)
    if fresh:
        cache.set_many(fresh, blog_setting("SKINCARE_BLOG_CACHE_TIMEOUT"))
    return contents
