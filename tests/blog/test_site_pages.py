"""The bundled HTML site's single pages: articles, product reviews and the main menu."""

from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from blog.models import ProductReviewPage, ReviewBuyLink
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
