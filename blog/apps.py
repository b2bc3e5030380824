from django.apps import AppConfig


class BlogConfig(AppConfig):
    """Articles, product reviews, authors, link hygiene and the content API."""

    name = "blog"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from pages.signal_handlers import register_sanitiser

        from . import signal_handlers

        register_sanitiser(self)
        signal_handlers.connect()
