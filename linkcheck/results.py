"""Recording a check: a history row per fetch, the URL's decided status, and its links' status."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from linkcheck.checker.status import LinkResult, LinkStatus
from linkcheck.conf import service_setting
from linkcheck.models import CheckedUrl, Link, UrlCheck
from linkcheck.schedule import decide


@transaction.atomic
def record_result(checked: CheckedUrl, result: LinkResult) -> CheckedUrl:
    """Store one check: a history row, the decided status and next check, and the links' status."""
    checked_at = result.checked_at or timezone.now()
    UrlCheck.objects.create(
        checked_url=checked,
        checked_at=checked_at,
        status=result.status,
        http_status=result.http_status,
        final_url=result.final_url or "",
        reason=result.reason,
        elapsed_ms=result.elapsed_ms,
    )
    streak = [(checked_at, result.status)]
    if checked.failing_since is not None:
        streak += list(
            checked.checks.filter(checked_at__gte=checked.failing_since, checked_at__lt=checked_at)
            .order_by("-checked_at")
            .values_list("checked_at", "status")[:100]
        )
    decision = decide(streak)
    reason = result.reason
    if decision.promoted or decision.status is LinkStatus.TEMPORARY:
        reason = f"{result.reason} ({decision.reason})"
    checked.status = decision.status
    checked.http_status = result.http_status
    checked.final_url = result.final_url or ""
    checked.suggested_url = result.suggested_url or ""
    checked.reason = reason
    checked.failures = decision.failures
    checked.failing_since = decision.failing_since
    checked.last_checked_at = checked_at
    checked.next_check_at = decision.next_check_at
    checked.claimed_by = ""
    checked.claimed_until = None
    checked.save()
    Link.objects.filter(checked_url=checked).update(
        status=decision.status, reason=reason, checked_at=checked_at, issue=""
    )
    _prune_history(checked)
    return checked


def _prune_history(checked: CheckedUrl) -> None:
    keep = service_setting("HISTORY_KEPT")
    old = checked.checks.order_by("-checked_at", "-pk").values_list("pk", flat=True)[keep:]
    old_ids = list(old)
    if old_ids:
        UrlCheck.objects.filter(pk__in=old_ids).delete()
