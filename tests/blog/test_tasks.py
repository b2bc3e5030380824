"""A published post's renditions are made by a task after the commit, not on its first view."""

from unittest import mock

from django.test import TestCase, override_settings
from wagtail.images import get_image_model

from blog.models import ArticlePage
from blog.pictures import post_rendition_specs
from blog.tasks import make_renditions
from tests.factories import make_article, make_image, make_site


class RenditionsOnPublishTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.hero = make_image("Hero serum")

    def renditions(self) -> set[str]:
        model = get_image_model().get_rendition_model()
        return set(model.objects.filter(image=self.hero).values_list("filter_spec", flat=True))

    def test_publishing_makes_every_rendition_the_page_shows(self):
        with self.captureOnCommitCallbacks(execute=True):
            post = make_article(self.index, "serum", hero_image=self.hero)
        wanted = post_rendition_specs(ArticlePage.objects.get(pk=post.pk))[self.hero.pk]
        self.assertGreater(len(wanted), 5)
        self.assertTrue(wanted <= self.renditions(), wanted - self.renditions())

    def test_it_is_queued_once_after_the_commit_and_never_for_a_draft(self):
        with mock.patch("blog.signal_handlers.make_renditions") as task:
            with self.captureOnCommitCallbacks(execute=True):
                make_article(self.index, "draft", hero_image=self.hero, publish=False)
            task.enqueue.assert_not_called()
            with self.captureOnCommitCallbacks(execute=True):
                post = make_article(self.index, "serum", hero_image=self.hero)
                task.enqueue.assert_not_called()  # a worker must not read before the commit
            task.enqueue.assert_called_once_with(post.pk)

    @override_settings(SKINCARE_BLOG_RENDITIONS_ON_PUBLISH=False)
    def test_the_setting_turns_it_off(self):
        with self.captureOnCommitCallbacks(execute=True):
            make_article(self.index, "serum", hero_image=self.hero)
        self.assertEqual(self.renditions(), set())

    def test_a_post_unpublished_before_the_task_runs_is_skipped(self):
        post = make_article(self.index, "serum", hero_image=self.hero)
        ArticlePage.objects.get(pk=post.pk).unpublish()
        self.assertEqual(make_renditions.call(post.pk), 0)
        self.assertEqual(self.renditions(), set())
