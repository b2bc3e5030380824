"""Querysets behind the API: only live, public pages of the request's site, in fixed queries.

Every query here is site-scoped and excludes pages under a view restriction, using the
restricted paths the per-generation SiteScope already holds (PageQuerySet.public() would spend
a query per request listing them; usually there are none and no clause is added at all).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import (
    Case,
    F,
    IntegerField,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from wagtail.models import Page

from blog.models import (
    NEWEST_FIRST,
    OLDEST_FIRST,
    ArticleAuthor,
    ArticlePage,
    ArticlePageTag,
    AuthorProfileLink,
    ProductReviewPage,
    ReviewBuyLink,
)
from blog.visibility import not_expired
from pages.searchquery import search_text

from .renditions import FOCAL_FIELDS, ImageFacts
from .scope import SiteScope

# Publication order is the site's one order of posts (blog.models.NEWEST_FIRST); plain
# columns, so SQLite need not call Python for every row (TruncDate is a Python function there).
ORDERINGS: dict[str, tuple] = {
    "-published": NEWEST_FIRST,
    "published": OLDEST_FIRST,
    "-updated": (
        F("updated_on").desc(nulls_last=True),
        F("first_published_at").desc(nulls_last=True),
        F("pk").desc(),
    ),
    "updated": (
        F("updated_on").asc(nulls_last=True),
        F("first_published_at").asc(nulls_last=True),
        F("pk").asc(),
    ),
    "title": (F("title").asc(), F("pk").asc()),
    "-title": (F("title").desc(), F("pk").desc()),
}


def public_pages(model: type[Page], scope: SiteScope) -> QuerySet:
    """Live, unexpired pages of `model` in the site that no view restriction covers."""
    queryset = model.objects.filter(not_expired(), live=True, path__startswith=scope.root_path)
    for path in scope.restricted_paths:
        queryset = queryset.exclude(path__startswith=path)
    return queryset


def public_posts(scope: SiteScope) -> QuerySet:
    """Public articles and reviews, with the dates readers see as aliases for filtering."""
    return public_pages(ArticlePage, scope).alias(
        published_on=Coalesce("published_date", TruncDate("first_published_at")),
        updated_on=Coalesce("updated_date", "published_date"),
    )


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
    """Profile link URLs by author, for schema.org sameAs, in one query."""
    urls: dict[int, list[str]] = {}
    rows = AuthorProfileLink.objects.filter(author_id__in=set(author_ids)).order_by("sort_order")
    for author_id, url in rows.values_list("author_id", "url"):
        urls.setdefault(author_id, []).append(url)
    return urls


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


# What a related card shows, read as values: no model instances, and a narrow GROUP BY.
RELATED_VALUES = (
    "pk",
    "title",
    "slug",
    "url_path",
    "content_type_id",
    "first_published_at",
    "dek",
    "hero_image_id",
    "hero_alt",
    "published_date",
)


RELATED_SQL = (
    "SELECT a.page_ptr_id, p.id, p.title, p.slug, p.url_path, p.content_type_id,"
    " p.first_published_at, a.dek, a.hero_image_id, a.hero_alt, a.published_date, t.shared_tags"
    " FROM (SELECT content_object_id, COUNT(*) AS shared_tags FROM {tags}"
    "  WHERE tag_id IN ({tag_params}) AND content_object_id <> %s"
    "  GROUP BY content_object_id) t"
    " INNER JOIN {articles} a ON a.page_ptr_id = t.content_object_id"
    " INNER JOIN {pages} p ON p.id = a.page_ptr_id"
    " WHERE p.live = %s AND (p.expire_at IS NULL OR p.expire_at > %s) AND p.path LIKE %s{hidden}"
    # NEWEST_FIRST after the shared tags; NULLS LAST is explicit as in the ORM ordering
    # (SQLite 3.30+ and PostgreSQL both accept it, and put NULLs at opposite ends without it).
    " ORDER BY t.shared_tags DESC, a.published_date DESC NULLS LAST,"
    " p.first_published_at DESC NULLS LAST, p.id DESC"
    " LIMIT %s"
)


def related_posts(
    page: ArticlePage, scope: SiteScope, tag_ids: list[int], limit: int
) -> list[dict]:
    """ArticlePage.related_posts() (most shared tags, newest first on ties), limited to the
    page's own site and to public pages, as RELATED_VALUES rows.

    Raw SQL because the ORM can only group the joined page rows by every selected column;
    counting shared tags in a derived table first, then joining the pages, does the same
    ranking in a fraction of the time on large sites (and portably: SQLite and PostgreSQL).
    """
    tag_ids = [int(tag_id) for tag_id in tag_ids if tag_id is not None]
    if not tag_ids or not limit:
        return []
    qn = connection.ops.quote_name
    sql = RELATED_SQL.format(
        tags=qn(ArticlePageTag._meta.db_table),
        articles=qn(ArticlePage._meta.db_table),
        pages=qn(Page._meta.db_table),
        tag_params=", ".join(["%s"] * len(tag_ids)),
        hidden="".join(" AND p.path NOT LIKE %s" for _ in scope.restricted_paths),
    )
    params = [
        *tag_ids,
        page.pk,
        True,
        timezone.now(),  # not_expired(), as in public_pages
        scope.root_path + "%",  # treebeard paths are [0-9A-Z]: no LIKE wildcards inside
        *(path + "%" for path in scope.restricted_paths),
        limit,
    ]
    return [
        {name: getattr(row, "pk" if name == "pk" else name) for name in RELATED_VALUES}
        for row in ArticlePage.objects.raw(sql, params)
    ]


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
