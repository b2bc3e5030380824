"""Registration only: the Link health and placeholder-cleaning reports, their admin URLs, log
actions, the cleaner on every save and publish, and editor hints."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.admin.widgets import Button

from linkcheck import fixes, urls
from linkcheck.cleaning import ACTION as CLEAN_ACTION
from linkcheck.cleaning import clean_version
from linkcheck.cleaning_report import CleaningLogFormatter, CleaningReportView
from linkcheck.components import LinkHealthMenuItem, LinkHealthPanel
from linkcheck.hints import warn_author_link_problems, warn_page_link_problems
from linkcheck.permissions import can_see_report
from linkcheck.save_handlers import clean_after_save
from pages.revisions import AUTOMATIC_EDITS_HOOK


@hooks.register("register_admin_urls")
def register_link_health_urls():
    return [path("reports/link-health/", include(urls, namespace="linkcheck"))]


@hooks.register("register_reports_menu_item")
def register_link_health_menu_item():
    return LinkHealthMenuItem(
        _("Link health"), reverse("linkcheck:report"), icon_name="link", order=850
    )


@hooks.register("register_log_actions")
def register_link_fix_log_actions(actions):
    actions.register_action(fixes.UNLINK, _("Unlink a problem link"), _("Link removed"))
    actions.register_action(fixes.REPLACE_URL, _("Replace a link's URL"), _("Link URL replaced"))
    actions.register_action(
        fixes.CONVERT, _("Convert a URL to a page link"), _("URL converted to a page link")
    )
    actions.register_action(fixes.IGNORE, _("Ignore a problem link"), _("Link problem ignored"))


@hooks.register("construct_homepage_panels")
def register_link_health_panel(request, panels):
    if can_see_report(request.user):
        panels.append(LinkHealthPanel())


@hooks.register("before_edit_page")
def register_link_problem_warning(request, page):
    warn_page_link_problems(request, page)


@hooks.register("before_edit_snippet")
def register_author_link_problem_warning(request, instance):
    if instance._meta.label == "blog.Author":
        warn_author_link_problems(request, instance)


@hooks.register("register_page_header_buttons")
def register_link_health_button(page, user, view_name, next_url=None):
    if not can_see_report(user):
        return
    yield Button(
        _("Link health"),
        reverse("linkcheck:report") + f"?page={page.pk}",
        icon_name="link",
        priority=90,
    )


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def register_page_cleaning(request, page):
    clean_after_save(request, page)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def register_snippet_cleaning(request, instance):
    if hasattr(instance, "save_revision"):
        clean_after_save(request, instance)


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
