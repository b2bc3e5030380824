"""The one sanitiser (pages.richtext) against the public payload corpus."""

from __future__ import annotations

from django.test import SimpleTestCase

from pages.richtext import safe_url, sanitise_html, sanitise_stored

from .corpus import active_content, payloads, script_urls


class TestSanitiser(SimpleTestCase):
    def test_no_payload_survives_either_format(self):
        for name, sanitise in (("html", sanitise_html), ("stored", sanitise_stored)):
            stored = sanitise is sanitise_stored
            left = [p for p in payloads() if active_content(sanitise(p), stored_format=stored)]
            print(f"sanitise_{name}: {len(payloads())} payloads tried, {len(left)} left active")
            self.assertEqual(left, [], name)

    def test_stored_format_keeps_internal_links_and_embeds(self):
        stored = (
            '<p>See <a linktype="page" id="3">aftercare</a> and '
            '<a linktype="document" id="7">the leaflet</a>.</p>'
            '<embed embedtype="image" id="5" format="left" alt="A roller"/>'
        )
        cleaned = sanitise_stored(stored)
        for kept in ('<a linktype="page" id="3">', '<a linktype="document" id="7">'):
            self.assertIn(kept, cleaned)
        self.assertIn('embedtype="image" id="5" format="left" alt="A roller"', cleaned)

    def test_unterminated_marked_section_is_dropped(self):
        self.assertEqual(sanitise_stored("<p>a<![>b</p>"), "<p>ab</p>")

    def test_safe_url_allows_only_http_and_https(self):
        for url in script_urls():
            with self.subTest(url=url):
                self.assertEqual(safe_url(url), "")
        self.assertEqual(safe_url(" https://example.com/a "), "https://example.com/a")
        self.assertEqual(safe_url("ftp://example.com/"), "")
        self.assertEqual(safe_url("//example.com/"), "")
