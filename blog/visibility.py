"""What a reader may see: live, public, unexpired pages of the Wagtail Site they are reading.

The one rule behind every public surface: the HTML site (home, index, tag and author
filters, related posts, feeds, sitemap, site search), Wagtail's API v2 and `/api/v1/`
(`blog.representation.queries.public_pages`, the same rule with the site's root and
restricted paths taken from the per-generation SiteScope). View restrictions are the
generation's restricted paths (`privacy()`), excluded by path prefix.
`blog.models.live_posts(site)` is the queryset of posts built on it.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField, Model, Q, QuerySet
from django.db.models.functions import Cast, Now
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.query import PageQuerySet

from .representation.generation import Generation, current_generation
from .routing import cached_site


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


def privacy() -> Generation:
    """Where view restrictions apply (`restricted` and `aliases` paths), as recorded by the
    current content generation: saving or deleting a restriction starts a new one."""
    return current_generation()


def restricted_paths() -> tuple[str, ...]:
    """Paths of the restricted pages, outermost only: a page is private when its path starts
    with one. Listings exclude them with plain LIKEs, or no clause at all when there are none:
    cheaper than Wagtail's PageQuerySet.public(), which lists the restrictions on every call,
    or a correlated EXISTS per row."""
    return privacy().restricted


def is_restricted(path: str, paths: tuple[str, ...]) -> bool:
    """Whether the page at `path` is at or below one of the restricted `paths`."""
    return any(path.startswith(prefix) for prefix in paths)


def exclude_restricted(pages: QuerySet, paths: tuple[str, ...]) -> QuerySet:
    """`pages` without those at or below a restricted path (treebeard paths are [0-9A-Z]: no
    LIKE wildcards inside)."""
    for path in paths:
        pages = pages.exclude(path__startswith=path)
    return pages


def published_pages(pages: PageQuerySet) -> PageQuerySet:
    """Live, public, unexpired pages of any site (site-independent work: commands, tests)."""
    return exclude_restricted(live_pages(pages), restricted_paths())


def visible_pages(pages: PageQuerySet, site: Site | None) -> PageQuerySet:
    """`pages` narrowed to what a reader of `site` may see (nothing without a site)."""
    if site is None:
        return pages.none()
    return published_pages(pages).filter(path__startswith=site.root_page.path)


class ViewRestrictionsMixin:
    """Page.get_view_restrictions() without queries for a page no restriction covers.

    Wagtail's serving hook asks every served page for its restrictions: two queries (the
    ancestors, then their restrictions). Restrictions apply by path, except through aliases,
    which take their source's: a page that is or sits under an alias, or under a restricted
    path, is left to Wagtail.
    """

    def get_view_restrictions(self):
        known = privacy()
        if self.alias_of_id is None and not is_restricted(
            self.path, (*known.restricted, *known.aliases)
        ):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def request_site(request: HttpRequest | None) -> Site | None:
    """The Wagtail Site a request is for (Site.find_for_request, cached per generation)."""
    return cached_site(request) if request is not None else None


def _references(model: type[Model]) -> QuerySet:
    """Wagtail's reference index rows from pages to `model`'s objects."""
    return ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(model),
    )


def media_used_on(model: type[Model], pages: PageQuerySet) -> QuerySet:
    """Images or documents (`model`) that `pages` use, per Wagtail's reference index.

    The index records what each page's row holds, i.e. its live content once published, so a
    file only a draft or a pending revision uses is not included. The index is refreshed by a
    task after each save (inline in the embedded default, by the worker in production).
    """
    page_ids = pages.order_by().annotate(ref_id=Cast("pk", CharField())).values("ref_id")
    used = (
        _references(model)
        .filter(object_id__in=page_ids)
        .annotate(media_id=Cast("to_object_id", IntegerField()))
        .values("media_id")
    )
    return model._default_manager.filter(pk__in=used)


def pages_using(media: Model, pages: PageQuerySet) -> PageQuerySet:
    """Those of `pages` that use the image or document `media` (the reverse of the above)."""
    using = (
        _references(type(media))
        .filter(to_object_id=str(media.pk))
        .annotate(page_id=Cast("object_id", IntegerField()))
        .values("page_id")
    )
    return pages.filter(pk__in=using)
