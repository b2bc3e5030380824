"""Paginated lists behind the routes: posts, authors and tags (search is in search.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest

from blog.conf import blog_setting
from blog.models import ArticleAuthor, ArticlePage, ArticlePageTag, Author
from blog.representation.cards import ApiContext, author_ref, card_images, post_card, related_card
from blog.representation.queries import (
    RELATED_VALUES,
    PostFilters,
    filter_posts,
    order_posts,
    public_posts,
)
from blog.representation.relations import attach_card_relations, with_card_data
from blog.representation.richtext import RichTextRenderer
from blog.search.ranking import ranked_post_ids
from pages.richtext import safe_url


def page_links(
    request: HttpRequest, count: int, limit: int, offset: int, *, exact: bool = True
) -> dict[str, Any]:
    """Pagination metadata with absolute next/previous URLs that keep every other filter;
    `exact` is False when `count` is a search's cap rather than every match."""
    base = request.build_absolute_uri(request.path)

    def link(new_offset: int) -> str:
        params = request.GET.copy()
        if new_offset:
            params["offset"] = str(new_offset)
        else:
            params.pop("offset", None)
        query = params.urlencode()
        return f"{base}?{query}" if query else base

    return {
        "count": count,
        "count_is_exact": exact,
        "limit": limit,
        "offset": offset,
        "next": link(offset + limit) if offset + limit < count else None,
        "previous": link(max(0, offset - limit)) if offset > 0 else None,
    }


def post_list(
    request: HttpRequest,
    ctx: ApiContext,
    filters: PostFilters,
    *,
    query: str | None,
    ordering: str | None,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    """Cards for one page of posts, in a fixed number of queries whatever `limit` is."""
    queryset = filter_posts(public_posts(ctx.scope), filters)
    ordering = ordering or ("relevance" if query else "-published")
    exact = True
    if query and ordering == "relevance":
        ranked = ranked_post_ids(queryset, query, offset, limit)
        count, ids, exact = ranked.count, ranked.ids, ranked.exact
    else:
        if query:
            # Another order than relevance: the matches (capped) sorted by that order.
            cap = blog_setting("SKINCARE_BLOG_SEARCH_MAX_RESULTS")
            matches = ranked_post_ids(queryset, query, 0, cap)
            exact = matches.exact and matches.count <= cap
            queryset = queryset.filter(pk__in=matches.ids)
        count = queryset.count()
        # Sort narrow rows (ids only), then fetch the page of cards by id: sorting a
        # thousand full-width rows costs more than the extra query.
        ids = list(
            order_posts(queryset, ordering).values_list("pk", flat=True)[offset : offset + limit]
        )
    return {
        **page_links(request, count, limit, offset, exact=exact),
        "results": post_cards(ids, ctx),
    }


def post_cards(ids: list[int], ctx: ApiContext) -> list[dict[str, Any]]:
    """Cards of the posts `ids`, in that order, in a fixed number of queries."""
    by_id = {page.pk: page for page in with_card_data(ArticlePage.objects.filter(pk__in=ids))}
    pages = [by_id[pk] for pk in ids if pk in by_id]
    attach_card_relations(pages)
    ctx.load_renditions(card_images(pages), ctx.all_specs)
    return [post_card(page, ctx) for page in pages]


def authors_queryset(ctx: ApiContext) -> QuerySet:
    posts = public_posts(ctx.scope).values("pk")
    count = Coalesce(
        Subquery(
            ArticleAuthor.objects.filter(author_id=OuterRef("pk"), page_id__in=posts)
            .values("author_id")
            .annotate(n=Count("page_id", distinct=True))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )
    return (
        Author.objects.filter(live=True)
        .select_related("photo")
        .prefetch_related("expertise")
        .annotate(post_count=count)
        .order_by("name", "pk")
    )


def author_dict(author: Author, ctx: ApiContext) -> dict[str, Any]:
    return {
        **author_ref(author, ctx),
        "can_review": author.can_review,
        "expertise": sorted(tag.name for tag in author.expertise.all()),
        "post_count": author.post_count,
    }


def author_list(
    request: HttpRequest, ctx: ApiContext, can_review: bool | None, limit: int, offset: int
) -> dict[str, Any]:
    queryset = authors_queryset(ctx)
    if can_review is not None:
        queryset = queryset.filter(can_review=can_review)
    count = queryset.count()
    authors = list(queryset[offset : offset + limit])
    ctx.load_renditions([a.photo for a in authors], ctx.avatar_specs)
    return {
        **page_links(request, count, limit, offset),
        "results": [author_dict(author, ctx) for author in authors],
    }


def author_detail(author: Author, ctx: ApiContext) -> dict[str, Any]:
    latest_limit = blog_setting("SKINCARE_BLOG_AUTHOR_LATEST_POSTS")
    mine = filter_posts(public_posts(ctx.scope), PostFilters(author=author.slug))
    latest = list(with_card_data(order_posts(mine, "-published"))[:latest_limit])
    attach_card_relations(latest)
    reviewed = list(
        order_posts(
            public_posts(ctx.scope)
            .filter(medical_reviewer=author)
            .exclude(pk__in=mine.values("pk")),
            "-published",
        ).values(*RELATED_VALUES)[:latest_limit]
    )
    ctx.load_renditions([author.photo, *card_images(latest)], ctx.all_specs)
    ctx.load_images((row["hero_image_id"] for row in reviewed), ctx.hero_specs)
    bio = RichTextRenderer({}, {})(author.bio)
    return {
        **author_dict(author, ctx),
        "bio": bio,
        "website": safe_url(author.website),
        "same_as": [url for url in (safe_url(u) for u in author.same_as()) if url],
        "latest_posts": [post_card(page, ctx) for page in latest],
        "reviewed_posts": [related_card(page, ctx) for page in reviewed],
    }


def tag_list(ctx: ApiContext) -> dict[str, Any]:
    rows = (
        ArticlePageTag.objects.filter(content_object_id__in=public_posts(ctx.scope).values("pk"))
        .values("tag__name", "tag__slug")
        .annotate(count=Count("content_object_id", distinct=True))
        .order_by("-count", "tag__name")
    )
    blog_url = ctx.scope.blog_url
    results = [
        {
            "name": row["tag__name"],
            "slug": row["tag__slug"],
            "count": row["count"],
            "url": f"{blog_url}?tag={row['tag__slug']}" if blog_url else None,
            "api_url": f"{ctx.api_root}articles?tag={row['tag__slug']}",
        }
        for row in rows
    ]
    return {"count": len(results), "results": results}
