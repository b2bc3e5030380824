"""The sitemap: Wagtail's, limited to the pages a reader of the request's site may see."""

from __future__ import annotations

from wagtail.contrib.sitemaps import Sitemap

from .visibility import visible_pages


class VisibleSitemap(Sitemap):
    """Wagtail's sitemap without expired pages (the rest of the rule it already applies)."""

    def items(self):
        site = self.get_wagtail_site()
        return (
            visible_pages(site.root_page.get_descendants(inclusive=True), site)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
