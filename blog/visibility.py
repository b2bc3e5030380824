"""What a reader may see: live, public, unexpired pages of the Wagtail Site they are reading.

The one rule behind every public surface: the HTML site (home, index, tag and author
filters, related posts, feeds, sitemap, site search), Wagtail's API v2 and `/api/v1/`
(`blog.representation.queries.public_pages`, which applies `live_pages` and takes the site and
its view restrictions from the per-generation SiteScope instead of `in_site()` and `public()`).
`blog.models.live_posts(site)` is the queryset of posts built on it.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, IntegerField, Model, OuterRef, Q, QuerySet
from django.db.models.functions import Cast, Length, Now, Substr
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.query import PageQuerySet


def not_expired() -> Q:
    """Pages whose expiry time has not passed.

    Wagtail only clears `live` when the publish_scheduled command runs; until then an expired
    page is still live, so readers' querysets check the time themselves.
    """
    return Q(expire_at__isnull=True) | Q(expire_at__gt=Now())


def is_expired(page: Page) -> bool:
    """not_expired() for one page already loaded (serving checks the page it routed to)."""
    return page.expire_at is not None and page.expire_at <= timezone.now()


def live_pages(pages: QuerySet) -> QuerySet:
    """Live, unexpired pages, public or not, of any site: what publishing shows."""
    return pages.filter(not_expired(), live=True)


def under_restriction() -> Exists:
    """True for a page at or below a page with a view restriction (password, login, groups).

    Wagtail's PageQuerySet.public() spends a query listing every restriction first; as a
    correlated NOT EXISTS the check rides along in the page query itself.
    """
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
    )


def published_pages(pages: PageQuerySet) -> PageQuerySet:
    """Live, public, unexpired pages of any site (site-independent work: commands, tests)."""
    return live_pages(pages).exclude(under_restriction())


def visible_pages(pages: PageQuerySet, site: Site | None) -> PageQuerySet:
    """`pages` narrowed to what a reader of `site` may see (nothing without a site)."""
    if site is None:
        return pages.none()
    return published_pages(pages).in_site(site)


def request_site(request: HttpRequest | None) -> Site | None:
    """The Wagtail Site a request is for (Wagtail caches it on the request)."""
    return Site.find_for_request(request) if request is not None else None


def media_used_on(model: type[Model], pages: PageQuerySet) -> QuerySet:
    """Images or documents (`model`) that `pages` use, per Wagtail's reference index.

    The index records what each page's row holds, i.e. its live content once published, so a
    file only a draft or a pending revision uses is not included. The index is refreshed by a
    task after each save (inline in the embedded default, by the worker in production).
    """
    page_ids = pages.order_by().annotate(ref_id=Cast("pk", CharField())).values("ref_id")
    used = (
        ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            to_content_type=ContentType.objects.get_for_model(model),
            object_id__in=page_ids,
        )
        .annotate(media_id=Cast("to_object_id", IntegerField()))
        .values("media_id")
    )
    return model._default_manager.filter(pk__in=used)
