"""Background tasks: check one object's links after it is published."""

from __future__ import annotations

from django_tasks import task
from wagtail.models import Page

from blog.models import Author
from linkcheck import service

PAGE = "page"
AUTHOR = "author"


@task()
def check_object_links(kind: str, object_id: int, external: bool = True) -> dict:
    """Extract and check the links of one page or author (gone by now: nothing to do)."""

    model = Page if kind == PAGE else Author
    obj = model.objects.filter(pk=object_id).first()
    if obj is None:
        return {"skipped": f"{kind} {object_id} no longer exists"}
    return service.check_object(obj, external=external).as_dict()
