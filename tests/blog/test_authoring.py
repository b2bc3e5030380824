"""Editors create every page type and the Author profile through the real admin forms."""

from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blog.models import ArticlePage, Author, BlogIndexPage, ProductReviewPage
from pages.models import HomePage, StandardPage
from tests.factories import (
    benefits_form,
    make_article,
    make_author,
    make_site,
    phase_form,
    phases_form,
)


def article_form(author: Author, slug="new-post", **extra) -> dict:
    body = streamfield(
        [
            ("heading", {"text": "Why it works", "level": "h2", "anchor": ""}),
            ("paragraph", rich_text("<p>Tiny channels prompt repair.</p>")),
            ("benefits", benefits_form(("Firmer skin", "Smoother texture"))),
            ("phases", extra.pop("phases", phases_form())),
        ]
    )
    return nested_form_data(
        {
            "title": "A new post",
            "slug": slug,
            "dek": "A short standfirst",
            "summary": "",
            "hero_alt": "",
            "body": body,
            "tags": "microneedling, aftercare",
            "article_authors": inline_formset([{"author": author.pk}], min=1),
            "medical_reviewer": "",
            "last_reviewed": "",
            "published_date": "",
            "updated_date": "",
            **extra,
        }
    )


class TestPageCreation(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.author = make_author("lena")
        cls.reviewer = make_author("maya", can_review=True)

    def setUp(self):
        self.login()

    def test_can_create_home_page_at_root(self):
        self.assertCanCreate(
            Page.get_first_root_node(),
            HomePage,
            nested_form_data(
                {"title": "Second site", "slug": "second", "hero_heading": "", "intro": ""}
            ),
        )

    def test_can_create_standard_page(self):
        body = streamfield([("benefits", benefits_form()), ("phases", phases_form())])
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data({"title": "About", "slug": "about", "intro": "", "body": body}),
        )

    def test_can_create_blog_index(self):
        self.assertCanCreate(
            self.home,
            BlogIndexPage,
            nested_form_data({"title": "News", "slug": "news", "intro": ""}),
        )

    def test_can_create_article_with_benefits_and_phases(self):
        self.assertCanCreate(
            self.index,
            ArticlePage,
            article_form(
                self.author, medical_reviewer=self.reviewer.pk, last_reviewed="2026-10-01"
            ),
        )
        page = ArticlePage.objects.get(slug="new-post")
        types = [block.block_type for block in page.body]
        self.assertEqual(types, ["heading", "paragraph", "benefits", "phases"])
        self.assertEqual([a.slug for a in page.authors], ["lena"])
        self.assertEqual(sorted(t.name for t in page.tags.all()), ["aftercare", "microneedling"])
        self.assertEqual(page.medical_reviewer, self.reviewer)

    def test_can_create_product_review(self):
        data = article_form(self.author, slug="roller-review")
        data.update(
            nested_form_data(
                {
                    "product_name": "Classic roller",
                    "brand": "Dermaline",
                    "category": "derma_roller",
                    "rating": "4.5",
                    "rating_scale": "5",
                    "verdict": "Good value.",
                    "pros": streamfield([("point", "Cheap")]),
                    "cons": streamfield([("point", "Dulls fast")]),
                    "needle_count": "192",
                    "needle_length_min_mm": "0.25",
                    "needle_length_max_mm": "0.50",
                    "speed_settings": "",
                    "power_source": "manual",
                    "price": "19.50",
                    "currency": "USD",
                    "disclosure": "",
                    "buy_links": inline_formset(
                        [
                            {
                                "retailer": "Shop",
                                "url": "https://shop.example.com/r",
                                "price_note": "",
                                "availability": "OutOfStock",
                            }
                        ]
                    ),
                }
            )
        )
        self.assertCanCreate(self.index, ProductReviewPage, data)
        review = ProductReviewPage.objects.get(slug="roller-review")
        self.assertEqual(review.needle_count, 192)
        self.assertEqual(review.needle_length_range, "0.25–0.5")
        self.assertEqual(review.buy_links.count(), 1)
        self.assertEqual(review.buy_links.get().availability, "OutOfStock")

    def test_invalid_phase_order_is_rejected_with_a_message_on_that_phase(self):
        phases = phases_form(
            phase_form("Remodelling", (3, "weeks")),
            phase_form("Inflammatory", (0, "hours"), (3, "days")),
        )
        url = reverse("wagtailadmin_pages:add", args=("blog", "articlepage", self.index.pk))
        response = self.client.post(url, article_form(self.author, phases=phases))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(ArticlePage.objects.filter(slug="new-post").exists())
        body_errors = response.context["form"].errors["body"].as_data()[0]
        phase_errors = body_errors.block_errors[3].block_errors["items"].block_errors
        self.assertEqual(list(phase_errors), [1])
        message = phase_errors[1].non_block_errors.as_data()[0].messages[0]
        self.assertIn("starts (0 hours) before the previous phase starts (3 weeks)", message)
        self.assertContains(response, "The page could not be created due to validation errors")

    def test_medical_reviewer_must_be_allowed_to_review(self):
        url = reverse("wagtailadmin_pages:add", args=("blog", "articlepage", self.index.pk))
        response = self.client.post(url, article_form(self.author, medical_reviewer=self.author.pk))
        self.assertEqual(response.status_code, 200)
        self.assertIn("medical_reviewer", response.context["form"].errors)

    def test_reviewer_chooser_offers_only_authors_who_can_review(self):
        url = reverse("wagtailadmin_pages:add", args=("blog", "articlepage", self.index.pk))
        response = self.client.get(url)
        self.assertContains(
            response, f'<option value="{self.reviewer.pk}">Maya</option>', html=True
        )
        self.assertNotContains(
            response, f'<option value="{self.author.pk}">Lena</option>', html=True
        )

    def test_a_reviewer_who_cannot_review_is_refused_saying_why(self):
        url = reverse("wagtailadmin_pages:add", args=("blog", "articlepage", self.index.pk))
        response = self.client.post(url, article_form(self.author, medical_reviewer=self.author.pk))
        errors = response.context["form"].errors["medical_reviewer"]
        self.assertIn("can act as medical reviewer", " ".join(errors))
        self.assertNotIn("Select a valid choice", " ".join(errors))

    def test_scheduled_publishing_keeps_the_page_off_the_site(self):
        url = reverse("wagtailadmin_pages:add", args=("blog", "articlepage", self.index.pk))
        data = article_form(self.author, go_live_at="2099-01-01 09:00", action_publish="Publish")
        self.client.post(url, data)
        page = ArticlePage.objects.get(slug="new-post")
        self.assertFalse(page.live)
        self.assertIsNotNone(page.go_live_at)

    def test_preview_renders_the_draft(self):
        url = reverse(
            "wagtailadmin_pages:preview_on_add", args=("blog", "articlepage", self.index.pk)
        )
        self.client.post(url, article_form(self.author))
        response = self.client.get(url)
        self.assertContains(response, "Firmer skin")
        self.assertContains(response, "Why it works")


class TestPageTree(WagtailPageTestCase):
    def test_allowed_parents(self):
        self.assertAllowedParentPageTypes(ArticlePage, {BlogIndexPage})
        self.assertAllowedParentPageTypes(ProductReviewPage, {BlogIndexPage})
        self.assertAllowedParentPageTypes(BlogIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})

    def test_posts_cannot_have_children(self):
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertAllowedSubpageTypes(ProductReviewPage, set())
        self.assertAllowedSubpageTypes(BlogIndexPage, {ArticlePage, ProductReviewPage})


class TestAuthorAdmin(WagtailPageTestCase):
    def setUp(self):
        self.login()

    def form(self, **extra):
        links = extra.pop(
            "profile_links",
            inline_formset([{"label": "Clinic", "url": "https://clinic.example.org/rae"}]),
        )
        return nested_form_data(
            {
                "name": "Dr Rae Lin",
                "slug": "rae-lin",
                "role": "",
                "credentials": "MD, dermatologist",
                "photo": "",
                "bio": rich_text("<p>Treats rosacea.</p>"),
                "expertise": "rosacea, acne",
                "website": "https://rae.example.org",
                "profile_links": links,
                "can_review": "on",
                **extra,
            }
        )

    def test_create_as_draft_then_publish(self):
        add_url = reverse("wagtailsnippets_blog_author:add")
        self.client.post(add_url, self.form())
        author = Author.objects.get(slug="rae-lin")
        self.assertFalse(author.live)
        self.assertEqual(author.revisions.count(), 1)
        edit_url = reverse("wagtailsnippets_blog_author:edit", args=(author.pk,))
        link = author.profile_links.get()
        links = inline_formset([{"id": link.pk, "label": "Clinic", "url": link.url}], initial=1)
        self.client.post(
            edit_url, self.form(profile_links=links, **{"action-publish": "action-publish"})
        )
        author.refresh_from_db()
        self.assertTrue(author.live)
        self.assertEqual(
            author.same_as(), ["https://rae.example.org", "https://clinic.example.org/rae"]
        )
        self.assertEqual(sorted(t.name for t in author.expertise.all()), ["acne", "rosacea"])

    def test_preview_lists_the_live_posts_they_wrote_or_reviewed(self):
        _home, index = make_site()
        author = make_author("rae", name="Dr Rae Lin", can_review=True)
        other = make_author("bo")
        make_article(index, "written", title="Written by Rae", authors=[author])
        make_article(
            index, "reviewed", title="Reviewed by Rae", authors=[other], medical_reviewer=author
        )
        make_article(index, "draft", title="Unpublished draft", authors=[author], publish=False)
        make_article(index, "unrelated", title="Someone else's post", authors=[other])
        url = reverse(
            "wagtailsnippets_blog_author:revisions_view",
            args=(author.pk, author.latest_revision_id),
        )
        response = self.client.get(url)
        self.assertContains(response, "Written by Rae")
        self.assertContains(response, "Reviewed by Rae")
        self.assertNotContains(response, "Unpublished draft")
        self.assertNotContains(response, "Someone else")

    def test_listing_search_finds_author(self):
        make_author("zed", name="Zed Quill", credentials="Esthetician")
        make_author("amy", name="Amy Other")
        response = self.client.get(reverse("wagtailsnippets_blog_author:list"), {"q": "Quill"})
        self.assertContains(response, "Zed Quill")
        self.assertNotContains(response, "Amy Other")
