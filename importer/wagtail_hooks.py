"""Registration only: the Import posts view, the import log report and their menu items."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from importer import views


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_import(request.user)


@hooks.register("register_admin_urls")
def register_importer_urls():
    return [
        path("import-posts/", views.import_view, name="importer_import"),
        path("reports/imports/", views.ImportReportView.as_view(), name="importer_report"),
        path(
            "reports/imports/results/",
            views.ImportReportView.as_view(results_only=True),
            name="importer_report_results",
        ),
    ]


@hooks.register("register_settings_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import posts"), reverse("importer_import"), icon_name="upload", order=900
    )


@hooks.register("register_reports_menu_item")
def register_import_report_menu_item():
    return ImportMenuItem(
        _("Import log"), reverse("importer_report"), icon_name="download", order=910
    )
