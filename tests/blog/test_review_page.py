"""The product review page: the summary a phone shows first, stars, one price format, the
buy button and its disclosure."""

from decimal import Decimal

from django.utils import translation
from wagtail.test.utils import WagtailPageTestCase

from blog.templatetags.blog_tags import money
from tests.content_api.helpers import make_image, make_review
from tests.factories import make_site


class TestReviewPage(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.review = make_review(
            cls.index,
            "pen",
            buy_links=[("Lumen shop", "https://shop.example.com/glide")],
            rating=Decimal("4.2"),
            price=Decimal("89"),
            currency="USD",
            hero_image=make_image("Pen photo", size=(800, 800)),
            hero_alt="The pen on a towel",
            pros=[("point", "Quiet motor")],
            cons=[("point", "Pricey cartridges")],
        )

    def html(self) -> str:
        return self.client.get(self.review.url).content.decode()

    def test_summary_with_rating_verdict_and_buy_button_comes_before_the_body(self):
        html = self.html()
        summary = html.index('<section class="review-summary')
        verdict = html.index('<p class="verdict"><strong>Our verdict:</strong> Careful and quiet.')
        self.assertLess(summary, verdict)
        self.assertLess(verdict, html.index('<div class="body">'))
        self.assertLess(html.index('class="buy-button"'), html.index('<div class="body">'))
        self.assertLess(summary, html.index('<div class="byline">'))

    def test_rating_is_stars_with_the_value_in_text(self):
        html = self.html()
        self.assertIn('<span class="stars" style="--rating: 84%" aria-hidden="true">', html)
        self.assertIn("<strong>4.2</strong> / 5", html)
        self.assertIn('<span class="visually-hidden">Rated 4.2 out of 5</span>', html)

    def test_buy_button_is_sponsored_with_the_disclosure_beside_it(self):
        html = self.html()
        button = html[html.index('<a href="https://shop.example.com/glide"') :]
        self.assertTrue(
            button.startswith(
                '<a href="https://shop.example.com/glide" rel="sponsored nofollow" class="buy-button">'
            )
        )
        self.assertIn("Buy at Lumen shop · $89.00</a>", button)
        self.assertIn('<p class="disclosure" role="note">', button[: button.index("</div>")])

    def test_one_price_format_in_specs_and_button(self):
        html = self.html()
        self.assertIn('<th scope="row">Price</th><td>$89.00</td>', html)
        self.assertNotIn("89.00 USD", html)
        self.assertEqual(html.count("$89.00"), 2)

    def test_price_follows_the_active_language(self):
        for language, expected in (
            ("en-us", "$89.00"),
            ("en-gb", "US$89.00"),
            ("de", "89,00\xa0$"),
        ):
            with self.subTest(language=language), translation.override(language):
                self.assertEqual(money(Decimal("89"), "USD"), expected)

    def test_product_image_and_pros_and_cons(self):
        html = self.html()
        image = html[html.index('<div class="product-image">') :]
        self.assertIn('type="image/webp"', image[: image.index("</picture>")])
        self.assertIn('alt="The pen on a towel"', image[: image.index("</picture>")])
        pros_cons = html[html.index('<section class="pros-cons"') :]
        self.assertIn("Quiet motor", pros_cons)
        self.assertIn("Pricey cartridges", pros_cons)
