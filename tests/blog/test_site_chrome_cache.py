"""The menu and site settings in base.html are cached per content generation: a reader sees
an editor's change on the next request."""

from __future__ import annotations

from django.core.cache import cache
from django.test import TestCase

from pages.models import SiteSettings
from tests.factories import make_site


class TestSiteChromeCache(TestCase):
    def setUp(self):
        cache.clear()
        self.home, self.index = make_site()

    def test_menu_follows_publishing(self):
        self.assertNotContains(self.client.get("/"), 'href="/blog/">Blog</a>')
        self.index.show_in_menus = True
        self.index.save_revision().publish()
        self.assertContains(self.client.get("/"), 'href="/blog/">Blog</a>')
        self.index.unpublish()
        self.assertNotContains(self.client.get("/"), 'href="/blog/">Blog</a>')

    def test_tagline_follows_settings(self):
        self.assertContains(self.client.get("/"), "· Skin Notes</title>")
        settings = SiteSettings.for_site(self.home.get_site())
        settings.tagline = "Calm skin"
        settings.save()
        self.assertContains(self.client.get("/"), "· Calm skin</title>")
