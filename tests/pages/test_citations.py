"""Citation links: readers, the API and the link checker follow the same DOI and PMID URLs."""

from django.test import SimpleTestCase, TestCase

from linkcheck.extract import Source, extract_links
from pages.citations import doi_url, pubmed_url
from tests.factories import make_article, make_site

# '#' and '?' are legal in a DOI suffix; unescaped they would end the path of the link.
DOI = "10.1000/abc#1?x=2"
PMID = "31234567"


def citations_block(**fields):
    item = {"authors": "", "title": "A study", "publisher": "", "year": 2020, "url": ""}
    item.update({"doi": "", "pmid": ""}, **fields)
    return ("citations", {"heading": "References", "items": [item]})


class TestCitationUrls(SimpleTestCase):
    def test_resolver_urls(self):
        cases = [
            (
                doi_url("10.1097/DSS.0000000000001234"),
                "https://doi.org/10.1097/DSS.0000000000001234",
            ),
            (doi_url(f" {DOI} "), "https://doi.org/10.1000/abc%231%3Fx%3D2"),
            (pubmed_url(f" {PMID} "), "https://pubmed.ncbi.nlm.nih.gov/31234567/"),
        ]
        for got, expected in cases:
            with self.subTest(expected=expected):
                self.assertEqual(got, expected)


class TestReadersFollowCheckedUrls(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.page = make_article(cls.index, "cited", body=[citations_block(doi=DOI, pmid=PMID)])
        cls.api_only_doi = make_article(cls.index, "doi-only", body=[citations_block(doi=DOI)])

    def checked(self, source):
        return [link.url for link in extract_links(self.page) if link.source == source]

    def test_page_links_to_the_urls_the_checker_checks(self):
        html = self.client.get(self.page.url).content.decode()
        for source in (Source.CITATION_DOI, Source.CITATION_PMID):
            with self.subTest(source=source):
                [url] = self.checked(source)
                self.assertIn(f'href="{url}"', html)

    def test_api_links_a_doi_only_reference_to_the_checked_url(self):
        body = self.client.get(f"/api/v1/articles/{self.api_only_doi.pk}").json()["body"]
        [block] = [b for b in body if b["type"] == "citations"]
        self.assertEqual(block["items"][0]["url"], doi_url(DOI))
