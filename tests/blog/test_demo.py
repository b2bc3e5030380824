import hashlib
from collections import Counter
from io import StringIO

from django.core.cache import cache
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from blog.models import ArticlePage, Author, ProductReviewPage
from pages.pictures import picture_specs


def run_command() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


class TestLoadDemo(WagtailPageTestCase):
    # One load for the class (a load makes every picture and page: seconds, not milliseconds);
    # each test runs in a transaction on top of it.
    @classmethod
    def setUpTestData(cls):
        cls.first_output = run_command()

    def test_builds_a_browsable_site_and_is_idempotent(self):
        self.assertIn("user admin  password skincare-demo", self.first_output)
        counts = (Page.objects.count(), Author.objects.count(), ArticlePage.objects.count())
        second = run_command()
        self.assertIn("0 created", second)
        self.assertEqual(
            (Page.objects.count(), Author.objects.count(), ArticlePage.objects.count()), counts
        )
        self.assertGreaterEqual(ArticlePage.objects.exact_type(ArticlePage).live().count(), 5)
        self.assertGreaterEqual(ProductReviewPage.objects.live().count(), 3)
        self.assertEqual(Author.objects.filter(live=True).count(), 4)
        self.assertEqual(Author.objects.filter(can_review=True).count(), 2)

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
        used = {block.block_type for page in ArticlePage.objects.all() for block in page.body}
        self.assertTrue({"benefits", "phases", "citations"} <= used)

    def test_every_post_and_author_has_a_picture_of_its_own(self):
        posts = ArticlePage.objects.select_related("hero_image")
        authors = Author.objects.select_related("photo")
        pictures = [p.hero_image for p in posts] + [a.photo for a in authors]
        self.assertNotIn(None, pictures)
        digests = set()
        for picture in pictures:
            with picture.open_file() as handle:
                digests.add(hashlib.sha256(handle.read()).hexdigest())
        self.assertEqual(len(digests), len(pictures))
        self.assertGreaterEqual(min(p.hero_image.width for p in posts), 1920)

    def test_pictures_are_made_before_the_first_visit(self):
        wanted = set(picture_specs("hero")) | set(picture_specs("card"))
        for post in ArticlePage.objects.select_related("hero_image"):
            with self.subTest(post=post.slug):
                made = set(post.hero_image.renditions.values_list("filter_spec", flat=True))
                self.assertLessEqual(wanted, made)

    def test_first_views_of_posts_make_no_renditions(self):
        # Each rendition a first view makes costs it a resize (Lighthouse's cold score).
        cache.clear()
        renditions = get_image_model().get_rendition_model().objects
        before = renditions.count()
        for post in ArticlePage.objects.live():
            with self.subTest(post=post.slug):
                self.assertEqual(self.client.get(post.url).status_code, 200)
                self.assertEqual(renditions.count(), before)

    def test_reviews_have_their_own_product_image(self):
        for review in ProductReviewPage.objects.select_related("product_image"):
            with self.subTest(review=review.slug):
                self.assertNotEqual(review.product_image_id, review.hero_image_id)
                self.assertTrue(review.product_image_alt.startswith(f"The {review.product_name}"))

    def test_lists_and_filters_have_something_to_show(self):
        tags = Counter(tag.slug for page in ArticlePage.objects.live() for tag in page.tags.all())
        self.assertGreaterEqual(len([t for t, n in tags.items() if n >= 2]), 4)
        index = self.client.get("/blog/").content.decode()
        self.assertGreaterEqual(index.count('<article class="card">'), 8)
        for author in Author.objects.filter(live=True):
            with self.subTest(author=author.slug):
                response = self.client.get("/blog/", {"author": author.slug})
                self.assertContains(response, '<article class="card">')
        for slug, _n in tags.most_common(4):
            with self.subTest(tag=slug):
                response = self.client.get("/blog/", {"tag": slug})
                self.assertGreaterEqual(response.content.count(b'<article class="card">'), 2)

    def test_demo_admin_can_log_in(self):
        self.assertTrue(self.client.login(username="admin", password="skincare-demo"))
        self.assertEqual(self.client.get("/admin/").status_code, 200)
