"""What readers see on the bundled HTML site."""

from datetime import timedelta

from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site
from wagtail.test.utils import WagtailPageTestCase

from blog.models import ArticlePage, ProductReviewPage, ReviewBuyLink, live_posts
from blog.representation.queries import public_pages
from blog.representation.scope import site_scope
from tests.content_api.helpers import make_other_site
from tests.factories import make_article, make_author, make_site


class TestArticlePage(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.lena = make_author("lena", name="Lena Hart", credentials="Licensed esthetician")
        cls.maya = make_author("maya", name="Maya Okafor", can_review=True, credentials="MD")
        cls.page = make_article(
            cls.index,
            "benefits",
            authors=[cls.lena],
            tags=["collagen"],
            medical_reviewer=cls.maya,
            body=[
                ("heading", {"text": "Aftercare", "level": "h2", "anchor": ""}),
                ("heading", {"text": "Aftercare", "level": "h3", "anchor": ""}),
                (
                    "benefits",
                    {
                        "heading": "Benefits",
                        "intro": "",
                        "items": [
                            {
                                "title": "Firmer skin",
                                "explanation": "<p>New collagen.</p>",
                                "citations": "1",
                            },
                            {
                                "title": "Smoother texture",
                                "explanation": "<p>Turnover.</p>",
                                "citations": "",
                            },
                        ],
                    },
                ),
                (
                    "citations",
                    {
                        "heading": "References",
                        "items": [
                            {
                                "authors": "A B",
                                "title": "A study",
                                "publisher": "J Derm",
                                "year": 2020,
                                "doi": "10.1000/x1",
                                "pmid": "123",
                                "url": "",
                            },
                        ],
                    },
                ),
            ],
        )

    def test_renders_benefits_numbered_with_citation_links(self):
        response = self.client.get(self.page.url)
        self.assertContains(response, '<ol class="benefit-list">')
        self.assertContains(response, '<a href="#ref-1" id="cite-1-1" class="cite-ref">')
        self.assertContains(response, 'id="ref-1"')
        self.assertContains(response, '<a href="#cite-1-1" class="backref"')
        self.assertContains(response, "https://doi.org/10.1000/x1")

    def test_table_of_contents_links_match_heading_ids(self):
        response = self.client.get(self.page.url)
        self.assertContains(response, 'href="#aftercare"')
        self.assertContains(response, 'href="#aftercare-2"')
        self.assertContains(response, '<h2 id="aftercare">')
        self.assertContains(response, '<h3 id="aftercare-2">')
        self.assertContains(response, 'href="#benefits"')
        self.assertContains(response, '<h2 id="benefits">Benefits</h2>')

    def test_byline_reviewer_and_reading_time(self):
        response = self.client.get(self.page.url)
        self.assertContains(response, "Lena Hart</a> (Licensed esthetician)")
        self.assertContains(response, "Medically reviewed by")
        self.assertContains(response, "/blog/authors/maya/")
        self.assertContains(response, "min read")

    def test_related_posts_shown(self):
        make_article(self.index, "sibling", tags=["collagen"], title="Sibling post")
        response = self.client.get(self.page.url)
        self.assertContains(response, "Sibling post")

    def test_drafts_and_private_pages_are_not_served(self):
        draft = make_article(self.index, "draft", publish=False)
        self.assertEqual(self.client.get("/blog/draft/").status_code, 404)
        self.assertFalse(draft.live)
        PageViewRestriction.objects.create(
            page=self.page, restriction_type="password", password="x"
        )
        response = self.client.get(self.page.url)
        self.assertNotContains(response, "Firmer skin", status_code=200)


class TestProductReviewPage(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.review = make_article(
            cls.index,
            "pen",
            model=ProductReviewPage,
            product_name="Glide Pen",
            needle_count=12,
            pros=[("point", "Quiet")],
            cons=[("point", "Pricey")],
        )

    def test_buy_links_are_sponsored_with_disclosure(self):
        ReviewBuyLink.objects.create(
            page=self.review, retailer="Shop", url="https://shop.example.com/p"
        )
        response = self.client.get(self.review.url)
        self.assertContains(
            response, '<a href="https://shop.example.com/p" rel="sponsored nofollow"', html=False
        )
        self.assertContains(response, "Disclosure:")
        self.assertContains(response, "We may earn a commission")

    def test_no_disclosure_without_buy_links(self):
        response = self.client.get(self.review.url)
        self.assertNotContains(response, "Disclosure:")
        self.assertContains(response, "Glide Pen")
        self.assertContains(response, "Quiet")
        self.assertContains(response, '<th scope="row">Needles</th><td>12</td>', html=False)


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


class TestNavigation(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.index.show_in_menus = True
        cls.index.save_revision().publish()

    def test_main_menu_lists_pages_shown_in_menus(self):
        response = self.client.get("/")
        self.assertContains(response, '<nav aria-label="Main">')
        self.assertContains(response, '<li><a href="/blog/">Blog</a></li>', html=True)


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
