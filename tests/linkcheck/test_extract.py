"""Link extraction: every field kind and StreamField depth, in live and draft versions."""

from django.test import SimpleTestCase, TestCase

from blog.models import Author, AuthorProfileLink, ProductReviewPage, ReviewBuyLink
from linkcheck.extract import (
    FoundLink,
    Kind,
    Source,
    doi_url,
    extract_links,
    pubmed_url,
    richtext_links,
)
from linkcheck.links import found_links
from linkcheck.models import Link
from tests.factories import benefits_value, make_article, make_author, make_site
from tests.linkcheck.linkdata import make_image

EXT = "https://journal.example.org/study"


def citation(**fields):
    value = {"authors": "", "title": "A study", "publisher": "", "year": 2020}
    value.update({"doi": "", "pmid": "", "url": ""}, **fields)
    return value


class TestRichtextLinks(SimpleTestCase):
    """Anchors and embedded images in Wagtail's stored rich-text format."""

    def test_link_kinds_are_read_from_stored_format(self):
        cases = [
            (f'<p><a href="{EXT}">study</a></p>', Kind.EXTERNAL, EXT, None, "study"),
            ('<p><a linktype="page" id="7">guide</a></p>', Kind.PAGE, "", 7, "guide"),
            ('<p><a linktype="document" id="3">pdf</a></p>', Kind.DOCUMENT, "", 3, "pdf"),
            (
                '<p><a href="//cdn.example.org/x">x</a></p>',
                Kind.EXTERNAL,
                "https://cdn.example.org/x",
                None,
                "x",
            ),
            ('<p><a href="/blog/post/">rel</a></p>', Kind.EXTERNAL, "/blog/post/", None, "rel"),
            (
                '<embed embedtype="image" id="9" alt="roller" format="left"/>',
                Kind.IMAGE,
                "",
                9,
                "roller",
            ),
        ]
        for html, kind, url, target, text in cases:
            with self.subTest(html=html):
                (link,) = richtext_links(html, field="body", path="0.paragraph")
                self.assertEqual(
                    (link.kind, link.url, link.target_id, link.text), (kind, url, target, text)
                )
                self.assertEqual((link.field, link.path), ("body", "0.paragraph"))

    def test_mail_phone_and_anchor_links_are_not_recorded(self):
        html = '<p><a href="mailto:a@b.c">m</a> <a href="tel:123">t</a> <a href="#top">top</a></p>'
        self.assertEqual(list(richtext_links(html, field="bio")), [])

    def test_citation_identifiers_become_resolver_urls(self):
        self.assertEqual(
            doi_url("10.1097/DSS.0000000000001234"), "https://doi.org/10.1097/DSS.0000000000001234"
        )
        self.assertEqual(pubmed_url("31234567"), "https://pubmed.ncbi.nlm.nih.gov/31234567/")


class TestExtractPage(TestCase):
    """Every link of a page version, with field, block path and anchor text."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()

    def test_every_depth_and_field_kind_is_found(self):
        benefits = benefits_value(titles=("Calmer",))
        benefits["items"][0]["explanation"] = f'<p>See <a href="{EXT}/benefit">the trial</a>.</p>'
        body = [
            ("paragraph", f'<p>Top <a href="{EXT}/top">level</a></p>'),
            (
                "callout",
                {"kind": "tip", "title": "", "body": '<p><a linktype="page" id="2">home</a></p>'},
            ),
            ("benefits", benefits),
            (
                "faq",
                {
                    "heading": "FAQ",
                    "items": [{"question": "Q?", "answer": f'<p><a href="{EXT}/faq">a</a></p>'}],
                },
            ),
            (
                "citations",
                {
                    "heading": "Refs",
                    "items": [citation(doi="10.1000/xyz", pmid="123", url=f"{EXT}/paper")],
                },
            ),
            ("embed", "https://video.example.org/watch?v=1"),
        ]
        page = make_article(
            self.index, "deep", body=body, canonical_url="https://first.example.org/post"
        )
        links = extract_links(page)
        got = {
            (link.field, link.path, link.source, link.url or link.target_id, link.text)
            for link in links
        }
        expected = {
            ("body", "0.paragraph", Source.RICHTEXT, f"{EXT}/top", "level"),
            ("body", "1.callout.body", Source.RICHTEXT, 2, "home"),
            (
                "body",
                "2.benefits.items.0.explanation",
                Source.RICHTEXT,
                f"{EXT}/benefit",
                "the trial",
            ),
            ("body", "3.faq.items.0.answer", Source.RICHTEXT, f"{EXT}/faq", "a"),
            ("body", "4.citations.items.0.url", Source.URL_BLOCK, f"{EXT}/paper", "A study"),
            (
                "body",
                "4.citations.items.0.doi",
                Source.CITATION_DOI,
                "https://doi.org/10.1000/xyz",
                "A study",
            ),
            (
                "body",
                "4.citations.items.0.pmid",
                Source.CITATION_PMID,
                "https://pubmed.ncbi.nlm.nih.gov/123/",
                "A study",
            ),
            ("body", "5.embed", Source.EMBED, "https://video.example.org/watch?v=1", ""),
            (
                "canonical_url",
                "",
                Source.URL_FIELD,
                "https://first.example.org/post",
                "canonical url",
            ),
        }
        self.assertEqual(got, expected)
        top = next(link for link in links if link.path == "0.paragraph")
        self.assertEqual(top.block_id, page.body.raw_data[0]["id"])

    def test_images_from_fields_and_blocks_are_found(self):
        hero, figure = make_image("hero"), make_image("figure")
        body = [
            ("image", {"image": figure, "alt_text": "roller", "caption": "", "attribution": ""})
        ]
        page = make_article(self.index, "pics", body=body, hero_image=hero, publish=False)
        links = extract_links(page)
        got = {(link.field, link.path, link.source, link.kind, link.target_id) for link in links}
        self.assertEqual(
            got,
            {
                ("hero_image", "", Source.IMAGE_FIELD, Kind.IMAGE, hero.pk),
                ("body", "0.image.image", Source.IMAGE_BLOCK, Kind.IMAGE, figure.pk),
            },
        )

    def test_review_buy_links_are_found(self):
        page = make_article(self.index, "rev", model=ProductReviewPage, body=[])
        page.buy_links = [ReviewBuyLink(retailer="Shop", url="https://shop.example.org/roller")]
        (link,) = extract_links(page)
        self.assertEqual(
            link,
            FoundLink(
                "buy_links.0.url",
                "",
                Source.URL_FIELD,
                Kind.EXTERNAL,
                "https://shop.example.org/roller",
                None,
                "Shop",
            ),
        )

    def test_author_website_profile_links_and_bio(self):
        author = Author(
            name="Ana",
            slug="ana-x",
            website="https://ana.example.org/",
            bio=f'<p>Works at <a href="{EXT}/clinic">the clinic</a>.</p>',
        )
        author.profile_links = [
            AuthorProfileLink(label="LinkedIn", url="https://profiles.example.org/ana")
        ]
        got = [(link.field, link.url, link.text) for link in extract_links(author)]
        self.assertEqual(
            got,
            [
                ("bio", f"{EXT}/clinic", "the clinic"),
                ("website", "https://ana.example.org/", "website"),
                ("profile_links.0.url", "https://profiles.example.org/ana", "LinkedIn"),
            ],
        )


class TestVersions(TestCase):
    """Live links are recorded as live; a newer draft adds only what the live version lacks."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()

    def test_draft_only_links_are_marked_draft(self):
        page = make_article(
            self.index, "v", body=[("paragraph", f'<p><a href="{EXT}/a">a</a></p>')]
        )
        draft = page.get_latest_revision_as_object()
        draft.body = [
            ("heading", {"text": "New", "level": "h2", "anchor": ""}),
            ("paragraph", f'<p><a href="{EXT}/a">a</a> <a href="{EXT}/b">b</a></p>'),
        ]
        draft.save_revision()
        page.refresh_from_db()
        got = [(version, link.url, link.path) for version, link in found_links(page)]
        self.assertEqual(
            got,
            [
                (Link.Version.LIVE, f"{EXT}/a", "0.paragraph"),
                (Link.Version.DRAFT, f"{EXT}/b", "1.paragraph"),
            ],
        )

    def test_never_published_page_is_a_draft(self):
        page = make_article(
            self.index, "d", body=[("paragraph", f'<p><a href="{EXT}">a</a></p>')], publish=False
        )
        self.assertEqual([v for v, _ in found_links(page)], [Link.Version.DRAFT])

    def test_author_draft_is_read_from_its_revision(self):
        author = make_author("bo", website="https://old.example.org/")
        author.website = "https://new.example.org/"
        author.save_revision()
        author.refresh_from_db()
        got = [(version, link.url) for version, link in found_links(author)]
        self.assertEqual(
            got,
            [
                (Link.Version.LIVE, "https://old.example.org/"),
                (Link.Version.DRAFT, "https://new.example.org/"),
            ],
        )
