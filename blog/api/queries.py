"""Querysets behind the API: only live, public pages of the request's site, in fixed queries.

Every query here is site-scoped and excludes pages under a view restriction with an EXISTS
subquery (PageQuerySet.public() would add a query per request to list the restrictions).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from wagtail.images import get_image_model
from wagtail.models import Page

from blog.models import (
    ArticleAuthor,
    ArticlePage,
    ArticlePageTag,
    Author,
    ProductReviewPage,
)

from .scope import SiteScope, restricted

Ordering = Literal["-published", "published", "-updated", "updated", "title", "-title", "relevance"]
ORDERINGS: dict[str, tuple] = {
    "-published": (F("published_on").desc(), F("first_published_at").desc(), F("pk").desc()),
    "published": (F("published_on").asc(), F("first_published_at").asc(), F("pk").asc()),
    "-updated": (F("updated_on").desc(), F("published_on").desc(), F("pk").desc()),
    "updated": (F("updated_on").asc(), F("published_on").asc(), F("pk").asc()),
    "title": (F("title").asc(), F("pk").asc()),
    "-title": (F("title").desc(), F("pk").desc()),
}


def public_pages(model: type[Page], scope: SiteScope) -> QuerySet:
    """Live pages of `model` in the site that no view restriction covers."""
    return model.objects.filter(live=True, path__startswith=scope.root_path).exclude(restricted())


def public_posts(scope: SiteScope) -> QuerySet:
    """Public articles and reviews, annotated with the dates readers see."""
    return public_pages(ArticlePage, scope).annotate(
        published_on=Coalesce("published_date", TruncDate("first_published_at")),
        updated_on=Coalesce("updated_date", "published_date", TruncDate("first_published_at")),
    )


def author_prefetch() -> Prefetch:
    return Prefetch(
        "article_authors",
        queryset=ArticleAuthor.objects.select_related("author__photo").order_by("sort_order"),
    )


def with_card_data(queryset: QuerySet) -> QuerySet:
    """What a card needs, in a fixed number of queries whatever the page size."""
    return (
        queryset.select_related("hero_image", "productreviewpage")
        .defer("body", "productreviewpage__pros", "productreviewpage__cons")
        .prefetch_related(author_prefetch(), "tags")
    )


def with_detail_data(queryset: QuerySet) -> QuerySet:
    return queryset.select_related(
        "hero_image", "social_image", "medical_reviewer__photo", "productreviewpage"
    ).prefetch_related(author_prefetch(), "tags", "productreviewpage__buy_links")


@dataclass(frozen=True)
class PostFilters:
    """Validated list filters (see schemas.ArticleListQuery)."""

    tags: Sequence[str] = ()
    tag_match: str = "all"
    author: str | None = None
    type: str | None = None
    category: str | None = None
    published_after: date | None = None
    published_before: date | None = None


def filter_posts(queryset: QuerySet, filters: PostFilters) -> QuerySet:
    if filters.type == "review":
        queryset = queryset.filter(productreviewpage__isnull=False)
    elif filters.type == "article":
        queryset = queryset.filter(productreviewpage__isnull=True)
    if filters.category:
        queryset = queryset.filter(productreviewpage__category=filters.category)
    tags = [t for t in dict.fromkeys(filters.tags) if t]
    if tags and filters.tag_match == "any":
        queryset = queryset.filter(
            pk__in=ArticlePageTag.objects.filter(tag__slug__in=tags).values("content_object_id")
        )
    else:
        for slug in tags:
            queryset = queryset.filter(
                pk__in=ArticlePageTag.objects.filter(tag__slug=slug).values("content_object_id")
            )
    if filters.author:
        queryset = queryset.filter(
            pk__in=ArticleAuthor.objects.filter(
                author__slug=filters.author, author__live=True
            ).values("page_id")
        )
    if filters.published_after:
        queryset = queryset.filter(published_on__gte=filters.published_after)
    if filters.published_before:
        queryset = queryset.filter(published_on__lte=filters.published_before)
    return queryset


_UNSEARCHABLE = re.compile(r'["\x00-\x1f\x7f]+')


def search_text(query: str) -> str:
    """Free text made safe for every search backend.

    A lone double quote is an FTS5 syntax error ("unterminated string") and NUL bytes are
    rejected by PostgreSQL, so both go, with other control characters; words stay as typed.
    """
    return " ".join(_UNSEARCHABLE.sub(" ", query).split())


def search_ids(scope: SiteScope, query: str, limit: int) -> list[int]:
    """Ids of live posts in the site matching `query`, best first (the search backend ranks)."""
    text = search_text(query)
    if not text:
        return []
    candidates = ArticlePage.objects.filter(live=True, path__startswith=scope.root_path)
    return [page.pk for page in candidates.search(text)[:limit]]


def order_posts(queryset: QuerySet, ordering: str, ranked_ids: list[int] | None) -> QuerySet:
    if ordering == "relevance" and ranked_ids is not None:
        rank = Case(
            *(When(pk=pk, then=Value(i)) for i, pk in enumerate(ranked_ids)),
            output_field=IntegerField(),
        )
        return queryset.order_by(rank, "-pk")
    return queryset.order_by(*ORDERINGS.get(ordering, ORDERINGS["-published"]))


def related_posts(page: ArticlePage, scope: SiteScope, tag_ids: list[int], limit: int) -> list:
    """ArticlePage.related_posts(), limited to the page's own site and to public pages."""
    if not tag_ids or not limit:
        return []
    return list(
        public_posts(scope)
        .exclude(pk=page.pk)
        .filter(tagged_items__tag_id__in=tag_ids)
        .annotate(shared_tags=Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids)))
        .order_by("-shared_tags", "-published_date", "-first_published_at")
        .select_related("hero_image", "productreviewpage")
        .defer("body", "productreviewpage__pros", "productreviewpage__cons")[:limit]
    )


def live_authors() -> QuerySet:
    return Author.objects.filter(live=True).select_related("photo")


def attach_renditions(images: Iterable, specs: Sequence[str]) -> None:
    """Fetch existing renditions of all `images` in one query (Wagtail makes missing ones)."""
    from django.db.models import prefetch_related_objects

    images = [image for image in images if image is not None]
    if not images:
        return
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=specs)
    prefetch_related_objects(
        images, Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions")
    )


def images_by_id(ids: Iterable[int], specs: Sequence[str]) -> dict[int, object]:
    ids = {i for i in ids if i}
    if not ids:
        return {}
    images = get_image_model().objects.filter(pk__in=ids).prefetch_renditions(*specs)
    return {image.pk: image for image in images}


def is_review(page: ArticlePage) -> bool:
    """True for a product review, without a query when productreviewpage was selected."""
    if isinstance(page, ProductReviewPage):
        return True
    try:
        return page.productreviewpage is not None
    except ProductReviewPage.DoesNotExist:
        return False
