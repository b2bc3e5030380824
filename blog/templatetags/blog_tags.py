"""Template tags for blog listings, bylines and author links, scoped to the reader's site."""

from django import template
from django.core.cache import caches
from django.utils.translation import gettext as _

from blog.conf import blog_setting
from blog.models import BlogIndexPage, live_posts
from blog.representation.generation import current_generation
from blog.representation.scope import SiteScope, site_scope
from blog.visibility import request_site, visible_pages

register = template.Library()


def _site(context):
    return request_site(context.get("request"))


def _blog_index(context):
    # One lookup per render: every author link on a page shares it.
    cache = context.render_context
    if "blog_index" not in cache:
        cache["blog_index"] = visible_pages(BlogIndexPage.objects.all(), _site(context)).first()
    return cache["blog_index"]


def _scope(context) -> SiteScope | None:
    # The site's facts (blog index path, settings) are cached per content generation, so
    # every page reads them without a query once warm.
    cache = context.render_context
    if "site_scope" not in cache:
        request = context.get("request")
        cache["site_scope"] = site_scope(request) if request is not None else None
    return cache["site_scope"]


@register.simple_tag(takes_context=True)
def site_facts(context) -> SiteScope | None:
    """The reader's site: tagline and default disclosure of its settings, blog index."""
    return _scope(context)


@register.simple_tag(takes_context=True)
def author_url(context, author) -> str:
    """The public profile URL of an author, or '' when there is no blog index yet."""
    scope = _scope(context)
    if not (scope and scope.blog_index_url_path and author and author.live):
        return ""
    # Relative, as the index's own get_url is for a request on its site.
    blog_path = scope.blog_index_url_path[len(scope.root_url_path) - 1 :]
    return f"{blog_path}authors/{author.slug}/"


@register.simple_tag(takes_context=True)
def site_menu(context) -> list[tuple[str, str]]:
    """(url, title) of the live children of the site root shown in menus.

    Cached per content generation and site: publishing, moving or unpublishing any page starts
    a new generation, so the menu never outlives the pages it lists.
    """
    site = _site(context)
    if site is None:
        return []
    request = context.get("request")
    key = f"skincare-site:menu:{current_generation().token}:{site.pk}"
    cache = caches[blog_setting("SKINCARE_BLOG_CACHE_ALIAS")]
    menu = cache.get(key)
    if menu is None:
        children = site.root_page.get_children().live().in_menu()
        menu = [(page.get_url(request), page.title) for page in children]
        cache.set(key, menu, blog_setting("SKINCARE_BLOG_CACHE_TIMEOUT"))
    return menu


@register.filter
def live_authors(post) -> list:
    """A post's published authors in byline order; unpublished profiles never show."""
    return post.live_authors()


@register.simple_tag(takes_context=True)
def editorial_byline(context) -> str:
    """The byline of a post with no published author, e.g. 'Skin Notes editorial team'."""
    site = _site(context)
    if site is not None and site.site_name:
        return _("%(site)s editorial team") % {"site": site.site_name}
    return _("Editorial team")


@register.inclusion_tag("includes/latest_posts.html", takes_context=True)
def latest_posts(context, count=6):
    """The newest posts of the reader's site, for the home page."""
    return {
        "posts": live_posts(_site(context))[:count],
        "blog_index": _blog_index(context),
        "request": context.get("request"),
    }
