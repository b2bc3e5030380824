"""The sitemap: an index of paginated sitemaps of the pages a reader of the request's site may
see and search engines may index (Django's sitemap index and section views, through Wagtail's
wrappers)."""

from __future__ import annotations

from django.db.models import Max
from django.db.models.functions import Coalesce
from wagtail.contrib.sitemaps import Sitemap

from pages.models import indexable

from .conf import blog_setting
from .visibility import request_site, visible_pages


class VisibleSitemap(Sitemap):
    """Wagtail's sitemap under blog.visibility's rule, in pages of SKINCARE_BLOG_SITEMAP_LIMIT
    URLs: each page costs the same few queries (a count, the page's rows, and one per page
    type among them), whatever the size of the site."""

    @property
    def limit(self) -> int:
        return blog_setting("SKINCARE_BLOG_SITEMAP_LIMIT")

    def get_wagtail_site(self):
        # The per-generation cached lookup (Wagtail's own falls back to the default site).
        return request_site(self.request) or super().get_wagtail_site()

    def visible(self):
        """Public pages of the site (no drafts, expired or restricted pages, none of another
        Site's) that do not ask search engines to stay away (noindex)."""
        site = self.get_wagtail_site()
        return indexable(visible_pages(site.root_page.get_descendants(inclusive=True), site))

    def items(self):
        return self.visible().order_by("path").defer_streamfields().specific()

    def get_latest_lastmod(self):
        """For the index: one aggregate, where Django's default reads every item."""
        latest = self.visible().aggregate(
            latest=Max(Coalesce("last_published_at", "latest_revision_created_at"))
        )
        return latest["latest"]
