"""Readers on the bundled site, in a real browser."""

from django.core.management import call_command

from tests.browser.base import BrowserTestCase


class TestReaderJourney(BrowserTestCase):
    def setUp(self):
        super().setUp()
        call_command("load_demo", "--no-admin", stdout=open("/dev/null", "w"))  # noqa: SIM115

    def test_home_to_article_with_timeline_and_contents(self):
        self.visit("/")
        self.page.get_by_role("link", name="Journal").first.click()
        self.page.get_by_role(
            "link", name="How Skin Heals After Microneedling: The Three Phases"
        ).click()
        self.assertIn("/blog/skin-recovery-phases/", self.page.url)
        phases = self.page.locator("ol.timeline > li.phase")
        self.assertEqual(phases.count(), 3)
        self.assertEqual(phases.nth(1).locator("h3").inner_text(), "Proliferative phase")
        self.page.locator("nav.toc").get_by_role("link", name="The healing timeline").click()
        self.assertTrue(self.page.url.endswith("#the-healing-timeline"))
        self.assertTrue(self.page.locator("#the-healing-timeline").is_visible())

    def test_review_shows_specs_and_sponsored_links(self):
        self.visit("/blog/lumen-glide-pen-review/")
        specs = self.page.locator("table.specs")
        self.assertIn("0.25–2.5 mm", specs.inner_text())
        buy = self.page.get_by_role("link", name="Buy at Lumen Skin Tools shop")
        self.assertEqual(buy.get_attribute("rel"), "sponsored nofollow")
        self.assertTrue(self.page.locator(".disclosure").is_visible())

    def test_search_from_the_header(self):
        self.visit("/")
        self.page.get_by_label("Search", exact=True).first.fill("remodelling")
        self.page.get_by_role("button", name="Search").first.click()
        self.assertIn("/search/?q=remodelling", self.page.url)
        self.assertTrue(
            self.page.get_by_role(
                "link", name="How Skin Heals After Microneedling: The Three Phases"
            ).is_visible()
        )
