"""Admin views: the Link health report, one link's history, and the fix actions (POST only)."""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from blog.models import ArticleAuthor, Author
from linkcheck import fixes, service
from linkcheck.extract import REPLACEABLE, Kind, Source
from linkcheck.locations import describe_location
from linkcheck.models import LINK_STATUS_CHOICES, PROBLEM_STATUSES, Link, UrlCheck

RECENT_CHECKS = 5


def problem_links():
    """Links an editor should look at: not ignored, with a problem status or an issue."""
    return Link.objects.filter(ignored=False).filter(
        Q(status__in=[str(s) for s in PROBLEM_STATUSES]) | ~Q(issue="")
    )


def visible_to(user, queryset):
    """Restrict links to pages the user can edit and, with the permission, author profiles."""
    if user.is_superuser:
        return queryset
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    allowed = Q(page__in=pages.values("pk"))
    if user.has_perm("blog.change_author"):
        allowed |= Q(author__isnull=False)
    return queryset.filter(allowed)


# --- permissions for fixes -------------------------------------------------------------------


def can_edit_owner(user, link: Link) -> bool:
    """Whether the user may edit the page or author the link is on."""
    if link.page_id:
        return link.page.permissions_for_user(user).can_edit()
    return user.has_perm("blog.change_author")


def can_fix(user, link: Link) -> bool:
    """Editing content republishes a live version, so live objects need publish permission."""
    if not can_edit_owner(user, link):
        return False
    if link.page_id:
        page = link.page
        return not page.live or page.permissions_for_user(user).can_publish()
    return not link.author.live or user.has_perm("blog.publish_author")


# --- the report ------------------------------------------------------------------------------


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
        if not _can_see_report(request.user):
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


def _can_see_report(user) -> bool:
    policy = PagePermissionPolicy()
    return user.is_superuser or policy.user_has_any_permission(user, ["change", "publish"])


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


# --- one link --------------------------------------------------------------------------------


def link_detail(request: HttpRequest, link_id: int) -> HttpResponse:
    """One link: where it is, its check history, and every fix with its form."""
    link = get_object_or_404(
        Link.objects.select_related("page", "author", "checked_url"), pk=link_id
    )
    if not can_edit_owner(request.user, link):
        raise PermissionDenied
    decorate(link, request.user)
    history = list(link.checked_url.checks.all()[:50]) if link.checked_url_id else []
    return TemplateResponse(
        request,
        "linkcheck/link_detail.html",
        {
            "link": link,
            "history": history,
            "page_title": _("Link health"),
            "next_url": reverse("linkcheck:link", args=[link.pk]),
        },
    )


# --- actions ---------------------------------------------------------------------------------


def _action(request: HttpRequest, link_id: int, *, fix: bool) -> Link:
    link = get_object_or_404(
        Link.objects.select_related("page", "author", "checked_url"), pk=link_id
    )
    allowed = can_fix(request.user, link) if fix else can_edit_owner(request.user, link)
    if not allowed:
        raise PermissionDenied
    return link


def _back(request: HttpRequest) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("linkcheck:report")
    return HttpResponseRedirect(target)


def _revision_message(request, outcome, text: str) -> None:
    messages.success(
        request, text + " " + _("Saved as a new revision: revert it from the history.")
    )


@require_POST
def recheck(request: HttpRequest, link_id: int) -> HttpResponse:
    link = _action(request, link_id, fix=False)
    link = service.recheck_link(link)
    messages.success(
        request,
        _("Checked again: %(status)s. %(reason)s") % {"status": link.status, "reason": link.reason},
    )
    return _back(request)


@require_POST
def unlink(request: HttpRequest, link_id: int) -> HttpResponse:
    link = _action(request, link_id, fix=True)
    try:
        outcome = fixes.unlink(link, user=request.user)
    except fixes.FixNotPossible as err:
        messages.error(request, str(err))
        return _back(request)
    _revision_message(
        request, outcome, _("Removed the link, kept its text “%(text)s”.") % {"text": link.text}
    )
    return _back(request)


@require_POST
def replace(request: HttpRequest, link_id: int) -> HttpResponse:
    link = _action(request, link_id, fix=True)
    new_url = (request.POST.get("url") or "").strip()
    if not new_url and link.checked_url_id:
        new_url = link.checked_url.suggested_url  # one click for a permanent redirect
    try:
        if new_url:
            service.validate_url(new_url)
        outcome = fixes.replace_url(link, new_url, user=request.user)
    except (fixes.FixNotPossible, service.InvalidUrl) as err:
        messages.error(request, str(err))
        return _back(request)
    _revision_message(request, outcome, _("Link now points to %(url)s.") % {"url": new_url})
    return _back(request)


@require_POST
def convert(request: HttpRequest, link_id: int) -> HttpResponse:
    link = _action(request, link_id, fix=True)
    try:
        outcome = fixes.convert_to_page_link(link, user=request.user)
    except fixes.FixNotPossible as err:
        messages.error(request, str(err))
        return _back(request)
    _revision_message(request, outcome, _("Converted to a page link."))
    return _back(request)


@require_POST
def ignore(request: HttpRequest, link_id: int) -> HttpResponse:
    link = _action(request, link_id, fix=False)
    try:
        fixes.ignore(link, request.POST.get("reason", ""), user=request.user)
    except fixes.FixNotPossible as err:
        messages.error(request, str(err))
        return _back(request)
    messages.success(request, _("Ignored: it no longer appears in the report."))
    return _back(request)


def page_problem_count(page: Page) -> int:
    """Problem links on one page (the editor warning)."""
    return problem_links().filter(page_id=page.pk).count()


def author_problem_count(author) -> int:
    """Problem links on one author profile (the snippet editor warning)."""
    return problem_links().filter(author_id=author.pk).count()
