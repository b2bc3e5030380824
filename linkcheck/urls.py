"""Admin URLs of the Link health report (mounted through the register_admin_urls hook)."""

from django.urls import path

from linkcheck import views

app_name = "linkcheck"

urlpatterns = [
    path("", views.LinkReportView.as_view(), name="report"),
    path("results/", views.LinkReportView.as_view(results_only=True), name="report_results"),
    path("<int:link_id>/", views.link_detail, name="link"),
    path("<int:link_id>/recheck/", views.recheck, name="recheck"),
    path("<int:link_id>/unlink/", views.unlink, name="unlink"),
    path("<int:link_id>/replace/", views.replace, name="replace"),
    path("<int:link_id>/convert/", views.convert, name="convert"),
    path("<int:link_id>/ignore/", views.ignore, name="ignore"),
]
