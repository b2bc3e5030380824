"""Schemas for posts, authors, tags, search and the site."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import Field, RootModel

from .blocks import BlockOut
from .common import AuthorRefOut, ImageOut, OutSchema, TagOut

# --- cards -------------------------------------------------------------------------------------


class ArticleCardOut(OutSchema):
    """What a listing card needs for an article, with no second request."""

    type: Literal["article"]
    id: int
    slug: str
    url: str = Field(description="The post's public page on the site.")
    api_url: str
    title: str
    dek: str
    summary: str
    hero_image: ImageOut | None
    authors: list[AuthorRefOut]
    tags: list[TagOut]
    reading_time: int = Field(description="Minutes, at least 1.")
    word_count: int
    published: date | None = Field(description="The date shown to readers.")
    updated: date | None = Field(description="Set when the content changed meaningfully.")
    first_published_at: datetime | None
    last_published_at: datetime | None


class ReviewCardOut(ArticleCardOut):
    """A product review's card: an article card plus the product and its rating."""

    type: Literal["review"]  # type: ignore[assignment]
    product_name: str
    brand: str
    category: str
    rating: float
    rating_scale: int


PostCardOut = Annotated[ArticleCardOut | ReviewCardOut, Field(discriminator="type")]


class RelatedPostOut(OutSchema):
    """A related post (sharing the most tags), for a 'read next' strip."""

    type: Literal["article", "review"]
    id: int
    slug: str
    url: str
    api_url: str
    title: str
    dek: str
    hero_image: ImageOut | None
    published: date | None


class PageInfo(OutSchema):
    count: int = Field(description="Total matching items.")
    count_is_exact: bool = Field(
        True,
        description="False when a search (`q`) matched more posts than were counted: `count`"
        " is then the cap (1,000 on PostgreSQL; for another ordering than relevance,"
        " SKINCARE_BLOG_SEARCH_MAX_RESULTS), and pages reach only that far.",
    )
    limit: int
    offset: int
    next: str | None
    previous: str | None


class ArticleListOut(PageInfo):
    results: list[PostCardOut]


class ReviewListOut(PageInfo):
    results: list[ReviewCardOut]


# --- detail ------------------------------------------------------------------------------------


class TocEntryOut(OutSchema):
    text: str
    anchor: str
    level: Literal[2, 3]


class SeoOut(OutSchema):
    title: str
    description: str
    canonical_url: str
    noindex: bool
    social_image: ImageOut | None


class SpecOut(OutSchema):
    key: str
    label: str
    value: str
    unit: str


class BuyLinkOut(OutSchema):
    retailer: str
    url: str
    price_note: str
    availability: Literal["InStock", "OutOfStock", "PreOrder", "Discontinued"] = Field(
        description="As the retailer shows it: a schema.org ItemAvailability name, the value "
        "the page's JSON-LD offer states."
    )
    rel: Literal["sponsored nofollow"] = "sponsored nofollow"


class ProductOut(OutSchema):
    name: str
    brand: str
    category: str
    category_label: str
    rating: float
    rating_scale: int
    verdict: str
    image: ImageOut | None = Field(
        description="The product's picture, shown beside the verdict; the hero image when the "
        "review has none of its own."
    )
    pros: list[str]
    cons: list[str]
    specs: list[SpecOut]
    price: str | None = Field(description="Decimal string, e.g. '39.00'.")
    currency: str
    buy_links: list[BuyLinkOut]
    disclosure: str = Field(description="Shown whenever there are buy links.")


class ArticleDetailOut(ArticleCardOut):
    """A full article: the typed body, review facts, related posts, SEO and JSON-LD."""

    body: list[BlockOut]
    toc: list[TocEntryOut]
    medical_reviewer: AuthorRefOut | None
    last_reviewed: date | None
    citation_count: int
    related: list[RelatedPostOut]
    seo: SeoOut
    jsonld: dict[str, Any] = Field(
        description="The schema.org @graph the site emits for this page, verbatim."
    )


class ReviewDetailOut(ArticleDetailOut):
    type: Literal["review"]  # type: ignore[assignment]
    product_name: str
    brand: str
    category: str
    rating: float
    rating_scale: int
    product: ProductOut


class PostDetailOut(RootModel):
    """An article or a review, told apart by `type`."""

    root: Annotated[ArticleDetailOut | ReviewDetailOut, Field(discriminator="type")]


# --- authors -----------------------------------------------------------------------------------


class AuthorOut(AuthorRefOut):
    """An author in the directory."""

    can_review: bool = Field(description="Qualified to medically review posts.")
    expertise: list[str]
    post_count: int


class AuthorListOut(PageInfo):
    results: list[AuthorOut]


class AuthorDetailOut(AuthorOut):
    bio: str = Field(description="Sanitised HTML.")
    website: str
    same_as: list[str] = Field(description="Profile URLs elsewhere (schema.org sameAs).")
    latest_posts: list[PostCardOut]
    reviewed_posts: list[RelatedPostOut]


# --- tags, search, site ------------------------------------------------------------------------


class TagCountOut(TagOut):
    count: int = Field(description="Public posts with this tag.")
    url: str | None = Field(description="The blog's listing filtered by this tag.")
    api_url: str


class TagListOut(OutSchema):
    count: int
    results: list[TagCountOut]


SNIPPET = "An excerpt around the first match, HTML-escaped, the matched words in <mark>."


class ArticleHitOut(ArticleCardOut):
    snippet: str = Field(description=SNIPPET)


class ReviewHitOut(ReviewCardOut):
    snippet: str = Field(description=SNIPPET)


SearchHitOut = Annotated[ArticleHitOut | ReviewHitOut, Field(discriminator="type")]


class SearchOut(PageInfo):
    query: str
    results: list[SearchHitOut]
    authors: list[AuthorRefOut] = Field(description="Up to five matching author profiles.")
    suggestion: str | None = Field(
        None, description="A corrected spelling of the query when nothing matched it."
    )


class SuggestionOut(OutSchema):
    type: Literal["article", "review"]
    id: int
    title: str
    url: str
    api_url: str


class AutocompleteOut(OutSchema):
    query: str
    results: list[SuggestionOut] = Field(description="Posts whose titles start like the query.")
    authors: list[AuthorRefOut] = Field(description="Published authors whose names match.")
    tags: list[TagCountOut] = Field(description="Tags in use whose names start like the query.")


class FeedsOut(OutSchema):
    rss: str
    atom: str


class ApiLinksOut(OutSchema):
    root: str
    openapi: str
    docs: str
    wagtail_v2: str


class SiteOut(OutSchema):
    name: str
    tagline: str
    base_url: str
    language: str
    blog_url: str | None
    feeds: FeedsOut
    api: ApiLinksOut
