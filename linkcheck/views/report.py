"""The Link health report: filters, columns, CSV/XLSX export, and what each row offers."""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from blog.models import ArticleAuthor, Author
from linkcheck.extract import REPLACEABLE, Kind, Source
from linkcheck.locations import describe_location
from linkcheck.models import LINK_STATUS_CHOICES, Link, UrlCheck
from linkcheck.permissions import can_edit_owner, can_fix, can_see_report, visible_to
from linkcheck.problems import problem_links

RECENT_CHECKS = 5


class LinkFilterSet(WagtailFilterSet):
    """Filters of the Link health report."""

    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=LINK_STATUS_CHOICES)
    issue = django_filters.ChoiceFilter(label=gettext_lazy("Issue"), choices=Link.Issue.choices)
    host = django_filters.CharFilter(
        label=gettext_lazy("Host"), field_name="checked_url__host", lookup_expr="icontains"
    )
    author = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Author"),
        queryset=Author.objects.order_by("name"),
        method="filter_author",
    )
    version = django_filters.ChoiceFilter(
        label=gettext_lazy("Version"), choices=Link.Version.choices
    )
    page = django_filters.NumberFilter(label=gettext_lazy("Page id"), field_name="page_id")

    class Meta:
        model = Link
        fields = ["status", "issue", "host", "author", "version", "page"]

    def filter_author(self, queryset, name, value):
        """Links on the author's own profile and on the pages they wrote."""
        pages = ArticleAuthor.objects.filter(author=value).values("page_id")
        return queryset.filter(Q(author=value) | Q(page__in=pages))


class LinkReportView(ReportView):
    """Every problem link, with where it is, what was found and the fixes."""

    page_title = gettext_lazy("Link health")
    header_icon = "link"
    results_template_name = "linkcheck/report_results.html"
    index_url_name = "linkcheck:report"
    index_results_url_name = "linkcheck:report_results"
    filterset_class = LinkFilterSet
    paginate_by = 50
    list_export = [
        "owner_label",
        "version",
        "where",
        "text",
        "target_label",
        "status",
        "issue",
        "http_status",
        "final_url",
        "reason",
        "checked_at",
    ]
    export_headings = {
        "owner_label": gettext_lazy("Page or author"),
        "version": gettext_lazy("Version"),
        "where": gettext_lazy("Where"),
        "text": gettext_lazy("Anchor text"),
        "target_label": gettext_lazy("Link"),
        "status": gettext_lazy("Status"),
        "issue": gettext_lazy("Issue"),
        "http_status": gettext_lazy("HTTP status"),
        "final_url": gettext_lazy("Final URL"),
        "reason": gettext_lazy("Reason"),
        "checked_at": gettext_lazy("Last checked"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_see_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        recent = UrlCheck.objects.order_by("-checked_at", "-pk")[:RECENT_CHECKS]
        return (
            visible_to(self.request.user, problem_links())
            .select_related("page", "author", "checked_url")
            .prefetch_related(
                Prefetch("checked_url__checks", queryset=recent, to_attr="recent_checks")
            )
            .order_by("status", "page__title", "author__name", "pk")
        )

    def decorate_paginated_queryset(self, object_list):
        for link in object_list:
            decorate(link, self.request.user)
        return object_list

    def to_row_dict(self, item):
        decorate(item, self.request.user)
        return super().to_row_dict(item)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next_url"] = self.request.get_full_path()
        return context


def decorate(link: Link, user) -> Link:
    """Attach what the templates and the CSV show (labels and which fixes are offered)."""
    link.owner_label = link.page.title if link.page_id else f"{link.author.name} (author)"
    link.edit_url = (
        reverse("wagtailadmin_pages:edit", args=[link.page_id])
        if link.page_id
        else reverse("wagtailsnippets_blog_author:edit", args=[link.author_id])
    )
    link.target_label = link.url or f"{link.kind} #{link.target_id}"
    owner_model = link.page.specific_class if link.page_id else Author
    link.where = describe_location(owner_model or Page, link.field, link.path)
    link.http_status = link.checked_url.http_status if link.checked_url_id else None
    link.final_url = link.checked_url.final_url if link.checked_url_id else ""
    link.suggested_url = link.checked_url.suggested_url if link.checked_url_id else ""
    fixable = can_fix(user, link)
    link.can_recheck = can_edit_owner(user, link)
    link.can_unlink = fixable and link.source == Source.RICHTEXT
    link.can_replace = fixable and link.kind == Kind.EXTERNAL and link.source in REPLACEABLE
    link.can_convert = (
        fixable and link.source == Source.RICHTEXT and link.issue == Link.Issue.SAME_SITE_URL
    )
    return link
