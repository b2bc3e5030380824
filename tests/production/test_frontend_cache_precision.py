"""What a publish purges beyond the post's own lists: the posts showing it as a related card,
the tags and authors an edit removed, the same set on unpublish, delete and move, and never
another Site's hostnames (a loopback server plays the Varnish PURGE endpoint)."""

from __future__ import annotations

from django.core.cache import cache
from django.test import TestCase, override_settings
from wagtail.models import Page, Site

from blog.models import ArticleAuthor, ArticlePage, BlogIndexPage
from pages.models import HomePage
from tests.factories import make_article, make_author, make_site
from tests.production.test_frontend_cache import PurgeServer

SITE, API = "http://localhost", "http://localhost/api/v1"
OTHER = "http://other.test"


def page_urls(page) -> set[str]:
    """The post's page and its API detail, where its related cards show."""
    url = page.get_full_url()
    api = url.split("/blog/")[0] + "/api/v1"
    return {url, f"{api}/articles/{page.pk}", f"{api}/articles/by-slug/{page.slug}"}


class PurgeCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.lena = make_author("lena", name="Lena Hart")
        cls.mo = make_author("mo", name="Mo Reyes")
        cls.shower = make_article(cls.index, "shower", tags=["serum"])  # shows the post's card
        cls.stranger = make_article(cls.index, "stranger", tags=["sunscreen"])
        cls.post = make_article(cls.index, "post", authors=[cls.lena], tags=["serum", "acids"])
        root = Page.get_first_root_node()
        cls.other_home = root.add_child(instance=HomePage(title="Other", slug="other-home"))
        Site.objects.create(hostname="other.test", port=80, root_page=cls.other_home)
        cls.other_index = cls.other_home.add_child(instance=BlogIndexPage(title="B", slug="blog"))
        cls.other_shower = make_article(cls.other_index, "other-shower", tags=["serum"])

    def setUp(self):
        cache.clear()

    def purged_by(self, action) -> set[str]:
        with PurgeServer() as server, override_settings(WAGTAILFRONTENDCACHE=server.settings):
            action()
        return set(server.purged)

    def edit(self, *, title=None, tags=None, authors=None):
        page = ArticlePage.objects.get(pk=self.post.pk)
        if title:
            page.title = title
        if tags is not None:
            page.tags.set(tags)
        if authors is not None:
            page.article_authors = [
                ArticleAuthor(author=a, sort_order=i) for i, a in enumerate(authors)
            ]
        page.save_revision().publish()


class TestRelatedCards(PurgeCase):
    def test_a_retitled_post_purges_the_posts_showing_its_card(self):
        purged = self.purged_by(lambda: self.edit(title="Renamed"))
        self.assertLessEqual(page_urls(self.shower), purged, page_urls(self.shower) - purged)
        self.assertFalse(page_urls(self.stranger) & purged)

    def test_the_pages_showing_the_card_carry_its_key(self):
        key = f"post-{self.post.pk}"
        for url in ("/blog/shower/", f"/api/v1/articles/{self.shower.pk}"):
            with self.subTest(url):
                self.assertIn(key, self.client.get(url)["Surrogate-Key"].split())
        self.assertNotIn(key, self.client.get("/blog/stranger/")["Surrogate-Key"].split())

    @override_settings(SKINCARE_BLOG_RELATED_LIMIT=1)
    def test_a_post_whose_cards_it_does_not_reach_is_left_alone(self):
        # "closer" shares both tags with the shower's neighbour, so it holds the one card.
        # "fan" shares both of the post's tags, so the post holds its one card.
        neighbour = make_article(self.index, "neighbour", tags=["serum", "retinol"])
        fan = make_article(self.index, "fan", tags=["serum", "acids"])
        make_article(self.index, "closer", tags=["serum", "retinol"])
        purged = self.purged_by(lambda: self.edit(title="Renamed"))
        self.assertFalse(page_urls(neighbour) & purged)
        self.assertFalse(page_urls(self.shower) & purged)  # the newer posts hold its card
        self.assertLessEqual(page_urls(fan), purged)

    def test_a_tag_removed_purges_the_posts_that_showed_the_card_through_it(self):
        purged = self.purged_by(lambda: self.edit(tags=["acids"]))
        self.assertLessEqual(page_urls(self.shower), purged)

    def test_a_tag_added_purges_the_posts_that_now_show_the_card(self):
        purged = self.purged_by(lambda: self.edit(tags=["serum", "acids", "sunscreen"]))
        self.assertLessEqual(page_urls(self.stranger), purged)


class TestRemovedTagsAndAuthors(PurgeCase):
    def test_the_old_tag_and_author_pages_are_purged_with_the_new_ones(self):
        purged = self.purged_by(lambda: self.edit(tags=["serum"], authors=[self.mo]))
        expected = {
            f"{SITE}/blog/?tag=acids",  # removed
            f"{SITE}/blog/?tag=serum",
            f"{SITE}/blog/?author=lena",  # removed
            f"{SITE}/blog/authors/lena/",
            f"{SITE}/blog/?author=mo",
            f"{SITE}/blog/authors/mo/",
            f"{API}/articles?tag=acids",
            f"{API}/articles?author=lena",
            f"{API}/authors/lena",
            f"{API}/authors/mo",
        }
        self.assertLessEqual(expected, purged, expected - purged)

    def test_a_new_slug_purges_the_old_url(self):
        def rename():
            page = ArticlePage.objects.get(pk=self.post.pk)
            page.slug = "renamed"
            page.save_revision().publish()

        purged = self.purged_by(rename)
        self.assertLessEqual({f"{SITE}/blog/post/", f"{SITE}/blog/renamed/"}, purged)
        self.assertIn(f"{API}/articles/by-slug/post", purged)

    def test_an_edit_that_keeps_them_purges_no_other_tag(self):
        purged = self.purged_by(lambda: self.edit(title="Renamed"))
        self.assertNotIn(f"{SITE}/blog/?tag=sunscreen", purged)
        self.assertNotIn(f"{SITE}/blog/?author=mo", purged)


class TestUnpublishDeleteMove(PurgeCase):
    def expected(self) -> set[str]:
        return {
            *page_urls(self.shower),
            f"{SITE}/blog/?tag=acids",
            f"{SITE}/blog/authors/lena/",
            f"{API}/articles/{self.post.pk}",
        }

    def test_unpublishing_purges_the_same_set(self):
        purged = self.purged_by(lambda: ArticlePage.objects.get(pk=self.post.pk).unpublish())
        self.assertLessEqual(self.expected(), purged, self.expected() - purged)

    def test_deleting_purges_the_same_set(self):
        purged = self.purged_by(lambda: ArticlePage.objects.get(pk=self.post.pk).delete())
        self.assertLessEqual(self.expected(), purged, self.expected() - purged)
        self.assertIn(f"{SITE}/blog/post/", purged)

    def test_moving_purges_the_old_place_and_the_new_one(self):
        second = self.home.add_child(instance=BlogIndexPage(title="Notes", slug="notes"))
        purged = self.purged_by(
            lambda: ArticlePage.objects.get(pk=self.post.pk).move(second, pos="last-child")
        )
        expected = {
            *self.expected(),
            f"{SITE}/blog/post/",
            f"{SITE}/notes/post/",
            f"{SITE}/notes/",
            f"{SITE}/notes/?tag=acids",
        }
        self.assertLessEqual(expected, purged, expected - purged)

    def test_moving_to_another_site_purges_both_sites(self):
        page = ArticlePage.objects.get(pk=self.post.pk)
        purged = self.purged_by(lambda: page.move(self.other_index, pos="last-child"))
        expected = {
            f"{SITE}/blog/post/",
            f"{SITE}/blog/?tag=acids",
            *page_urls(self.shower),
            f"{OTHER}/blog/post/",
            f"{OTHER}/blog/?tag=acids",
            *page_urls(self.other_shower),
        }
        self.assertLessEqual(expected, purged, expected - purged)


class TestSecondSite(PurgeCase):
    def test_no_url_of_the_other_site_is_purged_for_this_sites_post(self):
        actions = {
            "publish": lambda: self.edit(title="Renamed", tags=["serum"], authors=[self.mo]),
            "unpublish": lambda: ArticlePage.objects.get(pk=self.post.pk).unpublish(),
        }
        for name, action in actions.items():
            with self.subTest(name):
                purged = self.purged_by(action)
                self.assertTrue(purged)
                self.assertEqual([url for url in purged if url.startswith(OTHER)], [])
