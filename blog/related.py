"""The related cards of a post's page: the API's ranking, the site's cards.

The ranking is blog.representation.queries.related_posts, the one rule the API's detail and
the CDN purge (blog.representation.showing) use; the site loads its cards (authors, card
renditions) only when it renders them, which the related fragment (blog.fragments) spares
on every request after the first of a generation.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest

from .conf import blog_setting
from .fragments import cached, fragment_key
from .models import ArticlePage
from .models.byline import card_prefetches
from .representation.queries import remembered_related_posts
from .representation.scope import SiteScope, site_scope

# Per request, on the page: the surrogate keys and the template both ask for the ranking.
RANKED_ATTR = "_skincare_related_ids"


def _scope(page: ArticlePage, request: HttpRequest | None) -> SiteScope | None:
    # The reader's site; a request no Site answers (ArticlePage.related_posts' fallback too)
    # takes the page's own.
    scope = site_scope(request) if request is not None else None
    if scope is None and (site := page.get_site()) is not None:
        scope = SiteScope.for_site(site)
    return scope


def _rank(page: ArticlePage, request: HttpRequest | None, tags: Iterable) -> list[int]:
    tag_ids = [tag.pk for tag in tags if tag.pk]  # new tags of a previewed draft have none
    scope = _scope(page, request) if tag_ids else None
    if scope is None:
        return []
    # An unsaved page (a preview of a new post) excludes no post: `<> NULL` would match none.
    ranked = page if page.pk is not None else ArticlePage(pk=0)
    limit = blog_setting("SKINCARE_BLOG_RELATED_LIMIT")
    return [row["pk"] for row in remembered_related_posts(ranked, scope, tag_ids, limit)]


def related_ids(page: ArticlePage, request: HttpRequest | None, tags: Iterable) -> list[int]:
    """Ids of the posts shown as related cards on `page` (whose `tags` are loaded), best
    first; kept with the page's fragments, so a warm page costs no query for them."""
    ranked = page.__dict__.get(RANKED_ATTR)
    if ranked is None:
        key = fragment_key(page, request)
        ranked = page.__dict__[RANKED_ATTR] = cached(
            "related-ids", key, lambda: _rank(page, request, tags)
        )
    return ranked


def related_cards(ids: list[int]) -> list[ArticlePage]:
    """The posts `ids` in that order, with what includes/post_card.html shows."""
    if not ids:
        return []
    posts = (
        ArticlePage.objects.filter(pk__in=ids)
        .select_related("hero_image")
        .prefetch_related(*card_prefetches())
    )
    by_id = {post.pk: post for post in posts}
    return [by_id[pk] for pk in ids if pk in by_id]
