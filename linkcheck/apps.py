from django.apps import AppConfig


class LinkcheckConfig(AppConfig):
    """Link hygiene: placeholder spam cleaning and broken-link checking."""

    name = "linkcheck"
    label = "linkcheck"
    verbose_name = "Link health"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
