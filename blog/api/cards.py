"""Plain-dict representations of images, authors and post cards (validated by the schemas)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from wagtail.images.models import SourceImageIOError

from blog.models import ArticlePage, Author

from .conf import api_setting
from .queries import is_review
from .scope import SiteScope


@dataclass(frozen=True)
class ApiContext:
    """Per-request facts every builder needs: the site, the API's base URL, image sizes."""

    scope: SiteScope
    api_root: str
    hero_specs: tuple[str, ...]
    avatar_specs: tuple[str, ...]

    @classmethod
    def build(cls, scope: SiteScope, api_root: str) -> ApiContext:
        return cls(
            scope=scope,
            api_root=api_root,
            hero_specs=tuple(f"width-{w}" for w in api_setting("SKINCARE_API_IMAGE_WIDTHS")),
            avatar_specs=tuple(api_setting("SKINCARE_API_AVATAR_SPECS")),
        )

    @classmethod
    def for_request(cls, request: HttpRequest, scope: SiteScope) -> ApiContext:
        return cls.build(scope, request.build_absolute_uri(reverse("content_api:api-root")))

    @property
    def all_specs(self) -> tuple[str, ...]:
        return self.hero_specs + self.avatar_specs

    def post_api_url(self, page_id: int, review: bool) -> str:
        return f"{self.api_root}{'reviews' if review else 'articles'}/{page_id}"


def image_out(image, alt: str, specs: Iterable[str], scope: SiteScope) -> dict[str, Any] | None:
    """An image with renditions; existing ones come from the prefetch, missing ones are made."""
    if image is None:
        return None
    try:
        renditions = image.get_renditions(*specs)
    except (SourceImageIOError, OSError):
        # A missing original file should cost the picture, not the whole response.
        renditions = {}
    return {
        "id": image.pk,
        "alt": alt or "",
        "width": image.width,
        "height": image.height,
        "renditions": [
            {
                "spec": spec,
                "url": scope.absolute(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
            }
            for spec, rendition in renditions.items()
        ],
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
        "avatar": image_out(author.photo, "", ctx.avatar_specs, ctx.scope),
    }


def live_authors_of(page: ArticlePage) -> list[Author]:
    """Byline authors whose profiles are published; drafts never appear."""
    return [item.author for item in page.article_authors.all() if item.author.live]


def card_images(pages: Iterable[ArticlePage]) -> list:
    """Every image a list of cards shows, for one renditions query."""
    images = []
    for page in pages:
        images.append(page.hero_image)
        images.extend(item.author.photo for item in page.article_authors.all())
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
        "hero_image": image_out(page.hero_image, page.hero_alt, ctx.hero_specs, ctx.scope),
        "authors": [author_ref(a, ctx) for a in live_authors_of(page)],
        "tags": [{"name": t.name, "slug": t.slug} for t in sorted_tags(page)],
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


def sorted_tags(page: ArticlePage) -> list:
    return sorted(page.tags.all(), key=lambda tag: tag.name.lower())


def related_card(page: ArticlePage, ctx: ApiContext) -> dict[str, Any]:
    review = is_review(page)
    return {
        "type": "review" if review else "article",
        "id": page.pk,
        "slug": page.slug,
        "url": ctx.scope.page_url(page.url_path),
        "api_url": ctx.post_api_url(page.pk, review),
        "title": page.title,
        "dek": page.dek,
        "hero_image": image_out(page.hero_image, page.hero_alt, ctx.hero_specs, ctx.scope),
        "published": page.display_date,
    }
