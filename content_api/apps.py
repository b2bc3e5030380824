from django.apps import AppConfig


class ContentApiConfig(AppConfig):
    """The headless content API, its caching and webhooks."""

    name = "content_api"
    label = "content_api"
    verbose_name = "Content API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from corsheaders.signals import check_request_enabled

        from . import frontend_cache, signal_handlers
        from .middleware import cors_origin_allowed

        signal_handlers.connect()
        frontend_cache.connect()
        check_request_enabled.connect(cors_origin_allowed, dispatch_uid="content_api:cors")
