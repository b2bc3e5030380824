"""Publishing a page or an author queues a check of its links once the transaction commits."""

from __future__ import annotations

from django.db import transaction
from wagtail.signals import page_published, published

from blog.linkcheck import service
from blog.linkcheck.tasks import AUTHOR, PAGE, check_object_links


def queue_check(kind: str, object_id: int) -> None:
    """Enqueue the check after commit, so a worker sees the published version."""
    mode = service.service_setting("ON_PUBLISH")
    if mode == "off":
        return
    external = mode != "internal"
    transaction.on_commit(
        lambda: check_object_links.enqueue(kind=kind, object_id=object_id, external=external)
    )


def page_published_handler(sender, instance, **kwargs) -> None:
    queue_check(PAGE, instance.pk)


def author_published_handler(sender, instance, **kwargs) -> None:
    queue_check(AUTHOR, instance.pk)


def register_signal_handlers() -> None:
    from blog.models import Author

    page_published.connect(page_published_handler, dispatch_uid="linkcheck_page_published")
    published.connect(
        author_published_handler, sender=Author, dispatch_uid="linkcheck_author_published"
    )
