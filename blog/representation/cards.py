"""Plain-dict representations of images, authors and post cards (validated by the schemas)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from wagtail.images import get_image_model

from blog.models import ArticlePage, Author

from ..conf import blog_setting
from .relations import AUTHORS_ATTR, TAGS_ATTR, is_review, review_content_type_id
from .renditions import rendition_rows, renditions_for
from .scope import SiteScope


@dataclass(frozen=True)
class ApiContext:
    """Per-request facts every builder needs: the site, the API's base URL, image sizes."""

    scope: SiteScope
    api_root: str
    hero_specs: tuple[str, ...]
    avatar_specs: tuple[str, ...]
    # Per request: cards share author photos (and often heroes), so each is built once.
    _images: dict = field(default_factory=dict, compare=False, repr=False)
    # Images fetched up front by id (details): used instead of following foreign keys.
    known_images: dict = field(default_factory=dict, compare=False, repr=False)
    # Existing renditions by image id, read as rows (see renditions.py).
    renditions: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, scope: SiteScope, api_root: str) -> ApiContext:
        return cls(
            scope=scope,
            api_root=api_root,
            hero_specs=tuple(f"width-{w}" for w in blog_setting("SKINCARE_BLOG_IMAGE_WIDTHS")),
            avatar_specs=tuple(blog_setting("SKINCARE_BLOG_AVATAR_SPECS")),
        )

    @classmethod
    def for_request(cls, request: HttpRequest, scope: SiteScope) -> ApiContext:
        return cls.build(scope, request.build_absolute_uri(reverse("content_api:api-root")))

    @property
    def all_specs(self) -> tuple[str, ...]:
        return self.hero_specs + self.avatar_specs

    def image(self, image, alt: str, specs: tuple[str, ...]) -> dict[str, Any] | None:
        if image is None:
            return None
        key = (image.pk, alt, specs)
        if key not in self._images:
            self._images[key] = image_out(image, alt, specs, self)
        return self._images[key]

    def load_renditions(self, images: Iterable, specs: Sequence[str]) -> None:
        """Read the renditions of these images (instances already in hand) in one query."""
        rows, _facts = rendition_rows({image.pk for image in images if image is not None}, specs)
        self.renditions.update(rows)

    def load_images(self, image_ids: Iterable[int], specs: Sequence[str]) -> None:
        """Images by id with their renditions, in one query, for `image_of` and cards."""
        rows, facts = rendition_rows(image_ids, specs, with_images=True)
        self.renditions.update(rows)
        self.known_images.update(facts)
        if missing := {i for i in rows if i not in facts}:
            # No rendition yet (an image's first request): fetch the image itself.
            self.known_images.update(
                (image.pk, image) for image in get_image_model().objects.filter(pk__in=missing)
            )

    def image_of(self, instance, field_name: str):
        """The image a foreign key points at, from `known_images` when it was fetched there."""
        image_id = getattr(instance, f"{field_name}_id")
        if image_id is None:
            return None
        if image_id in self.known_images:
            return self.known_images[image_id]
        return getattr(instance, field_name)

    def post_api_url(self, page_id: int, review: bool) -> str:
        return f"{self.api_root}{'reviews' if review else 'articles'}/{page_id}"


def image_out(image, alt: str, specs: Sequence[str], ctx: ApiContext) -> dict[str, Any]:
    """An image (instance or ImageFacts) with absolute rendition URLs."""
    renditions = renditions_for(image, specs, ctx.renditions.get(image.pk))
    for rendition in renditions:
        rendition["url"] = ctx.scope.absolute(rendition["url"])
    return {
        "id": image.pk,
        "alt": alt or "",
        "width": image.width,
        "height": image.height,
        "renditions": renditions,
    }


def largest_rendition_url(image: dict[str, Any] | None) -> str | None:
    if not image or not image["renditions"]:
        return None
    return max(image["renditions"], key=lambda r: r["width"])["url"]


def author_ref(author: Author, ctx: ApiContext) -> dict[str, Any]:
    return {
        "id": author.pk,
        "name": author.name,
        "slug": author.slug,
        "credentials": author.credentials,
        "role": author.role,
        "url": ctx.scope.author_url(author.slug),
        "api_url": f"{ctx.api_root}authors/{author.slug}",
        # Beside the name it is decorative, as on the site's author box.
        "avatar": ctx.image(ctx.image_of(author, "photo"), "", ctx.avatar_specs),
    }


def live_authors_of(page: ArticlePage) -> list[Author]:
    """Byline authors whose profiles are published; drafts never appear."""
    authors = getattr(page, AUTHORS_ATTR, None)
    if authors is not None:
        return authors
    # A draft being previewed: its byline lives in memory, in the page's cluster.
    return [item.author for item in page.article_authors.all() if item.author.live]


def tags_of(page: ArticlePage) -> list[tuple[int, str, str]]:
    """(id, name, slug) of the page's tags, by name."""
    tags = getattr(page, TAGS_ATTR, None)
    if tags is not None:
        return tags
    return sorted(((t.pk, t.name, t.slug) for t in page.tags.all()), key=lambda t: t[1].lower())


def card_images(pages: Iterable[ArticlePage]) -> list:
    """Every image a list of cards shows, for one renditions query."""
    images = []
    for page in pages:
        images.append(page.hero_image)
        images.extend(author.photo for author in live_authors_of(page))
    return images


def review_fields(page: ArticlePage) -> dict[str, Any]:
    review = page if hasattr(page, "product_name") else page.productreviewpage
    return {
        "product_name": review.product_name,
        "brand": review.brand,
        "category": review.category,
        "rating": float(review.rating or 0),
        "rating_scale": review.rating_scale,
    }


def post_card(page: ArticlePage, ctx: ApiContext) -> dict[str, Any]:
    review = is_review(page)
    card = {
        "type": "review" if review else "article",
        "id": page.pk,
        "slug": page.slug,
        "url": ctx.scope.page_url(page.url_path),
        "api_url": ctx.post_api_url(page.pk, review),
        "title": page.title,
        "dek": page.dek,
        "summary": page.summary,
        "hero_image": ctx.image(ctx.image_of(page, "hero_image"), page.hero_alt, ctx.hero_specs),
        "authors": [author_ref(a, ctx) for a in live_authors_of(page)],
        "tags": [{"name": name, "slug": slug} for _id, name, slug in tags_of(page)],
        "reading_time": page.reading_time,
        "word_count": page.word_count,
        "published": page.display_date,
        "updated": page.updated_date,
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
    }
    if review:
        card.update(review_fields(page))
    return card


def related_card(row: dict[str, Any], ctx: ApiContext) -> dict[str, Any]:
    """A short card from a queries.RELATED_VALUES row."""
    review = row["content_type_id"] == review_content_type_id()
    published = row["published_date"] or (
        row["first_published_at"].date() if row["first_published_at"] else None
    )
    image_id = row["hero_image_id"]
    image = ctx.known_images.get(image_id) if image_id else None
    return {
        "type": "review" if review else "article",
        "id": row["pk"],
        "slug": row["slug"],
        "url": ctx.scope.page_url(row["url_path"]),
        "api_url": ctx.post_api_url(row["pk"], review),
        "title": row["title"],
        "dek": row["dek"],
        "hero_image": ctx.image(image, row["hero_alt"], ctx.hero_specs),
        "published": published,
    }
