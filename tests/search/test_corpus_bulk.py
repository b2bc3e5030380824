"""The search benchmark's bulk corpus: valid tree, routable pages, covered by the index."""

from django.core.management import call_command
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.test.utils import WagtailPageTestCase

from benchmarks.corpus_bulk import build_corpus, post_dates
from blog.models import ArticlePage, ProductReviewPage
from blog.search.ranking import index_model


def posts_in_index(ids):
    return index_model("IndexEntry").objects.filter(
        content_type_id__in=get_descendants_content_types_pks(ArticlePage),
        object_id__in=[str(pk) for pk in ids],
    )


class TestBulkCorpus(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.corpus = build_corpus(25)

    def test_tree_is_valid(self):
        problems = Page.find_problems()
        self.assertEqual([list(p) for p in problems], [[]] * len(problems))
        self.assertEqual(self.corpus["index"].numchild, 25)
        self.assertEqual(ArticlePage.objects.count(), 25)
        self.assertEqual(ProductReviewPage.objects.count(), 2)
        # Each review's rows share one id across the three tables.
        self.assertEqual(ArticlePage.objects.filter(productreviewpage__isnull=False).count(), 2)
        self.assertEqual(
            set(ProductReviewPage.objects.values_list("pk", flat=True)),
            {pk for n, pk in enumerate(self.corpus["ids"]) if n % 10 == 9},
        )

    def test_pages_are_routed_and_new_pages_still_fit(self):
        post = ArticlePage.objects.get(pk=self.corpus["ids"][3])
        self.assertEqual(self.client.get(post.url).status_code, 200)
        added = self.corpus["index"].add_child(instance=ArticlePage(title="After", slug="after"))
        self.assertGreater(added.pk, max(self.corpus["ids"]))
        self.assertEqual(Page.find_problems()[0], [])

    def test_every_post_is_in_the_search_index_and_found(self):
        entries = posts_in_index(self.corpus["ids"])
        self.assertEqual(entries.count(), 25)
        review = ProductReviewPage.objects.first()
        found = get_search_backend().search(review.product_name, ArticlePage)
        self.assertIn(review.pk, [page.pk for page in found])

    def test_update_index_rebuilds_the_same_entries(self):
        call_command("update_index", verbosity=0)
        entries = posts_in_index(self.corpus["ids"])
        self.assertEqual(entries.count(), 25)


class TestPostDates(WagtailPageTestCase):
    def test_dates_never_pass_today_at_any_size(self):
        from datetime import date

        today = date(2026, 1, 1)
        for count in (10, 2_500, 100_000):
            with self.subTest(count=count):
                days = [post_dates(i, count, today) for i in (0, count // 2, count - 1)]
                self.assertEqual(days, sorted(days))
                self.assertEqual(days[-1], today)
                self.assertGreaterEqual((today - days[0]).days, 3000)
