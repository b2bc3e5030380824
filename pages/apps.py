from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The base app: home and standard pages, shared blocks, SEO helpers."""

    name = "pages"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .signal_handlers import register_sanitiser

        register_sanitiser(self)
