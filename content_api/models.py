"""Webhook endpoints (managed in the admin) and the log of every delivery to them."""

from __future__ import annotations

import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel

from .webhooks import endpoint_refusal

EVENT_CHOICES = [
    ("published", _("Published")),
    ("unpublished", _("Unpublished")),
    ("deleted", _("Deleted")),
]
EVENTS = frozenset(key for key, _label in EVENT_CHOICES)


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def all_events() -> list[str]:
    return [key for key, _label in EVENT_CHOICES]


class WebhookEndpointForm(WagtailAdminModelForm):
    """Events as checkboxes, stored as a JSON list."""

    events = forms.MultipleChoiceField(
        choices=EVENT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Which changes to pages and author profiles to send."),
    )


class WebhookEndpoint(models.Model):
    """A URL that receives a signed JSON POST when content is published, unpublished or deleted."""

    name = models.CharField(max_length=120, help_text=_("E.g. 'Next.js revalidation'."))
    url = models.URLField(
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Receives a POST with a JSON body."),
    )
    secret = models.CharField(
        max_length=200,
        default=new_secret,
        help_text=_(
            "Shared secret for the X-Skincare-Signature HMAC-SHA256 header. Keep it private."
        ),
    )
    events = models.JSONField(default=all_events)
    is_active = models.BooleanField(default=True, verbose_name=_("active"))
    created_at = models.DateTimeField(auto_now_add=True)

    base_form_class = WebhookEndpointForm
    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("secret"),
        FieldPanel("events"),
        FieldPanel("is_active"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("webhook endpoint")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """Refuse URLs the SSRF guard would refuse; names are checked again at each delivery."""
        super().clean()
        reason = endpoint_refusal(self.url) if self.url else None
        if reason:
            raise ValidationError(
                {
                    "url": _(
                        "This address cannot receive webhooks: %(reason)s. Allow it with "
                        "SKINCARE_API_WEBHOOK_ALLOWLIST if it is yours."
                    )
                    % {"reason": reason}
                }
            )

    def wants(self, event: str) -> bool:
        return self.is_active and event in (self.events or [])


class WebhookDelivery(models.Model):
    """One event sent (or being sent) to one endpoint, with the outcome of the last attempt."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        RETRYING = "retrying", _("Retrying")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(
        WebhookEndpoint, related_name="deliveries", on_delete=models.CASCADE
    )
    event = models.CharField(max_length=40, choices=EVENT_CHOICES)
    payload = models.JSONField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint} ({self.get_status_display()})"
