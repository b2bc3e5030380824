"""What a page's <head> tells search engines and link previews: description, canonical URL,
Open Graph and Twitter card image (an absolute rendition URL), dates of posts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from django import template
from django.templatetags.static import static
from django.utils.text import Truncator
from wagtail.models import Page

from blog.models import ArticlePage, Author
from blog.representation.scope import site_scope
from pages.content import html_to_text
from pages.pictures import SHARE_IMAGE_SPEC
from pages.richtext import safe_url

register = template.Library()

DESCRIPTION_MAX = 200
# Query parameters that select different content on a listing; anything else (utm_*, q, junk)
# is the same page for a search engine.
CANONICAL_PARAMS = ("tag", "author", "page")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class ShareImage:
    url: str
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    canonical: str
    url: str
    image: ShareImage
    og_type: str
    site_name: str
    published: date | datetime | None = None
    modified: date | datetime | None = None


def _plain(text: str) -> str:
    return _SPACES.sub(" ", text or "").strip()


def _absolute(request, base_url: str, url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    if base_url:
        return base_url + url
    return request.build_absolute_uri(url)


def _rendition(image, alt: str, absolute) -> ShareImage | None:
    if image is None:
        return None
    # Renditions are looked up in the "renditions" cache first, so a warm page costs no query.
    rendition = image.get_rendition(SHARE_IMAGE_SPEC)
    return ShareImage(absolute(rendition.url), rendition.width, rendition.height, alt)


def _page_image(page: Page, absolute) -> ShareImage | None:
    alt = getattr(page, "hero_alt", "") or page.title
    # The editor's share image wins; posts fall back to their hero image.
    for field in ("social_image", "hero_image"):
        if getattr(page, f"{field}_id", None):
            return _rendition(getattr(page, field), alt, absolute)
    return None


def _canonical(request, base_url: str, page: Page) -> str:
    own = safe_url(getattr(page, "canonical_url", ""))
    if own:
        return own
    query = [
        f"{name}={value}"
        for name in CANONICAL_PARAMS
        if (value := request.GET.get(name, ""))
        and re.fullmatch(r"[\w-]+", value)
        and not (name == "page" and value == "1")
    ]
    return _absolute(request, base_url, request.path) + ("?" + "&".join(query) if query else "")


@register.simple_tag(takes_context=True)
def page_meta(context) -> PageMeta | None:
    """The <head> facts of whatever the template shows: a page, an author profile (the blog
    index's sub-page), or a view with neither (search, errors)."""
    request = context.get("request")
    if request is None:
        return None
    scope = site_scope(request)
    base_url = scope.base_url if scope else ""
    site_name = scope.name if scope else "Skin Notes"

    def absolute(url: str) -> str:
        return _absolute(request, base_url, url)

    page = context.get("page")
    author = context.get("author")
    fallback = ShareImage(absolute(static("img/social-card.png")), 1200, 630, site_name)
    description = ""
    canonical = ""
    image = None
    og_type = "website"
    published = modified = None
    if isinstance(author, Author) and page is not None:
        title = author.name
        description = Truncator(_plain(html_to_text(author.bio))).chars(DESCRIPTION_MAX)
        description = description or f"{author.byline}: posts and profile."
        image = _rendition(author.photo, author.name, absolute) if author.photo_id else None
        og_type = "profile"
        canonical = _canonical(request, base_url, page)
    elif isinstance(page, Page):
        title = page.seo_title or page.title
        description = _plain(page.get_meta_description()) if hasattr(page, "noindex") else ""
        image = _page_image(page, absolute)
        canonical = _canonical(request, base_url, page)
        if isinstance(page, ArticlePage):
            og_type = "article"
            published = page.display_date
            modified = page.updated_date or page.last_published_at
    else:
        title = site_name
    if not description:
        description = (scope.tagline if scope else "") or f"Articles and reviews from {site_name}."
    return PageMeta(
        title=title,
        description=description,
        canonical=canonical,
        url=canonical or absolute(request.path),
        image=image or fallback,
        og_type=og_type,
        site_name=site_name,
        published=published,
        modified=modified,
    )
