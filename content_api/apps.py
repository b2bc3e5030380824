from django.apps import AppConfig


class ContentApiConfig(AppConfig):
    """The headless content API, its caching and webhooks."""

    name = "content_api"
    label = "content_api"
    verbose_name = "Content API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signal_handlers

        signal_handlers.connect()
