"""Publishing a page or author queues a link check that runs through django-tasks."""

from unittest import mock

from django.test import TestCase, override_settings
from django_tasks import TaskResultStatus

from linkcheck import signal_handlers, tasks
from linkcheck.models import Link
from tests.factories import make_article, make_author, make_site
from tests.linkcheck.httpserver import LinkServer
from tests.linkcheck.linkdata import FAST


@override_settings(**FAST)
class TestPublishSignal(TestCase):
    """page_published and Author publish run check_object_links after commit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = LinkServer(lifetime=120).start()
        cls.addClassCleanup(cls.server.stop)

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()

    def test_publishing_a_page_checks_its_links(self):
        body = [("paragraph", f'<p><a href="{self.server.url("/missing")}">gone</a></p>')]
        with self.captureOnCommitCallbacks(execute=True):
            page = make_article(self.index, "p", body=body)
        link = Link.objects.get(page=page)
        self.assertEqual((link.status, link.version), ("broken", "live"))

    def test_publishing_an_author_checks_their_links(self):
        author = make_author("dee", website=self.server.url("/ok"), live=False)
        with self.captureOnCommitCallbacks(execute=True):
            author.save_revision().publish()
        self.assertEqual(Link.objects.get(author=author).status, "ok")

    def test_the_task_is_enqueued_with_the_page(self):
        with (
            mock.patch.object(signal_handlers, "check_object_links") as task,
            self.captureOnCommitCallbacks(execute=True),
        ):
            page = make_article(self.index, "q")
        task.enqueue.assert_called_once_with(kind="page", object_id=page.pk, external=True)

    def test_nothing_is_queued_before_commit(self):
        with mock.patch.object(signal_handlers, "check_object_links") as task:
            with self.captureOnCommitCallbacks(execute=False) as callbacks:
                make_article(self.index, "r")
            task.enqueue.assert_not_called()
            for callback in callbacks:
                callback()
            task.enqueue.assert_called_once()

    @override_settings(SKINCARE_LINKCHECK_ON_PUBLISH="internal")
    def test_internal_mode_fetches_nothing(self):
        body = [("paragraph", f'<p><a href="{self.server.url("/ok")}">x</a></p>')]
        self.server.reset()
        with self.captureOnCommitCallbacks(execute=True):
            page = make_article(self.index, "s", body=body)
        self.assertEqual(
            (Link.objects.get(page=page).status, self.server.total_hits), ("pending", 0)
        )

    @override_settings(SKINCARE_LINKCHECK_ON_PUBLISH="off")
    def test_off_mode_queues_nothing(self):
        with (
            mock.patch.object(signal_handlers, "check_object_links") as task,
            self.captureOnCommitCallbacks(execute=True),
        ):
            make_article(self.index, "t")
        task.enqueue.assert_not_called()

    def test_task_result_reports_the_summary(self):
        page = make_article(
            self.index,
            "u",
            body=[("paragraph", f'<p><a href="{self.server.url("/ok")}">x</a></p>')],
        )
        outcome = tasks.check_object_links.enqueue(kind="page", object_id=page.pk)
        self.assertEqual(outcome.status, TaskResultStatus.SUCCESSFUL)
        self.assertEqual(outcome.return_value["statuses"], {"ok": 1})

    def test_a_deleted_object_is_skipped(self):
        outcome = tasks.check_object_links.enqueue(kind="page", object_id=999999)
        self.assertIn("no longer exists", outcome.return_value["skipped"])


class TestTargetChanges(TestCase):
    """Unpublishing or deleting a page re-resolves the links that point at it."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()

    def linking_page(self, target):
        from linkcheck.links import sync_links

        body = [("paragraph", f'<p><a linktype="page" id="{target.pk}">see</a></p>')]
        page = make_article(self.index, f"to-{target.slug}", body=body)
        sync_links(page)
        return page

    def test_unpublishing_the_target_breaks_the_link(self):
        target = make_article(self.index, "soon-draft")
        page = self.linking_page(target)
        with self.captureOnCommitCallbacks(execute=True):
            target.unpublish()
        self.assertEqual(Link.objects.get(page=page).issue, "page_unpublished")

    def test_deleting_the_target_breaks_the_link(self):
        target = make_article(self.index, "soon-gone")
        page = self.linking_page(target)
        with self.captureOnCommitCallbacks(execute=True):
            target.delete()
        self.assertEqual(Link.objects.get(page=page).issue, "page_deleted")
