"""Schemas shared by every resource: images, author references, tags and problems."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class OutSchema(BaseModel):
    """Base of every response schema: unknown keys are a bug, not data."""

    model_config = ConfigDict(extra="forbid")


class RenditionOut(OutSchema):
    """One resized copy of an image."""

    spec: str = Field(description="Wagtail filter spec, e.g. 'width-640' or 'fill-96x96'.")
    url: str
    width: int
    height: int


class ImageOut(OutSchema):
    """An image with alt text and renditions at several sizes (pick by width for srcset)."""

    id: int
    alt: str = Field(description="Alt text; empty when the image is decorative.")
    width: int = Field(description="Width of the original upload.")
    height: int
    renditions: list[RenditionOut]


class AuthorRefOut(OutSchema):
    """An author as shown in a byline or card."""

    id: int
    name: str
    slug: str
    credentials: str
    role: str
    url: str | None = Field(description="Public profile page on the site, when the site has one.")
    api_url: str
    avatar: ImageOut | None


class TagOut(OutSchema):
    name: str
    slug: str


class InvalidParamOut(OutSchema):
    """One query parameter that was rejected, and why."""

    name: str
    reason: str


class ProblemOut(OutSchema):
    """An RFC 9457 problem detail, served as application/problem+json."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str = ""
    instance: str = ""
    invalid_params: list[InvalidParamOut] = Field(default_factory=list)
    valid_params: list[str] = Field(
        default_factory=list, description="The query parameters this endpoint accepts."
    )
