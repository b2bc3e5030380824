"""The site's <script type="application/ld+json"> is the API's `jsonld`, safely escaped."""

from __future__ import annotations

import json
import re

from blog.models import ArticleAuthor
from tests.content_api.helpers import (
    ApiTestCase,
    api_json,
    full_body,
    make_article,
    make_author,
    make_review,
    make_site,
)

SCRIPT_RE = re.compile(rb'<script type="application/ld\+json">(.*?)</script>', re.S)


class TestSiteJsonLd(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.maya = make_author(
            "maya", name="Maya Okafor", can_review=True, website="https://maya.example/"
        )
        cls.lena = make_author("lena", name="Lena Hart")
        cls.page = make_article(
            cls.index,
            "benefits",
            title="Benefits </script><script>alert(1)</script> <!-- x",
            authors=[cls.lena],
            medical_reviewer=cls.maya,
            tags=["collagen"],
            body=full_body(),
            summary="Tom & Jerry's <b>guide</b>",
        )
        cls.review = make_review(
            cls.index, "pen", authors=[cls.lena], buy_links=[("Shop", "https://shop.example/")]
        )

    def scripts(self, path: str) -> list[bytes]:
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200)
        return SCRIPT_RE.findall(response.content)

    def test_article_page_emits_the_api_graph(self):
        (script,) = self.scripts("/blog/benefits/")
        api = api_json(self.client, f"/api/v1/articles/{self.page.pk}")["jsonld"]
        self.assertEqual(json.loads(script), api)

    def test_review_page_emits_the_api_graph(self):
        (script,) = self.scripts("/blog/pen/")
        api = api_json(self.client, f"/api/v1/reviews/{self.review.pk}")["jsonld"]
        self.assertEqual(json.loads(script), api)
        self.assertIn("Review", {node["@type"] for node in api["@graph"]})

    def test_content_cannot_break_out_of_the_script(self):
        (script,) = self.scripts("/blog/benefits/")
        for raw in (b"</script", b"<!--", b"<script", b"<b>", b"&"):
            self.assertNotIn(raw, script)
        graph = json.loads(script)["@graph"]
        article = next(n for n in graph if n["@type"] == "BlogPosting")
        self.assertEqual(article["name"], "Benefits </script><script>alert(1)</script> <!-- x")
        self.assertEqual(article["description"], "Tom & Jerry's <b>guide</b>")

    def test_admin_preview_emits_the_drafts_graph(self):
        self.page.title = "Draft headline"
        self.page.article_authors.add(ArticleAuthor(author=self.maya, sort_order=5))
        draft = self.page.save_revision().as_object()
        response = draft.make_preview_request()
        (script,) = SCRIPT_RE.findall(response.content)
        graph = json.loads(script)["@graph"]
        article = next(n for n in graph if n["@type"] == "BlogPosting")
        self.assertEqual(article["name"], "Draft headline")
        self.assertEqual(len(article["author"]), 2)
        # The live page's graph is unchanged.
        live = api_json(self.client, f"/api/v1/articles/{self.page.pk}")["jsonld"]["@graph"]
        self.assertNotIn("Draft headline", json.dumps(live))

    def test_other_pages_emit_no_article_graph(self):
        self.assertEqual(self.scripts("/blog/"), [])
