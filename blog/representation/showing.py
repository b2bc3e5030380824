"""Which posts show a given post as a related card (its title, dek and image are on their pages).

The related cards are ranked by blog.representation.queries.related_posts (the rule the API's
detail and, through ArticlePage.related_posts, the site use). A publish changes one post's tags,
so the question is asked of every post that shares one of its tags, old or new: would this
post be among its cards with the old tags, or with the new ones? The other posts' ranking is
read from the database once per candidate (the one rule, in SQL); this post's place in it is
decided here, from its own sort key, for each state it was or is visible in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from blog.conf import blog_setting
from blog.models import ArticlePage, ArticlePageTag

from .queries import public_pages, related_posts
from .scope import SiteScope

_NEVER = datetime.min.replace(tzinfo=None)


@dataclass(frozen=True)
class ShownOn:
    """A post whose pages (site and API detail) show the card."""

    pk: int
    url_path: str
    review: bool

    @property
    def slug(self) -> str:
        return self.url_path.rstrip("/").rsplit("/", 1)[-1]


def rank_key(shared_tags: int, published: date | None, first_published: Any, pk: int) -> tuple:
    """related_posts' ORDER BY as a sort key (bigger ranks first): most shared tags, then
    published_date and first_published_at newest first with NULLs last, then the higher id."""
    first = first_published.replace(tzinfo=None) if first_published is not None else _NEVER
    return (
        shared_tags,
        published is not None,
        published or date.min,
        first_published is not None,
        first,
        pk,
    )


def shows(key: tuple, competitors: list[dict[str, Any]], limit: int, *, shared_tags: int) -> bool:
    """Whether a post with this rank key is among `limit` cards against the others' rows."""
    if not shared_tags or not limit:
        return False
    if len(competitors) < limit:
        return True
    last = competitors[limit - 1]
    return key > rank_key(
        last["shared_tags"], last["published_date"], last["first_published_at"], last["pk"]
    )


def posts_showing(
    post: ArticlePage, scope: SiteScope, tag_sets: Iterable[Iterable[int]]
) -> list[ShownOn]:
    """The public posts of `scope` whose cards show `post` when it has any
    of `tag_sets` (its tags before and after a change; one set for an unpublish)."""
    states = [frozenset(tags) for tags in tag_sets]
    wanted = frozenset().union(*states)
    limit = blog_setting("SKINCARE_BLOG_RELATED_LIMIT")
    if not wanted or not limit:
        return []
    candidates = public_pages(ArticlePage, scope).exclude(pk=post.pk)
    tags_of: dict[int, set[int]] = {}
    for page_id, tag_id in ArticlePageTag.objects.filter(
        content_object__in=candidates.filter(tagged_items__tag_id__in=wanted)
    ).values_list("content_object_id", "tag_id"):
        tags_of.setdefault(page_id, set()).add(tag_id)
    rows = candidates.filter(pk__in=tags_of).values_list(
        "pk", "url_path", "productreviewpage__page_ptr_id"
    )
    pages = {pk: ShownOn(pk, url_path, review is not None) for pk, url_path, review in rows}
    showing: list[ShownOn] = []
    for page_id, tags in tags_of.items():
        if not any(tags & state for state in states):
            continue
        # One more than shown: without this post (when it is live) the others still fill them.
        rows = related_posts(ArticlePage(pk=page_id), scope, sorted(tags), limit + 1)
        others = [row for row in rows if row["pk"] != post.pk][:limit]
        for state in states:
            shared = len(tags & state)
            key = rank_key(shared, post.published_date, post.first_published_at, post.pk)
            if shows(key, others, limit, shared_tags=shared):
                showing.append(pages[page_id])
                break
    return showing
