"""RSS 2.0 and Atom feeds of the latest live, public posts of the request's site."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Site

from pages.models import SiteSettings

from .conf import blog_setting
from .feed_content import FeedAuthor, entry_contents, feed_authors
from .feed_formats import FullContentAtomFeed, FullContentRssFeed
from .models import ArticlePage, live_posts
from .representation.scope import SiteScope, site_scope

# Characters XML 1.0 cannot carry: one in a title or summary made the whole feed a 500.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# The time of day a post dated only by the editor is placed at, in the site's time zone.
DATED_AT = time(9)


def feed_text(text: str | None) -> str:
    """Plain text that fits in XML."""
    return _NOT_XML.sub("", text or "")


def moment(day: date | None, exact: datetime | None) -> datetime | None:
    """The instant for an editor's date: the publish time itself when it fell on that day,
    else the day at DATED_AT; `exact` when there is no date."""
    if day is None:
        return exact
    if exact is not None and timezone.localdate(exact) == day:
        return exact
    return timezone.make_aware(datetime.combine(day, DATED_AT))


@dataclass(frozen=True)
class FeedSource:
    site: Site
    scope: SiteScope | None
    request: HttpRequest


class LatestPostsFeed(Feed):
    """The newest posts, with summary, full content, every author and tags."""

    feed_type = FullContentRssFeed

    def get_object(self, request: HttpRequest, *args, **kwargs) -> FeedSource:
        site = Site.find_for_request(request)
        if site is None:
            raise Http404("No site is configured for this host.")
        return FeedSource(site, site_scope(request), request)

    def title(self, source: FeedSource) -> str:
        return source.site.site_name or source.site.root_page.title

    def link(self, source: FeedSource) -> str:
        return source.site.root_url + "/"

    def description(self, source: FeedSource) -> str:
        if source.scope is not None:
            tagline = source.scope.tagline
        else:
            tagline = (
                SiteSettings.objects.filter(site=source.site)
                .values_list("tagline", flat=True)
                .first()
            )
        return tagline or f"Latest posts from {self.title(source)}"

    def items(self, source: FeedSource) -> list[ArticlePage]:
        limit = blog_setting("SKINCARE_BLOG_FEED_ITEMS")
        posts = list(live_posts(source.site).prefetch_related("tags")[:limit])
        contents = entry_contents(posts, source.scope, source.request)
        byline = _("%(site)s editorial team") % {"site": self.title(source)}
        for post in posts:
            # Carried on the row: Feed asks for item_* with the item alone.
            post.feed_content = feed_text(contents[post.pk])
            authors = feed_authors(post, source.scope) or [FeedAuthor(byline, None)]
            post.feed_authors = [FeedAuthor(feed_text(a.name), a.url) for a in authors]
        return posts

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
        return moment(item.published_date, item.first_published_at)

    def item_updateddate(self, item: ArticlePage) -> datetime | None:
        # The editor's "updated" date, else the publication date: not last_published_at, which
        # moves on every republish (a typo fix, a bulk import, loading the demo).
        return (
            moment(item.updated_date, item.last_published_at)
            if item.updated_date
            else (self.item_pubdate(item))
        )

    def item_categories(self, item: ArticlePage) -> list[str]:
        return sorted(tag.name for tag in item.tags.all())

    def item_extra_kwargs(self, item: ArticlePage) -> dict:
        return {"content": item.feed_content, "authors": item.feed_authors}


class LatestPostsAtomFeed(LatestPostsFeed):
    """The same feed in Atom 1.0."""

    feed_type = FullContentAtomFeed

    def subtitle(self, source: FeedSource) -> str:
        return self.description(source)
