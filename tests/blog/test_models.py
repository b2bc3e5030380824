from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.test import TestCase

from blog.models import ArticlePage, ProductReviewPage
from tests.factories import make_article, make_author, make_site, sample_body


class TestArticleDerivedFacts(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()

    def test_word_count_and_reading_time_follow_the_body(self):
        long_text = "<p>" + " ".join(["collagen"] * 900) + "</p>"
        page = make_article(self.index, "long", body=[("paragraph", long_text)])
        self.assertGreaterEqual(page.word_count, 900)
        self.assertEqual(page.reading_time, 4)

    def test_related_posts_rank_by_shared_tags_and_skip_drafts(self):
        page = make_article(self.index, "main", tags=["a", "b", "c"])
        two = make_article(self.index, "two-shared", tags=["a", "b"])
        one = make_article(self.index, "one-shared", tags=["c", "z"])
        make_article(self.index, "none-shared", tags=["z"])
        make_article(self.index, "draft", tags=["a", "b", "c"], publish=False)
        self.assertEqual(list(page.related_posts()), [two.page_ptr.specific, one.page_ptr.specific])

    def test_related_posts_include_reviews(self):
        page = make_article(self.index, "main", tags=["rollers"])
        review = make_article(self.index, "rev", tags=["rollers"], model=ProductReviewPage)
        self.assertEqual([p.pk for p in page.related_posts()], [review.pk])


class TestArticleValidation(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.writer = make_author("writer")
        cls.doctor = make_author("doctor", can_review=True)

    def article(self, **fields):
        fields.setdefault("body", sample_body())
        return ArticlePage(title="T", slug="t", **fields)

    def test_review_date_needs_a_reviewer_and_cannot_be_future(self):
        with self.assertRaises(ValidationError) as ctx:
            self.article(last_reviewed=date.today() + timedelta(days=2)).clean()
        self.assertIn("medical_reviewer", ctx.exception.message_dict)
        self.assertIn("last_reviewed", ctx.exception.message_dict)

    def test_reviewer_must_be_qualified(self):
        with self.assertRaises(ValidationError) as ctx:
            self.article(medical_reviewer=self.writer).clean()
        self.assertIn("medical_reviewer", ctx.exception.message_dict)
        self.article(medical_reviewer=self.doctor, last_reviewed=date.today()).clean()

    def test_benefit_citations_must_exist(self):
        body = [
            (
                "benefits",
                {
                    "heading": "B",
                    "intro": "",
                    "items": [{"title": "x", "explanation": "<p>y</p>", "citations": "2"}],
                },
            )
        ]
        with self.assertRaises(ValidationError) as ctx:
            self.article(body=body).clean()
        self.assertIn("references 2", str(ctx.exception.message_dict["body"]))

    def test_update_date_not_before_publication(self):
        with self.assertRaises(ValidationError) as ctx:
            self.article(published_date=date(2026, 5, 2), updated_date=date(2026, 5, 1)).clean()
        self.assertIn("updated_date", ctx.exception.message_dict)


class TestProductReview(TestCase):
    def review(self, **fields):
        base = {
            "title": "R",
            "slug": "r",
            "product_name": "Pen",
            "rating": Decimal("4"),
            "verdict": "Ok",
        }
        return ProductReviewPage(**{**base, **fields})

    def test_rating_cannot_exceed_scale(self):
        with self.assertRaises(ValidationError) as ctx:
            self.review(rating=Decimal("6"), rating_scale=5).clean()
        self.assertIn("rating", ctx.exception.message_dict)
        self.review(rating=Decimal("8.5"), rating_scale=10).clean()

    def test_needle_range_must_be_ordered(self):
        with self.assertRaises(ValidationError) as ctx:
            self.review(
                needle_length_min_mm=Decimal("1.5"), needle_length_max_mm=Decimal("0.5")
            ).clean()
        self.assertIn("needle_length_max_mm", ctx.exception.message_dict)

    def test_specs_show_units_and_skip_blanks(self):
        review = self.review(
            needle_count=192,
            needle_length_min_mm=Decimal("0.25"),
            needle_length_max_mm=Decimal("2.50"),
            power_source="rechargeable",
            price=Decimal("89"),
            currency="EUR",
        )
        specs = {s.key: (s.value, s.unit) for s in review.specs()}
        self.assertEqual(specs["needle_count"], ("192", ""))
        self.assertEqual(specs["needle_length"], ("0.25–2.5", "mm"))
        self.assertEqual(specs["price"], ("89.00", "EUR"))
        self.assertEqual(specs["power_source"], ("Rechargeable battery", ""))
        self.assertNotIn("speed_settings", specs)
