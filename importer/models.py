"""The import log: which source became which page, so a re-import updates it."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ImportRecord(models.Model):
    """One imported source (a file, or a post of a WXR export) and the page it became."""

    source_key = models.CharField(
        max_length=255, unique=True, help_text=_("GUID, URL or content hash.")
    )
    source = models.CharField(max_length=500)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.ForeignKey(
        "blog.Author", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=20, default="article")
    title = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    log = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("import record")

    def __str__(self) -> str:
        return f"{self.source} -> {self.title}"

    @property
    def edit_path(self) -> str:
        """The admin edit URL of the page, for the import log and its export."""
        return reverse("wagtailadmin_pages:edit", args=[self.page_id]) if self.page_id else ""
