"""Signal handlers: queue webhooks on content changes, after blog has invalidated caches."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, pre_delete
from django.utils import timezone
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, published, unpublished

from blog import signal_handlers as blog_signal_handlers
from blog.models import ArticlePage, Author, ProductReviewPage

from .models import WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

DISPATCH_UID = "content_api"


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
    page_event("published", instance)


def on_page_unpublished(sender: Any, instance: Page, **kwargs: Any) -> None:
    page_event("unpublished", instance)


def before_page_delete(sender: Any, instance: Page, **kwargs: Any) -> None:
    # Describe the page while the tree (for its URL and privacy) still exists. Wagtail's own
    # pre_delete handler unpublishes it next, so subscribers hear "unpublished", then "deleted".
    instance._content_api_deleted = page_data(instance) if instance.live else None


def on_page_delete(sender: Any, instance: Page, **kwargs: Any) -> None:
    if data := getattr(instance, "_content_api_deleted", None):
        queue_event("deleted", data)


def on_snippet_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, Author):
        author_event("published", instance)


def on_snippet_unpublished(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, Author):
        author_event("unpublished", instance)


def on_author_delete(sender: Any, instance: Author, **kwargs: Any) -> None:
    if instance.live:
        author_event("deleted", instance)


def connect() -> None:
    """Wire every handler; called from ContentApiConfig.ready()."""
    # Invalidation first: receivers run in connection order and so do the on_commit callbacks
    # they register, so a subscriber fetching the API when notified gets the new content.
    # (content_api is ready() before blog in INSTALLED_APPS; blog's connect() is idempotent.)
    blog_signal_handlers.connect()
    uid = DISPATCH_UID
    page_published.connect(on_page_published, dispatch_uid=f"{uid}:published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid=f"{uid}:unpublished")
    pre_delete.connect(before_page_delete, sender=Page, dispatch_uid=f"{uid}:page_pre_delete")
    post_delete.connect(on_page_delete, sender=Page, dispatch_uid=f"{uid}:page_delete")
    published.connect(on_snippet_published, dispatch_uid=f"{uid}:snippet_published")
    unpublished.connect(on_snippet_unpublished, dispatch_uid=f"{uid}:snippet_unpublished")
    pre_delete.connect(on_author_delete, sender=Author, dispatch_uid=f"{uid}:author_delete")
