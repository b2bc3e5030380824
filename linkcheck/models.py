"""Link-check results: one row per unique URL with its check history, one row per link found."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from linkcheck.checker.status import LinkStatus

STATUS_CHOICES = [(str(status), str(status).capitalize()) for status in LinkStatus]
PENDING = "pending"  # found but not checked yet
LINK_STATUS_CHOICES = [(PENDING, _("Not checked yet")), *STATUS_CHOICES]
# Statuses that need an editor's attention (ok links can still carry an issue).
PROBLEM_STATUSES = (
    LinkStatus.BROKEN,
    LinkStatus.REDIRECTED,
    LinkStatus.UNVERIFIABLE,
    LinkStatus.TEMPORARY,
    LinkStatus.REFUSED,
    LinkStatus.INVALID,
)


class CheckedUrlQuerySet(models.QuerySet):
    """Unique URLs, with the scheduling filters the checker runs on."""

    def in_use(self):
        """URLs that at least one stored link points at."""
        return self.filter(models.Exists(Link.objects.filter(checked_url=models.OuterRef("pk"))))

    def due(self, now):
        """URLs used somewhere whose next check has come (never-checked ones first)."""
        return (
            self.in_use()
            .filter(Q(next_check_at__isnull=True) | Q(next_check_at__lte=now))
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
            .order_by(models.F("next_check_at").asc(nulls_first=True), "pk")
        )


class CheckedUrl(models.Model):
    """One external URL, checked once however many pages link to it."""

    url = models.TextField(unique=True)
    host = models.CharField(max_length=255, db_index=True)
    status = models.CharField(max_length=20, choices=LINK_STATUS_CHOICES, default=PENDING)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    final_url = models.TextField(blank=True)
    # For a permanent redirect: the URL the page should link to instead.
    suggested_url = models.TextField(blank=True)
    reason = models.TextField(blank=True)
    failures = models.PositiveIntegerField(default=0)
    failing_since = models.DateTimeField(null=True, blank=True)
    last_checked_at = models.DateTimeField(null=True, blank=True)
    next_check_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # A run's lease on the URL, so overlapping runs (cron, workers) never check it twice.
    claimed_by = models.CharField(max_length=40, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)

    objects = CheckedUrlQuerySet.as_manager()

    class Meta:
        verbose_name = _("checked URL")
        verbose_name_plural = _("checked URLs")

    def __str__(self) -> str:
        return self.url


class UrlCheck(models.Model):
    """One check of one URL: the history behind its status."""

    checked_url = models.ForeignKey(CheckedUrl, on_delete=models.CASCADE, related_name="checks")
    checked_at = models.DateTimeField(db_index=True)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    final_url = models.TextField(blank=True)
    reason = models.TextField(blank=True)
    elapsed_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-checked_at", "-pk"]
        verbose_name = _("URL check")

    def __str__(self) -> str:
        return f"{self.checked_url_id} {self.status} at {self.checked_at:%Y-%m-%d %H:%M}"


class Link(models.Model):
    """One link found in one version (live or draft) of a page or author profile."""

    class Version(models.TextChoices):
        LIVE = "live", _("Live")
        DRAFT = "draft", _("Draft")

    class Kind(models.TextChoices):
        EXTERNAL = "external", _("External URL")
        PAGE = "page", _("Page")
        DOCUMENT = "document", _("Document")
        IMAGE = "image", _("Image")

    class Issue(models.TextChoices):
        NONE = "", _("None")
        PAGE_DELETED = "page_deleted", _("Page deleted")
        PAGE_UNPUBLISHED = "page_unpublished", _("Page unpublished")
        PAGE_PRIVATE = "page_private", _("Private page linked from a public page")
        DOCUMENT_MISSING = "document_missing", _("Document deleted")
        DOCUMENT_FILE_MISSING = "document_file_missing", _("Document file missing")
        IMAGE_MISSING = "image_missing", _("Image deleted")
        IMAGE_FILE_MISSING = "image_file_missing", _("Image file missing")
        SAME_SITE_URL = "same_site_url", _("Absolute URL to this site: use a page link")
        NO_SUCH_PAGE = "no_such_page", _("No page at this address on this site")

    # Exactly one owner: a page or an author profile.
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(
        "blog.Author", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    version = models.CharField(max_length=5, choices=Version.choices, default=Version.LIVE)
    field = models.CharField(max_length=100)
    path = models.CharField(max_length=255, blank=True)
    source = models.CharField(max_length=30)  # richtext, url_field, url_block, citation_doi ...
    kind = models.CharField(max_length=10, choices=Kind.choices)
    url = models.TextField(blank=True)  # the URL as written (external and same-site links)
    target_id = models.PositiveIntegerField(null=True, blank=True)  # page, document or image id
    text = models.CharField(max_length=500, blank=True)
    checked_url = models.ForeignKey(
        CheckedUrl, null=True, blank=True, on_delete=models.SET_NULL, related_name="links"
    )
    status = models.CharField(
        max_length=20, choices=LINK_STATUS_CHOICES, default=PENDING, db_index=True
    )
    issue = models.CharField(max_length=30, choices=Issue.choices, blank=True, db_index=True)
    reason = models.TextField(blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    found_at = models.DateTimeField(auto_now_add=True)
    ignored = models.BooleanField(default=False, db_index=True)
    ignored_reason = models.TextField(blank=True)
    ignored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ignored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["page_id", "author_id", "version", "field", "path", "pk"]
        verbose_name = _("link")
        constraints = [
            models.CheckConstraint(
                condition=Q(page__isnull=False, author__isnull=True)
                | Q(page__isnull=True, author__isnull=False),
                name="linkcheck_link_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.url or f"{self.kind} #{self.target_id}"

    @property
    def owner(self):
        return self.page if self.page_id else self.author
