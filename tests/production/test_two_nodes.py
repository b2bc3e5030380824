"""Two gunicorn nodes sharing one PostgreSQL database, one Redis cache and one task worker.

The deployment `make two-nodes` runs (scripts/prodstack.py), started here on free ports with a
scratch database. Content is published by a separate process through the ORM, as a shell, an
import or another node would. Checks: node B serves the publish at once (API and HTML), the
publish's webhook and link check run exactly once whatever the number of nodes, and a node
restart loses nothing (tasks queued while the worker and node B were down still run, once).
Every wait is a bounded number of polls; nothing asserts a duration.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import redis
from django.test import SimpleTestCase

from scripts.prodstack import Stack, drop_database, manage, prepare, production_env
from tests.content_api.receiver import Receiver
from tests.linkcheck.httpserver import LinkServer

from .services import POSTGRES_URL, REDIS_URL, require_services

POLLS = 240
POLL_PAUSE = 0.25

SETUP = """
import json
from content_api.models import WebhookEndpoint
from tests.factories import make_site
home, index = make_site()
WebhookEndpoint.objects.create(name="front end", url={hook!r})
print(json.dumps({{"index": index.pk}}))
"""

PUBLISH = """
import json
from blog.models import BlogIndexPage
from tests.factories import make_article
index = BlogIndexPage.objects.get(slug="blog")
body = [("paragraph", '<p>See <a href="{link}">the study</a>.</p>')]
page = make_article(index, {slug!r}, title={title!r}, body=body)
print(json.dumps({{"id": page.pk}}))
"""

TASKS = """
import json
from django_tasks_db.models import DBTaskResult
print(json.dumps([[r.task_path, r.status, r.args_kwargs] for r in DBTaskResult.objects.all()]))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=15) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, ""


class TestTwoNodes(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        require_services()
        cls.tmp = Path(tempfile.mkdtemp(prefix="skincare-two-nodes-"))
        cls.receiver = Receiver().__enter__()
        cls.links = LinkServer(lifetime=600).start()
        cls.database_url = f"{POSTGRES_URL}/skincare_two_nodes_{os.getpid()}"
        redis.Redis.from_url(REDIS_URL).flushdb()
        cls.env = production_env(
            {
                "DATABASE_URL": cls.database_url,
                "REDIS_URL": REDIS_URL,
                "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
                # Hashed names without the gzip/Brotli copies: seconds instead of minutes.
                "SKINCARE_STATIC_COMPRESS": "0",
                "SKINCARE_MEDIA_URL": "",
                # The worker may reach only this test's loopback servers.
                "SKINCARE_LINKCHECK_ALLOWLIST": f"127.0.0.1:{cls.links.port}",
                "SKINCARE_API_WEBHOOK_ALLOWLIST": cls.receiver.url.split("/")[2],
                "SKINCARE_TASKS_BACKEND": "",
                "DJANGO_SECRET_KEY": "two-nodes-test-" + "k" * 40,
            }
        )
        cls.stack = Stack(cls.env, workers=1, threads=2, log_dir=cls.tmp)
        try:
            prepare(cls.env)
            cls.shell(SETUP.format(hook=cls.receiver.url))
            cls.port_a, cls.port_b = free_port(), free_port()
            cls.stack.start_worker(interval=0.2)
            cls.stack.start_node("node-a", cls.port_a)
            cls.stack.start_node("node-b", cls.port_b)
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.stack.stop_all()
        cls.links.stop()
        cls.receiver.__exit__(None, None, None)
        drop_database(cls.database_url)
        shutil.rmtree(cls.tmp, ignore_errors=True)
        super().tearDownClass()

    @classmethod
    def shell(cls, code: str):
        return json.loads(manage(cls.env, "shell", "-c", code).strip().splitlines()[-1])

    def publish(self, slug: str, title: str) -> int:
        link = self.links.url(f"/ok/{slug}")
        return self.shell(PUBLISH.format(link=link, slug=slug, title=title))["id"]

    def deliveries(self, page_id: int) -> list[dict]:
        found = [json.loads(r.body) for r in self.receiver.received]
        return [d for d in found if d["data"].get("id") == page_id]

    def settled_tasks(self, page_id: int, *, expected_deliveries: int) -> list:
        """This page's tasks once the worker has finished everything queued (bounded polls)."""
        for _ in range(POLLS):
            tasks = self.shell(TASKS)
            if len(self.deliveries(page_id)) >= expected_deliveries and all(
                status in ("SUCCESSFUL", "FAILED") for _path, status, _args in tasks
            ):
                return tasks
            time.sleep(POLL_PAUSE)
        raise self.failureException(f"the worker did not finish: {tasks}")

    def assert_served_by(self, port: int, page_id: int, slug: str, title: str) -> None:
        status, body = fetch(port, f"/api/v1/articles/{page_id}")
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body)["title"], title)
        status, body = fetch(port, "/api/v1/articles")
        self.assertIn(slug, [card["slug"] for card in json.loads(body)["results"]])
        status, body = fetch(port, f"/blog/{slug}/")
        self.assertEqual(status, 200)
        self.assertIn(title, body)
        self.assertIn(f"/blog/{slug}/", fetch(port, "/blog/")[1])

    def assert_ran_once(self, page_id: int, slug: str) -> None:
        tasks = self.settled_tasks(page_id, expected_deliveries=1)
        checks = [
            t
            for t in tasks
            if t[0] == "linkcheck.tasks.check_object_links"
            and t[2]["kwargs"].get("object_id") == page_id
        ]
        self.assertEqual([t[1] for t in checks], ["SUCCESSFUL"])
        self.assertEqual(self.links.hits[f"/ok/{slug}"], 1)
        events = [d["event"] for d in self.deliveries(page_id)]
        self.assertEqual(events, ["published"])

    def test_publish_served_by_the_other_node_at_once_and_side_effects_run_once(self):
        # Node B has the lists (and the missing post) in its cache before the publish.
        self.assertEqual(fetch(self.port_b, "/api/v1/articles")[0], 200)
        self.assertEqual(fetch(self.port_b, "/blog/")[0], 200)
        self.assertEqual(fetch(self.port_b, "/blog/shared-cache/")[0], 404)

        page_id = self.publish("shared-cache", "Shared cache notes")

        # First read after the publishing process exits: no polling.
        self.assert_served_by(self.port_b, page_id, "shared-cache", "Shared cache notes")
        self.assert_served_by(self.port_a, page_id, "shared-cache", "Shared cache notes")
        self.assert_ran_once(page_id, "shared-cache")

    def test_restarting_a_node_and_the_worker_loses_nothing(self):
        self.assertEqual(fetch(self.port_b, "/api/v1/articles")[0], 200)
        # Node B dies (SIGKILL: no graceful shutdown) and the worker is down too.
        self.stack.stop("node-b", sig=9)
        self.stack.stop("worker")
        page_id = self.publish("while-down", "Written while node B was down")
        self.assertEqual(self.deliveries(page_id), [])  # queued, not sent: no worker

        self.stack.start_node("node-b", self.port_b)
        self.assert_served_by(self.port_b, page_id, "while-down", "Written while node B was down")
        self.stack.start_worker(interval=0.2)
        self.assert_ran_once(page_id, "while-down")
