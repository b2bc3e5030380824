"""URL fields and URL blocks: only http(s) is stored, validated and printed as a link."""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from wagtail.test.utils import WagtailPageTestCase

from blog.models import Author, AuthorProfileLink, ProductReviewPage, ReviewBuyLink
from pages.blocks import CitationBlock
from tests.factories import make_article, make_author, make_site

from .corpus import active_content, script_urls


def citations(urls) -> dict:
    items = [
        {"type": "item", "id": f"c{n}", "value": {"title": f"Study {n}", "url": url}}
        for n, url in enumerate(urls)
    ]
    return {"type": "citations", "id": "refs", "value": {"heading": "References", "items": items}}


class TestUrlsFromTheOrm(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        # URLField holds 200 characters (PostgreSQL enforces it); longer ones cannot be stored.
        cls.urls = tuple(url for url in script_urls() if len(url) <= 200)
        cls.author = make_author("ana")
        cls.review = make_article(
            cls.index, "roller", authors=[cls.author], model=ProductReviewPage
        )
        # Written as a script or a bulk import would: no save(), no validation.
        Author.objects.filter(pk=cls.author.pk).update(website=cls.urls[0])
        AuthorProfileLink.objects.bulk_create(
            AuthorProfileLink(author=cls.author, label=f"L{n}", url=u, sort_order=n)
            for n, u in enumerate(cls.urls)
        )
        ReviewBuyLink.objects.bulk_create(
            ReviewBuyLink(page=cls.review, retailer=f"R{n}", url=u, sort_order=n)
            for n, u in enumerate(cls.urls)
        )
        ProductReviewPage.objects.filter(pk=cls.review.pk).update(
            body=json.dumps([citations(cls.urls)])
        )

    def test_pages_print_no_script_url(self):
        for path, url in (
            ("buy links and citation URLs", self.review.url),
            ("author website and profile links", self.index.author_url(self.author)),
        ):
            with self.subTest(path=path):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(active_content(response.content.decode()), [])
            print(f"site, {path}: {len(self.urls)} script URLs tried")


class TestUrlsOnSave(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()

    def test_saving_through_the_orm_empties_script_urls(self):
        author = make_author("ana")
        review = make_article(self.index, "roller", model=ProductReviewPage)
        for url in script_urls():
            with self.subTest(url=url):
                author.website = url
                author.save()
                link = AuthorProfileLink.objects.create(author=author, label="L", url=url)
                buy = ReviewBuyLink.objects.create(page=review, retailer="R", url=url)
                author.refresh_from_db()
                self.assertEqual(author.website, "")
                self.assertEqual(AuthorProfileLink.objects.get(pk=link.pk).url, "")
                self.assertEqual(ReviewBuyLink.objects.get(pk=buy.pk).url, "")

    def test_citation_urls_are_emptied_on_save(self):
        page = make_article(self.index, "cited", body=[citations(script_urls())])
        stored = type(page).objects.get(pk=page.pk)
        urls = [item["value"]["url"] for item in stored.body.raw_data[0]["value"]["items"]]
        self.assertEqual(set(urls), {""})

    def test_http_urls_are_kept(self):
        author = make_author("ana", website="https://clinic.example/ana")
        self.assertEqual(Author.objects.get(pk=author.pk).website, "https://clinic.example/ana")


class TestUrlValidation(WagtailPageTestCase):
    """What the admin's forms run: only http(s) passes, at the model and in the block."""

    def test_model_fields_reject_other_schemes(self):
        for url in ("ftp://files.example/a", "javascript:alert(1)", "data:text/html,x"):
            with self.subTest(url=url):
                author = Author(name="A", slug="a", website=url)
                with self.assertRaises(ValidationError) as caught:
                    author.full_clean()
                self.assertIn("website", caught.exception.message_dict)
                link = ReviewBuyLink(retailer="R", url=url)
                with self.assertRaises(ValidationError):
                    link.clean_fields(exclude=["page"])

    def test_citation_block_rejects_other_schemes(self):
        block = CitationBlock()
        with self.assertRaises(ValidationError):
            block.clean(block.to_python({"title": "Study", "url": "ftp://files.example/a"}))
        value = block.clean(block.to_python({"title": "Study", "url": "https://doi.org/10.1/x"}))
        self.assertEqual(value["url"], "https://doi.org/10.1/x")
