"""One link's page and the fix actions on it (POST only, back to where the editor came from)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from linkcheck import fixes, service
from linkcheck.models import Link
from linkcheck.permissions import can_edit_owner, can_fix
from linkcheck.views.report import decorate


def link_detail(request: HttpRequest, link_id: int) -> HttpResponse:
    """One link: where it is, its check history, and every fix with its form."""
    link = get_object_or_404(
        Link.objects.select_related("page", "author", "checked_url"), pk=link_id
    )
    if not can_edit_owner(request.user, link):
        raise PermissionDenied
    decorate(link, request.user)
    history = list(link.checked_url.checks.all()[:50]) if link.checked_url_id else []
    return TemplateResponse(
        request,
        "linkcheck/link_detail.html",
        {
            "link": link,
            "history": history,
            "page_title": _("Link health"),
            "next_url": reverse("linkcheck:link", args=[link.pk]),
        },
    )


def _action(request: HttpRequest, link_id: int, *, fix: bool) -> Link:
    link = get_object_or_404(
        Link.objects.select_related("page", "author", "checked_url"), pk=link_id
    )
    allowed = can_fix(request.user, link) if fix else can_edit_owner(request.user, link)
    if not allowed:
        raise PermissionDenied
    return link


def _back(request: HttpRequest) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("linkcheck:report")
    return HttpResponseRedirect(target)


def _revision_message(request, outcome, text: str) -> None:
    messages.success(
        request, text + " " + _("Saved as a new revision: revert it from the history.")
    )


@require_POST
def recheck(request: HttpRequest, link_id: int) -> HttpResponse:
    link = _action(request, link_id, fix=False)
    link = service.recheck_link(link)
    messages.success(
        request,
        _("Checked again: %(status)s. %(reason)s") % {"status": link.status, "reason": link.reason},
    )
    return _back(request)


@require_POST
def unlink(request: HttpRequest, link_id: int) -> HttpResponse:
    link = _action(request, link_id, fix=True)
    try:
        outcome = fixes.unlink(link, user=request.user)
    except fixes.FixNotPossible as err:
        messages.error(request, str(err))
        return _back(request)
    _revision_message(
        request, outcome, _("Removed the link, kept its text “%(text)s”.") % {"text": link.text}
    )
    return _back(request)


@require_POST
def replace(request: HttpRequest, link_id: int) -> HttpResponse:
    link = _action(request, link_id, fix=True)
    new_url = (request.POST.get("url") or "").strip()
    if not new_url and link.checked_url_id:
        new_url = link.checked_url.suggested_url  # one click for a permanent redirect
    try:
        if new_url:
            service.validate_url(new_url)
        outcome = fixes.replace_url(link, new_url, user=request.user)
    except (fixes.FixNotPossible, service.InvalidUrl) as err:
        messages.error(request, str(err))
        return _back(request)
    _revision_message(request, outcome, _("Link now points to %(url)s.") % {"url": new_url})
    return _back(request)


@require_POST
def convert(request: HttpRequest, link_id: int) -> HttpResponse:
    link = _action(request, link_id, fix=True)
    try:
        outcome = fixes.convert_to_page_link(link, user=request.user)
    except fixes.FixNotPossible as err:
        messages.error(request, str(err))
        return _back(request)
    _revision_message(request, outcome, _("Converted to a page link."))
    return _back(request)


@require_POST
def ignore(request: HttpRequest, link_id: int) -> HttpResponse:
    link = _action(request, link_id, fix=False)
    try:
        fixes.ignore(link, request.POST.get("reason", ""), user=request.user)
    except fixes.FixNotPossible as err:
        messages.error(request, str(err))
        return _back(request)
    messages.success(request, _("Ignored: it no longer appears in the report."))
    return _back(request)
