"""What to suggest as a reader types: posts by title, published authors and tags in use."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from pages.searchquery import search_text

from ..models import ArticlePage, ArticlePageTag, Author
from .ranking import best_ids, ranked_post_ids

AUTHORS_SHOWN = 5


@dataclass(frozen=True)
class Completions:
    """Matching posts (in rank order), authors and tags (name, slug, posts using it)."""

    posts: list[ArticlePage]
    authors: list[Author]
    tags: list[dict]


def matching_authors(query: str, limit: int = AUTHORS_SHOWN) -> list[Author]:
    """Published author profiles matching `query` in full text (name, credentials, bio),
    ranked like posts (the ranking takes any indexed model)."""
    authors = Author.objects.filter(live=True)
    ids = best_ids(authors, query, limit)
    by_id = {author.pk: author for author in authors.select_related("photo").filter(pk__in=ids)}
    return [by_id[pk] for pk in ids if pk in by_id]


def matching_tags(posts: QuerySet, query: str, limit: int) -> list[dict]:
    """Tags used on the visible `posts` whose name starts with `query`, most used first."""
    text = search_text(query)
    if not text:
        return []
    rows = (
        ArticlePageTag.objects.filter(
            content_object_id__in=posts.order_by().values("pk"), tag__name__istartswith=text
        )
        .values("tag__name", "tag__slug")
        .annotate(count=Count("content_object_id", distinct=True))
        .order_by("-count", "tag__name")[:limit]
    )
    return [{"name": r["tag__name"], "slug": r["tag__slug"], "count": r["count"]} for r in rows]


def complete(posts: QuerySet, query: str, limit: int) -> Completions:
    """Up to `limit` posts whose titles start like `query`, plus matching authors and tags.

    Posts come ranked from the index's autocomplete fields (titles, product names; the last
    word as a prefix); authors match on a prefix of their name.
    """
    text = search_text(query)
    if not text:
        return Completions([], [], [])
    ids = ranked_post_ids(posts, text, 0, limit, autocomplete=True).ids
    by_id = {
        page.pk: page
        for page in ArticlePage.objects.filter(pk__in=ids)
        .select_related("productreviewpage")
        .only("id", "title", "url_path", "productreviewpage__articlepage_ptr")
    }
    authors = list(
        Author.objects.filter(live=True, name__icontains=text).order_by("name")[:AUTHORS_SHOWN]
    )
    return Completions(
        [by_id[pk] for pk in ids if pk in by_id], authors, matching_tags(posts, text, limit)
    )
