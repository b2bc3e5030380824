"""Who may download a document from /documents/<id>/ (Wagtail's serve view).

Wagtail serves any document to anyone unless its collection has a view restriction. A document
uploaded for a draft would then be public before the draft is, and stay public after the page
that used it is unpublished. Here a document in an unrestricted collection is served only when a
page a reader of the request's Site may see uses it (Wagtail's reference index, as the API v2
documents endpoint decides: blog.visibility.media_used_on), or to a user who may edit or choose
it in the admin (editors previewing a draft). A restricted collection keeps Wagtail's own check.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .visibility import media_used_on, request_site, visible_pages


def is_public(document, request: HttpRequest) -> bool:
    """Whether a live, public page of the request's Site uses the document."""
    pages = visible_pages(Page.objects.all(), request_site(request))
    return media_used_on(get_document_model(), pages).filter(pk=document.pk).exists()


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
    if not is_public(document, request):
        raise Http404("No such document.")
