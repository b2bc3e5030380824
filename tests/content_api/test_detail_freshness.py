"""A warm detail reads breadcrumbs, rich-text page URLs and sameAs links per content
generation; each must still change the moment what it shows changes."""

from __future__ import annotations

import json

from django.test import override_settings

from blog.models import AuthorProfileLink

from .helpers import ApiTestCase, api_json, full_body, make_article, make_author, make_site


@override_settings(SKINCARE_API_CACHE_ENABLED=False)
class TestRememberedFacts(ApiTestCase):
    def setUp(self):
        super().setUp()
        self.home, self.index = make_site()
        self.author = make_author("nadia", name="Nadia Ferreira")
        self.target = make_article(self.index, "target-guide", authors=[self.author])
        self.article = make_article(
            self.index, "linking", authors=[self.author], body=full_body(link_to=self.target.pk)
        )
        self.url = f"/api/v1/articles/{self.article.pk}"

    def detail_text(self) -> str:
        return json.dumps(api_json(self.client, self.url))

    def test_profile_link_added_through_the_orm_shows_at_once(self):
        self.assertNotIn("clinic.example", self.detail_text())  # warm: the links are remembered
        AuthorProfileLink.objects.create(
            author=self.author, label="Clinic", url="https://clinic.example/nadia"
        )
        self.assertIn("https://clinic.example/nadia", self.detail_text())

    def test_breadcrumb_follows_a_renamed_index(self):
        self.assertIn('"Blog"', self.detail_text())
        self.index.title = "Journal"
        self.index.save_revision().publish()
        text = self.detail_text()
        self.assertIn('"Journal"', text)
        self.assertNotIn('"Blog"', text)

    def test_link_to_an_unpublished_page_loses_its_href(self):
        self.assertIn("/blog/target-guide/", self.detail_text())
        self.target.unpublish()
        self.assertNotIn("/blog/target-guide/", self.detail_text())

    def test_link_to_a_moved_page_follows_it(self):
        self.assertIn("/blog/target-guide/", self.detail_text())
        self.target.slug = "moved-guide"
        self.target.save_revision().publish()
        text = self.detail_text()
        self.assertIn("/blog/moved-guide/", text)
        self.assertNotIn("/blog/target-guide/", text)


@override_settings(SKINCARE_API_CACHE_ENABLED=False)
class TestRememberedRelatedPosts(ApiTestCase):
    """The related ranking is read once per generation: every change it depends on shows."""

    def setUp(self):
        super().setUp()
        self.home, self.index = make_site()
        self.article = make_article(self.index, "barrier-basics", tags=["barrier", "ceramides"])
        self.url = f"/api/v1/articles/{self.article.pk}"

    def related_slugs(self) -> list[str]:
        return [card["slug"] for card in api_json(self.client, self.url)["related"]]

    def test_a_post_sharing_tags_appears_when_published_and_goes_when_unpublished(self):
        self.assertEqual(self.related_slugs(), [])  # warm: the empty ranking is remembered
        other = make_article(self.index, "ceramide-cream", tags=["ceramides"])
        self.assertEqual(self.related_slugs(), ["ceramide-cream"])
        other.unpublish()
        self.assertEqual(self.related_slugs(), [])

    def test_a_post_that_shares_more_tags_moves_up(self):
        make_article(self.index, "one-tag", tags=["barrier"])
        later = make_article(self.index, "two-tags", tags=["cleanser"])
        self.assertEqual(self.related_slugs(), ["one-tag"])
        later.tags.set(["barrier", "ceramides"])
        later.save_revision().publish()
        self.assertEqual(self.related_slugs(), ["two-tags", "one-tag"])

    def test_the_posts_own_tags_changing_changes_its_ranking(self):
        make_article(self.index, "sunscreen-notes", tags=["spf"])
        self.assertEqual(self.related_slugs(), [])
        page = type(self.article).objects.get(pk=self.article.pk)
        page.tags.set(["spf"])
        page.save_revision().publish()
        self.assertEqual(self.related_slugs(), ["sunscreen-notes"])
