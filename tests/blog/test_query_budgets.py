"""Query budgets of the public pages: the same count with 5 posts as with 50.

Two Sites are built once, one with 5 posts and one with 50, sharing their authors (one of them
a draft, which must stay hidden). Each page is requested once to warm the caches the test
settings configure (site root paths, renditions, the JSON-LD generation), then counted on its
second request on both sites.

Of each count, one query is Wagtail loading the served page: the Site and the route to the
page are remembered per content generation (blog.routing), and view restrictions come with
the generation (blog.visibility); the home page (pages.HomePage) still asks Wagtail for its
restrictions (two queries). Site settings and the menu in base.html come from caches kept
per content generation; the rest is the page's own content, one query per relation.
"""

from __future__ import annotations

from django.core.cache import cache
from django.test import override_settings
from wagtail.test.utils import WagtailPageTestCase

from blog.models import ArticleAuthor
from tests.content_api.helpers import (
    make_article,
    make_author,
    make_image,
    make_other_site,
    make_review,
    make_site,
)

SMALL, LARGE = "localhost", "large.example"
SIZES = {SMALL: 5, LARGE: 50}
CARDS_PER_PAGE = 12

# Warm queries per request (issue 10 asks for at most 12; before this change, with the same
# data: home 19/20 at 5/50 posts, index 20/27, tag and author filters 21/28, article 26,
# review 29, author profile 25/32, RSS 8, Atom 9, sitemap 8).
# Then (r7) "not under a view restriction" became a NOT EXISTS in the page query, and the
# menu, site settings and blog index for author links are read from per-generation caches:
# home 12 -> 8, index 13 -> 10, filters 14 -> 11, article 20 -> 14, review 21 -> 15, author
# profile 17 -> 14. Article, review and profile are still above 12.
# Then (r8) the Site lookup and the route (a lookup and a .specific per level) are cached per
# content generation, and served pages read view restrictions from the generation: home
# 8 -> 7, index 10 -> 5, filters 11 -> 6, article 14 -> 7, review 15 -> 8, author profile
# 14 -> 9. (Also fixed: the card renditions' prefetch matched no row while its filter specs
# were spelled in another order than {% picture %} expands them, a query per card.)
# Then (issue 12) post pages keep their body, heading, byline, author boxes and related cards
# as fragments per generation and revision (blog.fragments), and load tags, authors and cards
# only to render them: article 7 -> 2, review 8 -> 3. Rendered without fragments they cost one
# query more than before: the related ranking is the API's SQL (a derived table of shared
# tags, 1 ms where the ORM's GROUP BY over every page column took 27 ms), then the cards.
# Then the related ranking is read once per generation (blog.representation.queries
# .remembered_related_posts), shared with the API's detail: without fragments 8 -> 7, 9 -> 8.
BUDGETS = {
    "home": 7,
    "blog index": 5,
    "tag filter": 6,
    "author filter": 6,
    "article": 2,
    "review": 3,
    "article, no fragments": 7,
    "review, no fragments": 8,
    "author profile": 9,
    # Feeds read the tagline from the cached site scope and each entry's rendered content
    # from the per-generation cache (r13): RSS 6 -> 5, Atom 7 -> 5.
    "RSS": 5,
    "Atom": 5,
    # The sitemap is an index of paginated sitemaps (r8): 7 -> 2; tests/blog/test_sitemaps.py
    # holds each page's count flat.
    "sitemap": 2,
}


def build_posts(index, count: int, authors, reviewer, ghost) -> dict:
    """`count` posts alternating articles and reviews, each with its own hero image."""
    made = {}
    for n in range(count):
        fields = {
            "authors": authors if n % 2 else authors[:1],
            "tags": ["acne", f"group-{n % 4}"],
            "hero_image": make_image(f"Hero {index.pk} {n}", size=(64, 36)),
            "hero_alt": f"Hero {n}",
            "summary": f"Post {n} summary",
            "medical_reviewer": reviewer,
        }
        if n % 2:
            page = make_review(
                index, f"review-{n}", buy_links=[("Shop", "https://shop.example/")], **fields
            )
            made.setdefault("review", page)
        else:
            page = make_article(index, f"article-{n}", **fields)
            made.setdefault("article", page)
        # A draft author co-writes every post: bylines skip them without a query per card.
        ArticleAuthor.objects.create(page=page, author=ghost, sort_order=9)
    return made


# Budgets are for rendering a page: the full-page cache (blog.pagecache) would answer the
# counted request from memory with no query at all.
@override_settings(SKINCARE_BLOG_PAGE_CACHE=False)
class TestQueryBudgets(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.large_home, cls.large_index = make_other_site(LARGE)
        photo = make_image("Lena photo", size=(64, 64))
        lena = make_author("lena", name="Lena Hart", photo=photo, bio="<p>Bio</p>")
        omar = make_author("omar", name="Omar Diaz", credentials="RN")
        maya = make_author("maya", name="Maya Okafor", can_review=True, credentials="MD")
        ghost = make_author("ghost", name="Ghost Writer", live=False)
        cls.posts = {
            host: build_posts(index, SIZES[host], [lena, omar], maya, ghost)
            for host, index in ((SMALL, cls.index), (LARGE, cls.large_index))
        }

    def setUp(self):
        cache.clear()

    def post_path(self, host: str, kind: str) -> str:
        return self.posts[host][kind].get_url_parts()[2]

    def assert_budget(self, name: str, path_for, cards=None):
        """The warm request of `name` costs its budget on both sites (and shows its cards)."""
        for host, size in SIZES.items():
            with self.subTest(page=name, posts=size):
                path = path_for(host)
                self.client.get(path, HTTP_HOST=host)
                with self.assertNumQueries(BUDGETS[name]):
                    response = self.client.get(path, HTTP_HOST=host)
                self.assertEqual(response.status_code, 200)
                self.assertNotContains(response, "Ghost Writer")
                if cards is not None:
                    shown = response.content.count(b'<article class="card">')
                    self.assertEqual(shown, cards(size))

    def test_home(self):
        self.assert_budget("home", lambda host: "/", cards=lambda size: min(size, 6))

    def test_blog_index(self):
        listing = lambda size: min(size, CARDS_PER_PAGE)  # noqa: E731
        self.assert_budget("blog index", lambda host: "/blog/", cards=listing)
        self.assert_budget("tag filter", lambda host: "/blog/?tag=acne", cards=listing)
        self.assert_budget("author filter", lambda host: "/blog/?author=lena", cards=listing)

    def test_article(self):
        self.assert_budget(
            "article", lambda host: self.post_path(host, "article"), cards=lambda size: 3
        )

    def test_review(self):
        self.assert_budget(
            "review", lambda host: self.post_path(host, "review"), cards=lambda size: 3
        )

    @override_settings(SKINCARE_BLOG_FRAGMENT_CACHE=False)
    def test_posts_without_fragments(self):
        for kind in ("article", "review"):
            self.assert_budget(
                f"{kind}, no fragments",
                lambda host, kind=kind: self.post_path(host, kind),
                cards=lambda size: 3,
            )

    def test_author_profile(self):
        self.assert_budget(
            "author profile",
            lambda host: "/blog/authors/lena/",
            cards=lambda size: min(size, CARDS_PER_PAGE),
        )

    def test_feeds_and_sitemap(self):
        self.assert_budget("RSS", lambda host: "/feeds/rss/")
        self.assert_budget("Atom", lambda host: "/feeds/atom/")
        self.assert_budget("sitemap", lambda host: "/sitemap.xml")
