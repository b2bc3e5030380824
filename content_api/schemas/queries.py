"""Query-string schemas: each names every parameter its endpoint accepts (others give 400)."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from blog.models.review import CATEGORY_CHOICES

Category = Literal[tuple(key for key, _label in CATEGORY_CHOICES)]  # type: ignore[valid-type]
MAX_QUERY_LENGTH = 200
# Wagtail and taggit slugs: letters (any script), digits, underscores and hyphens.
SLUG_PATTERN = r"^[-\w]+$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=255)]
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date_text(value: object) -> object:
    """Only YYYY-MM-DD text: pydantic's lax date also reads "0" as a Unix timestamp (1970)."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise ValueError("Expected a date as YYYY-MM-DD.")
    return value


# A calendar date exactly as the schema's `format: date` says (RFC 3339 full-date).
IsoDate = Annotated[date, BeforeValidator(_iso_date_text)]


class QuerySchema(BaseModel):
    """Unknown parameters are rejected rather than silently ignored."""

    model_config = ConfigDict(extra="forbid")


class NoQuery(QuerySchema):
    """Endpoints that take no query parameters."""


class PageQuery(QuerySchema):
    limit: int = Field(20, ge=1, le=100, description="Items per page, at most 100.")
    offset: int = Field(0, ge=0, le=1_000_000)


class PostFilterQuery(PageQuery):
    tag: list[Slug] = Field(
        default_factory=list, description="Tag slug; repeat for several tags (see tag_match)."
    )
    tag_match: Literal["all", "any"] = Field("all", description="Require all tags or any.")
    author: Slug | None = Field(None, description="Author slug.")
    published_after: IsoDate | None = Field(None, description="Inclusive, YYYY-MM-DD.")
    published_before: IsoDate | None = Field(None, description="Inclusive, YYYY-MM-DD.")
    q: str | None = Field(None, min_length=1, max_length=MAX_QUERY_LENGTH, description="Search.")
    ordering: (
        Literal["-published", "published", "-updated", "updated", "title", "-title", "relevance"]
        | None
    ) = Field(None, description="Default '-published', or 'relevance' when q is given.")


class ArticleListQuery(PostFilterQuery):
    type: Literal["article", "review"] | None = Field(None, description="Only one kind of post.")


class ReviewListQuery(PostFilterQuery):
    category: Category | None = None


class AuthorListQuery(PageQuery):
    can_review: bool | None = Field(None, description="Only medical reviewers (or only not).")


class SearchQuery(PageQuery):
    q: str = Field(min_length=1, max_length=MAX_QUERY_LENGTH)
    type: Literal["article", "review"] | None = None
    tag: list[Slug] = Field(default_factory=list)
    tag_match: Literal["all", "any"] = "all"


class AutocompleteQuery(QuerySchema):
    q: str = Field(min_length=1, max_length=MAX_QUERY_LENGTH)
    type: Literal["article", "review"] | None = None


class PreviewQuery(QuerySchema):
    token: str = Field(min_length=1, max_length=2000, description="From the admin's preview link.")
    id: int | None = Field(None, ge=1, description="Optional: the page the front end expects.")
