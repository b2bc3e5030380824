"""Site-wide files crawlers and browsers ask for at fixed addresses: /robots.txt, /favicon.ico."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Site

# Crawlers have no business in the editors' admin; everything readers see stays crawlable
# (search results say noindex in their own <head>, which a crawler must fetch to read).
DISALLOWED = ("/admin/", "/django-admin/")


def sitemap_url(request: HttpRequest) -> str:
    """The absolute sitemap address of the request's Site (its root URL, not the Host header)."""
    try:
        path = reverse("sitemap_index")
    except NoReverseMatch:
        path = "/sitemap.xml"
    site = Site.find_for_request(request)
    return (site.root_url if site else request.build_absolute_uri("/").rstrip("/")) + path


@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), ""]
    lines.append(f"Sitemap: {sitemap_url(request)}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> FileResponse:
    """The ICO browsers request at /favicon.ico on their own, wherever static files live."""
    # Collected files in production, the app's static folder in development.
    path = finders.find("favicon.ico")
    if path:
        return FileResponse(open(path, "rb"), content_type="image/x-icon")
    if staticfiles_storage.exists("favicon.ico"):
        return FileResponse(staticfiles_storage.open("favicon.ico"), content_type="image/x-icon")
    raise Http404("No favicon.ico among the static files.")
