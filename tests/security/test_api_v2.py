"""Wagtail's API v2 serves no script, event handler or script URL from stored content."""

from __future__ import annotations

import json

from wagtail.test.utils import WagtailPageTestCase

from blog.models import ProductReviewPage, ReviewBuyLink
from tests.factories import make_article, make_site

from .content import payload_article, payload_stream
from .corpus import active_content, batches, is_script_url, payloads, script_urls
from .test_urls import citations


def strings(data, key: str = "") -> list[tuple[str, str]]:
    """Every string value in a JSON document, with the key it is under."""
    if isinstance(data, str):
        return [(key, data)]
    if isinstance(data, dict):
        return [pair for k, value in data.items() for pair in strings(value, k)]
    if isinstance(data, list):
        return [pair for value in data for pair in strings(value, key)]
    return []


class TestApiV2(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.pages = [payload_article(cls.index, f"p-{n}", b) for n, b in enumerate(batches())]
        cls.review = make_article(cls.index, "roller", model=ProductReviewPage)
        ReviewBuyLink.objects.bulk_create(
            ReviewBuyLink(page=cls.review, retailer=f"R{n}", url=u, sort_order=n)
            for n, u in enumerate(script_urls())
        )
        ProductReviewPage.objects.filter(pk=cls.review.pk).update(
            body=json.dumps([citations(script_urls()), *payload_stream(payloads()[:20])])
        )

    def findings(self, page, fmt: str) -> list[str]:
        response = self.client.get(f"/api/v2/pages/{page.pk}/?rich_text_format={fmt}")
        self.assertEqual(response.status_code, 200)
        found = []
        for key, text in strings(response.json()):
            found += active_content(text, stored_format=fmt == "db_html")
            # A paragraph may read "javascript:..." as text; only URL fields are links.
            if key.endswith("url") and is_script_url(text):
                found.append(text[:60])
        return found

    def test_rich_text_bodies_hold_no_active_content(self):
        for fmt in ("html", "db_html"):
            for page in self.pages:
                with self.subTest(format=fmt, page=page.slug):
                    self.assertEqual(self.findings(page, fmt), [])
            print(f"api v2 body ({fmt}): {len(payloads())} payloads tried")

    def test_buy_links_and_citations_hold_no_script_url(self):
        self.assertEqual(self.findings(self.review, "html"), [])
        print(f"api v2 buy links and citation URLs: {len(script_urls())} script URLs tried")
