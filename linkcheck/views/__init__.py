"""Admin views: the Link health report (report.py), and one link with its fixes (link.py)."""

from linkcheck.views.link import convert, ignore, link_detail, recheck, replace, unlink
from linkcheck.views.report import LinkReportView

__all__ = ["LinkReportView", "convert", "ignore", "link_detail", "recheck", "replace", "unlink"]
