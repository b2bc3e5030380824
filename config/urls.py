"""URL wiring only: admin, documents, APIs, search, sitemap, then Wagtail's page serving."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import views as sitemaps_views
from wagtail.documents import urls as wagtaildocs_urls

from blog.feeds import LatestPostsAtomFeed, LatestPostsFeed
from blog.sitemaps import VisibleSitemap
from content_api.v2 import api_router
from pages.views import favicon, robots_txt

SITEMAPS = {"pages": VisibleSitemap}

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", include("search.urls")),
    path(
        "sitemap.xml",
        sitemaps_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap"},
        name="sitemap_index",
    ),
    path("sitemap-<section>.xml", sitemaps_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("api/v1/", include("content_api.urls", namespace="content_api")),
    path("api/v2/", api_router.urls),
    path("feeds/rss/", LatestPostsFeed(), name="blog_feed_rss"),
    path("feeds/atom/", LatestPostsAtomFeed(), name="blog_feed_atom"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if getattr(settings, "SKINCARE_SERVE_MEDIA", False) and settings.MEDIA_URL.startswith("/"):
    # Production without a proxy in front (`make serve-prod`): local media from the app itself.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += [path("", include(wagtail_urls))]
