"""Registration only: snippets, admin views and hooks for the blog app."""

from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.snippets.models import register_snippet

from .linkcheck.cleaning import ACTION as CLEAN_ACTION
from .linkcheck.cleaning import clean_version
from .linkcheck.cleaning_report import CleaningLogFormatter, CleaningReportView
from .linkcheck.save_handlers import clean_after_save
from .revisions import AUTOMATIC_EDITS_HOOK
from .views import AuthorViewSet
from .visibility import is_expired

register_snippet(AuthorViewSet)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def register_page_cleaning(request, page):
    clean_after_save(request, page)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def register_snippet_cleaning(request, instance):
    if hasattr(instance, "save_revision"):
        clean_after_save(request, instance)


@hooks.register("before_serve_page")
def register_expired_page_404(page, request, serve_args, serve_kwargs):
    # Wagtail still serves a page past its expiry time until publish_scheduled unpublishes it.
    if is_expired(page):
        raise Http404


@hooks.register("register_log_actions")
def register_cleaning_log_action(actions):
    actions.register_action(CLEAN_ACTION)(CleaningLogFormatter)


@hooks.register(AUTOMATIC_EDITS_HOOK)
def register_placeholder_cleaning(version):
    return clean_version(version)


@hooks.register("register_admin_urls")
def register_cleaning_report_urls():
    return [
        path(
            "reports/placeholder-cleanings/",
            CleaningReportView.as_view(),
            name="skincare_cleaning_report",
        ),
        path(
            "reports/placeholder-cleanings/results/",
            CleaningReportView.as_view(results_only=True),
            name="skincare_cleaning_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_cleaning_report_menu_item():
    return AdminOnlyMenuItem(
        _("Placeholder cleanings"),
        reverse("skincare_cleaning_report"),
        icon_name="warning",
        order=900,
    )
