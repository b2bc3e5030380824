"""What every public page's <head> tells search engines, feed readers and link previews."""

from __future__ import annotations

from html.parser import HTMLParser

from django.core.cache import cache
from django.test import TestCase
from django.test.utils import override_settings

from pages.models import SiteSettings
from tests.content_api.helpers import make_image, make_review
from tests.factories import make_article, make_author, make_site


class HeadParser(HTMLParser):
    """The <meta> and <link> elements of a document's <head>."""

    def __init__(self):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str]] = []
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "head":
            self._in_head = True
        elif self._in_head and tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, []).append(attrs.get("content", ""))
        elif self._in_head and tag == "link":
            self.links.append(attrs)

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False

    def one(self, key: str) -> str:
        values = self.meta.get(key, [])
        if len(values) != 1:
            raise AssertionError(f"{key}: expected one <meta>, found {values}")
        return values[0]

    def link(self, rel: str, type_: str | None = None) -> list[str]:
        return [
            link["href"]
            for link in self.links
            if rel in link.get("rel", "").split() and (type_ is None or link.get("type") == type_)
        ]


def head_of(response) -> HeadParser:
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


class TestHeadOnEveryPageType(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.home.intro = "Skincare notes checked by clinicians."
        cls.home.save_revision().publish()
        cls.index.intro = "Every article and review."
        cls.index.save_revision().publish()
        cls.photo = make_image("Lena photo", (400, 400))
        cls.lena = make_author(
            "lena", name="Lena Hart", bio="<p>Esthetician <b>writing</b> on skin barriers.</p>"
        )
        cls.lena.photo = cls.photo
        cls.lena.save()
        cls.hero = make_image("Hero")
        cls.article = make_article(
            cls.index,
            "healing",
            title="How skin heals",
            dek="Three phases, in order.",
            authors=[cls.lena],
            hero_image=cls.hero,
            hero_alt="A healing timeline",
        )
        cls.review = make_review(cls.index, "pen-review", summary="A careful pen.")

    def setUp(self):
        cache.clear()

    def pages(self) -> dict[str, str]:
        return {
            "home": "/",
            "index": "/blog/",
            "article": "/blog/healing/",
            "review": "/blog/pen-review/",
            "author profile": "/blog/authors/lena/",
            "authors index": "/blog/authors/",
            "search": "/search/?q=skin",
        }

    def test_every_page_has_description_social_card_feeds_and_icon(self):
        for name, path in self.pages().items():
            with self.subTest(name):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 200)
                head = head_of(response)
                self.assertTrue(head.one("description"))
                self.assertEqual(head.one("og:description"), head.one("description"))
                self.assertTrue(head.one("og:title"))
                self.assertTrue(head.one("og:url").startswith("http://localhost/"))
                for key in ("og:image", "twitter:image"):
                    self.assertRegex(head.one(key), r"^http://localhost/(media|static)/")
                self.assertEqual(head.one("twitter:card"), "summary_large_image")
                self.assertEqual(head.link("alternate", "application/rss+xml"), ["/feeds/rss/"])
                self.assertEqual(head.link("alternate", "application/atom+xml"), ["/feeds/atom/"])
                self.assertIn("/favicon.ico", head.link("icon"))
                self.assertEqual(head.link("icon", "image/svg+xml"), ["/static/favicon.svg"])

    def test_canonical_is_the_page_itself(self):
        cases = {
            "/": "http://localhost/",
            "/blog/": "http://localhost/blog/",
            "/blog/?page=1&utm_source=x": "http://localhost/blog/",
            "/blog/healing/": "http://localhost/blog/healing/",
            "/blog/authors/lena/": "http://localhost/blog/authors/lena/",
            "/blog/?tag=none": None,
        }
        for path, canonical in cases.items():
            with self.subTest(path):
                response = self.client.get(path)
                if canonical is None:
                    self.assertEqual(response.status_code, 404)
                    continue
                self.assertEqual(head_of(response).link("canonical"), [canonical])

    def test_an_editors_canonical_url_wins(self):
        self.article.canonical_url = "https://first.example.org/healing"
        self.article.save_revision().publish()
        head = head_of(self.client.get("/blog/healing/"))
        self.assertEqual(head.link("canonical"), ["https://first.example.org/healing"])

    def test_description_falls_back_to_dek_then_summary(self):
        self.assertEqual(
            head_of(self.client.get("/blog/healing/")).one("description"),
            "Three phases, in order.",
        )
        self.assertEqual(
            head_of(self.client.get("/blog/pen-review/")).one("description"), "A careful pen."
        )
        self.article.search_description = "Written for search."
        self.article.save_revision().publish()
        self.assertEqual(
            head_of(self.client.get("/blog/healing/")).one("description"), "Written for search."
        )

    def test_article_card_is_a_rendition_of_its_hero(self):
        head = head_of(self.client.get("/blog/healing/"))
        self.assertEqual(head.one("og:type"), "article")
        image = head.one("og:image")
        self.assertIn("/media/images/hero", image)
        self.assertIn(".fill-1200x630", image)
        self.assertEqual(head.one("og:image:width"), "1200")
        self.assertEqual(head.one("og:image:height"), "630")
        self.assertEqual(head.one("og:image:alt"), "A healing timeline")
        self.assertTrue(head.one("article:published_time").startswith("20"))

    def test_share_image_wins_over_hero(self):
        self.article.social_image = make_image("Share card")
        self.article.save_revision().publish()
        self.assertIn(
            "/media/images/share-card", head_of(self.client.get("/blog/healing/")).one("og:image")
        )

    def test_author_profile_describes_the_author(self):
        head = head_of(self.client.get("/blog/authors/lena/"))
        self.assertEqual(head.one("og:type"), "profile")
        self.assertEqual(head.one("og:title"), "Lena Hart")
        self.assertEqual(head.one("description"), "Esthetician writing on skin barriers.")
        self.assertIn("/media/images/lena-photo", head.one("og:image"))

    def test_pages_without_images_share_the_site_card(self):
        head = head_of(self.client.get("/"))
        self.assertEqual(head.one("og:image"), "http://localhost/static/img/social-card.png")
        self.assertEqual(head.one("description"), "Skincare notes checked by clinicians.")

    def test_search_is_noindex_and_described_by_the_tagline(self):
        settings = SiteSettings.for_site(self.home.get_site())
        settings.tagline = "Calm skin"
        settings.save()
        head = head_of(self.client.get("/search/?q=skin"))
        self.assertEqual(head.one("robots"), "noindex")
        self.assertEqual(head.one("description"), "Calm skin")


class TestCrawlerFiles(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()

    def test_robots_txt_names_the_sites_sitemap(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        lines = response.content.decode().splitlines()
        self.assertIn("User-agent: *", lines)
        self.assertIn("Disallow: /admin/", lines)
        self.assertIn("Sitemap: http://localhost/sitemap.xml", lines)
        self.assertEqual(self.client.get("/sitemap.xml").status_code, 200)

    def test_robots_txt_follows_the_site_not_the_host_header(self):
        site = self.home.get_site()
        site.hostname, site.port = "skin.example", 443
        site.save()
        # Behind a TLS-terminating proxy the request arrives as plain http on some port.
        body = self.client.get("/robots.txt", HTTP_HOST="skin.example").content.decode()
        self.assertIn("Sitemap: https://skin.example/sitemap.xml", body)

    def test_favicon_ico_is_served(self):
        response = self.client.get("/favicon.ico")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/x-icon")
        self.assertEqual(b"".join(response.streaming_content)[:4], b"\x00\x00\x01\x00")


@override_settings(DEBUG=False)
class TestErrorPages(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()

    def test_missing_page_is_the_branded_404(self):
        response = self.client.get("/blog/no-such-post/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "We could not find that page", status_code=404)
        self.assertContains(response, '<a class="brand" href="/">', status_code=404)
        self.assertEqual(head_of(response).one("robots"), "noindex")
        self.assertEqual(head_of(response).link("canonical"), [])

    def test_500_renders_without_request_or_database(self):
        from django.template import loader

        # What Django's server_error does: an empty context, so no context processors run.
        with self.assertNumQueries(0):
            html = loader.get_template("500.html").render()
        self.assertIn("Something went wrong", html)
        self.assertIn('href="/static/css/site.css"', html)

    def test_server_error_view_serves_it(self):
        from django.test import RequestFactory
        from django.views.defaults import server_error

        response = server_error(RequestFactory().get("/"))
        self.assertEqual(response.status_code, 500)
        self.assertIn(b"Something went wrong", response.content)
