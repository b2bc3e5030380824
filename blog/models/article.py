"""Articles: the typed body, ordered authors, medical review, tags and derived reading facts."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail.search import index

from blog.api_fields import ImageRenditionsField, LiveAuthorField, LiveAuthorsField
from blog.conf import blog_setting
from blog.visibility import ViewRestrictionsMixin, visible_pages
from pages.blocks import BodyStreamBlock, missing_citation_refs
from pages.content import reading_facts, stream_text, table_of_contents
from pages.models import SeoPage
from pages.revisions import AutoRevisionMixin

from .byline import card_prefetches
from .ordering import NEWEST_FIRST
from .panels import ReviewerPanel
from .tags import ArticlePageTag


class ArticlePage(ViewRestrictionsMixin, AutoRevisionMixin, SeoPage):
    """A blog post: typed blocks for benefits, phases and citations, with a medical review."""

    dek = models.CharField(
        max_length=255, blank=True, help_text=_("A one-line standfirst shown under the title.")
    )
    summary = models.TextField(
        blank=True, max_length=500, help_text=_("Two or three sentences for cards and feeds.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_alt = models.CharField(
        max_length=250,
        blank=True,
        help_text=_("Describe the hero image; leave blank only if it is purely decorative."),
    )
    body = StreamField(BodyStreamBlock(), blank=True)
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True)

    medical_reviewer = models.ForeignKey(
        "blog.Author",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_pages",
        limit_choices_to={"can_review": True},
        help_text=_("A qualified professional who checked the medical claims."),
    )
    last_reviewed = models.DateField(null=True, blank=True)
    published_date = models.DateField(
        null=True, blank=True, help_text=_("Shown to readers; defaults to the first publish date.")
    )
    updated_date = models.DateField(
        null=True, blank=True, help_text=_("Set when the content changed meaningfully.")
    )
    # Derived from the body on every save, so listings never parse bodies.
    word_count = models.PositiveIntegerField(default=0, editable=False)
    reading_time = models.PositiveSmallIntegerField(default=1, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("dek"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt")], heading=_("Hero image")
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    review_panels = [
        InlinePanel(
            "article_authors", label=_("Authors"), min_num=1, heading=_("Authors (in byline order)")
        ),
        MultiFieldPanel(
            [ReviewerPanel("medical_reviewer"), FieldPanel("last_reviewed")],
            heading=_("Medical review"),
        ),
        MultiFieldPanel(
            [FieldPanel("published_date"), FieldPanel("updated_date")], heading=_("Dates")
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("dek", boost=2),
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.FilterField("published_date"),
    ]
    # Wagtail API v2 (/api/v2/pages/?type=blog.ArticlePage&fields=...); /api/v1/ is typed.
    api_fields = [
        APIField("dek"),
        APIField("summary"),
        APIField("hero_alt"),
        APIField("hero_image", serializer=ImageRenditionsField()),
        APIField("body"),
        APIField("tags"),
        APIField("authors", serializer=LiveAuthorsField(source="article_authors")),
        APIField("medical_reviewer", serializer=LiveAuthorField()),
        APIField("last_reviewed"),
        APIField("published_date"),
        APIField("updated_date"),
        APIField("reading_time"),
        APIField("word_count"),
    ]

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types: list[str] = []
    # Foreign keys the page's template shows, loaded together by get_context.
    JOINED_RELATIONS = ("hero_image", "medical_reviewer")

    class Meta(SeoPage.Meta):
        verbose_name = _("article")

    @classmethod
    def tabs(cls, *extra: ObjectList) -> TabbedInterface:
        return TabbedInterface(
            [
                ObjectList(cls.content_panels, heading=_("Content")),
                *extra,
                ObjectList(cls.review_panels, heading=_("Authors & review")),
                ObjectList(cls.promote_panels, heading=_("SEO & promote")),
                ObjectList(cls.settings_panels, heading=_("Publishing"), classname="settings"),
            ]
        )

    # --- derived facts -------------------------------------------------------------------------

    @property
    def display_date(self):
        if self.published_date:
            return self.published_date
        return self.first_published_at.date() if self.first_published_at else None

    @property
    def is_review(self) -> bool:
        """Whether the post is a product review, also on a plain ArticlePage row (listings load
        no review fields); the content type comes from Django's in-process cache."""
        return self.specific_class is not None and self.specific_class is not ArticlePage

    @cached_property
    def table_of_contents(self):
        return table_of_contents(self.body.raw_data)

    @property
    def authors(self) -> list:
        return [item.author for item in self.article_authors.all()]

    def citation_count(self) -> int:
        return sum(
            len(block["value"].get("items", []))
            for block in self.body.raw_data
            if block["type"] == "citations"
        )

    def live_authors(self) -> list:
        """Published authors in byline order, with their photos; draft profiles never show."""
        # Cards prefetch the relation (card_prefetches); a page on its own joins the authors.
        # Both also work on unsaved previews, where modelcluster holds the relation in memory.
        items = self.article_authors.all()
        if "article_authors" not in getattr(self, "_prefetched_objects_cache", {}):
            items = items.select_related("author__photo")
        return [item.author for item in items if item.author.live]

    def live_reviewer(self):
        """The medical reviewer, or None while the reviewer's profile is unpublished."""
        reviewer = self.medical_reviewer
        return reviewer if reviewer is not None and reviewer.live else None

    def related_posts(self, site: Site | None = None, limit: int | None = None, tags=None):
        """Posts a reader of `site` (default: the page's own) may see that share the most tags
        with this one (`tags`, when already loaded), newest first on ties; as many as the API's
        detail shows (SKINCARE_BLOG_RELATED_LIMIT), so a purge computes one set of cards."""
        if limit is None:
            limit = blog_setting("SKINCARE_BLOG_RELATED_LIMIT")
        # tags.all() also works on unsaved previews, where the relation is held in memory.
        tag_ids = [tag.pk for tag in (self.tags.all() if tags is None else tags) if tag.pk]
        if not tag_ids:
            return ArticlePage.objects.none()
        return (
            visible_pages(ArticlePage.objects.all(), site or self.get_site())
            .exclude(pk=self.pk)
            .filter(tagged_items__tag_id__in=tag_ids)
            .annotate(shared_tags=Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids)))
            .order_by("-shared_tags", *NEWEST_FIRST)
            .select_related("hero_image")
            .prefetch_related(*card_prefetches())[:limit]
        )

    # --- validation and saving -----------------------------------------------------------------

    def clean(self):
        super().clean()
        errors: dict[str, list[str]] = {}
        if self.last_reviewed and not self.medical_reviewer_id:
            errors.setdefault("medical_reviewer", []).append(_("Name who reviewed the article."))
        if self.last_reviewed and self.last_reviewed > timezone.localdate():
            errors.setdefault("last_reviewed", []).append(
                _("The review date cannot be in the future.")
            )
        if self.medical_reviewer_id and not self.medical_reviewer.can_review:
            errors.setdefault("medical_reviewer", []).append(
                _("This author is not marked as able to act as medical reviewer.")
            )
        if self.published_date and self.updated_date and self.updated_date < self.published_date:
            errors.setdefault("updated_date", []).append(
                _("The update cannot be before publication.")
            )
        missing = missing_citation_refs(self.body.raw_data, self.citation_count())
        if missing:
            errors.setdefault("body", []).append(
                _("Benefits cite references %(refs)s, but the citations block has only %(n)d.")
                % {"refs": ", ".join(map(str, missing)), "n": self.citation_count()}
            )
        if errors:
            raise ValidationError(errors)

    def reading_texts(self) -> list[str]:
        """The plain text a reader reads on the page (for word count and reading time)."""
        return [stream_text(self.body.raw_data)]

    def save(self, *args, **kwargs):
        facts = reading_facts(*self.reading_texts())
        self.word_count, self.reading_time = facts.words, facts.minutes
        if self.live and self.published_date is None:
            # A blank date means "when it first went out". Every way of publishing (admin,
            # publish_scheduled, revision.publish()) saves the live page here, after Wagtail
            # has set first_published_at; undated posts would otherwise sort as the oldest.
            self.published_date = timezone.localdate(self.first_published_at or timezone.now())
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "published_date"}
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        """Everything the template shows besides the body, each loaded once with its relations
        (the template would otherwise query authors, tags and cards again on every use).

        Tags, authors and the table of contents are loaded when first used: the parts of the
        page that show them usually come from the fragment cache (blog.fragments).
        """
        context = super().get_context(request, *args, **kwargs)
        self._load_hero_and_reviewer()
        tags = SimpleLazyObject(lambda: list(self.tags.all()))
        context["tags"] = tags
        context["tag_index_url"] = SimpleLazyObject(
            lambda: self._index_url(request) if tags else ""
        )
        context["authors"] = SimpleLazyObject(self.live_authors)
        context["reviewer"] = self.live_reviewer()
        context["toc"] = SimpleLazyObject(lambda: self.table_of_contents)
        context["anchors"] = SimpleLazyObject(
            lambda: {entry.block_id: entry.anchor for entry in self.table_of_contents}
        )
        return context

    def _load_hero_and_reviewer(self) -> None:
        """The page's pictures and reviewer (JOINED_RELATIONS) in one query, joined through
        its stored row. A preview's in-memory page may point elsewhere: then each loads lazily.
        """
        names = [name for name in self.JOINED_RELATIONS if getattr(self, f"{name}_id")]
        if self.pk is None or not names:
            return
        row = (
            type(self).objects.filter(pk=self.pk).select_related(*names).only("pk", *names).first()
        )
        for name in names if row is not None else ():
            if getattr(row, f"{name}_id") == getattr(self, f"{name}_id"):
                setattr(self, name, getattr(row, name))

    def _index_url(self, request) -> str:
        """The parent blog index's URL: Wagtail builds a child's url_path as the parent's plus
        "<slug>/", so a served page's own URL gives it without loading the parent."""
        url = self.get_url(request)
        suffix = f"{self.slug}/"
        if url and url.endswith(suffix):
            return url[: -len(suffix)]
        parent = self.get_parent()  # a preview of an unsaved page has no URL of its own
        return parent.get_url(request) if parent else ""


ArticlePage.edit_handler = ArticlePage.tabs()
