"""Typos: a "Did you mean ...?" from the site's own words, on the page and in the API."""

from django.test import SimpleTestCase, override_settings
from wagtail.test.utils import WagtailPageTestCase

from blog.search.suggestions import closest_difflib, corrected
from tests.factories import make_article, make_author, make_site

from .helpers import api_search

KNOWN = frozenset({"microneedling", "collagen", "retinol", "aftercare", "nadia"})


class TestCorrected(SimpleTestCase):
    def test_replaces_unknown_words_only(self):
        cases = {
            "microneedlng": "microneedling",
            "colagen aftercare": "collagen aftercare",
            "retinl serum": "retinol serum",
        }
        for typo, fixed in cases.items():
            with self.subTest(typo=typo):
                self.assertEqual(corrected(typo, KNOWN, closest_difflib), fixed)

    def test_no_suggestion_when_nothing_is_close_or_wrong(self):
        self.assertIsNone(corrected("collagen", KNOWN, closest_difflib))
        self.assertIsNone(corrected("zzqxw", KNOWN, closest_difflib))


@override_settings(SKINCARE_API_CACHE_ENABLED=False)
class TestSuggestionsOnResults(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        _home, index = make_site()
        make_author("nadia", name="Nadia Ferreira")
        make_article(index, "mn", title="Microneedling at home", tags=["aftercare"])
        make_article(index, "draft", title="Dermaplaning secrets", publish=False)

    def test_site_offers_the_corrected_query(self):
        response = self.client.get("/search/", {"q": "microneedlng"})
        self.assertContains(response, 'Did you mean <a href="?q=microneedling">microneedling</a>?')
        followed = self.client.get("/search/", {"q": "microneedling"})
        self.assertContains(followed, "Microneedling at home")
        self.assertNotContains(followed, "Did you mean")

    def test_api_suggestion_field(self):
        self.assertEqual(api_search(self.client, "aftercre")["suggestion"], "aftercare")
        self.assertIsNone(api_search(self.client, "aftercare")["suggestion"])

    def test_words_of_hidden_posts_are_not_suggested(self):
        self.assertIsNone(api_search(self.client, "dermaplanning")["suggestion"])
