"""Tags on posts."""

from django.db import models
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase


class ArticlePageTag(TaggedItemBase):
    """Links a tag to an article or review."""

    content_object = ParentalKey(
        "blog.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )
