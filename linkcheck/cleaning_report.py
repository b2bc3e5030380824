"""Admin report of every placeholder cleaning: page, when, what was removed, revision diff."""

from __future__ import annotations

import datetime

import django_filters
from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import LogFormatter
from wagtail.models import PageLogEntry
from wagtail.permission_policies.pages import PagePermissionPolicy

from .cleaning import ACTION, shorten, unique_texts


class CleaningReportFilterSet(WagtailFilterSet):
    timestamp = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    label = django_filters.CharFilter(label=_("Page title"), lookup_expr="icontains")
    removed = django_filters.CharFilter(label=_("Removed text contains"), method="filter_removed")

    def filter_removed(self, queryset, name, value):
        # JSON data is stored as text on every backend we support; a substring match is enough.
        return queryset.filter(data__icontains=value)

    class Meta:
        model = PageLogEntry
        fields = ["timestamp", "label", "removed"]


def _revision_url(entry, name: str, *revision_ids) -> str:
    """An admin revision URL (compare, revert) for the page or snippet a log entry is about."""
    if isinstance(entry, PageLogEntry):
        return reverse(f"wagtailadmin_pages:{name}", args=(entry.page_id, *revision_ids))
    model = entry.content_type.model_class() if entry.content_type_id else None
    viewset = getattr(model, "snippet_viewset", None)
    if viewset is None:
        return ""
    return reverse(viewset.get_url_name(name), args=(quote(entry.object_id), *revision_ids))


def compare_url(entry) -> str:
    """The comparison of the revisions before and after a cleaning."""
    data = entry.data or {}
    before, after = data.get("revision_before"), data.get("revision_after")
    if not (before and after):
        return ""
    return _revision_url(entry, "revisions_compare", before, after)


def revert_url(entry) -> str:
    """Where an editor reviews and restores the revision from before a cleaning."""
    before = (entry.data or {}).get("revision_before")
    return _revision_url(entry, "revisions_revert", before) if before else ""


def removed_texts(entry) -> list[str]:
    data = entry.data or {}
    return unique_texts(data.get("changes", []) + data.get("draft_changes", []))


class CleaningLogFormatter(LogFormatter):
    """The history row of a cleaning: what was removed, with links to compare and revert.

    The links go in the comment: Wagtail passes the message through capfirst, which drops the
    safe-string mark and escapes them, while the comment is rendered as given.
    """

    label = _("Remove placeholder spam")

    def format_message(self, log_entry):
        texts = ", ".join(f"“{shorten(text)}”" for text in removed_texts(log_entry))
        return _("Placeholder spam removed: %(texts)s") % {"texts": texts}

    def format_comment(self, log_entry):
        links = [
            (url, label)
            for url, label in (
                (compare_url(log_entry), _("Compare with the version before cleaning")),
                (revert_url(log_entry), _("Revert to the version before cleaning")),
            )
            if url
        ]
        return format_html_join(" · ", '<a href="{}">{}</a>', links)


class CleaningReportView(ReportView):
    """Every automatic placeholder cleaning, newest first; CSV and XLSX export."""

    page_title = _("Placeholder cleanings")
    header_icon = "warning"
    results_template_name = "linkcheck/cleaning_report_results.html"
    filterset_class = CleaningReportFilterSet
    index_url_name = "skincare_cleaning_report"
    index_results_url_name = "skincare_cleaning_report_results"
    any_permission_required = ["add", "change", "publish"]
    permission_policy = PagePermissionPolicy()
    list_export = ["page_id", "label", "timestamp", "user_display_name", "removed", "compare"]
    export_headings = {
        "page_id": _("Page ID"),
        "label": _("Page"),
        "timestamp": _("Cleaned at"),
        "user_display_name": _("Triggered by"),
        "removed": _("Removed"),
        "compare": _("Revision comparison"),
    }

    def get_filename(self):
        return f"placeholder-cleanings-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return (
            PageLogEntry.objects.filter(action=ACTION)
            .select_related("user", "page")
            .order_by("-timestamp", "-pk")
        )

    def decorate_paginated_queryset(self, object_list):
        base = self.request.build_absolute_uri("/")[:-1]
        for entry in object_list:
            entry.removed = " | ".join(removed_texts(entry))
            entry.removed_list = removed_texts(entry)
            entry.compare_path = compare_url(entry)
            entry.compare = base + entry.compare_path if entry.compare_path else ""
        return object_list

    def as_spreadsheet(self, queryset, spreadsheet_format):
        return super().as_spreadsheet(
            self.decorate_paginated_queryset(list(queryset)), spreadsheet_format
        )
