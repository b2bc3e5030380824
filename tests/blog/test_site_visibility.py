"""What the bundled HTML site hides: draft authors, other sites' posts and expired pages."""

from datetime import timedelta

from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase

from blog.models import ArticlePage, live_posts
from blog.representation.queries import public_pages
from blog.representation.scope import site_scope
from tests.content_api.helpers import make_other_site
from tests.factories import make_article, make_author, make_site


class TestDraftAuthorsStayHidden(WagtailPageTestCase):
    """An unpublished Author profile never shows on the site: bylines fall back, no reviewer."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        Site.objects.filter(is_default_site=True).update(site_name="Skin Notes")
        cls.ghost = make_author(
            "ghost",
            name="Ghost Writer",
            credentials="Secret MD",
            bio="<p>Ghost bio</p>",
            can_review=True,
            live=False,
        )
        cls.page = make_article(
            cls.index, "solo", authors=[cls.ghost], title="Solo post", medical_reviewer=cls.ghost
        )

    def assert_no_ghost(self, response):
        for text in ("Ghost Writer", "Secret MD", "Ghost bio", "/authors/ghost/"):
            self.assertNotContains(response, text)

    def test_article_falls_back_to_the_editorial_byline(self):
        response = self.client.get(self.page.url)
        self.assert_no_ghost(response)
        self.assertContains(response, "By Skin Notes editorial team")
        self.assertNotContains(response, "Medically reviewed by")
        self.assertNotContains(response, 'class="author-box"')

    def test_cards_on_home_index_and_related_posts(self):
        make_article(self.index, "sibling", tags=["acne"], authors=[self.ghost])
        self.page.tags.add("acne")
        self.page.save_revision().publish()
        for url in ("/", self.index.url, self.page.url):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assert_no_ghost(response)
                self.assertContains(response, "Skin Notes editorial team")

    def test_published_again_shows_again(self):
        self.ghost.live = True
        self.ghost.save()
        response = self.client.get(self.page.url)
        self.assertContains(response, "Ghost Writer</a> (Secret MD)")
        self.assertContains(response, "Medically reviewed by")


class TestSiteScoping(WagtailPageTestCase):
    """Every HTML surface shows only the current Wagtail Site's posts, like /api/v1/."""

    @classmethod
    def setUpTestData(cls):
        # The other site comes first in the tree, so an unscoped .first() would pick it.
        cls.other_home, cls.other_index = make_other_site()
        cls.home, cls.index = make_site()
        cls.lena = make_author("lena", name="Lena Hart")
        cls.page = make_article(
            cls.index, "ours", title="Our post", authors=[cls.lena], tags=["acne"]
        )
        make_article(
            cls.other_index,
            "theirs",
            title="Their post",
            summary="collagen elsewhere",
            authors=[cls.lena],
            tags=["acne", "theirs-only"],
        )

    def test_home_index_related_and_search_show_this_site_only(self):
        for url in ("/", self.index.url, self.page.url, "/search/?q=collagen", "/feeds/rss/"):
            with self.subTest(url=url):
                self.assertNotContains(self.client.get(url), "Their post")

    def test_the_other_site_sees_its_own(self):
        response = self.client.get("/", HTTP_HOST="other.example")
        self.assertContains(response, "Their post")
        self.assertNotContains(response, "Our post")

    def test_author_links_point_to_this_sites_blog(self):
        response = self.client.get(self.page.url)
        self.assertContains(response, 'href="/blog/authors/lena/"')
        self.assertNotContains(response, "other.example")

    def test_html_and_api_agree_on_visible_posts(self):
        for host in ("localhost", "other.example"):
            with self.subTest(host=host):
                request = RequestFactory().get("/", HTTP_HOST=host)
                html = {page.pk for page in live_posts(Site.find_for_request(request))}
                api = {page.pk for page in public_pages(ArticlePage, site_scope(request))}
                self.assertEqual(html, api)
                self.assertEqual(len(html), 1)


class TestExpiredPages(WagtailPageTestCase):
    """A page past its expiry time is gone at once, before publish_scheduled unpublishes it."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.page = make_article(cls.index, "fading", title="Fading post", tags=["acne"])

    def expire(self, delta):
        ArticlePage.objects.filter(pk=self.page.pk).update(expire_at=timezone.now() + delta)

    def test_past_expiry_is_404_and_unlisted(self):
        self.expire(-timedelta(minutes=1))
        self.assertEqual(self.client.get(self.page.url).status_code, 404)
        for url in ("/", self.index.url, "/feeds/rss/", "/sitemap-pages.xml", "/search/?q=fading"):
            with self.subTest(url=url):
                self.assertNotContains(self.client.get(url), "/blog/fading/")

    def test_future_expiry_is_still_served(self):
        self.expire(timedelta(days=1))
        self.assertContains(self.client.get(self.page.url), "Fading post")
