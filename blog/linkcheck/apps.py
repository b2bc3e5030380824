from django.apps import AppConfig


class LinkcheckConfig(AppConfig):
    """Link hygiene: placeholder spam cleaning and broken-link checking."""

    name = "blog.linkcheck"
    label = "linkcheck"
    verbose_name = "Link health"
    default_auto_field = "django.db.models.BigAutoField"
