"""RSS 2.0 and Atom feeds of the latest live, public posts of the request's site."""

from __future__ import annotations

import re
from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from wagtail.models import Site

from pages.models import SiteSettings

from .conf import blog_setting
from .models import ArticlePage, live_posts

# Characters XML 1.0 cannot carry: one in a title or summary made the whole feed a 500.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def feed_text(text: str | None) -> str:
    """Plain text that fits in XML."""
    return _NOT_XML.sub("", text or "")


class LatestPostsFeed(Feed):
    """The newest posts, with summary, authors and tags."""

    feed_type = Rss201rev2Feed

    def get_object(self, request: HttpRequest, *args, **kwargs) -> Site:
        site = Site.find_for_request(request)
        if site is None:
            raise Http404("No site is configured for this host.")
        return site

    def title(self, site: Site) -> str:
        return site.site_name or site.root_page.title

    def link(self, site: Site) -> str:
        return site.root_url + "/"

    def description(self, site: Site) -> str:
        tagline = (
            SiteSettings.objects.filter(site=site).values_list("tagline", flat=True).first() or ""
        )
        return tagline or f"Latest posts from {self.title(site)}"

    def items(self, site: Site):
        limit = blog_setting("SKINCARE_BLOG_FEED_ITEMS")
        return live_posts(site).prefetch_related("tags")[:limit]

    def item_title(self, item: ArticlePage) -> str:
        return feed_text(item.title)

    def item_description(self, item: ArticlePage) -> str:
        # RSS <description> and Atom <summary type="html"> hold HTML that readers render after
        # un-escaping the XML. The summary is plain text, so it is escaped as HTML here and
        # Django escapes it once more for XML: "<script>" reaches the reader as text.
        return escape(feed_text(item.summary or item.dek))

    def item_link(self, item: ArticlePage) -> str:
        return item.get_full_url()

    def item_guid(self, item: ArticlePage) -> str:
        return item.get_full_url()

    def item_pubdate(self, item: ArticlePage) -> datetime | None:
        if item.published_date:
            return timezone.make_aware(datetime.combine(item.published_date, time(9)))
        return item.first_published_at

    def item_updateddate(self, item: ArticlePage) -> datetime | None:
        if item.updated_date:
            return timezone.make_aware(datetime.combine(item.updated_date, time(9)))
        return item.last_published_at

    def item_author_name(self, item: ArticlePage) -> str:
        return feed_text(
            ", ".join(a.author.name for a in item.article_authors.all() if a.author.live)
        )

    def item_categories(self, item: ArticlePage) -> list[str]:
        return sorted(tag.name for tag in item.tags.all())


class LatestPostsAtomFeed(LatestPostsFeed):
    """The same feed in Atom 1.0."""

    feed_type = Atom1Feed

    def subtitle(self, site: Site) -> str:
        return self.description(site)
