"""Editor hints: the warning an editor sees when what they open has link problems."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.models import Page

from linkcheck.problems import author_problem_count, page_problem_count


def _warn(request, count: int, report_url: str, text: str) -> None:
    # Only on the GET that opens the editor: a POST redirects and would show it twice.
    if request.method != "GET" or not count:
        return
    messages.warning(
        request, text % {"n": count}, buttons=[messages.button(report_url, _("Review links"))]
    )


def warn_page_link_problems(request, page: Page) -> None:
    count = page_problem_count(page)
    text = ngettext(
        "This page has %(n)d link problem.", "This page has %(n)d link problems.", count
    )
    _warn(request, count, reverse("linkcheck:report") + f"?page={page.pk}", text)


def warn_author_link_problems(request, author) -> None:
    count = author_problem_count(author)
    text = ngettext(
        "This author profile has %(n)d link problem.",
        "This author profile has %(n)d link problems.",
        count,
    )
    _warn(request, count, reverse("linkcheck:report") + f"?author={author.pk}", text)
