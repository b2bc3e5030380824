"""CI worker check, run by scripts/ci_worker_check.sh inside a configured Django process.

Publishes a page whose one link points at a loopback server started here, then waits (bounded)
for the separate db_worker process to run the queued link check and store its result.
"""

from __future__ import annotations

import sys
import time

import django

django.setup()

from django.conf import settings  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from linkcheck.models import Link  # noqa: E402
from tests.factories import make_article, make_site  # noqa: E402
from tests.linkcheck.httpserver import LinkServer  # noqa: E402

TIMEOUT = 60.0
TASK = "linkcheck.tasks.check_object_links"


def main() -> int:
    backend = settings.TASKS["default"]["BACKEND"]
    if backend != "django_tasks_db.DatabaseBackend":
        print(f"worker check: TASKS backend is {backend}, not the database queue", file=sys.stderr)
        return 1
    with LinkServer(lifetime=TIMEOUT + 30) as server:
        _home, index = make_site()
        url = server.url("/missing")
        body = [("paragraph", f'<p>A <a href="{url}">dead study</a>.</p>')]
        page = make_article(index, "worker-check", body=body)  # publish -> on_commit -> enqueue
        deadline = time.monotonic() + TIMEOUT
        result = None
        while time.monotonic() < deadline:
            result = (
                DBTaskResult.objects.filter(task_path=TASK, args_kwargs__kwargs__object_id=page.pk)
                .order_by("-enqueued_at")
                .first()
            )
            if result is not None and result.status in ("SUCCESSFUL", "FAILED"):
                break
            time.sleep(0.25)
        if result is None:
            print("worker check: no link-check task was enqueued on publish", file=sys.stderr)
            return 1
        if result.status != "SUCCESSFUL":
            print(
                f"worker check: task ended as {result.status}: {result.exception_class_path} {result.traceback}",
                file=sys.stderr,
            )
            return 1
        link = Link.objects.get(page=page)
        if (link.status, link.checked_url.http_status) != ("broken", 404):
            print(f"worker check: stored {link.status} {link.reason!r}", file=sys.stderr)
            return 1
        if server.hits["/missing"] == 0:
            print("worker check: the worker never reached the loopback server", file=sys.stderr)
            return 1
        print(f"worker check: task {result.id} ran in the worker; link stored as broken (HTTP 404)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
