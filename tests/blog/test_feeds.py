"""RSS and Atom entries: the whole sanitised post, every co-author, honest dates."""

from __future__ import annotations

from datetime import date, datetime
from xml.etree import ElementTree

from django.core.cache import cache
from django.test import TestCase
from django.utils import timezone

from tests.content_api.helpers import make_image
from tests.factories import make_article, make_author, make_site

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"

BODY = [
    ("heading", {"text": "Aftercare", "level": "h2", "anchor": ""}),
    (
        "paragraph",
        '<p>Keep it <b>clean</b>. See <a href="https://ext.example/x">this</a>.</p>'
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; stays text.</p>",
    ),
]


class TestFeedEntries(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.lena = make_author("lena", name="Lena Hart")
        cls.maya = make_author("maya", name="Maya Okafor")
        cls.draft = make_author("ghost", name="Ghost Writer", live=False)
        cls.figure = make_image("Inline figure")
        cls.post = make_article(
            cls.index,
            "aftercare",
            title="Aftercare",
            authors=[cls.lena, cls.maya, cls.draft],
            hero_image=make_image("Hero"),
            hero_alt="Calm skin",
            published_date=date(2025, 3, 1),
            updated_date=date(2025, 6, 2),
            body=[
                *BODY,
                (
                    "image",
                    {
                        "image": cls.figure,
                        "alt_text": "A roller",
                        "caption": "",
                        "attribution": "",
                    },
                ),
            ],
        )
        cls.older = make_article(
            cls.index, "older", authors=[cls.lena], published_date=date(2024, 1, 5)
        )
        cls.solo = make_article(cls.index, "solo", published_date=date(2024, 1, 4))

    def setUp(self):
        cache.clear()

    def rss_items(self) -> dict[str, ElementTree.Element]:
        root = ElementTree.fromstring(self.client.get("/feeds/rss/").content)  # noqa: S314 (our own feed)
        return {item.findtext("link"): item for item in root.iter("item")}

    def atom(self) -> ElementTree.Element:
        return ElementTree.fromstring(self.client.get("/feeds/atom/").content)  # noqa: S314 (our own feed)

    def atom_entries(self) -> dict[str, ElementTree.Element]:
        return {
            entry.find(f"{ATOM}link").get("href"): entry
            for entry in self.atom().iter(f"{ATOM}entry")
        }

    def test_rss_carries_the_whole_sanitised_body_with_absolute_urls(self):
        item = self.rss_items()["http://localhost/blog/aftercare/"]
        content = item.findtext(CONTENT)
        self.assertIn("<h2>Aftercare</h2>", content)
        self.assertIn("Keep it <b>clean</b>", content)
        self.assertIn('<a href="https://ext.example/x">this</a>', content)
        self.assertIn("&lt;script&gt;", content)
        self.assertNotIn("<script", content)
        self.assertNotIn("class=", content)
        self.assertRegex(
            content, r'<img src="http://localhost/media/images/hero[^"]*" alt="Calm skin"'
        )
        self.assertRegex(
            content, r'<img [^>]*src="http://localhost/media/images/inline-figure[^"]*"'
        )
        self.assertNotRegex(content, r'(src|href)="/')

    def test_atom_content_is_the_same_html(self):
        entry = self.atom_entries()["http://localhost/blog/aftercare/"]
        content = entry.find(f"{ATOM}content")
        self.assertEqual(content.get("type"), "html")
        rss = self.rss_items()["http://localhost/blog/aftercare/"].findtext(CONTENT)
        self.assertEqual(content.text, rss)

    def test_one_author_element_per_published_coauthor(self):
        entry = self.atom_entries()["http://localhost/blog/aftercare/"]
        authors = [
            (a.findtext(f"{ATOM}name"), a.findtext(f"{ATOM}uri"))
            for a in entry.findall(f"{ATOM}author")
        ]
        self.assertEqual(
            authors,
            [
                ("Lena Hart", "http://localhost/blog/authors/lena/"),
                ("Maya Okafor", "http://localhost/blog/authors/maya/"),
            ],
        )
        item = self.rss_items()["http://localhost/blog/aftercare/"]
        self.assertEqual([c.text for c in item.findall(DC_CREATOR)], ["Lena Hart", "Maya Okafor"])

    def test_a_post_without_published_authors_is_by_the_editorial_team(self):
        entry = self.atom_entries()["http://localhost/blog/solo/"]
        self.assertEqual(
            [a.findtext(f"{ATOM}name") for a in entry.findall(f"{ATOM}author")],
            ["Home editorial team"],
        )

    def test_atom_updated_is_the_editors_revision_date_not_the_publish_time(self):
        entries = self.atom_entries()
        tz = timezone.get_current_timezone()
        updated = datetime.fromisoformat(
            entries["http://localhost/blog/aftercare/"].findtext(f"{ATOM}updated")
        )
        self.assertEqual(updated, datetime(2025, 6, 2, 9, 0, tzinfo=tz))
        published = datetime.fromisoformat(
            entries["http://localhost/blog/aftercare/"].findtext(f"{ATOM}published")
        )
        self.assertEqual(published.date(), date(2025, 3, 1))
        # Never revised: updated is when it was published.
        older = entries["http://localhost/blog/older/"]
        self.assertEqual(older.findtext(f"{ATOM}updated"), older.findtext(f"{ATOM}published"))
        # The feed's own updated is its newest entry's, not when the rows were written.
        feed_updated = datetime.fromisoformat(self.atom().findtext(f"{ATOM}updated"))
        self.assertEqual(feed_updated, updated)

    def test_republishing_does_not_move_updated(self):
        before = self.atom_entries()["http://localhost/blog/older/"].findtext(f"{ATOM}updated")
        self.older.save_revision().publish()
        after = self.atom_entries()["http://localhost/blog/older/"].findtext(f"{ATOM}updated")
        self.assertEqual(before, after)

    def test_edits_show_in_the_next_feed(self):
        self.client.get("/feeds/rss/")
        self.post.body = [("paragraph", "<p>Rewritten advice.</p>")]
        self.post.save_revision().publish()
        content = self.rss_items()["http://localhost/blog/aftercare/"].findtext(CONTENT)
        self.assertIn("Rewritten advice.", content)
        self.assertNotIn("Keep it", content)
