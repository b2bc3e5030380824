from django.apps import AppConfig


class ImporterConfig(AppConfig):
    """Imports legacy posts (text, HTML, Markdown, .docx, WordPress WXR) as typed drafts."""

    name = "importer"
    default_auto_field = "django.db.models.BigAutoField"
