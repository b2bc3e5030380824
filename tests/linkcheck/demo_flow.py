"""An editor's publish through the admin, run as a second process against a real database.

Used by test_worker.py (beside a running ``scripts/run_demo.py``) and by the publish-latency
benchmark. Run inside a configured Django process::

    python -m tests.linkcheck.demo_flow setup
    python -m tests.linkcheck.demo_flow publish SLUG URL [URL ...]
    python -m tests.linkcheck.demo_flow schedule

Each prints one JSON object on stdout.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import timedelta

import django

if __name__ == "__main__":
    django.setup()

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from blog.models import Author, BlogIndexPage
from tests.factories import make_article, make_author, make_site

EDITOR = "demo-flow-editor"


def article_form(author: Author, slug: str, urls: list[str]) -> dict:
    """The add-article form with one paragraph linking to every URL, published."""
    anchors = " ".join(f'<a href="{url}">source {i}</a>' for i, url in enumerate(urls, 1))
    body = streamfield([("paragraph", rich_text(f"<p>Sources: {anchors}</p>"))])
    return nested_form_data(
        {
            "title": slug.replace("-", " ").title(),
            "slug": slug,
            "dek": "",
            "summary": "",
            "hero_alt": "",
            "body": body,
            "tags": "",
            "article_authors": inline_formset([{"author": author.pk}], min=1),
            "medical_reviewer": "",
            "last_reviewed": "",
            "published_date": "",
            "updated_date": "",
            "action-publish": "action-publish",
        }
    )


def editor_client() -> Client:
    user = get_user_model().objects.filter(username=EDITOR).first()
    if user is None:
        user = get_user_model().objects.create_superuser(EDITOR, "editor@example.com", None)
    client = Client()
    client.force_login(user)
    return client


def publish(client: Client, slug: str, urls: list[str]) -> dict:
    """Post the admin's add-article form with "Publish"; time the request."""
    index = BlogIndexPage.objects.get(slug="blog")
    author = Author.objects.order_by("pk").first()
    add_url = reverse("wagtailadmin_pages:add", args=("blog", "articlepage", index.pk))
    started = time.perf_counter()
    response = client.post(add_url, article_form(author, slug, urls))
    seconds = time.perf_counter() - started
    # A fresh query: the index instance predates its new child (treebeard's numchild).
    page = Page.objects.child_of(index).filter(slug=slug).first()
    return {
        "status_code": response.status_code,
        "seconds": seconds,
        "page_id": page.pk if page else None,
        "live": bool(page and page.live),
    }


def setup() -> dict:
    """A site, a blog index and an author (once)."""
    if not BlogIndexPage.objects.filter(slug="blog").exists():
        make_site()
    if not Author.objects.exists():
        make_author("demo-flow")
    editor_client()
    return {"index": BlogIndexPage.objects.get(slug="blog").pk}


def schedule() -> dict:
    """One page approved to go live in two seconds, one live page expiring in two seconds."""
    index = BlogIndexPage.objects.get(slug="blog")
    soon = timezone.now() + timedelta(seconds=2)
    scheduled = make_article(index, "scheduled-demo", publish=False, go_live_at=soon)
    scheduled.save_revision().publish()  # a future go_live_at: approved, not live yet
    expiring = make_article(index, "expiring-demo", expire_at=soon)
    scheduled.refresh_from_db()
    return {"scheduled": scheduled.pk, "scheduled_live": scheduled.live, "expiring": expiring.pk}


def main(argv: list[str]) -> int:
    command, args = argv[0], argv[1:]
    if command == "setup":
        result = setup()
    elif command == "publish":
        result = publish(editor_client(), args[0], args[1:])
    elif command == "schedule":
        result = schedule()
    else:
        print(f"unknown command {command!r}", file=sys.stderr)
        return 2
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
