"""Image renditions for API responses, read as plain rows in one query.

Wagtail's `Image.get_renditions()` wants model instances; for a list of twenty cards that is
about a hundred Rendition objects per request. Existing renditions are read here as value
rows instead and matched the way Wagtail matches prefetched ones (filter spec plus
`Filter.get_cache_key(image)`, the focal-point key); anything missing falls back to
`get_renditions()`, which creates it, so the next request finds it in the rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.images.models import Filter, SourceImageIOError

FOCAL_FIELDS = ("focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height")
ROW_FIELDS = ("image_id", "filter_spec", "focal_point_key", "file", "width", "height")
MAX_URLS = 20_000


@dataclass(frozen=True)
class ImageFacts:
    """What building an image needs, read from the rendition query's join (no instance)."""

    pk: int
    width: int
    height: int
    file: str
    focal_point_x: int | None
    focal_point_y: int | None
    focal_point_width: int | None
    focal_point_height: int | None


@dataclass(frozen=True)
class RenditionRow:
    filter_spec: str
    focal_point_key: str
    file: str
    width: int
    height: int


@cache
def spec_filter(spec: str) -> Filter:
    # Parsing a spec into operations is the costly part of matching; specs are few.
    return Filter(spec=spec)


_urls: dict[str, str] = {}


@receiver(setting_changed)
def _forget_urls(setting: str, **kwargs: Any) -> None:
    if setting in ("MEDIA_URL", "STORAGES", "MEDIA_ROOT"):
        _urls.clear()


def file_url(name: str) -> str:
    """A rendition file's URL (memoised: urljoin per rendition adds up on a list)."""
    url = _urls.get(name)
    if url is None:
        if len(_urls) >= MAX_URLS:
            _urls.clear()
        storage = get_image_model().get_rendition_model()._meta.get_field("file").storage
        url = _urls[name] = storage.url(name)
    return url


def rendition_rows(
    image_ids: Iterable[int], specs: Sequence[str], *, with_images: bool = False
) -> tuple[dict[int, list[RenditionRow]], dict[int, ImageFacts]]:
    """Existing renditions for `specs` by image id, and optionally the images' own facts."""
    ids = {i for i in image_ids if i}
    if not ids:
        return {}, {}
    image_fields = [f"image__{name}" for name in ("width", "height", "file", *FOCAL_FIELDS)]
    rows = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(image_id__in=ids, filter_spec__in=list(specs))
        .values_list(*ROW_FIELDS, *(image_fields if with_images else ()))
    )
    renditions: dict[int, list[RenditionRow]] = {i: [] for i in ids}
    facts: dict[int, ImageFacts] = {}
    for row in rows:
        image_id = row[0]
        renditions[image_id].append(RenditionRow(*row[1:6]))
        if with_images and image_id not in facts:
            facts[image_id] = ImageFacts(image_id, *row[6:])
    return renditions, facts


def _from_rows(image, rows: list[RenditionRow], specs: Sequence[str]) -> list[dict] | None:
    """Rendition dicts in spec order, or None if any spec has no matching row yet."""
    found = []
    for spec in specs:
        key = spec_filter(spec).get_cache_key(image)
        row = next((r for r in rows if r.filter_spec == spec and r.focal_point_key == key), None)
        if row is None:
            return None
        found.append(
            {"spec": spec, "url": file_url(row.file), "width": row.width, "height": row.height}
        )
    return found


def _made(image, specs: Sequence[str]) -> list[dict]:
    """Renditions through Wagtail, creating the missing ones (first request for an image)."""
    if isinstance(image, ImageFacts):
        image = get_image_model().objects.filter(pk=image.pk).first()
        if image is None:
            return []
    try:
        made = image.get_renditions(*(spec_filter(spec) for spec in specs))
    except (SourceImageIOError, OSError):
        # A missing original file should cost the picture, not the whole response.
        return []
    return [
        {"spec": spec, "url": r.url, "width": r.width, "height": r.height}
        for spec, r in made.items()
    ]


def renditions_for(image, specs: Sequence[str], rows: list[RenditionRow] | None) -> list[dict]:
    """The image's renditions for `specs` (relative URLs), from rows when they are complete."""
    is_svg = str(image.file).lower().endswith(".svg")
    if rows is not None and not is_svg:
        found = _from_rows(image, rows, specs)
        if found is not None:
            return found
    return _made(image, specs)
