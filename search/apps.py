from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Site search over articles, reviews and authors."""

    name = "search"
    label = "site_search"
    default_auto_field = "django.db.models.BigAutoField"
