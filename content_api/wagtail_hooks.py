"""Registration only: webhook admin screens, the preview redirect and its editor action."""

from django.urls import path
from wagtail import hooks

from .views import preview_in_front_end
from .viewsets import ContentApiViewSetGroup, FrontEndPreviewMenuItem


@hooks.register("register_admin_viewset")
def register_webhook_viewsets():
    return ContentApiViewSetGroup()


@hooks.register("register_admin_urls")
def register_preview_url():
    return [
        path(
            "content-api/preview/<int:page_id>/",
            preview_in_front_end,
            name="content_api_preview",
        )
    ]


@hooks.register("register_page_action_menu_item")
def register_front_end_preview_menu_item():
    return FrontEndPreviewMenuItem(order=15)
