"""The bundled HTML site's listings: the blog index, its filters and pages, author profiles."""

from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from tests.content_api.helpers import make_other_site
from tests.factories import make_article, make_author, make_site


class TestBlogIndex(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.lena = make_author("lena", name="Lena Hart")
        cls.sam = make_author("sam", name="Sam Roe")
        make_article(cls.index, "one", title="Post One", authors=[cls.lena], tags=["acne"])
        make_article(cls.index, "two", title="Post Two", authors=[cls.sam], tags=["rosacea"])
        make_article(cls.index, "three", title="Hidden Draft", authors=[cls.lena], publish=False)

    def test_lists_live_posts_only(self):
        response = self.client.get(self.index.url)
        self.assertContains(response, "Post One")
        self.assertContains(response, "Post Two")
        self.assertNotContains(response, "Hidden Draft")

    def test_filters_by_tag_and_author(self):
        response = self.client.get(self.index.url, {"tag": "acne"})
        self.assertContains(response, "Post One")
        self.assertNotContains(response, "Post Two")
        response = self.client.get(self.index.url, {"author": "sam"})
        self.assertContains(response, "Post Two")
        self.assertNotContains(response, "Post One")

    def test_unknown_filters_and_pages_are_404(self):
        for params in ({"tag": "nope"}, {"author": "nobody"}, {"page": "99"}):
            with self.subTest(params=params):
                self.assertEqual(self.client.get(self.index.url, params).status_code, 404)

    def test_paginates(self):
        for i in range(13):
            make_article(self.index, f"bulk-{i}")
        page2 = self.client.get(self.index.url, {"page": 2})
        self.assertContains(page2, "Page 2 of 2")

    def test_author_profile_lists_their_live_posts(self):
        response = self.client.get("/blog/authors/lena/")
        self.assertContains(response, "Lena Hart")
        self.assertContains(response, "Post One")
        self.assertNotContains(response, "Post Two")
        self.assertNotContains(response, "Hidden Draft")

    def test_unpublished_author_has_no_profile(self):
        make_author("ghost", live=False)
        self.assertEqual(self.client.get("/blog/authors/ghost/").status_code, 404)
        self.assertEqual(self.client.get("/blog/authors/").status_code, 200)


class TestHiddenTagsAreNotAnOracle(WagtailPageTestCase):
    """A tag used only on hidden pages answers exactly like an unknown tag: 404."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        make_article(cls.index, "public", tags=["acne"])
        make_article(cls.index, "draft", tags=["draft-only"], publish=False)
        private = make_article(cls.index, "private", tags=["private-only"])
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        _other_home, other_index = make_other_site()
        make_article(other_index, "foreign", tags=["foreign-only"])

    def test_hidden_and_unknown_tags_are_both_404(self):
        for tag in ("draft-only", "private-only", "foreign-only", "never-used"):
            with self.subTest(tag=tag):
                response = self.client.get(self.index.url, {"tag": tag})
                self.assertEqual(response.status_code, 404)
                self.assertNotContains(response, tag, status_code=404)

    def test_visible_tag_lists_its_posts(self):
        self.assertContains(self.client.get(self.index.url, {"tag": "acne"}), "Public")
