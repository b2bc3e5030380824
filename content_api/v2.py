"""Wagtail's own API v2 (pages, images, documents) for generic Wagtail front ends.

Each endpoint answers only what a reader of the request's site may see (blog.visibility):
pages also hide expired ones, images and documents are limited to those used by such pages
(never one only a draft uses), and search text is made safe for every backend. Wagtail's
``?site=<host>`` would list another Site's pages from this host: it is refused unless it names
the request's own Site.
"""

from django.http import Http404
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page

from blog.visibility import media_used_on, not_expired, request_site, visible_pages
from pages.searchquery import search_text


class SafeSearchFilter(SearchFilter):
    """Wagtail's ?search= with the text cleaned first: a lone quote is an FTS5 syntax error."""

    def filter_queryset(self, request, queryset, view):
        if "search" in request.GET:
            params = request.GET.copy()
            params["search"] = search_text(params["search"])
            request._request.GET = params  # what request.GET and query_params read
        return super().filter_queryset(request, queryset, view)


def _safe_search(backends: list) -> list:
    return [SafeSearchFilter if backend is SearchFilter else backend for backend in backends]


class VisiblePagesAPIViewSet(PagesAPIViewSet):
    filter_backends = _safe_search(PagesAPIViewSet.filter_backends)

    def get_base_queryset(self):
        self.check_site_filter()
        # Wagtail's queryset is already live, public and in the site; expiry goes in as an id
        # subquery because search backends filter on indexed fields only.
        expired = Page.objects.exclude(not_expired()).values("pk")
        return super().get_base_queryset().exclude(pk__in=expired)

    def check_site_filter(self) -> None:
        """Allow ?site= only for the Site this host serves: the other Sites are not its to list
        (their own hosts answer for them)."""
        asked = self.request.GET.get("site")
        if not asked:
            return
        try:
            named = SiteFilterValidator(site=asked, request=self.request).site_obj
        except (ValueError, Http404):
            named = None
        own = request_site(self.request)
        if named is None or own is None or named.pk != own.pk:
            raise BadRequestError("site: only the site this host serves can be listed here")


class _UsedMediaMixin:
    """Only media that live, public, unexpired pages of the request's site use."""

    def get_queryset(self):
        pages = visible_pages(Page.objects.all(), request_site(self.request))
        return super().get_queryset().filter(pk__in=media_used_on(self.model, pages).values("pk"))


class VisibleImagesAPIViewSet(_UsedMediaMixin, ImagesAPIViewSet):
    filter_backends = _safe_search(ImagesAPIViewSet.filter_backends)


class VisibleDocumentsAPIViewSet(_UsedMediaMixin, DocumentsAPIViewSet):
    filter_backends = _safe_search(DocumentsAPIViewSet.filter_backends)


api_router = WagtailAPIRouter("wagtailapi_v2")
api_router.register_endpoint("pages", VisiblePagesAPIViewSet)
api_router.register_endpoint("images", VisibleImagesAPIViewSet)
api_router.register_endpoint("documents", VisibleDocumentsAPIViewSet)
