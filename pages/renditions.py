"""Rendition lookups for the site's templates: parsed filters, no write-back of cache hits.

Wagtail's `Image.get_rendition()` and `get_renditions()` parse each filter spec anew (an
`inspect` signature bind per operation) and store every rendition they return in the
renditions cache, also those they have just read from it: each picture on a page pickled its
renditions (with their image) back on every request, about a dozen writes per post page.
Here specs are parsed once per process and a cache hit is only read; what the cache lacks
goes through Wagtail (database, or a new rendition), which stores it as usual.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from wagtail.images.models import AbstractImage, AbstractRendition, Filter
from wagtail.images.shortcuts import get_renditions_or_not_found


@cache
def spec_filter(spec: str) -> Filter:
    """The Filter for a spec ("fill-96x96", "format-webp|width-640"), parsed once."""
    return Filter(spec=spec)


def _cached(image: AbstractImage, specs: Sequence[str]) -> dict[str, AbstractRendition]:
    rendition_model = image.get_rendition_model()
    keys = {
        rendition_model.construct_cache_key(
            image, spec_filter(spec).get_cache_key(image), spec
        ): spec
        for spec in specs
    }
    found = {}
    for key, rendition in rendition_model.cache_backend.get_many(list(keys)).items():
        rendition.image = image  # as Wagtail does: the caller's instance, not a pickled copy
        found[keys[key]] = rendition
    return found


def renditions(image: AbstractImage, specs: Sequence[str]) -> dict[str, AbstractRendition]:
    """{spec: rendition} of `image` in the order of `specs`, as get_renditions() gives them."""
    # Renditions prefetched with the image (cards) are matched by Wagtail without any write.
    prefetched = getattr(image, "prefetched_renditions", None) is not None or (
        "renditions" in getattr(image, "_prefetched_objects_cache", {})
    )
    found = {} if prefetched else _cached(image, specs)
    if missing := [spec for spec in specs if spec not in found]:
        found.update(get_renditions_or_not_found(image, [spec_filter(s) for s in missing]))
    return {spec: found[spec] for spec in specs}


def rendition(image: AbstractImage, spec: str) -> AbstractRendition:
    """The one rendition of `image` for `spec` (Wagtail's {% image %} tag's lookup)."""
    return renditions(image, [spec])[spec]
