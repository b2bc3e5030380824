"""Admin UI components: the dashboard's link health summary and the report's menu item."""

from __future__ import annotations

from django.urls import reverse
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from linkcheck.models import LINK_STATUS_CHOICES, PROBLEM_STATUSES
from linkcheck.permissions import can_see_report
from linkcheck.service import status_summary


class LinkHealthPanel(Component):
    """Counts of links by status, each linking to the report filtered by it."""

    name = "link_health"
    template_name = "linkcheck/dashboard_panel.html"
    order = 250

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        counts = status_summary()
        report = reverse("linkcheck:report")
        problems = {str(status) for status in PROBLEM_STATUSES}
        context["rows"] = [
            {
                "status": value,
                "label": label,
                "count": counts.get(value, 0),
                "problem": value in problems,
                "url": f"{report}?status={value}",
            }
            for value, label in LINK_STATUS_CHOICES
            if counts.get(value)
        ]
        context["total"] = sum(counts.values())
        context["report_url"] = report
        return context


class LinkHealthMenuItem(MenuItem):
    """Shown to users who can edit or publish some page."""

    def is_shown(self, request):
        return can_see_report(request.user)
