"""The byline relation (an article's authors, in order) and what a post card prefetches."""

from __future__ import annotations

from django.db import models
from django.db.models import Prefetch
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.images import get_image_model
from wagtail.models import Orderable

# The renditions includes/post_card.html shows ({% picture %} with these specs); fetched with
# the cards instead of once per card.
# Spelled as Wagtail's {% picture %} expands "format-{webp,jpeg} fill-{480x270,960x540}":
# segments in the tag's order, or the prefetch finds nothing and each card queries again.
CARD_IMAGES = (
    "format-webp|fill-480x270",
    "format-webp|fill-960x540",
    "format-jpeg|fill-480x270",
    "format-jpeg|fill-960x540",
)


class ArticleAuthor(Orderable):
    """An author of an article, in byline order."""

    page = ParentalKey("blog.ArticlePage", related_name="article_authors", on_delete=models.CASCADE)
    author = models.ForeignKey("blog.Author", related_name="+", on_delete=models.PROTECT)

    panels = [FieldPanel("author")]


def card_prefetches() -> list[Prefetch]:
    """What a post card reads besides its row and select_related("hero_image"): authors in
    byline order and the hero image's card rendition, one query each for all cards."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=CARD_IMAGES)
    return [
        Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author")),
        Prefetch("hero_image__renditions", queryset=renditions, to_attr="prefetched_renditions"),
    ]
