"""The responsive pictures the site's templates show, by name: one place for their sizes and
formats, read by the templates ({% fitted_picture image "card" %}), by what prefetches card
renditions and by the demo loader, which makes them ahead of the first visit."""

from __future__ import annotations

from wagtail.images.models import Filter

PICTURES = {
    # Full text-column width or wider (up to 1000 CSS px, twice that on dense screens).
    "hero": "width-{640,960,1280,1920} format-{webp,jpeg}",
    "product": "fill-{320x320,640x640} format-{webp,jpeg}",
    # Segment order matters: a rendition's filter spec is the expanded string, and the cards'
    # prefetch (blog.models.byline.CARD_IMAGES) looks them up by it.
    "card": "format-{webp,jpeg} fill-{480x270,960x540}",
    "figure": "width-{480,720,1080,1440} format-{webp,jpeg}",
}


# The Open Graph and Twitter card image: 1.91:1 is what Facebook, LinkedIn and X crop large
# previews to.
SHARE_IMAGE_SPEC = "fill-1200x630"


def picture_specs(name_or_specs: str) -> list[str]:
    """The rendition filter specs of a named picture (or of a spec pattern given as it is)."""
    return Filter.expand_spec(PICTURES.get(name_or_specs, name_or_specs))
