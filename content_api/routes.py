"""The v1 routes: thin wrappers that validate input, call a builder and return typed JSON."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Path, Router
from pydantic import BaseModel
from wagtail.models import Page

from blog.cache_keys import add_keys, author_key, card_keys, list_keys, post_keys, site_key
from blog.models import ArticlePage
from blog.representation.cards import ApiContext
from blog.representation.detail import load_post, post_detail
from blog.representation.queries import PostFilters, public_pages
from blog.representation.relations import with_detail_data
from blog.representation.scope import SiteScope, site_scope

from . import schemas as s
from .caching import mark_private
from .listings import (
    author_detail,
    author_list,
    authors_queryset,
    post_list,
    tag_list,
)
from .preview import WWW_AUTHENTICATE, PreviewTokenError, read_token
from .problems import ApiProblem, not_found
from .schemas.queries import Query
from .search import autocomplete, search_results

ERRORS = {400: s.ProblemOut, 404: s.ProblemOut}
MAX_ID = 2**31 - 1
PageId = Path(..., ge=1, le=MAX_ID, description="The page id.")
SlugPath = Path(..., pattern=s.SLUG_PATTERN, max_length=255, description="The slug.")

router = Router()


def typed(schema: type[BaseModel], data: Any) -> HttpResponse:
    """Validate against the response schema, then serialise in one pass (pydantic-core)."""
    return HttpResponse(
        schema.model_validate(data).model_dump_json(), content_type="application/json"
    )


def context(request: HttpRequest) -> ApiContext:
    scope = site_scope(request)
    if scope is None:
        raise not_found("No site is configured for this host.")
    add_keys(request, [site_key(scope.site_id)])
    return ApiContext.for_request(request, scope)


def _post_filters(query: s.ArticleListQuery | s.ReviewListQuery, kind: str | None) -> PostFilters:
    return PostFilters(
        tags=tuple(query.tag),
        tag_match=query.tag_match,
        author=query.author,
        type=kind,
        category=getattr(query, "category", None),
        published_after=query.published_after,
        published_before=query.published_before,
    )


def _detail(request: HttpRequest, ctx: ApiContext, lookup: dict, reviews_only: bool):
    queryset = public_pages(ArticlePage, ctx.scope).filter(**lookup)
    if reviews_only:
        queryset = queryset.filter(productreviewpage__isnull=False)
    if "slug" in lookup:
        queryset = queryset.order_by("path")  # slugs are unique per parent, not per site
    page = next(iter(with_detail_data(queryset)[:1]), None)
    if page is None:
        raise not_found()
    loaded = load_post(page, ctx)
    add_keys(request, (*post_keys(page.pk).response, *card_keys(r["pk"] for r in loaded.related)))
    return post_detail(loaded, ctx)


# --- articles and reviews ----------------------------------------------------------------------


def _list_posts(
    request: HttpRequest, query: s.ArticleListQuery | s.ReviewListQuery, kind: str | None
):
    """One page of post cards for the list endpoints (kind: None, "article" or "review")."""
    add_keys(request, list_keys(tags=query.tag, author=query.author))
    return post_list(
        request,
        context(request),
        _post_filters(query, kind),
        query=query.q,
        ordering=query.ordering,
        limit=query.limit,
        offset=query.offset,
    )


@router.get("/articles", response={200: s.ArticleListOut, **ERRORS}, tags=["posts"])
def list_articles(request: HttpRequest, query: Query[s.ArticleListQuery]):
    """Articles and reviews, newest first, with everything a card needs."""
    return typed(s.ArticleListOut, _list_posts(request, query, query.type))


@router.get("/articles/{id}", response={200: s.PostDetailOut, **ERRORS}, tags=["posts"])
def get_article(request: HttpRequest, query: Query[s.NoQuery], id: int = PageId):
    """One article or review by page id, with its typed body."""
    ctx = context(request)
    return typed(s.PostDetailOut, _detail(request, ctx, {"pk": id}, reviews_only=False))


@router.get("/articles/by-slug/{slug}", response={200: s.PostDetailOut, **ERRORS}, tags=["posts"])
def get_article_by_slug(request: HttpRequest, query: Query[s.NoQuery], slug: str = SlugPath):
    """One article or review by slug."""
    ctx = context(request)
    return typed(s.PostDetailOut, _detail(request, ctx, {"slug": slug}, reviews_only=False))


@router.get("/reviews", response={200: s.ReviewListOut, **ERRORS}, tags=["posts"])
def list_reviews(request: HttpRequest, query: Query[s.ReviewListQuery]):
    """Product reviews, with product name, brand and rating on every card."""
    return typed(s.ReviewListOut, _list_posts(request, query, "review"))


@router.get("/reviews/{id}", response={200: s.ReviewDetailOut, **ERRORS}, tags=["posts"])
def get_review(request: HttpRequest, query: Query[s.NoQuery], id: int = PageId):
    """One product review by page id."""
    ctx = context(request)
    return typed(s.ReviewDetailOut, _detail(request, ctx, {"pk": id}, reviews_only=True))


@router.get("/reviews/by-slug/{slug}", response={200: s.ReviewDetailOut, **ERRORS}, tags=["posts"])
def get_review_by_slug(request: HttpRequest, query: Query[s.NoQuery], slug: str = SlugPath):
    """One product review by slug."""
    ctx = context(request)
    return typed(s.ReviewDetailOut, _detail(request, ctx, {"slug": slug}, reviews_only=True))


# --- authors, tags, search, site ---------------------------------------------------------------


@router.get("/authors", response={200: s.AuthorListOut, **ERRORS}, tags=["authors"])
def list_authors(request: HttpRequest, query: Query[s.AuthorListQuery]):
    """Published author profiles, by name."""
    ctx = context(request)
    data = author_list(request, ctx, query.can_review, query.limit, query.offset)
    return typed(s.AuthorListOut, data)


@router.get("/authors/{slug}", response={200: s.AuthorDetailOut, **ERRORS}, tags=["authors"])
def get_author(request: HttpRequest, query: Query[s.NoQuery], slug: str = SlugPath):
    """An author's profile with their latest posts."""
    ctx = context(request)
    author = authors_queryset(ctx).filter(slug=slug).first()
    if author is None:
        raise not_found("No published author has this slug.")
    add_keys(request, [author_key(author.slug)])
    return typed(s.AuthorDetailOut, author_detail(author, ctx))


@router.get("/tags", response={200: s.TagListOut, **ERRORS}, tags=["tags"])
def list_tags(request: HttpRequest, query: Query[s.NoQuery]):
    """Tags in use on public posts, most used first."""
    return typed(s.TagListOut, tag_list(context(request)))


@router.get("/search", response={200: s.SearchOut, **ERRORS}, tags=["search"])
def search(request: HttpRequest, query: Query[s.SearchQuery]):
    """Full-text search over public posts, best match first, with highlighted snippets,
    matching authors and, when nothing matched, a spelling suggestion."""
    ctx = context(request)
    filters = PostFilters(tags=tuple(query.tag), tag_match=query.tag_match, type=query.type)
    data = search_results(request, ctx, filters, query.q, query.limit, query.offset)
    return typed(s.SearchOut, data)


@router.get("/search/autocomplete", response={200: s.AutocompleteOut, **ERRORS}, tags=["search"])
def search_autocomplete(request: HttpRequest, query: Query[s.AutocompleteQuery]):
    """Posts, authors and tags to suggest as the reader types."""
    return typed(s.AutocompleteOut, autocomplete(context(request), query.q, query.type))


@router.get("/site", response={200: s.SiteOut, **ERRORS}, tags=["site"])
def site_info(request: HttpRequest, query: Query[s.NoQuery]):
    """The site's name, base URL, feeds and API links."""
    ctx = context(request)
    scope = ctx.scope
    data = {
        "name": scope.name,
        "tagline": scope.tagline,
        "base_url": scope.base_url,
        "language": settings.LANGUAGE_CODE,
        "blog_url": scope.blog_url,
        "feeds": {
            "rss": scope.base_url + reverse("blog_feed_rss"),
            "atom": scope.base_url + reverse("blog_feed_atom"),
        },
        "api": {
            "root": ctx.api_root,
            "openapi": request.build_absolute_uri(reverse("content_api:openapi-json")),
            "docs": request.build_absolute_uri(reverse("content_api:openapi-view")),
            "wagtail_v2": request.build_absolute_uri(reverse("wagtailapi_v2:pages:listing")),
        },
    }
    return typed(s.SiteOut, data)


# --- preview -----------------------------------------------------------------------------------


@router.get(
    "/preview",
    response={200: s.PostDetailOut, 401: s.ProblemOut, **ERRORS},
    tags=["preview"],
)
def preview(request: HttpRequest, query: Query[s.PreviewQuery]):
    """The page's latest draft, in the detail schema, for the holder of a preview token."""
    mark_private(request)
    try:
        grant = read_token(query.token)
    except PreviewTokenError as err:
        raise ApiProblem(401, str(err), headers={"WWW-Authenticate": WWW_AUTHENTICATE}) from err
    if query.id is not None and query.id != grant.page_id:
        raise not_found("This preview token is for another page.")
    page = Page.objects.filter(pk=grant.page_id).first()
    revision = page.get_latest_revision() if page else None
    if revision is None:
        raise not_found("The page of this preview no longer exists or has no saved draft.")
    draft = revision.as_object()
    if not isinstance(draft, ArticlePage):
        raise not_found("Only articles and reviews can be previewed here.")
    site = page.get_site()
    if site is None:
        raise not_found("This page is not part of any site.")
    ctx = ApiContext.for_request(request, SiteScope.for_site(site))
    return typed(s.PostDetailOut, post_detail(load_post(draft, ctx, live=False), ctx))
