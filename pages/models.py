"""The base pages: an SEO-aware abstract page, the home page and standard pages."""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyStreamBlock
from .content import table_of_contents
from .validators import validate_web_url


class SeoPage(Page):
    """Adds social image, canonical URL and indexing control to Wagtail's SEO fields."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared; falls back to the hero image."),
    )
    canonical_url = models.URLField(
        blank=True,
        validators=[validate_web_url],
        help_text=_("Only if this content first appeared elsewhere."),
    )
    noindex = models.BooleanField(
        default=False, help_text=_("Ask search engines not to index this page.")
    )

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
                FieldPanel("social_image"),
                FieldPanel("canonical_url"),
                FieldPanel("noindex"),
            ],
            heading=_("Search engines and sharing"),
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading=_("Navigation")),
    ]

    class Meta:
        abstract = True
        # The pages marked noindex, alone: pages.models.indexable excludes them from every
        # sitemap, which otherwise scanned each page type's whole table (bodies included):
        # the sitemap index went from 3 to 15 ms at 1,000 posts (benchmarks/bench_html.py).
        indexes = [
            models.Index(
                fields=["noindex"],
                condition=models.Q(noindex=True),
                name="%(app_label)s_%(class)s_noindex",
            )
        ]

    def get_meta_description(self) -> str:
        """The editor's search description, else the first of summary, dek and intro a page has."""
        fallbacks = (getattr(self, name, "") for name in ("summary", "dek", "intro"))
        return self.search_description or next((text for text in fallbacks if text), "")


@cache
def _noindex_tables() -> tuple[type[models.Model], ...]:
    """The models whose table holds a `noindex` column (a subclass reads its parent's)."""
    owners = {
        model._meta.get_field("noindex").model
        for model in apps.get_models()
        if issubclass(model, SeoPage)
    }
    return tuple(sorted(owners, key=lambda model: model._meta.label))


def indexable(pages: QuerySet) -> QuerySet:
    """The pages of a Page queryset search engines may index: not those whose SEO settings
    say noindex. One query still: each page type's flag is a subquery."""
    for model in _noindex_tables():
        pages = pages.exclude(pk__in=model.objects.filter(noindex=True).values("pk"))
    return pages


class HomePage(SeoPage):
    """The site's front page: an introduction, then the latest posts."""

    hero_heading = models.CharField(max_length=160, blank=True)
    intro = models.TextField(blank=True, help_text=_("One or two sentences under the heading."))

    content_panels = [*Page.content_panels, FieldPanel("hero_heading"), FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("hero_heading"), APIField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["blog.BlogIndexPage", "pages.StandardPage"]

    class Meta(SeoPage.Meta):
        verbose_name = _("home page")


class StandardPage(SeoPage):
    """A plain content page, e.g. About, Editorial policy or Contact."""

    intro = models.TextField(blank=True)
    body = StreamField(BodyStreamBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]

    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]

    class Meta(SeoPage.Meta):
        verbose_name = _("standard page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        toc = table_of_contents(self.body.raw_data)
        context["toc"] = toc
        context["anchors"] = {entry.block_id: entry.anchor for entry in toc}
        return context


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Per-site settings editors can change without a deploy."""

    tagline = models.CharField(max_length=200, blank=True)
    editorial_policy = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from every article's review box."),
    )
    default_affiliate_disclosure = models.TextField(
        blank=True,
        default=(
            "We may earn a commission when you buy through links on this page. It never changes "
            "what we recommend."
        ),
        help_text=_("Shown on reviews with buy links unless the review has its own disclosure."),
    )

    panels = [
        FieldPanel("tagline"),
        FieldPanel("editorial_policy"),
        FieldPanel("default_affiliate_disclosure"),
    ]

    class Meta:
        verbose_name = _("site settings")
