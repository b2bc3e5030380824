"""A post published with a blank "Published date" is the newest everywhere, on every database."""

from __future__ import annotations

import json
from datetime import date, timedelta
from importlib import import_module

from django.apps import apps
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase

from blog.models import ArticlePage, live_posts
from tests.blog.test_authoring import article_form
from tests.factories import make_article, make_author, make_site

OLD_POSTS = 6  # as many as the home page lists, so a sinking post drops off it


class TestNewPostComesFirst(WagtailPageTestCase):
    """An editor publishes from the admin leaving the date blank (the default)."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.author = make_author("lena")
        for n in range(OLD_POSTS):
            make_article(
                cls.index,
                f"old-{n}",
                authors=[cls.author],
                tags=["microneedling"],
                published_date=date(2020, 1, 1) + timedelta(days=n),
            )

    def setUp(self):
        cache.clear()
        self.login()
        response = self.client.post(
            reverse("wagtailadmin_pages:add", args=("blog", "articlepage", self.index.pk)),
            {**article_form(self.author, slug="fresh"), "action-publish": "publish"},
        )
        self.assertEqual(response.status_code, 302)
        self.post = ArticlePage.objects.get(slug="fresh")

    def test_publication_date_is_set_on_first_publish(self):
        self.assertTrue(self.post.live)
        self.assertEqual(self.post.published_date, timezone.localdate())

    def test_first_on_the_blog_index(self):
        self.assertEqual(live_posts().first().pk, self.post.pk)
        html = self.client.get(self.index.url).content.decode()
        self.assertLess(html.index("A new post"), html.index("Old 5"))

    def test_first_on_the_home_page(self):
        html = self.client.get(self.home.url).content.decode()
        self.assertIn("A new post", html)
        self.assertLess(html.index("A new post"), html.index("Old 5"))

    def test_first_in_the_tag_filter(self):
        html = self.client.get(self.index.url + "?tag=microneedling").content.decode()
        self.assertLess(html.index("A new post"), html.index("Old 5"))

    def test_first_in_the_feeds(self):
        for name in ("blog_feed_rss", "blog_feed_atom"):
            with self.subTest(feed=name):
                xml = self.client.get(reverse(name)).content.decode()
                self.assertLess(xml.index("A new post"), xml.index("Old 5"))

    def test_first_in_the_api(self):
        body = json.loads(self.client.get("/api/v1/articles").content)
        self.assertEqual(body["results"][0]["id"], self.post.pk)
        oldest_first = json.loads(self.client.get("/api/v1/articles?ordering=published").content)
        self.assertEqual(oldest_first["results"][-1]["id"], self.post.pk)

    def test_first_among_related_posts(self):
        old = ArticlePage.objects.get(slug="old-0")
        self.assertEqual(old.related_posts()[0].pk, self.post.pk)
        body = json.loads(self.client.get(f"/api/v1/articles/{old.pk}").content)
        self.assertEqual(body["related"][0]["id"], self.post.pk)


class TestPublishedDateOnPublish(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()

    def test_orm_publish_sets_the_date_from_first_publication(self):
        page = make_article(self.index, "orm")
        self.assertEqual(page.published_date, timezone.localdate(page.first_published_at))

    def test_an_editors_date_is_kept(self):
        page = make_article(self.index, "dated", published_date=date(2021, 5, 4))
        self.assertEqual(page.published_date, date(2021, 5, 4))

    def test_a_draft_has_no_date(self):
        page = make_article(self.index, "draft", publish=False)
        self.assertIsNone(page.published_date)

    def test_republishing_keeps_the_first_date(self):
        page = make_article(self.index, "again")
        first = page.published_date
        ArticlePage.objects.filter(pk=page.pk).update(
            first_published_at=timezone.now() - timedelta(days=30)
        )
        page.refresh_from_db()
        page.published_date = None  # as the revision (saved before the first publish) holds it
        page.save_revision().publish()
        page.refresh_from_db()
        self.assertEqual(page.published_date, timezone.localdate(page.first_published_at))
        self.assertNotEqual(page.published_date, first)

    def test_migration_fills_live_posts_without_a_date(self):
        page = make_article(self.index, "legacy")
        ArticlePage.objects.filter(pk=page.pk).update(published_date=None)
        draft = make_article(self.index, "legacy-draft", publish=False)
        migration = import_module("blog.migrations.0003_fill_published_date")
        migration.fill_published_date(apps, None)
        page.refresh_from_db()
        draft.refresh_from_db()
        self.assertEqual(page.published_date, timezone.localdate(page.first_published_at))
        self.assertIsNone(draft.published_date)
