"""What is due for a check, and the leases a run takes on it.

External URLs are claimed with a lease before they are fetched, so overlapping runs (cron, task
workers, an editor pressing recheck) never fetch the same URL twice at once.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from wagtail.models import Page

from linkcheck.checker.status import NOT_FINAL
from linkcheck.conf import service_setting
from linkcheck.models import CheckedUrl, Link


def claim(queryset, *, limit: int, now: datetime | None = None) -> list[CheckedUrl]:
    """Take a lease on up to ``limit`` URLs of queryset that no other run holds."""
    now = now or timezone.now()
    token = uuid.uuid4().hex
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    with transaction.atomic():
        # skip_locked: a concurrent run's rows are passed over, not waited for (PostgreSQL);
        # the conditional UPDATE below is what makes the claim safe on every database.
        ids = list(
            queryset.filter(free)
            .select_for_update(skip_locked=True, of=("self",))
            .values_list("pk", flat=True)[:limit]
        )
        if not ids:
            return []
        CheckedUrl.objects.filter(free, pk__in=ids).update(
            claimed_by=token,
            claimed_until=now + timedelta(seconds=service_setting("CLAIM_SECONDS")),
        )
    return list(CheckedUrl.objects.filter(claimed_by=token).order_by("pk"))


def release(urls: Iterable[CheckedUrl]) -> None:
    """Give back leases a run did not use (it stopped early)."""
    CheckedUrl.objects.filter(pk__in=[u.pk for u in urls], claimed_until__isnull=False).update(
        claimed_by="", claimed_until=None
    )


def due_urls(now: datetime | None = None, *, page_id: int | None = None):
    """URLs in use whose next check has come, optionally only those one page links to."""
    queryset = CheckedUrl.objects.due(now or timezone.now())
    if page_id is not None:
        queryset = queryset.filter(
            Exists(Link.objects.filter(checked_url=OuterRef("pk"), page_id=page_id))
        )
    return queryset


def stale_urls_of(obj, now: datetime | None = None):
    """An object's URLs worth fetching now: never checked, due, or not settled (not final)."""
    now = now or timezone.now()
    owner = {"page_id": obj.pk} if isinstance(obj, Page) else {"author_id": obj.pk}
    return CheckedUrl.objects.filter(
        Exists(Link.objects.filter(checked_url=OuterRef("pk"), **owner))
    ).filter(
        Q(next_check_at__isnull=True)
        | Q(next_check_at__lte=now)
        | Q(status__in=[str(s) for s in NOT_FINAL])
    )
