"""DRF fields for Wagtail API v2's `api_fields` on the blog models (serialisers only).

Only published author profiles are exposed, and never accounts or e-mail addresses. Rich text
in the body is sanitised by the body's stream block (pages.blocks.BodyStreamBlock).
"""

from __future__ import annotations

from collections.abc import Sequence

from rest_framework.fields import Field
from wagtail.images.models import SourceImageIOError
from wagtail.models import Site

from pages.richtext import safe_url

# Wagtail API v2's renditions of a post's pictures (the hero, a review's product image).
HERO_RENDITIONS = ("width-320", "width-640", "width-960", "width-1280")


def absolute_url(base_url: str, url: str) -> str:
    """A media URL made absolute against a site's root URL; absolute ones (a CDN's
    MEDIA_URL) are kept. /api/v1/ (SiteScope.absolute) and /api/v2/ both use it."""
    return base_url + url if url.startswith("/") else url


def _base_url(field: Field) -> str:
    request = field.context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return site.root_url if site is not None else ""


def renditions(image, specs: Sequence[str], base_url: str = "") -> list[dict]:
    if image is None:
        return []
    try:
        found = image.get_renditions(*specs)
    except (SourceImageIOError, OSError):
        return []
    return [
        {"spec": spec, "url": absolute_url(base_url, r.url), "width": r.width, "height": r.height}
        for spec, r in found.items()
    ]


class ImageRenditionsField(Field):
    """An image as {id, width, height, renditions: [...]} for several filter specs."""

    def __init__(self, specs: Sequence[str] = HERO_RENDITIONS, *args, **kwargs):
        self.specs = tuple(specs)
        kwargs["read_only"] = True
        super().__init__(*args, **kwargs)

    def to_representation(self, image):
        return {
            "id": image.pk,
            "width": image.width,
            "height": image.height,
            "renditions": renditions(image, self.specs, _base_url(self)),
        }


def author_data(author, avatar_specs: Sequence[str], base_url: str = "") -> dict:
    return {
        "id": author.pk,
        "name": author.name,
        "slug": author.slug,
        "credentials": author.credentials,
        "role": author.role,
        "avatar": renditions(author.photo, avatar_specs, base_url),
    }


class LiveAuthorsField(Field):
    """A page's byline (its ArticleAuthor items), live profiles only, in order."""

    def __init__(self, avatar_specs: Sequence[str] = ("fill-96x96",), *args, **kwargs):
        self.avatar_specs = tuple(avatar_specs)
        kwargs["read_only"] = True
        super().__init__(*args, **kwargs)

    def to_representation(self, items):
        base_url = _base_url(self)
        return [
            author_data(item.author, self.avatar_specs, base_url)
            for item in items.all()
            if item.author.live
        ]


class LiveAuthorField(Field):
    """One author (the medical reviewer), or null when the profile is not published."""

    def __init__(self, avatar_specs: Sequence[str] = ("fill-96x96",), *args, **kwargs):
        self.avatar_specs = tuple(avatar_specs)
        kwargs["read_only"] = True
        super().__init__(*args, **kwargs)

    def to_representation(self, author):
        return author_data(author, self.avatar_specs, _base_url(self)) if author.live else None


class SafeURLField(Field):
    """A stored link as an http(s) URL, or "" when it is anything else (javascript:, data:)."""

    def __init__(self, *args, **kwargs):
        kwargs["read_only"] = True
        super().__init__(*args, **kwargs)

    def to_representation(self, url):
        return safe_url(url)
