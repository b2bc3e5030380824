"""Query-string schemas: each names every parameter its endpoint accepts (others give 400).

Routes take them as `Query[...]` from this module, not ninja's: ninja copies only the fields it
knows out of the query string before pydantic validates, so a schema's `extra="forbid"` never
sees an unknown parameter (vitalik/django-ninja#702). `StrictQueryModel` hands the rest over too,
so pydantic reports each one as `extra_forbidden` and the API's validation handler answers 400.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja.params import ParamShortcut
from ninja.params.models import Query as NinjaQuery
from ninja.params.models import QueryModel
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


class StrictQueryModel(QueryModel):
    """ninja's query-string model, forbidding (rather than dropping) unknown parameters."""

    model_config = ConfigDict(extra="forbid")

    @classmethod
    def resolve(cls, request: HttpRequest, api: Any, path_params: dict) -> Any:
        # The 400 handler names the valid parameters; the validation error does not carry them.
        request.content_api_query_params = sorted(cls.__ninja_flatten_map__)
        return super().resolve(request, api, path_params)

    @classmethod
    def _map_data_paths(cls, data: dict[str, Any]) -> dict[str, Any]:
        known = cls.__ninja_flatten_map__
        # A schema without fields (NoQuery) still needs its (empty) value.
        mapped = super()._map_data_paths(data) if known else {name: {} for name in cls.model_fields}
        return {**mapped, **{name: value for name, value in data.items() if name not in known}}


class StrictQuery(NinjaQuery):
    _model = StrictQueryModel

    @classmethod
    def _param_source(cls) -> str:
        return "query"  # ninja derives it from the class name


def _strict_query(default: Any = ..., **kwargs: Any) -> StrictQuery:
    return StrictQuery(default, **kwargs)


# `query: Query[SomeQuery]` in a route, as with ninja's own Query.
Query = ParamShortcut(_strict_query)


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
