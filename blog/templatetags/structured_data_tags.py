"""The JSON-LD graph of a post for the site's <head>: the same document the API serves."""

from __future__ import annotations

from django import template
from django.core.cache import caches
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Site

from blog.models import ArticlePage, Author, BlogIndexPage
from pages.structured_data import json_for_script

from ..conf import blog_setting
from ..representation.cards import ApiContext, author_ref
from ..representation.detail import load_post, post_detail
from ..representation.generation import current_generation
from ..representation.scope import SiteScope, site_scope
from ..representation.structured_data import profile_graph

register = template.Library()


def _scope(request, page: ArticlePage) -> SiteScope | None:
    scope = site_scope(request)
    if scope is not None and page.path.startswith(scope.root_path):
        return scope
    site = page.get_site() or Site.find_for_request(request)
    return SiteScope.for_site(site) if site else None


@register.simple_tag(takes_context=True)
def post_jsonld(context, page) -> SafeString | str:
    """Escaped JSON-LD for <script type="application/ld+json">, or '' for other pages."""
    request = context.get("request")
    if request is None or not isinstance(page, ArticlePage):
        return ""
    scope = _scope(request, page)
    if scope is None:
        return ""
    # Live pages are cached per generation like API responses; previews show unsaved drafts.
    preview = getattr(request, "is_preview", False)
    cacheable = page.pk and page.live and not preview
    cache = caches[blog_setting("SKINCARE_BLOG_CACHE_ALIAS")]
    key = f"skincare-api:jsonld:{current_generation().token}:{scope.site_id}:{page.pk}"
    # mark_safe is sound: json_for_script escapes <, > and &, so nothing can close the script.
    if cacheable and (cached := cache.get(key)) is not None:
        return mark_safe(cached)
    ctx = ApiContext.for_request(request, scope)
    # In a preview the page is a revision's object: its relations are in memory, not the DB.
    markup = json_for_script(post_detail(load_post(page, ctx, live=not preview), ctx)["jsonld"])
    if cacheable:
        cache.set(key, markup, blog_setting("SKINCARE_BLOG_CACHE_TIMEOUT"))
    return mark_safe(markup)


@register.simple_tag(takes_context=True)
def profile_jsonld(context) -> SafeString | str:
    """ProfilePage JSON-LD on an author's profile (the blog index's sub-page), else ''."""
    request, page, author = context.get("request"), context.get("page"), context.get("author")
    if request is None or not isinstance(page, BlogIndexPage) or not isinstance(author, Author):
        return ""
    scope = _scope(request, page)
    if scope is None or not scope.author_url(author.slug):
        return ""
    cache = caches[blog_setting("SKINCARE_BLOG_CACHE_ALIAS")]
    key = f"skincare-api:jsonld:profile:{current_generation().token}:{scope.site_id}:{author.pk}"
    # An author's preview shows unsaved edits: never served from or stored in the cache.
    cacheable = author.live and not getattr(request, "is_preview", False)
    if cacheable and (cached := cache.get(key)) is not None:
        return mark_safe(cached)
    ctx = ApiContext.for_request(request, scope)
    if author.photo_id:
        ctx.load_images([author.photo_id], ctx.avatar_specs)
    person = author_ref(author, ctx)
    index_url = scope.page_url(page.url_path)
    trail = [(page.title, index_url), ("Authors", index_url + "authors/")]
    graph = profile_graph(person, scope, author.same_as(), person["url"], trail)
    markup = json_for_script(graph)
    if cacheable:
        cache.set(key, markup, blog_setting("SKINCARE_BLOG_CACHE_TIMEOUT"))
    # mark_safe is sound: json_for_script escapes <, > and &, so nothing can close the script.
    return mark_safe(markup)
