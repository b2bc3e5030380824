from io import StringIO

from django.core.management import call_command
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from blog.models import ArticlePage, Author, ProductReviewPage


class TestLoadDemo(WagtailPageTestCase):
    def run_command(self) -> str:
        out = StringIO()
        call_command("load_demo", stdout=out)
        return out.getvalue()

    def test_builds_a_browsable_site_and_is_idempotent(self):
        first = self.run_command()
        self.assertIn("user admin  password skincare-demo", first)
        counts = (Page.objects.count(), Author.objects.count(), ArticlePage.objects.count())
        second = self.run_command()
        self.assertIn("0 created", second)
        self.assertEqual(
            (Page.objects.count(), Author.objects.count(), ArticlePage.objects.count()), counts
        )
        self.assertGreaterEqual(ArticlePage.objects.exact_type(ArticlePage).live().count(), 3)
        self.assertGreaterEqual(ProductReviewPage.objects.live().count(), 1)
        self.assertEqual(Author.objects.filter(live=True).count(), 2)
        self.assertTrue(Author.objects.filter(can_review=True).exists())

        urls = [
            "/",
            "/blog/",
            "/blog/authors/",
            "/blog/authors/maya-okafor/",
            "/about/",
            "/search/?q=microneedling",
        ]
        urls += [page.url for page in ArticlePage.objects.live()]
        for url in urls:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_demo_posts_use_the_structured_blocks(self):
        self.run_command()
        used = {block.block_type for page in ArticlePage.objects.all() for block in page.body}
        self.assertTrue({"benefits", "phases", "citations"} <= used)

    def test_demo_admin_can_log_in(self):
        self.run_command()
        self.assertTrue(self.client.login(username="admin", password="skincare-demo"))
        self.assertEqual(self.client.get("/admin/").status_code, 200)
