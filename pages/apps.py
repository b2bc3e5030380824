from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The base app: home and standard pages, shared blocks, SEO helpers."""

    name = "pages"
    default_auto_field = "django.db.models.BigAutoField"
