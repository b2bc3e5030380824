"""Registration only: snippets, admin views and hooks for the blog app."""

from django.http import Http404
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .documents import refuse_unpublished_document
from .links import CachedPageLinkHandler
from .views import AuthorViewSet
from .visibility import is_expired

register_snippet(AuthorViewSet)


@hooks.register("before_serve_page")
def register_expired_page_404(page, request, serve_args, serve_kwargs):
    # Wagtail still serves a page past its expiry time until publish_scheduled unpublishes it.
    if is_expired(page):
        raise Http404


@hooks.register("before_serve_document")
def register_unpublished_document_404(document, request):
    # Only documents that a page readers can see uses are public (blog.documents).
    refuse_unpublished_document(document, request)


# After Wagtail's own registration (order 0), which this replaces for the "page" link type.
@hooks.register("register_rich_text_features", order=100)
def register_cached_page_links(features):
    features.register_link_type(CachedPageLinkHandler)
