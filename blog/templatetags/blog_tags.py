"""Template tags for blog listings, bylines and author links, scoped to the reader's site."""

from django import template
from django.utils.translation import gettext as _

from blog.models import BlogIndexPage, live_posts
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


@register.simple_tag(takes_context=True)
def author_url(context, author) -> str:
    """The public profile URL of an author, or '' when there is no blog index yet."""
    index = _blog_index(context)
    if not (index and author and author.live):
        return ""
    return index.author_url(author, context.get("request"))


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
