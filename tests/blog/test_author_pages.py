"""Author profiles and the authors index."""

from wagtail.test.utils import WagtailPageTestCase

from tests.factories import make_article, make_author, make_dermatologist, make_site


class TestAuthorPages(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.maya = make_dermatologist(
            role="Consultant dermatologist", credentials="MD, board-certified dermatologist"
        )
        cls.rev = make_author("rev", name="Rev Iewer", role="Medical reviewer", can_review=True)
        cls.lena = make_author("lena", name="Lena Hart", credentials="Licensed esthetician")
        make_author("ghost", name="Ghost Writer", live=False)
        make_article(cls.index, "written", title="Written by Maya", authors=[cls.maya])
        make_article(
            cls.index,
            "reviewed",
            title="Reviewed by Maya",
            authors=[cls.lena],
            medical_reviewer=cls.maya,
        )

    def test_profile_shows_written_and_reviewed_posts_as_cards(self):
        html = self.client.get("/blog/authors/maya/").content.decode()
        written = html[html.index('id="written-heading"') : html.index('id="reviewed-heading"')]
        reviewed = html[html.index('id="reviewed-heading"') :]
        self.assertIn('<article class="card">', written)
        self.assertIn(">Written by Maya</a>", written)
        self.assertNotIn("Reviewed by Maya", written)
        self.assertIn('<article class="card">', reviewed)
        self.assertIn(">Reviewed by Maya</a>", reviewed)

    def main(self, url: str) -> str:
        html = self.client.get(url).content.decode()
        return html[html.index("<main") : html.index("</main>")]

    def test_role_credentials_and_reviewer_badge_are_each_said_once(self):
        main = self.main("/blog/authors/maya/")
        self.assertEqual(main.count("Consultant dermatologist"), 1)
        self.assertEqual(main.count("MD, board-certified dermatologist"), 1)
        self.assertEqual(main.count("✓ Medical reviewer"), 1)
        # A role that already says so gets no badge repeating it.
        self.assertEqual(self.main("/blog/authors/rev/").count("Medical reviewer"), 1)

    def test_profile_has_its_own_canonical_url_and_breadcrumbs(self):
        response = self.client.get("/blog/authors/maya/?utm_source=x")
        self.assertContains(
            response, '<link rel="canonical" href="http://localhost/blog/authors/maya/">'
        )
        self.assertContains(response, '<li><a href="/blog/authors/">Authors</a></li>', html=True)

    def test_authors_index_lists_published_people_with_photos_and_credentials(self):
        html = self.client.get("/blog/authors/").content.decode()
        tile = html[
            html.index('<li class="author-tile">') : html.index("</li>", html.index("Maya Okafor"))
        ]
        self.assertIn('<img alt="" class="avatar"', tile)
        self.assertIn('<a href="/blog/authors/maya/">Maya Okafor</a>', tile)
        self.assertIn('<p class="credentials">MD, board-certified dermatologist</p>', tile)
        self.assertIn("Lena Hart", html)
        self.assertNotIn("Ghost Writer", html)
