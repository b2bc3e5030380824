"""Admin screens for webhooks: endpoints are editable, deliveries are a read-only log."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from blog.models import ArticlePage

from .models import WebhookDelivery, WebhookEndpoint


class WebhookEndpointViewSet(ModelViewSet):
    """Add, edit and remove the URLs that receive publish events."""

    model = WebhookEndpoint
    name = "webhook_endpoints"
    url_prefix = "content-api/webhooks"
    icon = "link-external"
    menu_label = _("Webhook endpoints")
    list_display = ["name", "url", "events", "is_active"]
    list_filter = ["is_active"]
    copy_view_enabled = False
    inspect_view_enabled = False


class WebhookDeliveryViewSet(ModelViewSet):
    """Every delivery with its status code, attempts, error and duration (read-only)."""

    model = WebhookDelivery
    name = "webhook_deliveries"
    url_prefix = "content-api/deliveries"
    icon = "history"
    menu_label = _("Webhook deliveries")
    list_display = [
        "event",
        "endpoint",
        "status",
        "status_code",
        "attempts",
        "duration_ms",
        "created_at",
    ]
    list_filter = ["status", "event", "endpoint"]
    exclude_form_fields: list[str] = []
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "endpoint",
        "event",
        "status",
        "attempts",
        "status_code",
        "error",
        "duration_ms",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "payload",
    ]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        # The log is written by the delivery task only.
        view_kwargs.update(add_url_name=None, edit_url_name=None, delete_url_name=None)
        return view_kwargs

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<str:pk>/", self.inspect_view, name="inspect"),
        ]


class ContentApiViewSetGroup(ModelViewSetGroup):
    menu_label = _("Content API")
    menu_icon = "code"
    menu_order = 900
    items = (WebhookEndpointViewSet, WebhookDeliveryViewSet)


class FrontEndPreviewMenuItem(ActionMenuItem):
    """'Preview in front end' in the page editor's action menu (articles and reviews)."""

    label = _("Preview in front end (last saved draft)")
    name = "action-front-end-preview"
    icon_name = "view"
    template_name = "api/preview_menu_item.html"

    def is_shown(self, context) -> bool:
        page = context.get("page")
        return (
            context.get("view") == "edit"
            and isinstance(page, ArticlePage)
            and self.get_user_page_permissions_tester(context).can_edit()
        )

    def get_url(self, parent_context) -> str:
        return reverse("content_api_preview", args=[parent_context["page"].pk])
