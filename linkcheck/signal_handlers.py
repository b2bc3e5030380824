"""Publishing a page or an author queues a check of its links once the transaction commits."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, published

from blog.models import Author
from linkcheck.conf import service_setting
from linkcheck.links import refresh_internal
from linkcheck.models import Link
from linkcheck.tasks import AUTHOR, PAGE, check_object_links


def queue_check(kind: str, object_id: int) -> None:
    """Enqueue the check after commit, so a worker sees the published version."""
    mode = service_setting("ON_PUBLISH")
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


def page_gone_handler(sender, instance, **kwargs) -> None:
    """Links to a page that was unpublished or deleted are problems now: re-resolve them."""
    if not isinstance(instance, Page):
        return
    page_id = instance.pk
    transaction.on_commit(
        lambda: refresh_internal(Link.objects.filter(kind=Link.Kind.PAGE, target_id=page_id))
    )


def register_signal_handlers() -> None:

    page_published.connect(page_published_handler, dispatch_uid="linkcheck_page_published")
    page_unpublished.connect(page_gone_handler, dispatch_uid="linkcheck_page_unpublished")
    post_delete.connect(page_gone_handler, dispatch_uid="linkcheck_page_deleted")
    published.connect(
        author_published_handler, sender=Author, dispatch_uid="linkcheck_author_published"
    )
