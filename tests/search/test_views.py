from wagtail.test.utils import WagtailPageTestCase

from blog.models import ProductReviewPage
from tests.factories import make_article, make_author, make_site


class TestSiteSearch(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        make_author("nadia", name="Nadia Ferreira", credentials="Dermatologist")
        make_author("hidden", name="Nadia Hidden", live=False)
        make_article(
            cls.index, "collagen", title="Collagen after forty", summary="How collagen changes."
        )
        make_article(
            cls.index,
            "roller",
            title="Roller review",
            model=ProductReviewPage,
            product_name="Titanium Derma Roller",
        )
        make_article(cls.index, "secret", title="Collagen draft", publish=False)

    def test_finds_articles_and_reviews(self):
        response = self.client.get("/search/", {"q": "collagen"})
        self.assertContains(response, "Collagen after forty")
        self.assertNotContains(response, "Collagen draft")
        response = self.client.get("/search/", {"q": "titanium"})
        self.assertContains(response, "Roller review")

    def test_finds_published_authors_only(self):
        response = self.client.get("/search/", {"q": "nadia"})
        self.assertContains(response, "Nadia Ferreira")
        self.assertNotContains(response, "Nadia Hidden")

    def test_empty_and_unmatched_queries(self):
        self.assertContains(self.client.get("/search/"), "Search articles, reviews and authors")
        self.assertContains(
            self.client.get("/search/", {"q": "zzzzqqq"}), "No articles or reviews match"
        )

    def test_overlong_query_is_truncated_not_an_error(self):
        response = self.client.get("/search/", {"q": "collagen " * 100})
        self.assertEqual(response.status_code, 200)

    def test_query_syntax_characters_are_not_errors(self):
        for query in ['"', 'collagen"', "collagen AND", "*", "(", "NEAR(", "a\x00b", "'"]:
            with self.subTest(query=query):
                self.assertEqual(self.client.get("/search/", {"q": query}).status_code, 200)
