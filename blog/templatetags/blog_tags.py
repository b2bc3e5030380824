"""Template tags for blog listings, bylines and author links, scoped to the reader's site."""

from datetime import timedelta
from urllib.parse import urlencode

from django import template
from django.core.cache import caches
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext as _
from taggit.models import Tag

from blog.conf import blog_setting
from blog.models import ArticleAuthor, ArticlePage, BlogIndexPage, live_posts
from blog.related import related_cards, related_ids
from blog.representation.generation import current_generation
from blog.representation.scope import SiteScope, site_scope
from blog.visibility import request_site, visible_pages
from pages.money import DEFAULT_LOCALE, format_price

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


def _per_generation(site, name: str, build):
    """build() once per content generation and site: publishing, moving or unpublishing any
    page starts a new generation, so nothing cached here outlives the pages it shows."""
    key = f"skincare-site:{name}:{current_generation().token}:{site.pk}"
    cache = caches[blog_setting("SKINCARE_BLOG_CACHE_ALIAS")]
    held = cache.get(key)
    if held is None:
        held = [build()]  # wrapped, so that an empty answer is cached too
        cache.set(key, held, blog_setting("SKINCARE_BLOG_CACHE_TIMEOUT"))
    return held[0]


@register.simple_tag(takes_context=True)
def site_menu(context) -> list[tuple[str, str]]:
    """(url, title) of the live children of the site root shown in menus."""
    site = _site(context)
    if site is None:
        return []
    request = context.get("request")

    def build():
        children = site.root_page.get_children().live().in_menu()
        return [(page.get_url(request), page.title) for page in children]

    return _per_generation(site, "site-menu", build)


@register.simple_tag(takes_context=True)
def blog_home(context) -> tuple[str, str] | None:
    """(url, title) of the reader's blog index, for breadcrumbs."""
    site = _site(context)
    if site is None:
        return None
    request = context.get("request")

    def build():
        index = visible_pages(BlogIndexPage.objects.all(), site).first()
        return (index.get_url(request), index.title) if index else None

    return _per_generation(site, "blog-home", build)


@register.simple_tag(takes_context=True)
def blog_filters(context, index) -> dict:
    """The tags and authors of the posts under `index` a reader may see, with post counts,
    for the index's filter bar: {"tags": [(slug, name, n)], "authors": [(slug, name, n)]}."""
    site = _site(context)
    if site is None or index is None:
        return {"tags": [], "authors": []}

    def build():
        visible = visible_pages(ArticlePage.objects.all(), site).descendant_of(index)
        posts = visible.values("pk")
        tags = (
            Tag.objects.filter(blog_articlepagetag_items__content_object__in=posts)
            .annotate(posts=Count("blog_articlepagetag_items", distinct=True))
            .order_by("-posts", "name")
            .values_list("slug", "name", "posts")
        )
        # ArticleAuthor.author has no reverse accessor, so the count starts from the byline.
        authors = (
            ArticleAuthor.objects.filter(page__in=posts, author__live=True)
            .values_list("author__slug", "author__name")
            .annotate(posts=Count("page", distinct=True))
            .order_by("author__name")
        )
        return {"tags": list(tags), "authors": list(authors)}

    return _per_generation(site, f"blog-filters:{index.pk}", build)


@register.simple_tag(takes_context=True)
def related_posts(context, page, tags) -> list:
    """The cards of the posts related to `page` (with its `tags` loaded), best first."""
    return related_cards(related_ids(page, context.get("request"), tags))


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


@register.filter
def money(amount, currency) -> str:
    """A price in the reader's language: {{ page.price|money:page.currency }} gives "$89.00"."""
    language = get_language()
    return format_price(
        amount, str(currency or "USD"), to_locale(language) if language else DEFAULT_LOCALE
    )


# A medical review older than this is flagged to readers as due for another look.
REVIEW_SHELF_LIFE = timedelta(days=365)


@register.filter
def review_overdue(reviewed_on) -> bool:
    """Whether a last-reviewed date is over a year ago."""
    return bool(reviewed_on) and timezone.localdate() - reviewed_on > REVIEW_SHELF_LIFE


@register.filter
def page_numbers(page_obj) -> list:
    """The page numbers a pagination bar shows around the current one, with gaps as None."""
    paginator = page_obj.paginator
    return [
        None if n == paginator.ELLIPSIS else n
        for n in paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
    ]


@register.simple_tag(takes_context=True)
def page_query(context, number) -> str:
    """The current query string with another page number ("?tag=acne&page=2"), page 1 without
    a page parameter, so the first page has one URL."""
    request = context.get("request")
    params = request.GET.copy() if request is not None else {}
    params.pop("page", None)
    if number and int(number) > 1:
        params["page"] = number
    query = params.urlencode() if hasattr(params, "urlencode") else urlencode(params)
    return f"?{query}" if query else "?"


@register.simple_tag(takes_context=True)
def share_links(context, page) -> dict:
    """{"url": the page's address, "links": [(key, label, URL)]}: plain share links, so no
    third-party script loads on the page."""
    url = page.get_full_url(context.get("request"))
    title = page.seo_title or page.title
    links = [
        ("email", _("Email"), "mailto:?" + urlencode({"subject": title, "body": url})),
        (
            "x",
            _("X (Twitter)"),
            "https://twitter.com/intent/tweet?" + urlencode({"url": url, "text": title}),
        ),
        (
            "facebook",
            _("Facebook"),
            "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        ),
        (
            "linkedin",
            _("LinkedIn"),
            "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        ),
    ]
    return {"url": url, "links": links}
