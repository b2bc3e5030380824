"""The blog index: a paginated listing with tag and author filters, plus author profile pages."""

from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Site
from wagtail.search import index

from blog.visibility import ViewRestrictionsMixin, published_pages, request_site, visible_pages
from pages.models import SeoPage

from .article import ArticlePage
from .authors import Author
from .byline import card_prefetches
from .ordering import NEWEST_FIRST
from .tags import ArticlePageTag

POSTS_PER_PAGE = 12


def live_posts(site: Site | None = None):
    """Posts (articles and reviews) a reader of `site` may see, with what a card needs, as
    ArticlePage rows (`is_review` tells the kinds apart).

    Every public listing passes the reader's site; without one (commands, tests) posts of
    every site are included.
    """
    posts = ArticlePage.objects.all()
    posts = published_pages(posts) if site is None else visible_pages(posts, site)
    # Not .specific(): cards need no field of the review table, and specific() would cost one
    # query per page type plus every prefetch once per type.
    return (
        posts.select_related("hero_image")
        .prefetch_related(*card_prefetches())
        .order_by(*NEWEST_FIRST)
    )


class BlogIndexPage(ViewRestrictionsMixin, RoutablePageMixin, SeoPage):
    """Lists posts; /authors/<slug>/ below it is each author's public profile."""

    intro = models.TextField(blank=True)

    content_panels = [*SeoPage.content_panels, FieldPanel("intro")]
    search_fields = [*SeoPage.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["blog.ArticlePage", "blog.ProductReviewPage"]

    class Meta(SeoPage.Meta):
        verbose_name = _("blog index")

    def posts(self, request):
        """The posts under this index a reader of the request's site may see."""
        return live_posts(request_site(request)).descendant_of(self)

    def paginate(self, request, queryset):
        paginator = Paginator(queryset, POSTS_PER_PAGE)
        try:
            return paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            return paginator.page(1)
        except EmptyPage as err:
            raise Http404(_("There is no page with that number.")) from err

    @path("")
    def post_list(self, request):
        posts = self.posts(request)
        active_tag = active_author = None
        if tag_slug := request.GET.get("tag"):
            # Only tags of posts the reader may see: a tag used only on drafts or private pages
            # is a 404 like an unknown one, so the answer reveals nothing about hidden pages.
            used = ArticlePageTag.objects.filter(content_object_id__in=posts.values("pk"))
            active_tag = get_object_or_404(Tag, slug=tag_slug, pk__in=used.values("tag_id"))
            posts = posts.filter(tags=active_tag)
        if author_slug := request.GET.get("author"):
            active_author = get_object_or_404(Author, slug=author_slug, live=True)
            posts = posts.filter(article_authors__author=active_author)
        return self.render(
            request,
            context_overrides={
                "posts": self.paginate(request, posts.distinct()),
                "active_tag": active_tag,
                "active_author": active_author,
            },
        )

    @path("authors/", name="author_list")
    def author_list(self, request):
        authors = Author.objects.filter(live=True).select_related("photo")
        return self.render(
            request,
            context_overrides={"authors": authors},
            template="blog/author_list.html",
        )

    @path("authors/<slug:slug>/", name="author_profile")
    def author_profile(self, request, slug):
        author = get_object_or_404(Author.objects.select_related("photo"), slug=slug, live=True)
        visible = self.posts(request)  # once: each call reads the view restrictions again
        posts = visible.filter(article_authors__author=author).distinct()
        reviewed = visible.filter(medical_reviewer=author).exclude(article_authors__author=author)
        return self.render(
            request,
            context_overrides={
                "author": author,
                "posts": self.paginate(request, posts),
                "reviewed_posts": reviewed[:10],
            },
            template="blog/author_profile.html",
        )

    def author_url(self, author: Author, request=None) -> str:
        """The author's profile URL, relative when the request is for this index's site."""
        base = self.get_url(request)
        return base + self.reverse_subpage("author_profile", kwargs={"slug": author.slug})
