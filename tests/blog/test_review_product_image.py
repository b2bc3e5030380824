"""A review's product image: beside the verdict on the page, in the API (renditions like the
hero) and in the Product JSON-LD, falling back to the hero; buy links' availability in the API;
reading time counting the verdict, pros and cons on the site and in the API alike."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse

from blog.models import ProductReviewPage, ReviewBuyLink
from pages.content import reading_facts
from tests.blog.representation.test_structured_data_shapes import JsonLdPageTestCase
from tests.content_api.helpers import api_json, make_image, make_review, make_site

LONG_VERDICT = " ".join(["steady"] * 240)


class TestProductImage(JsonLdPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.hero = make_image("Hero swirl")
        cls.shot = make_image("Pen shot", size=(900, 900))
        cls.own = make_review(
            cls.index,
            "pen",
            hero_image=cls.hero,
            hero_alt="",
            product_image=cls.shot,
            product_image_alt="The pen with its depth dial",
            buy_links=[("Shop", "https://shop.example/pen")],
        )
        cls.plain = make_review(cls.index, "roller", hero_image=cls.hero, hero_alt="A roller")
        link = ReviewBuyLink.objects.get(page=cls.own)
        link.availability = "PreOrder"
        link.save()

    def product_picture(self, page) -> str:
        html = self.client.get(page.url).content.decode()
        start = html.index('<div class="product-image">')
        return html[start : html.index("</div>", start)]

    def test_the_page_shows_the_product_image_else_the_hero(self):
        own = self.product_picture(self.own)
        self.assertIn("pen-shot", own)
        self.assertIn('alt="The pen with its depth dial"', own)
        plain = self.product_picture(self.plain)
        self.assertIn("hero-swirl", plain)
        self.assertIn('alt="A roller"', plain)

    def test_api_gives_the_image_with_hero_renditions(self):
        product = api_json(self.client, f"/api/v1/reviews/{self.own.pk}")["product"]
        image = product["image"]
        self.assertEqual((image["id"], image["alt"]), (self.shot.pk, "The pen with its depth dial"))
        hero = api_json(self.client, f"/api/v1/reviews/{self.own.pk}")["hero_image"]
        self.assertEqual(
            [r["spec"] for r in image["renditions"]], [r["spec"] for r in hero["renditions"]]
        )
        fallback = api_json(self.client, f"/api/v1/reviews/{self.plain.pk}")["product"]["image"]
        self.assertEqual((fallback["id"], fallback["alt"]), (self.hero.pk, "A roller"))

    def test_wagtail_api_v2_has_the_product_image(self):
        url = f"/api/v2/pages/{self.own.pk}/?fields=product_image,product_image_alt"
        data = api_json(self.client, url)
        self.assertEqual(data["product_image"]["id"], self.shot.pk)
        self.assertEqual(data["product_image_alt"], "The pen with its depth dial")

    def test_product_jsonld_image_is_the_product_image(self):
        (product,) = self.graph(self.own.url)["Product"]
        self.assertIn("pen-shot", product["image"])
        (fallback,) = self.graph(self.plain.url)["Product"]
        self.assertIn("hero-swirl", fallback["image"])

    def test_api_buy_links_state_availability_as_the_jsonld_offers_do(self):
        (link,) = api_json(self.client, f"/api/v1/reviews/{self.own.pk}")["product"]["buy_links"]
        self.assertEqual(link["availability"], "PreOrder")
        (product,) = self.graph(self.own.url)["Product"]
        self.assertEqual(product["offers"][0]["availability"], "https://schema.org/PreOrder")

    def test_editors_set_it_in_the_product_tab(self):
        admin = get_user_model().objects.create_superuser("ed", "ed@example.com", "pw")
        self.client.force_login(admin)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=(self.own.pk,)))
        self.assertContains(response, 'name="product_image"')
        self.assertContains(response, 'name="product_image_alt"')


class TestReviewReadingTime(JsonLdPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.review = make_review(
            cls.index,
            "long-verdict",
            body=[],
            verdict=LONG_VERDICT,
            pros=[("point", "Quiet motor")],
            cons=[("point", "Pricey cartridges")],
        )

    def test_verdict_pros_and_cons_count(self):
        page = ProductReviewPage.objects.get(pk=self.review.pk)
        expected = reading_facts(LONG_VERDICT, "Quiet motor", "Pricey cartridges")
        self.assertEqual((page.word_count, page.reading_time), (244, 2))
        self.assertEqual((page.word_count, page.reading_time), (expected.words, expected.minutes))

    def test_site_and_api_agree(self):
        data = api_json(self.client, f"/api/v1/reviews/{self.review.pk}")
        self.assertEqual((data["word_count"], data["reading_time"]), (244, 2))
        self.assertContains(self.client.get(self.review.url), "2 min read")
