"""Admin view behind 'Preview in front end': sign a token for the page, redirect."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from wagtail.models import Page

from .preview import front_end_url, make_token


def preview_in_front_end(request: HttpRequest, page_id: int) -> HttpResponse:
    """Send an editor to the front end's preview route, which shows the latest saved revision."""
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if page.get_latest_revision() is None:
        raise Http404("Save a draft first: there is no revision to preview yet.")
    response = redirect(front_end_url(make_token(page.pk), page.pk))
    response["Cache-Control"] = "private, no-store"
    return response
