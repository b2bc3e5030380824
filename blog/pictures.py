"""The image renditions a post's page asks for, made ahead of its first view.

A first view that has to make them (Pillow resizing a 1920 px original into a dozen WebP and
JPEG files) waits seconds for it: Lighthouse's cold performance score on the demo's article and
review was 89-90 against 98-100 warm. `load_demo` makes them when it creates a post.
"""

from __future__ import annotations

import logging

from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError

from pages.pictures import SHARE_IMAGE_SPEC, picture_specs

from .conf import blog_setting
from .representation.body import image_ids

logger = logging.getLogger(__name__)

# The {% image %} specs of author photos: byline and author box, profile page, authors index.
PHOTO_SPECS = ("fill-96x96", "fill-320x320", "fill-240x240")


def post_rendition_specs(page) -> dict[int, set[str]]:
    """{image id: filter specs} for everything the page's template, its <head> and its JSON-LD
    (the API's representation) show; `page` is the specific ArticlePage or ProductReviewPage."""
    api = {f"width-{w}" for w in blog_setting("SKINCARE_BLOG_IMAGE_WIDTHS")}
    avatars = {*blog_setting("SKINCARE_BLOG_AVATAR_SPECS"), *PHOTO_SPECS}
    wanted: dict[int, set[str]] = {}

    def want(image_id: int | None, specs) -> None:
        if image_id:
            wanted.setdefault(image_id, set()).update(specs)

    # The hero is also every card of the post (listings, related posts) and its share image.
    want(page.hero_image_id, {*picture_specs("hero"), *picture_specs("card"), SHARE_IMAGE_SPEC})
    want(page.hero_image_id, api)
    want(page.social_image_id, {SHARE_IMAGE_SPEC, *api})
    if hasattr(page, "product_image_id"):
        shown = page.product_image_id or page.hero_image_id
        want(shown, {*picture_specs("product"), *api})
    for image_id in image_ids(page.body.raw_data):
        want(image_id, {*picture_specs("figure"), *api})
    people = [item.author for item in page.article_authors.select_related("author")]
    if page.medical_reviewer_id:
        people.append(page.medical_reviewer)
    for person in people:
        want(person.photo_id, avatars)
    return wanted


def make_post_renditions(page) -> int:
    """Make the renditions the page will ask for that do not exist yet; returns how many
    images were handled. A missing original is logged and skipped, as the page itself does."""
    wanted = post_rendition_specs(page)
    images = get_image_model().objects.in_bulk(list(wanted))
    for image_id, specs in wanted.items():
        image = images.get(image_id)
        if image is None:
            continue
        try:
            # Existing renditions are found in one query; only the missing ones are made.
            image.get_renditions(*sorted(specs))
        except (SourceImageIOError, OSError):
            logger.warning("Image %s: original file missing, no renditions made", image_id)
    return len(images)
