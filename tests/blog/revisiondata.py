"""Shared by the revision tests: live, draft and spam texts and the admin edit-form data."""

from django.test import override_settings
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.factories import make_article, make_author, make_site

LIVE_TEXT = "<p>Microneedling can soften scars over several sessions.</p>"
DRAFT_TEXT = "<p>An unapproved change the reviewer has not seen.</p>"
SPAM = (
    "<p>Discover different perspectives in the related posts we’ve chosen for you:</p>"
    '<p><a href="https://farm-one.biz/a">Dive into this impartial analysis</a></p>'
    '<p><a href="https://farm-two.biz/b">Delve into this in-depth article</a></p>'
)
SPAM_TEXTS = ("Dive into this impartial analysis", "Delve into this in-depth article")


def body_html(version) -> str:
    return " ".join(str(block.value) for block in version.body)


def uncleaned(factory, *args, **kwargs):
    """Content stored while the cleaner was off (an import, an old page)."""
    with override_settings(SKINCARE_LINKCHECK_PLACEHOLDER_MODE="off"):
        return factory(*args, **kwargs)


def boom(*args, **kwargs):
    raise RuntimeError("process killed mid-publish")


class AdminFormMixin:
    """Edit-form data for the article and author fixtures, as the admin posts them."""

    @classmethod
    def make_live_article(cls):
        """The fixture: a live article by Lena holding LIVE_TEXT (cls.home, index, author, page)."""
        cls.home, cls.index = make_site()
        cls.author = make_author("lena")
        cls.page = make_article(
            cls.index, "live-post", body=[("paragraph", LIVE_TEXT)], authors=[cls.author]
        )

    def article_data(self, page, html, *, publish=False):
        return nested_form_data(
            {
                "title": page.title,
                "slug": page.slug,
                "dek": "",
                "summary": "",
                "hero_alt": "",
                "body": streamfield([("paragraph", rich_text(html))]),
                "tags": "",
                "article_authors": inline_formset(
                    [{"id": page.article_authors.get().pk, "author": self.author.pk}],
                    initial=1,
                    min=1,
                ),
                "medical_reviewer": "",
                "last_reviewed": "",
                "published_date": "",
                "updated_date": "",
                **({"action-publish": "action-publish"} if publish else {}),
            }
        )

    def author_data(self, author, bio, *, publish=False):
        return nested_form_data(
            {
                "name": author.name,
                "slug": author.slug,
                "role": "",
                "credentials": "",
                "photo": "",
                "bio": rich_text(bio),
                "expertise": "",
                "website": "",
                "profile_links": inline_formset([]),
                **({"action-publish": "action-publish"} if publish else {}),
            }
        )

    def edit_article(self, page, html, *, publish=False):
        return self.client.post(
            reverse("wagtailadmin_pages:edit", args=(page.pk,)),
            self.article_data(page, html, publish=publish),
            follow=True,
        )
