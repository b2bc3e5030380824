"""Admin report of every placeholder cleaning: page, when, what was removed, revision diff."""

from __future__ import annotations

import datetime

import django_filters
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.models import PageLogEntry
from wagtail.permission_policies.pages import PagePermissionPolicy

from .cleaning import ACTION


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


def compare_url(entry) -> str:
    data = entry.data or {}
    before, after = data.get("revision_before"), data.get("revision_after")
    if not (before and after):
        return ""
    return reverse("wagtailadmin_pages:revisions_compare", args=(entry.page_id, before, after))


def removed_texts(entry) -> list[str]:
    data = entry.data or {}
    seen: list[str] = []
    for record in data.get("changes", []) + data.get("draft_changes", []):
        if record.get("text") not in seen:
            seen.append(record.get("text"))
    return seen


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
