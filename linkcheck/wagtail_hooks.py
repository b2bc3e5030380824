"""Registration only: the Link health and placeholder-cleaning reports, their admin URLs, log
actions, the cleaner on every save and publish, and editor hints."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import AdminOnlyMenuItem, MenuItem
from wagtail.admin.widgets import Button

from linkcheck import fixes, urls
from linkcheck.cleaning import ACTION as CLEAN_ACTION
from linkcheck.cleaning import clean_version
from linkcheck.cleaning_report import CleaningLogFormatter, CleaningReportView
from linkcheck.components import LinkHealthPanel
from linkcheck.permissions import can_see_report
from linkcheck.problems import author_problem_count, page_problem_count
from linkcheck.save_handlers import clean_after_save
from pages.revisions import AUTOMATIC_EDITS_HOOK


class LinkHealthMenuItem(MenuItem):
    """Shown to users who can edit or publish some page."""

    def is_shown(self, request):
        return can_see_report(request.user)


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


def _warn_link_problems(request, count: int, report_url: str, *, on_author: bool) -> None:
    # Only on the GET that opens the editor: a POST redirects and would show it twice.
    if request.method != "GET" or not count:
        return
    if on_author:
        text = ngettext(
            "This author profile has %(n)d link problem.",
            "This author profile has %(n)d link problems.",
            count,
        )
    else:
        text = ngettext(
            "This page has %(n)d link problem.", "This page has %(n)d link problems.", count
        )
    messages.warning(
        request, text % {"n": count}, buttons=[messages.button(report_url, _("Review links"))]
    )


@hooks.register("before_edit_page")
def register_link_problem_warning(request, page):
    url = reverse("linkcheck:report") + f"?page={page.pk}"
    _warn_link_problems(request, page_problem_count(page), url, on_author=False)


@hooks.register("before_edit_snippet")
def register_author_link_problem_warning(request, instance):
    if instance._meta.label != "blog.Author":
        return
    url = reverse("linkcheck:report") + f"?author={instance.pk}"
    _warn_link_problems(request, author_problem_count(instance), url, on_author=True)


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
