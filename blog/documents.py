"""Who may download a document from /documents/<id>/ (Wagtail's serve view).

Wagtail serves any document to anyone unless its collection has a view restriction. A document
uploaded for a draft would then be public before the draft is, and stay public after the page
that used it is unpublished. Here a document in an unrestricted collection is served only when a
page a reader of the request's Site may see uses it (Wagtail's reference index, as the API v2
documents endpoint decides: blog.visibility.media_used_on), or to a user who may edit or choose
it in the admin (editors previewing a draft), or to a reader whom every view restriction of a
live page using it lets in (a page password they gave, a login or group restriction they meet):
the page's own attachment is part of what they were let in to. A restricted collection keeps
Wagtail's own check.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .visibility import live_pages, media_used_on, pages_using, request_site, visible_pages

# Restricted pages using one document that are checked for this reader: a document attached to
# more restricted pages than this is served through the first ones only.
RESTRICTED_PAGES_CHECKED = 20


def is_public(document, request: HttpRequest) -> bool:
    """Whether a live, public page of the request's Site uses the document."""
    pages = visible_pages(Page.objects.all(), request_site(request))
    return media_used_on(get_document_model(), pages).filter(pk=document.pk).exists()


def is_let_in(document, request: HttpRequest) -> bool:
    """Whether a live page of the request's Site uses the document and every view restriction
    on it (its own and its ancestors') accepts this request."""
    site = request_site(request)
    if site is None:
        return False
    pages = live_pages(Page.objects.filter(path__startswith=site.root_page.path))
    for page in pages_using(document, pages).order_by("path")[:RESTRICTED_PAGES_CHECKED]:
        if all(rule.accept_request(request) for rule in page.get_view_restrictions()):
            return True
    return False


def refuse_unpublished_document(document, request: HttpRequest) -> None:
    """before_serve_document: a 404 for a document no reader-visible page uses."""
    if document.collection.get_view_restrictions().exists():
        return  # the editor chose who may see it: Wagtail's restriction check decides
    user = getattr(request, "user", None)
    policy = policy_registry.get_by_type(get_document_model())
    if user is not None and policy.user_has_any_permission_for_instance(
        user, ["change", "choose"], document
    ):
        return
    if not is_public(document, request) and not is_let_in(document, request):
        raise Http404("No such document.")
