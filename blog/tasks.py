"""Background work of the blog: a published post's image renditions, made before readers ask.

Without it the first reader of a new post (or a CDN filling its cache) waits while Pillow
makes a dozen WebP and JPEG files; with a worker the publish returns at once and the page's
first view finds them made. The embedded default runs tasks inline, after the commit.
"""

from __future__ import annotations

from django_tasks import task

from .models import ArticlePage
from .pictures import make_post_renditions


@task()
def make_renditions(page_id: int) -> int:
    """Make the renditions a live post's page asks for; how many images it handled (0 for a
    post that is gone or was unpublished since)."""
    page = ArticlePage.objects.live().filter(pk=page_id).specific().first()
    return make_post_renditions(page) if page is not None else 0
