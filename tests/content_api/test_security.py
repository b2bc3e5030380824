"""Only live, public content of the request's site ever appears; rich text is sanitised."""

from __future__ import annotations

import json
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils import timezone
from wagtail.models import PageViewRestriction

from blog.models import ArticleAuthor, ArticlePage

from .helpers import ApiTestCase, api_json, make_article, make_author, make_other_site, make_site

EVIL_PARAGRAPH = (
    '<p>Hi<script>alert("p")</script><img src="x" onerror="alert(1)">'
    '<a href="javascript:alert(2)">click</a><a href="https://ok.example/" onclick="steal()">ok</a>'
    '<iframe src="https://evil.example/"></iframe><svg onload="alert(3)"></svg></p>'
)


def public_urls(page_ids):
    urls = [
        "/api/v1/articles",
        "/api/v1/reviews",
        "/api/v1/tags",
        "/api/v1/authors",
        "/api/v1/search?q=secret",
        "/api/v1/search/autocomplete?q=sec",
        "/api/v1/site",
        "/feeds/rss/",
        "/feeds/atom/",
    ]
    for pk in page_ids:
        urls += [f"/api/v1/articles/{pk}", f"/api/v1/reviews/{pk}"]
    return urls


@override_settings(SKINCARE_API_CACHE_ENABLED=False)
class TestOnlyPublicContent(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.lena = make_author("lena")
        cls.hidden_author = make_author("ghost", name="Ghost Writer", live=False)
        cls.public = make_article(cls.index, "public-post", authors=[cls.lena], tags=["shared"])
        cls.draft = make_article(
            cls.index, "secret-draft", title="Secret draft", tags=["shared"], publish=False
        )
        cls.scheduled = make_article(
            cls.index, "secret-scheduled", title="Secret scheduled", tags=["shared"], publish=False
        )
        cls.scheduled.go_live_at = timezone.now() + timedelta(days=7)
        cls.scheduled.save_revision().publish()
        cls.private = make_article(
            cls.index, "secret-private", title="Secret private", tags=["shared"]
        )
        PageViewRestriction.objects.create(
            page=cls.private, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        _other_home, other_index = make_other_site()
        cls.foreign = make_article(
            other_index, "secret-foreign", title="Secret foreign", tags=["shared"]
        )
        cls.hidden_ids = [cls.draft.pk, cls.scheduled.pk, cls.private.pk, cls.foreign.pk]

    def test_hidden_pages_appear_nowhere(self):
        for url in public_urls(self.hidden_ids):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertIn(response.status_code, (200, 404))
                body = response.content.decode()
                for slug in (
                    "secret-draft",
                    "secret-scheduled",
                    "secret-private",
                    "secret-foreign",
                ):
                    self.assertNotIn(slug, body)
                self.assertNotIn("Secret", body)

    def test_hidden_pages_give_404_problem(self):
        for pk in self.hidden_ids:
            with self.subTest(pk=pk):
                response = self.client.get(f"/api/v1/articles/{pk}")
                self.assertEqual(response.status_code, 404)
                self.assertEqual(response["Content-Type"], "application/problem+json")

    def test_scheduled_page_is_really_not_live(self):
        self.scheduled.refresh_from_db()
        self.assertFalse(self.scheduled.live)

    def test_privacy_covers_descendants(self):
        PageViewRestriction.objects.create(
            page=self.index, restriction_type=PageViewRestriction.LOGIN
        )
        self.assertEqual(api_json(self.client, "/api/v1/articles")["count"], 0)
        self.assertEqual(self.client.get(f"/api/v1/articles/{self.public.pk}").status_code, 404)

    def test_other_site_sees_its_own_posts_only(self):
        data = api_json(self.client, "/api/v1/articles", HTTP_HOST="other.example")
        self.assertEqual([c["slug"] for c in data["results"]], ["secret-foreign"])
        self.assertEqual(data["results"][0]["url"], "http://other.example/blog/secret-foreign/")

    def test_related_posts_stay_public_and_on_site(self):
        related = api_json(self.client, f"/api/v1/articles/{self.public.pk}")["related"]
        self.assertEqual(related, [])

    def test_draft_author_profiles_stay_hidden(self):
        ArticleAuthor.objects.create(page=self.public, author=self.hidden_author, sort_order=1)
        card = api_json(self.client, "/api/v1/articles")["results"][0]
        self.assertEqual([a["slug"] for a in card["authors"]], ["lena"])
        self.assertEqual(self.client.get("/api/v1/authors/ghost").status_code, 404)
        slugs = [a["slug"] for a in api_json(self.client, "/api/v1/authors")["results"]]
        self.assertNotIn("ghost", slugs)


@override_settings(SKINCARE_API_CACHE_ENABLED=False)
class TestNoAccountsOrEmail(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.editor = get_user_model().objects.create_user(
            "editor", email="editor@clinic.example", password="x", first_name="Eddie"
        )
        cls.author = make_author("lena")
        cls.page = make_article(cls.index, "post", authors=[cls.author], owner=cls.editor)

    def test_no_user_or_email_in_any_response(self):
        urls = [*public_urls([self.page.pk]), "/api/v1/authors/lena", "/api/v1/openapi.json"]
        for url in urls:
            with self.subTest(url=url):
                body = self.client.get(url).content.decode()
                self.assertNotIn("editor@clinic.example", body)
                self.assertNotIn("Eddie", body)
                self.assertNotIn('"owner"', body)
                self.assertNotIn('"email"', body)


@override_settings(SKINCARE_API_CACHE_ENABLED=False)
class TestRichTextIsSanitised(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.author = make_author("lena", bio=EVIL_PARAGRAPH)
        cls.private = make_article(cls.index, "private-target")
        PageViewRestriction.objects.create(
            page=cls.private, restriction_type=PageViewRestriction.LOGIN
        )
        body = [
            ("paragraph", EVIL_PARAGRAPH),
            (
                "paragraph",
                f'<p><a linktype="page" id="{cls.private.pk}">private</a> '
                '<a linktype="page" id="999999">gone</a> <a linktype="unknown" id="1">odd</a></p>',
            ),
            ("callout", {"kind": "tip", "title": "", "body": EVIL_PARAGRAPH}),
            (
                "benefits",
                {
                    "heading": "B",
                    "intro": EVIL_PARAGRAPH,
                    "items": [{"title": "T", "explanation": EVIL_PARAGRAPH, "citations": ""}],
                },
            ),
            ("faq", {"heading": "Q", "items": [{"question": "Q?", "answer": EVIL_PARAGRAPH}]}),
        ]
        # Saved straight to the database, the way an importer or a shell script could.
        cls.page = make_article(cls.index, "evil", authors=[cls.author], body=body)
        ArticlePage.objects.filter(pk=cls.page.pk).update(summary="<script>x</script>")

    def assert_clean(self, text: str):
        lowered = text.lower()
        for needle in ("<script", "onerror", "onclick", "onload", "javascript:", "<iframe", "<svg"):
            self.assertNotIn(needle, lowered)

    def test_detail_html_is_sanitised(self):
        data = api_json(self.client, f"/api/v1/articles/{self.page.pk}")
        html_values = [block.get("html") or block.get("intro") or "" for block in data["body"]]
        html_values += [
            item.get("explanation") or item.get("answer") or ""
            for block in data["body"]
            for item in block.get("items", [])
        ]
        for value in html_values:
            self.assert_clean(value)
        self.assertIn('<a href="https://ok.example/">ok</a>', data["body"][0]["html"])

    def test_links_to_hidden_or_missing_pages_lose_their_target(self):
        data = api_json(self.client, f"/api/v1/articles/{self.page.pk}")
        self.assertEqual(data["body"][1]["html"], "<p><a>private</a> <a>gone</a> <a>odd</a></p>")

    def test_author_bio_is_sanitised(self):
        data = api_json(self.client, "/api/v1/authors/lena")
        self.assert_clean(data["bio"])
        self.assertIn("Hi", data["bio"])

    def test_jsonld_text_from_rich_text_is_plain(self):
        graph = api_json(self.client, f"/api/v1/articles/{self.page.pk}")["jsonld"]["@graph"]
        nodes = [n for n in graph if n["@type"] in ("ItemList", "FAQPage")]
        self.assertEqual(len(nodes), 2)
        for node in nodes:
            self.assert_clean(json.dumps(node))
            self.assertIn("Hi click ok", json.dumps(node))
