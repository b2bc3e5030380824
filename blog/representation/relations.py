"""What a post loads besides its own row: bylines, tags, review facts and profile links,
in a fixed number of queries for one page or a whole list."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from blog.models import (
    ArticleAuthor,
    ArticlePage,
    ArticlePageTag,
    AuthorProfileLink,
    ProductReviewPage,
    ReviewBuyLink,
)

from .generation import remembered
from .renditions import FOCAL_FIELDS, ImageFacts

# Set on each page by attach_card_relations / attach_detail_relations: plain lists, because
# reading prefetched rows back through modelcluster's and taggit's managers, and building an
# Author and an Image per byline row, costs more per card than the queries themselves.
AUTHORS_ATTR = "api_authors"  # live Author objects in byline order (photo selected)
TAGS_ATTR = "api_tags"  # (id, name, slug) tuples


def with_card_data(queryset: QuerySet) -> QuerySet:
    """Card columns with hero image and review row; see attach_card_relations for the rest."""
    return queryset.select_related("hero_image", "productreviewpage").defer(
        "body", "productreviewpage__pros", "productreviewpage__cons"
    )


def _attach(pages: Sequence[ArticlePage], byline_rows, tag_rows) -> None:
    """Spread (page_id, author) and (page_id, id, name, slug) rows over `pages`."""
    authors: dict[int, list] = {}
    for page_id, author in byline_rows:
        authors.setdefault(page_id, []).append(author)
    tags: dict[int, list] = {}
    for page_id, *tag in tag_rows:
        tags.setdefault(page_id, []).append(tuple(tag))
    for page in pages:
        setattr(page, AUTHORS_ATTR, authors.get(page.pk, []))
        setattr(page, TAGS_ATTR, sorted(tags.get(page.pk, []), key=lambda t: t[1].lower()))


@dataclass(frozen=True)
class BylineAuthor:
    """A live author as a card shows them, read as values (no model instances)."""

    pk: int
    name: str
    slug: str
    credentials: str
    role: str
    website: str
    photo_id: int | None
    photo: ImageFacts | None
    live: bool = True


PHOTO_VALUES = tuple(
    f"author__photo__{name}" for name in ("width", "height", "file", *FOCAL_FIELDS)
)


def attach_card_relations(pages: Sequence[ArticlePage]) -> None:
    """Live byline authors (with photo facts) and tags of many pages, in two queries."""
    ids = [page.pk for page in pages]
    if not ids:
        return
    rows = (
        ArticleAuthor.objects.filter(page_id__in=ids, author__live=True)
        .order_by("page_id", "sort_order", "pk")
        .values_list(
            "page_id",
            "author_id",
            "author__name",
            "author__slug",
            "author__credentials",
            "author__role",
            "author__website",
            "author__photo_id",
            *PHOTO_VALUES,
        )
    )
    people: dict[int, BylineAuthor] = {}
    byline = []
    for row in rows:
        page_id, author_id, photo_id = row[0], row[1], row[7]
        if author_id not in people:
            photo = ImageFacts(photo_id, *row[8:]) if photo_id else None
            people[author_id] = BylineAuthor(author_id, *row[2:7], photo_id, photo)
        byline.append((page_id, people[author_id]))
    tag_rows = ArticlePageTag.objects.filter(content_object_id__in=ids).values_list(
        "content_object_id", "tag_id", "tag__name", "tag__slug"
    )
    _attach(pages, byline, tag_rows)


# Page and article columns a detail reads. Fewer columns make Django compile and build the
# row noticeably faster; the query budget tests fail if anything touches a deferred field.
DETAIL_FIELDS = (
    "id",
    "path",
    "depth",
    "title",
    "slug",
    "url_path",
    "live",
    "content_type",
    "first_published_at",
    "last_published_at",
    "seo_title",
    "search_description",
    "social_image",
    "canonical_url",
    "noindex",
    "dek",
    "summary",
    "hero_image",
    "hero_alt",
    "body",
    "medical_reviewer",
    "last_reviewed",
    "published_date",
    "updated_date",
    "word_count",
    "reading_time",
)


# Author columns a byline, reviewer box or Person node reads (not the bio, not drafts' state).
BYLINE_AUTHOR_FIELDS = ("id", "name", "slug", "role", "credentials", "photo", "website", "live")


def _all_fields(prefix: str, model) -> list[str]:
    return [f"{prefix}__{field.name}" for field in model._meta.local_concrete_fields]


def _fields(prefix: str, names: Sequence[str]) -> list[str]:
    return [f"{prefix}__{name}" for name in names]


def with_detail_data(queryset: QuerySet) -> QuerySet:
    """A post with its reviewer and review columns; `attach_detail_relations` does the rest."""
    return queryset.select_related("medical_reviewer", "productreviewpage").only(
        *DETAIL_FIELDS,
        *_fields("medical_reviewer", BYLINE_AUTHOR_FIELDS),
        *_all_fields("productreviewpage", ProductReviewPage),
    )


def attach_detail_relations(page: ArticlePage, review) -> None:
    """Byline, tags and buy links of one live page, as three plain queries."""
    byline = (
        ArticleAuthor.objects.filter(page_id=page.pk, author__live=True)
        .select_related("author")
        .only("id", "sort_order", "page_id", *_fields("author", BYLINE_AUTHOR_FIELDS))
        .order_by("sort_order", "pk")
    )
    tag_rows = ArticlePageTag.objects.filter(content_object_id=page.pk).values_list(
        "content_object_id", "tag_id", "tag__name", "tag__slug"
    )
    _attach([page], [(page.pk, item.author) for item in byline], tag_rows)
    if review is not None:
        review.api_buy_links = list(
            ReviewBuyLink.objects.filter(page_id=page.pk).order_by("sort_order")
        )


def profile_urls(author_ids: Iterable[int]) -> dict[int, list[str]]:
    """Profile link URLs by author, for schema.org sameAs (an author's edit starts a new
    generation, so they are read once per generation, in one query for all missing)."""

    def load(ids: list[int]) -> dict[int, list[str]]:
        urls: dict[int, list[str]] = {author_id: [] for author_id in ids}
        rows = AuthorProfileLink.objects.filter(author_id__in=ids).order_by("sort_order")
        for author_id, url in rows.values_list("author_id", "url"):
            urls[author_id].append(url)
        return urls

    return remembered("same-as", author_ids, load)


def review_content_type_id() -> int:
    return ContentType.objects.get_for_model(ProductReviewPage).pk  # cached by Django


def is_review(page: ArticlePage) -> bool:
    """True for a product review, without a query when productreviewpage was selected."""
    if isinstance(page, ProductReviewPage):
        return True
    cached = page._state.fields_cache
    if "productreviewpage" in cached:  # select_related caches None when there is no review row
        return cached["productreviewpage"] is not None
    # Not selected (related cards): the content type says it, from Django's cache.
    return page.content_type_id == review_content_type_id()
