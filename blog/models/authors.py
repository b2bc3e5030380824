"""Author profiles: a snippet with drafts and revisions, and a public profile page."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PublishingPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Orderable, PreviewableMixin, RevisionMixin
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from blog.visibility import published_pages
from pages.revisions import AutoRevisionMixin
from pages.validators import validate_web_url

from .article import ArticlePage
from .ordering import NEWEST_FIRST


class AuthorExpertise(TaggedItemBase):
    """An area of expertise on an author profile (e.g. acne, rosacea, microneedling)."""

    content_object = ParentalKey(
        "blog.Author", related_name="expertise_items", on_delete=models.CASCADE
    )


class AuthorQuerySet(SearchableQuerySetMixin, models.QuerySet):
    """Authors, searchable through Wagtail's search backend."""

    def live(self):
        return self.filter(live=True)


class Author(
    AutoRevisionMixin,
    DraftStateMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """A writer or medical reviewer, with the credentials readers use to judge advice."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True, help_text=_("Used in the profile URL."))
    role = models.CharField(max_length=120, blank=True, help_text=_("E.g. 'Senior editor'."))
    credentials = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("E.g. 'MD, board-certified dermatologist' or 'Licensed esthetician'."),
    )
    bio = RichTextField(blank=True, features=["bold", "italic", "link"])
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    website = models.URLField(blank=True, validators=[validate_web_url])
    expertise = ClusterTaggableManager(
        through=AuthorExpertise, blank=True, verbose_name=_("areas of expertise")
    )
    can_review = models.BooleanField(
        default=False,
        verbose_name=_("can act as medical reviewer"),
        help_text=_("Only qualified professionals should review medical claims."),
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="author")

    objects = AuthorQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("role"), FieldPanel("credentials")],
            heading=_("Identity"),
        ),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("expertise"),
        MultiFieldPanel(
            [FieldPanel("website"), InlinePanel("profile_links", label=_("Profile links"))],
            heading=_("Around the web"),
        ),
        FieldPanel("can_review"),
        PublishingPanel(),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("credentials"),
        index.SearchField("role"),
        index.SearchField("bio"),
        index.FilterField("live"),
        index.FilterField("can_review"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")

    def __str__(self) -> str:
        return self.name

    @property
    def revisions(self):
        return self._revisions

    @property
    def byline(self) -> str:
        return f"{self.name}, {self.credentials}" if self.credentials else self.name

    def same_as(self) -> list[str]:
        """Profile URLs for schema.org sameAs."""
        urls = [self.website] if self.website else []
        return urls + [link.url for link in self.profile_links.all()]

    def get_preview_template(self, request, mode_name):
        return "blog/author_profile.html"

    def get_preview_context(self, request, mode_name):
        """The profile as readers will see it: the live posts they wrote, then those they reviewed."""
        if self.pk is None:  # previewing an author who is not saved yet
            return {"author": self, "posts": [], "reviewed_posts": [], "is_preview": True}
        posts = published_pages(ArticlePage.objects.all()).specific().order_by(*NEWEST_FIRST)
        return {
            "author": self,
            "posts": posts.filter(article_authors__author=self).distinct(),
            "reviewed_posts": posts.filter(medical_reviewer=self).exclude(
                article_authors__author=self
            )[:10],
            "is_preview": True,
        }


class AuthorProfileLink(Orderable):
    """A profile elsewhere (LinkedIn, a clinic page, a society listing)."""

    author = ParentalKey(Author, related_name="profile_links", on_delete=models.CASCADE)
    label = models.CharField(max_length=60, help_text=_("E.g. 'LinkedIn' or 'Clinic profile'."))
    url = models.URLField(validators=[validate_web_url])

    panels = [FieldPanel("label"), FieldPanel("url")]
