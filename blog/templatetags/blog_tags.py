"""Template tags for blog listings and author links."""

from django import template

from blog.models import BlogIndexPage, live_posts

register = template.Library()


def _blog_index(context):
    # One lookup per render: every author link on a page shares it.
    cache = context.render_context
    if "blog_index" not in cache:
        cache["blog_index"] = BlogIndexPage.objects.live().public().first()
    return cache["blog_index"]


@register.simple_tag(takes_context=True)
def author_url(context, author) -> str:
    """The public profile URL of an author, or '' when there is no blog index yet."""
    index = _blog_index(context)
    return index.author_url(author) if index and author and author.live else ""


@register.inclusion_tag("includes/latest_posts.html", takes_context=True)
def latest_posts(context, count=6):
    """The newest live posts, for the home page."""
    return {
        "posts": live_posts()[:count],
        "blog_index": _blog_index(context),
        "request": context.get("request"),
    }
