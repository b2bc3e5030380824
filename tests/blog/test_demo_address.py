"""The demo site's links point at the address `make demo` serves, whatever HOST and PORT."""

from __future__ import annotations

import json
import re
import subprocess
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.test import SimpleTestCase
from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase

from blog.models import ArticlePage


class TestDemoAddress(WagtailPageTestCase):
    def load(self, *args: str) -> str:
        out = StringIO()
        call_command("load_demo", *args, stdout=out)
        return out.getvalue()

    def test_default_is_what_make_demo_serves(self):
        output = self.load()
        site = Site.objects.get(is_default_site=True)
        self.assertEqual((site.hostname, site.port), ("127.0.0.1", 8000))
        self.assertIn("http://127.0.0.1:8000/admin/", output)

    def test_every_link_uses_the_served_address(self):
        output = self.load("--host", "127.0.0.1", "--port", "8123")
        self.assertIn("Admin login: http://127.0.0.1:8123/admin/", output)
        base = "http://127.0.0.1:8123/"
        client = self.client_class(HTTP_HOST="127.0.0.1:8123")
        post = ArticlePage.objects.live().exclude(hero_image=None).first()

        page = client.get(post.url).content.decode()
        self.assertIn(f'<link rel="canonical" href="{base}', page)
        sitemap = client.get("/sitemap.xml").content.decode()
        feed = client.get("/feeds/rss/").content.decode()
        v1 = client.get(f"/api/v1/articles/{post.pk}").content.decode()
        v2 = client.get(f"/api/v2/pages/{post.pk}/?fields=hero_image").content.decode()
        for name, text in (("sitemap", sitemap), ("feed", feed), ("v1", v1), ("v2", v2)):
            with self.subTest(surface=name):
                urls = re.findall(r"https?://[^\s\"'<>]+", text)
                own = [u for u in urls if "localhost" in u or "127.0.0.1" in u]
                self.assertTrue(own)
                self.assertEqual([u for u in own if not u.startswith(base)], [])
        hero = json.loads(v1)["hero_image"]["renditions"]
        self.assertTrue(all(r["url"].startswith(base + "media/") for r in hero))

    def test_running_again_moves_the_site(self):
        self.load("--port", "8123")
        self.load("--host", "localhost", "--port", "9000")
        site = Site.objects.get(is_default_site=True)
        self.assertEqual((site.hostname, site.port), ("localhost", 9000))
        self.assertEqual(site.root_url, "http://localhost:9000")


class TestMakeDemoPassesTheAddress(SimpleTestCase):
    def test_load_demo_gets_host_and_port(self):
        dry_run = subprocess.run(
            ["make", "-n", "demo", "HOST=127.0.0.2", "PORT=8765"],  # noqa: S607 (make on PATH)
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        self.assertIn("load_demo --host 127.0.0.2 --port 8765", dry_run)
        self.assertIn("http://127.0.0.2:8765/admin/", dry_run)
