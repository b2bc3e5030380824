"""Two Wagtail Sites sharing an author and a tag: every HTML surface of each shows its own posts.

tests/security/test_leak_matrix.py counts a second site's post on the default site's surfaces
and tests/blog/test_site_visibility.py checks a few of them; this table reads every surface from both
hosts and also requires the site's own posts to be there, so an empty page cannot pass.
"""

from __future__ import annotations

from django.core.cache import cache
from wagtail.test.utils import WagtailPageTestCase

from tests.content_api.helpers import make_article, make_author, make_other_site, make_site

HOSTS = {"localhost": "alpha", "other.example": "beta"}


class TestEachSiteShowsItsOwnPosts(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        _other_home, other_index = make_other_site("other.example")
        lena = make_author("lena", name="Lena Hart")
        maya = make_author("maya", name="Maya Okafor", can_review=True)
        cls.first = {}
        for host, index in (("localhost", cls.index), ("other.example", other_index)):
            name = HOSTS[host]
            for slug in (f"{name}-second", f"{name}-first"):  # -first is the newest
                page = make_article(
                    index,
                    slug,
                    title=f"{name.title()} {slug}",
                    summary="A serum routine",
                    authors=[lena],
                    medical_reviewer=maya,
                    tags=["acne"],
                )
            cls.first[host] = page

    def setUp(self):
        cache.clear()

    def surfaces(self, host: str) -> dict[str, str]:
        return {
            "home": "/",
            "blog index": "/blog/",
            "tag filter": "/blog/?tag=acne",
            "author filter": "/blog/?author=lena",
            "author profile": "/blog/authors/lena/",
            "reviewer profile": "/blog/authors/maya/",
            "article related posts": self.first[host].get_url_parts()[2],
            "search": "/search/?q=serum",
            "RSS": "/feeds/rss/",
            "Atom": "/feeds/atom/",
            "sitemap": "/sitemap-pages.xml",
        }

    def test_every_surface_shows_only_the_requested_sites_posts(self):
        for host, own in HOSTS.items():
            other = next(name for name in HOSTS.values() if name != own)
            for surface, path in self.surfaces(host).items():
                with self.subTest(host=host, surface=surface):
                    response = self.client.get(path, HTTP_HOST=host)
                    self.assertEqual(response.status_code, 200)
                    # The second post is on every surface, also as the first one's related post.
                    self.assertContains(response, f"{own}-second/")
                    self.assertNotContains(response, f"{other}-")

    def test_author_links_stay_on_the_requested_site(self):
        for host in HOSTS:
            with self.subTest(host=host):
                response = self.client.get(self.first[host].get_url_parts()[2], HTTP_HOST=host)
                self.assertContains(response, 'href="/blog/authors/lena/"')
                self.assertContains(response, 'href="/blog/authors/maya/"')
                self.assertContains(response, 'href="/blog/?tag=acne"')
