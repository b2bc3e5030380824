"""Small builders for API tests, on top of tests.factories."""

from __future__ import annotations

import json
from decimal import Decimal

from django.core.cache import cache
from django.test import Client, TestCase
from wagtail.models import Page, Site

from blog.models import BlogIndexPage, ProductReviewPage, ReviewBuyLink
from pages.models import HomePage
from tests.factories import make_article, make_author, make_image, make_site

__all__ = [
    "ApiTestCase",
    "api_json",
    "full_body",
    "make_article",
    "make_author",
    "make_image",
    "make_other_site",
    "make_review",
    "make_site",
]


class ApiTestCase(TestCase):
    """A database test that starts with an empty cache.

    Django's cache is not rolled back with each test's transaction, so a generation, site
    scope or response cached by one test would otherwise be read by the next.
    """

    def setUp(self):
        super().setUp()
        cache.clear()


def make_other_site(hostname: str = "other.example") -> tuple[HomePage, BlogIndexPage]:
    """A second Site with its own home and blog index."""
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="Other home", slug="home-" + hostname.replace(".", "-"))
    )
    Site.objects.create(hostname=hostname, port=80, root_page=home, site_name="Other")
    index = home.add_child(instance=BlogIndexPage(title="Other blog", slug="blog"))
    return home, index


def make_review(index, slug="review", *, buy_links=(), **fields) -> ProductReviewPage:
    fields.setdefault("product_name", "Glide Pen")
    fields.setdefault("brand", "Lumen")
    fields.setdefault("category", "microneedling_pen")
    fields.setdefault("rating", Decimal("4.5"))
    fields.setdefault("verdict", "Careful and quiet.")
    fields.setdefault("price", Decimal("89"))
    page = make_article(index, slug, model=ProductReviewPage, publish=False, **fields)
    page.buy_links = [
        ReviewBuyLink(retailer=retailer, url=url, sort_order=i)
        for i, (retailer, url) in enumerate(buy_links)
    ]
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def full_body(*, link_to: int | None = None, image=None) -> list[tuple]:
    """One block of every type, with a page link and an image when given."""
    link = f'<a linktype="page" id="{link_to}">a related guide</a>' if link_to else "a guide"
    blocks: list[tuple] = [
        ("heading", {"text": "How it works", "level": "h2", "anchor": ""}),
        ("paragraph", f"<p>Read {link} before you start.</p>"),
        ("heading", {"text": "Details", "level": "h3", "anchor": "details"}),
        ("quote", {"quote": "Gentle beats harsh.", "attribution": "A. Derm", "role": "MD"}),
        ("callout", {"kind": "warning", "title": "Careful", "body": "<p>Patch test first.</p>"}),
        (
            "benefits",
            {
                "heading": "Benefits",
                "intro": "<p>Why people do it.</p>",
                "items": [
                    {
                        "title": "Firmer skin",
                        "explanation": "<p>New collagen.</p>",
                        "citations": "1",
                    },
                    {"title": "Smoother", "explanation": "<p>Turnover.</p>", "citations": ""},
                ],
            },
        ),
        (
            "phases",
            {
                "heading": "Healing",
                "intro": "",
                "items": [
                    {
                        "name": "Inflammatory",
                        "label": "straight away",
                        "start": {"value": 0, "unit": "hours"},
                        "end": {"value": 3, "unit": "days"},
                        "description": "<p>Redness.</p>",
                    },
                    {
                        "name": "Remodelling",
                        "label": "",
                        "start": {"value": 3, "unit": "weeks"},
                        "end": {"value": None, "unit": "months"},
                        "description": "<p>Collagen matures.</p>",
                    },
                ],
            },
        ),
        (
            "faq",
            {
                "heading": "Questions",
                "items": [{"question": "Does it hurt?", "answer": "<p>A little.</p>"}],
            },
        ),
        (
            "citations",
            {
                "heading": "References",
                "items": [
                    {
                        "authors": "Alster TS",
                        "title": "Microneedling review",
                        "publisher": "Dermatologic Surgery",
                        "year": 2018,
                        "doi": "10.1097/DSS.0000000000001248",
                        "pmid": "",
                        "url": "",
                    }
                ],
            },
        ),
    ]
    if image is not None:
        blocks.insert(
            2,
            (
                "image",
                {"image": image, "alt_text": "A roller", "caption": "Cap", "attribution": "Me"},
            ),
        )
    return blocks


def api_json(client: Client, url: str, **extra) -> dict:
    """GET an API URL, assert 200, return the decoded body."""
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code, response.content[:500])
    return json.loads(response.content)
