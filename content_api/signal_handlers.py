"""Signal handlers: invalidate the API cache on any content change, and queue webhooks."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import COMMENTS_RELATION_NAME, Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from blog.models import ArticlePage, Author, ProductReviewPage
from pages.models import SiteSettings

from .caching import bump_generation
from .models import WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

# Fields Wagtail writes when a draft revision is saved or a page is locked: the live content
# (what the API serves) is unchanged, so the cache stays valid.
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
DISPATCH_UID = "content_api"


def invalidate(sender: Any = None, **kwargs: Any) -> None:
    bump_generation()


def invalidate_on_save(sender: Any, update_fields=None, **kwargs: Any) -> None:
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    bump_generation()


# --- webhooks ----------------------------------------------------------------------------------


def _page_kind(page: Page) -> str:
    model = page.specific_class or Page
    if issubclass(model, ProductReviewPage):
        return "review"
    if issubclass(model, ArticlePage):
        return "article"
    return "page"


def _api_path(kind: str, ident: str | int) -> str:
    return {
        "article": f"/api/v1/articles/{ident}",
        "review": f"/api/v1/reviews/{ident}",
        "author": f"/api/v1/authors/{ident}",
    }.get(kind, "")


def queue_event(event: str, data: dict[str, Any]) -> None:
    """Record a delivery per subscribed endpoint and send them once the transaction commits."""
    endpoints = [e for e in WebhookEndpoint.objects.filter(is_active=True) if e.wants(event)]
    if not endpoints:
        return
    payload = {"event": event, "occurred_at": timezone.now().isoformat(), "data": data}
    deliveries = [
        WebhookDelivery.objects.create(endpoint=endpoint, event=event, payload=payload)
        for endpoint in endpoints
    ]

    def send() -> None:
        from .tasks import deliver_webhook

        for delivery in deliveries:
            try:
                deliver_webhook.enqueue(delivery.pk)
            except Exception:
                # A broken queue must not break publishing; the log shows it pending.
                logger.exception("Could not enqueue webhook delivery %s", delivery.pk)

    transaction.on_commit(send)


def page_data(page: Page) -> dict[str, Any] | None:
    """The webhook description of a page, or None for a private one."""
    # Readers never saw a private page, so its changes are nobody's business outside the admin.
    if page.get_view_restrictions().exists():
        return None
    kind = _page_kind(page)
    return {
        "object": "page",
        "type": kind,
        "id": page.pk,
        "slug": page.slug,
        "title": page.title,
        "url": page.get_full_url(),
        "api_path": _api_path(kind, page.pk),
    }


def page_event(event: str, page: Page) -> None:
    if (data := page_data(page)) is not None:
        queue_event(event, data)


def author_event(event: str, author: Author) -> None:
    queue_event(
        event,
        {
            "object": "author",
            "type": "author",
            "id": author.pk,
            "slug": author.slug,
            "title": author.name,
            "url": None,
            "api_path": _api_path("author", author.slug),
        },
    )


def on_page_published(sender: Any, instance: Page, **kwargs: Any) -> None:
    bump_generation()
    page_event("published", instance)


def on_page_unpublished(sender: Any, instance: Page, **kwargs: Any) -> None:
    bump_generation()
    page_event("unpublished", instance)


def before_page_delete(sender: Any, instance: Page, **kwargs: Any) -> None:
    # Describe the page while the tree (for its URL and privacy) still exists. Wagtail's own
    # pre_delete handler unpublishes it next, so subscribers hear "unpublished", then "deleted".
    instance._content_api_deleted = page_data(instance) if instance.live else None


def on_page_delete(sender: Any, instance: Page, **kwargs: Any) -> None:
    bump_generation()
    if data := getattr(instance, "_content_api_deleted", None):
        queue_event("deleted", data)


def on_snippet_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, Author):
        bump_generation()
        author_event("published", instance)


def on_snippet_unpublished(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, Author):
        bump_generation()
        author_event("unpublished", instance)


def on_author_delete(sender: Any, instance: Author, **kwargs: Any) -> None:
    bump_generation()
    if instance.live:
        author_event("deleted", instance)


def connect() -> None:
    """Wire every handler; called from ContentApiConfig.ready()."""
    uid = DISPATCH_UID
    page_published.connect(on_page_published, dispatch_uid=f"{uid}:published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid=f"{uid}:unpublished")
    pre_delete.connect(before_page_delete, sender=Page, dispatch_uid=f"{uid}:page_pre_delete")
    post_delete.connect(on_page_delete, sender=Page, dispatch_uid=f"{uid}:page_delete")
    post_page_move.connect(invalidate, dispatch_uid=f"{uid}:move")
    published.connect(on_snippet_published, dispatch_uid=f"{uid}:snippet_published")
    unpublished.connect(on_snippet_unpublished, dispatch_uid=f"{uid}:snippet_unpublished")
    pre_delete.connect(on_author_delete, sender=Author, dispatch_uid=f"{uid}:author_delete")
    # Direct saves (shell, importers, Wagtail's own bookkeeping filtered out) of anything a
    # response shows: pages, authors, images, documents, tags, privacy, sites, site settings.
    watched = [
        *get_page_models(),
        Author,
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
