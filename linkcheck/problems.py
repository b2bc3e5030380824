"""Which links are problems an editor should look at, and how many an object has."""

from __future__ import annotations

from django.db.models import Q
from wagtail.models import Page

from linkcheck.models import PROBLEM_STATUSES, Link


def problem_links():
    """Links an editor should look at: not ignored, with a problem status or an issue."""
    return Link.objects.filter(ignored=False).filter(
        Q(status__in=[str(s) for s in PROBLEM_STATUSES]) | ~Q(issue="")
    )


def page_problem_count(page: Page) -> int:
    """Problem links on one page (the editor warning)."""
    return problem_links().filter(page_id=page.pk).count()


def author_problem_count(author) -> int:
    """Problem links on one author profile (the snippet editor warning)."""
    return problem_links().filter(author_id=author.pk).count()
