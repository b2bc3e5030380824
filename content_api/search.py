"""Search and autocomplete behind /api/v1/search: the same ranking, snippets and spelling
suggestions as the site's search page (blog.search), over the API's public posts."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from blog.models import ArticlePage
from blog.representation.cards import ApiContext, author_ref
from blog.representation.queries import PostFilters, filter_posts, public_posts
from blog.representation.relations import is_review
from blog.search.completion import complete, matching_authors
from blog.search.ranking import indexed_texts, ranked_post_ids
from blog.search.snippets import query_terms, snippet
from blog.search.suggestions import suggest

from .conf import api_setting
from .listings import page_links, post_cards


def search_results(
    request: HttpRequest, ctx: ApiContext, filters: PostFilters, query: str, limit: int, offset: int
) -> dict[str, Any]:
    """One page of matching post cards with snippets, best first, plus authors and, when
    nothing matched, a spelling suggestion."""
    posts = filter_posts(public_posts(ctx.scope), filters)
    ranked = ranked_post_ids(posts, query, offset, limit)
    cards = post_cards(ranked.ids, ctx)
    texts = indexed_texts(ArticlePage, ranked.ids)
    terms = query_terms(query)
    for card in cards:
        card["snippet"] = snippet(texts.get(card["id"]) or card["summary"], terms)
    authors = [] if offset else matching_authors(query)
    ctx.load_renditions([a.photo for a in authors], ctx.avatar_specs)
    suggestion = None
    if not ranked.count and not authors:
        suggestion = suggest(query, public_posts(ctx.scope), f"root-{ctx.scope.root_path}")
    return {
        **page_links(request, ranked.count, limit, offset, exact=ranked.exact),
        "query": query,
        "results": cards,
        "authors": [author_ref(author, ctx) for author in authors],
        "suggestion": suggestion,
    }


def autocomplete(ctx: ApiContext, query: str, kind: str | None) -> dict[str, Any]:
    """Posts (of `kind`, if given) whose titles start like `query`, authors and tags."""
    limit = api_setting("SKINCARE_API_AUTOCOMPLETE_LIMIT")
    posts = filter_posts(public_posts(ctx.scope), PostFilters(type=kind))
    found = complete(posts, query, limit)
    ctx.load_renditions([a.photo for a in found.authors], ctx.avatar_specs)
    blog_url = ctx.scope.blog_url
    return {
        "query": query,
        "results": [suggestion(page, ctx) for page in found.posts],
        "authors": [author_ref(author, ctx) for author in found.authors],
        "tags": [
            {
                **tag,
                "url": f"{blog_url}?tag={tag['slug']}" if blog_url else None,
                "api_url": f"{ctx.api_root}articles?tag={tag['slug']}",
            }
            for tag in found.tags
        ],
    }


def suggestion(page: ArticlePage, ctx: ApiContext) -> dict[str, Any]:
    review = is_review(page)
    return {
        "type": "review" if review else "article",
        "id": page.pk,
        "title": page.title,
        "url": ctx.scope.page_url(page.url_path),
        "api_url": ctx.post_api_url(page.pk, review),
    }
