"""Signal handlers: start a new content generation whenever a post's representation changes,
and make a published post's image renditions in the background."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import COMMENTS_RELATION_NAME, Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from pages.models import SiteSettings

from .conf import blog_setting
from .models import ArticlePage, Author, AuthorProfileLink
from .representation.generation import bump_generation
from .tasks import make_renditions

# Fields Wagtail writes when a draft revision is saved or a page is locked: the live content
# (what readers see) is unchanged, so cached representations stay valid.
BOOKKEEPING_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
        COMMENTS_RELATION_NAME,
    }
)
DISPATCH_UID = "blog:generation"


def invalidate(sender: Any = None, **kwargs: Any) -> None:
    bump_generation()


def invalidate_on_save(sender: Any, update_fields=None, **kwargs: Any) -> None:
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    bump_generation()


def invalidate_on_rendition_delete(sender: Any, origin: Any = None, **kwargs: Any) -> None:
    # Deleting an image deletes its renditions first, one signal each: the image's own delete
    # starts the generation, once (each start costs three queries and a cache write).
    image_model = get_image_model()
    if isinstance(origin, image_model) or getattr(origin, "model", None) is image_model:
        return
    bump_generation()


def make_renditions_on_publish(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, ArticlePage) and blog_setting("SKINCARE_BLOG_RENDITIONS_ON_PUBLISH"):
        page_id = instance.pk
        transaction.on_commit(lambda: make_renditions.enqueue(page_id))


def invalidate_on_snippet(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, Author):
        bump_generation()


def connect() -> None:
    """Wire every handler (idempotent: dispatch_uid).

    Receivers run in the order they were connected and on_commit callbacks in the order they
    were registered, so an app whose handlers must run after invalidation (content_api's
    webhooks) calls this before connecting its own.
    """
    uid = DISPATCH_UID
    page_published.connect(invalidate, dispatch_uid=f"{uid}:published")
    page_unpublished.connect(invalidate, dispatch_uid=f"{uid}:unpublished")
    page_published.connect(make_renditions_on_publish, dispatch_uid=f"{uid}:renditions")
    post_delete.connect(invalidate, sender=Page, dispatch_uid=f"{uid}:page_delete")
    post_page_move.connect(invalidate, dispatch_uid=f"{uid}:move")
    published.connect(invalidate_on_snippet, dispatch_uid=f"{uid}:snippet_published")
    unpublished.connect(invalidate_on_snippet, dispatch_uid=f"{uid}:snippet_unpublished")
    # Before the delete too: the webhook describing a deleted author is queued then.
    pre_delete.connect(invalidate, sender=Author, dispatch_uid=f"{uid}:author_delete")
    # Direct saves (shell, importers, Wagtail's own bookkeeping filtered out) of anything a
    # representation shows: pages, authors, images, documents, tags, privacy, sites, settings.
    watched = [
        *get_page_models(),
        Author,
        AuthorProfileLink,  # sameAs links, saved after their author's own row
        get_image_model(),
        get_document_model(),
        Tag,
        PageViewRestriction,
        Site,
        SiteSettings,
    ]
    for model in watched:
        post_save.connect(
            invalidate_on_save, sender=model, dispatch_uid=f"{uid}:save:{model._meta.label}"
        )
        post_delete.connect(
            invalidate, sender=model, dispatch_uid=f"{uid}:delete:{model._meta.label}"
        )
    # A deleted rendition takes its file with it: pages and responses showing its URL are
    # rebuilt (and make it again). Making one, as reading a page may, changes nothing shown.
    rendition = get_image_model().get_rendition_model()
    post_delete.connect(
        invalidate_on_rendition_delete, sender=rendition, dispatch_uid=f"{uid}:delete:rendition"
    )
