"""The article page as a reader meets it: hero image, breadcrumbs, citations, timeline, review
freshness, sharing and reading time."""

from datetime import timedelta

from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase

from tests.content_api.helpers import make_image
from tests.factories import make_article, make_author, make_site, phase, phases_value

CITATION = {
    "authors": "A B",
    "title": "A study",
    "publisher": "J Derm",
    "year": 2020,
    "doi": "",
    "pmid": "",
    "url": "",
}


def benefits(*refs: str) -> dict:
    items = [
        {"title": f"Benefit {i}", "explanation": "<p>Why.</p>", "citations": r}
        for i, r in enumerate(refs)
    ]
    return {"heading": "Benefits", "intro": "", "items": items}


class TestArticlePage(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.maya = make_author("maya", name="Maya Okafor", can_review=True, credentials="MD")
        cls.page = make_article(
            cls.index,
            "guide",
            title="A guide",
            hero_image=make_image("Hero", size=(2000, 1125)),
            hero_alt="A dropper over a bottle",
            medical_reviewer=cls.maya,
            last_reviewed=timezone.localdate() - timedelta(days=30),
            body=[
                ("benefits", benefits("1", "1, 2")),
                ("benefits", benefits("2")),
                ("citations", {"heading": "References", "items": [CITATION, CITATION]}),
                (
                    "phases",
                    phases_value(
                        phase("Inflammatory", (0, "hours"), (3, "days")),
                        phase("Proliferative", (2, "days"), (5, "days")),
                        phase("Remodelling", (2, "weeks"), (12, "weeks")),
                        phase("Maintenance", (3, "months")),
                    ),
                ),
            ],
        )

    def get(self, page=None):
        return self.client.get((page or self.page).url)

    def test_hero_is_a_responsive_webp_picture_loaded_first(self):
        html = self.get().content.decode()
        hero = html[html.index('<figure class="post-hero') : html.index("</figure>")]
        self.assertIn('<source sizes="(min-width: 1040px) 1000px, 100vw"', hero)
        self.assertIn('type="image/webp"', hero)
        self.assertIn(".webp 1920w", hero)
        self.assertIn('fetchpriority="high"', hero)
        self.assertIn('loading="eager"', hero)
        self.assertIn('alt="A dropper over a bottle"', hero)

    def test_breadcrumbs_lead_home_and_to_the_blog(self):
        response = self.get()
        self.assertContains(response, '<nav class="breadcrumbs wrap" aria-label="Breadcrumb">')
        self.assertContains(response, '<li><a href="/blog/">Blog</a></li>', html=True)
        self.assertContains(response, '<span aria-current="page">A guide</span>', html=True)

    def test_citation_markers_link_to_references_and_back(self):
        response = self.get()
        # Reference 1 is cited twice and reference 2 twice: each place has its own marker.
        for ref, n in ((1, 1), (1, 2), (2, 1), (2, 2)):
            with self.subTest(ref=ref, n=n):
                self.assertContains(response, f'<a href="#ref-{ref}" id="cite-{ref}-{n}"')
                self.assertContains(response, f'<a href="#cite-{ref}-{n}" class="backref"')

    def test_timeline_shows_structured_timeframes(self):
        response = self.get()
        for span in ("Days 0–3", "Days 2–5", "Weeks 2–12", "Month 3 onwards"):
            with self.subTest(span=span):
                self.assertContains(response, f'<p class="phase-span">{span}</p>', html=True)

    def test_recent_review_has_no_warning_and_an_old_one_does(self):
        self.assertNotContains(self.get(), "over a year ago")
        old = make_article(
            self.index,
            "old",
            medical_reviewer=self.maya,
            last_reviewed=timezone.localdate() - timedelta(days=400),
        )
        response = self.get(old)
        self.assertContains(response, 'class="review-box review-overdue"')
        self.assertContains(response, "over a year ago")

    def test_share_links_are_plain_urls_with_no_third_party_script(self):
        html = self.get().content.decode()
        url = "http%3A%2F%2Flocalhost%2Fblog%2Fguide%2F"
        self.assertIn(f"https://twitter.com/intent/tweet?url={url}", html)
        self.assertIn(f"https://www.facebook.com/sharer/sharer.php?u={url}", html)
        self.assertIn(f"https://www.linkedin.com/sharing/share-offsite/?url={url}", html)
        self.assertIn(f"mailto:?subject=A+guide&amp;body={url}", html)
        self.assertIn('data-copy-url="http://localhost/blog/guide/" hidden', html)
        scripts = [part.split('"')[1] for part in html.split("<script src=")[1:]]
        self.assertEqual(scripts, ["/static/js/share.js"])

    def test_reading_time_counts_every_block(self):
        words = " ".join(["word"] * 250)
        page = make_article(
            self.index,
            "long",
            body=[
                ("paragraph", f"<p>{words}</p>"),
                (
                    "benefits",
                    {
                        **benefits(""),
                        "items": [
                            {"title": "T", "explanation": f"<p>{words}</p>", "citations": ""}
                        ],
                    },
                ),
                (
                    "phases",
                    phases_value(
                        phase("P", (0, "days"), None) | {"description": f"<p>{words}</p>"}
                    ),
                ),
                (
                    "faq",
                    {"heading": "FAQ", "items": [{"question": "Q", "answer": f"<p>{words}</p>"}]},
                ),
            ],
        )
        # 1,000 words of prose in four kinds of block, plus the short titles: five minutes.
        self.assertGreaterEqual(page.word_count, 1000)
        self.assertEqual(page.reading_time, 5)
        self.assertContains(self.get(page), "5 min read")
