"""Autocomplete on the site (/search/autocomplete/) and in the API: posts, authors, tags."""

from django.test import override_settings
from wagtail.test.utils import WagtailPageTestCase

from tests.factories import make_article, make_author, make_site

from .helpers import make_hidden_posts


@override_settings(SKINCARE_API_CACHE_ENABLED=False)
class TestAutocomplete(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        _home, index = make_site()
        make_author("cole", name="Colette Marsh")
        make_author("hidden", name="Colin Hidden", live=False)
        make_article(index, "collagen", title="Collagen after forty", tags=["collagen"])
        make_article(index, "roller", title="Roller basics", tags=["cold therapy"])
        make_hidden_posts(index, "colder")

    def test_site_suggests_posts_authors_and_tags_by_prefix(self):
        data = self.client.get("/search/autocomplete/", {"q": "col"}).json()
        labels = {(item["type"], item["label"]) for item in data["results"]}
        self.assertIn(("post", "Collagen after forty"), labels)
        self.assertIn(("author", "Colette Marsh"), labels)
        self.assertIn(("tag", "collagen"), labels)
        self.assertIn(("tag", "cold therapy"), labels)
        self.assertNotIn(("author", "Colin Hidden"), labels)
        self.assertFalse([label for _kind, label in labels if "colder" in label.lower()])
        post = next(item for item in data["results"] if item["type"] == "post")
        self.assertTrue(post["url"].endswith("/collagen/"))

    def test_api_suggests_posts_authors_and_tags(self):
        data = self.client.get("/api/v1/search/autocomplete", {"q": "col"}).json()
        self.assertEqual([r["title"] for r in data["results"]], ["Collagen after forty"])
        self.assertEqual([a["name"] for a in data["authors"]], ["Colette Marsh"])
        self.assertEqual({t["slug"] for t in data["tags"]}, {"collagen", "cold-therapy"})

    def test_search_form_links_the_suggestions(self):
        response = self.client.get("/search/")
        self.assertContains(response, 'list="search-suggestions"')
        self.assertContains(response, 'data-suggest-url="/search/autocomplete/"')
        self.assertContains(response, "js/search-suggest.js")

    def test_empty_query_suggests_nothing(self):
        self.assertEqual(self.client.get("/search/autocomplete/", {"q": " "}).json()["results"], [])
