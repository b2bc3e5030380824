"""Background delivery of webhooks, with retries and exponential backoff.

With a queue backend that supports `run_after` (production), each retry is a new task run
after the backoff. The embedded immediate backend cannot defer, so there retries happen inline
after a sleep; keep the backoff small in development or use a real queue.
"""

from __future__ import annotations

import time
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from .conf import api_setting
from .models import WebhookDelivery
from .webhooks import backoff_seconds, post


@task()
def deliver_webhook(delivery_id: int) -> str:
    """Send one delivery; on failure retry until SKINCARE_API_WEBHOOK_MAX_ATTEMPTS."""
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or delivery.status in (
        WebhookDelivery.Status.SUCCEEDED,
        WebhookDelivery.Status.FAILED,
    ):
        return "skipped"
    max_attempts = max(1, int(api_setting("SKINCARE_API_WEBHOOK_MAX_ATTEMPTS")))
    while True:
        result = post(
            delivery.endpoint.url,
            delivery.endpoint.secret,
            delivery.payload,
            event=delivery.event,
            delivery_id=delivery.pk,
            timeout=float(api_setting("SKINCARE_API_WEBHOOK_TIMEOUT")),
        )
        delivery.attempts += 1
        delivery.status_code = result.status_code
        delivery.error = result.error
        delivery.duration_ms = result.duration_ms
        delivery.last_attempt_at = timezone.now()
        delivery.next_attempt_at = None
        # A refusal by the SSRF guard will not change on retry (and a retry could probe).
        if result.ok or result.refused or delivery.attempts >= max_attempts:
            delivery.status = (
                WebhookDelivery.Status.SUCCEEDED if result.ok else WebhookDelivery.Status.FAILED
            )
            delivery.save()
            return delivery.status
        delay = backoff_seconds(
            delivery.attempts,
            float(api_setting("SKINCARE_API_WEBHOOK_BACKOFF")),
            float(api_setting("SKINCARE_API_WEBHOOK_MAX_BACKOFF")),
        )
        delivery.status = WebhookDelivery.Status.RETRYING
        delivery.next_attempt_at = timezone.now() + timedelta(seconds=delay)
        delivery.save()
        if deliver_webhook.get_backend().supports_defer:
            deliver_webhook.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)
            return delivery.status
        time.sleep(delay)
