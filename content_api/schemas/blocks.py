"""One schema per body block type, discriminated on `type` (the stored StreamField block name)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .common import ImageOut, OutSchema

HTML = Field(description="Sanitised HTML; internal links point at public URLs.")
ANCHOR = Field(description="Element id of the section heading; null when it has no heading.")


class HeadingBlockOut(OutSchema):
    type: Literal["heading"]
    id: str
    text: str
    level: Literal[2, 3]
    anchor: str = Field(description="Matches the table of contents and the site's element id.")


class ParagraphBlockOut(OutSchema):
    type: Literal["paragraph"]
    id: str
    html: str = HTML


class ImageBlockOut(OutSchema):
    type: Literal["image"]
    id: str
    image: ImageOut | None = Field(description="Null when the image was deleted.")
    caption: str
    attribution: str


class QuoteBlockOut(OutSchema):
    type: Literal["quote"]
    id: str
    quote: str
    attribution: str
    role: str


class CalloutBlockOut(OutSchema):
    type: Literal["callout"]
    id: str
    kind: Literal["tip", "note", "warning", "professional"]
    title: str
    html: str = HTML


class BenefitOut(OutSchema):
    position: int = Field(ge=1)
    title: str
    explanation: str = HTML
    citations: list[int] = Field(description="Positions in the post's citations block.")


class BenefitsBlockOut(OutSchema):
    type: Literal["benefits"]
    id: str
    anchor: str | None = ANCHOR
    heading: str
    intro: str = HTML
    items: list[BenefitOut]


class PhaseOut(OutSchema):
    position: int = Field(ge=1)
    name: str
    label: str = Field(description="How readers should read the timing, e.g. 'within days'.")
    start: str | None = Field(description="ISO-8601 duration after treatment, e.g. 'P3D'.")
    end: str | None = Field(description="ISO-8601 duration; null when open-ended.")
    description: str = HTML


class PhasesBlockOut(OutSchema):
    type: Literal["phases"]
    id: str
    anchor: str | None = ANCHOR
    heading: str
    intro: str = HTML
    items: list[PhaseOut]


class CitationOut(OutSchema):
    position: int = Field(ge=1)
    authors: str
    title: str
    publisher: str
    year: int | None
    doi: str
    pmid: str
    url: str = Field(description="The best link: the given URL, else the DOI, else PubMed.")


class CitationsBlockOut(OutSchema):
    type: Literal["citations"]
    id: str
    anchor: str | None = ANCHOR
    heading: str
    items: list[CitationOut]


class FaqItemOut(OutSchema):
    question: str
    answer: str = HTML


class FaqBlockOut(OutSchema):
    type: Literal["faq"]
    id: str
    anchor: str | None = ANCHOR
    heading: str
    items: list[FaqItemOut]


class EmbedBlockOut(OutSchema):
    type: Literal["embed"]
    id: str
    url: str = Field(description="The embedded media's page URL (oEmbed it client-side).")


BlockOut = Annotated[
    HeadingBlockOut
    | ParagraphBlockOut
    | ImageBlockOut
    | QuoteBlockOut
    | CalloutBlockOut
    | BenefitsBlockOut
    | PhasesBlockOut
    | CitationsBlockOut
    | FaqBlockOut
    | EmbedBlockOut,
    Field(discriminator="type"),
]
